import type { ComponentType } from 'react';
import type { Moment } from '../api/client';
import type { Consensus, QuestionDetail, TimelineEntry } from '../api/types';
import type { PageState } from './url-state';

export type QuestionState = Extract<PageState, { page: 'question' }>;

/** What a question tab is given: the question now, its consensus as of the page's moment, and the page's state. */
export interface QuestionTabProps {
  question: QuestionDetail;
  /** The consensus now (live: updated as others write). */
  consensus: Consensus;
  /** The consensus as of the page's moment (the same object as `consensus` when there is none). */
  consensusAtMoment: Consensus;
  timeline: TimelineEntry[];
  /** The moment `consensusAtMoment` is of (undefined: now); it follows the URL once that consensus has arrived. */
  moment: Moment;
  state: QuestionState;
  /** Change the page's state (pushes a history entry; `replace` for continuous changes such as a slider). */
  update: (patch: Partial<QuestionState>, how?: 'push' | 'replace') => void;
}

/**
 * A feature folder (web/src/features/<name>/) joins the page by exporting, as the default of its
 * `feature.tsx`, what it adds: a tab of the question page, and/or a control in the header (the
 * sign-in control). The shell finds them at build time (import.meta.glob), so adding a folder needs
 * no edit to the shell.
 */
export interface WebFeature {
  id: string;
  tab?: { label: string; order: number; Component: ComponentType<QuestionTabProps> };
  HeaderControl?: ComponentType;
}

const found = import.meta.glob<{ default: WebFeature }>('../features/*/feature.tsx', { eager: true });

export const FEATURES: readonly WebFeature[] = Object.values(found)
  .map((module) => module.default)
  .filter((feature): feature is WebFeature => feature !== undefined && typeof feature.id === 'string');
