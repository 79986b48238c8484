import type { ClaimKind, ClaimRelation, EvidenceStance } from '../../src/ledger/question/question.events';
import type { EvidenceBaseScoreTable } from './evidence-base-score';
import type { ClaimLabel, LabelThresholds } from './labels';
import type { StanceTally } from './stances';
import type { ConsensusOptions, GroundedStatus } from './types';

/** A claim that bears directly on the explained one. */
export interface ClaimContributor {
  readonly kind: 'claim';
  readonly claimId: string;
  readonly text: string;
  /** The relations behind the edge, sorted: e.g. both `rebuts` and `undercuts`. */
  readonly relations: readonly ClaimRelation[];
  readonly strength: number;
  readonly grounded: GroundedStatus;
  /**
   * The explained claim's strength minus what it would be without this one contributor, all else
   * unchanged: negative when it pulled the claim down, positive when it pushed it up.
   */
  readonly effect: number;
}

/** A piece of evidence cited on the explained claim. Evidence is a leaf: its strength is its base. */
export interface EvidenceContributor {
  readonly kind: 'evidence';
  readonly evidenceId: string;
  readonly sourceId: string;
  /** From the `titleOf` option; null without one. */
  readonly sourceTitle: string | null;
  readonly stance: EvidenceStance;
  readonly locator: string | null;
  readonly strength: number;
  readonly effect: number;
}

export type Contributor = ClaimContributor | EvidenceContributor;

export interface ClaimExplanation {
  /** One sentence for a person, naming claims by their (shortened) text and sources by title. */
  readonly summary: string;
  /** Largest |effect| first. Empty for a retracted claim. */
  readonly attackers: readonly Contributor[];
  readonly supporters: readonly Contributor[];
}

export interface ClaimConsensus {
  readonly id: string;
  readonly text: string;
  readonly kind: ClaimKind;
  readonly label: ClaimLabel;
  /**
   * DF-QuAD strength; null for a retracted claim. A retracted claim is outside the framework and
   * has no current strength; its last one is in the timeline, and carrying it here would make the
   * result depend on history the question view no longer holds.
   */
  readonly strength: number | null;
  /** Grounded status; null for a retracted claim. */
  readonly grounded: GroundedStatus | null;
  /** Base score in the framework; null for a retracted claim. */
  readonly base: number | null;
  readonly explanation: ClaimExplanation;
  readonly stances: StanceTally;
}

export type QuestionStatus = 'open' | 'answered' | 'contested';

export type ResolutionDisagreement =
  /** The resolution accepts a claim the ledger does not; label null when it is no claim of this question. */
  | { readonly kind: 'not-accepted'; readonly claimId: string; readonly label: ClaimLabel | null }
  /** The ledger accepts an answer the resolution leaves out. */
  | { readonly kind: 'accepted-answer-omitted'; readonly claimId: string }
  /** The resolution closes a question whose answers the ledger still finds contested. */
  | { readonly kind: 'question-contested' };

export interface ResolutionCheck {
  readonly exists: boolean;
  readonly summary?: string;
  readonly acceptedClaimIds: readonly string[];
  /** Null without a resolution; otherwise true exactly when `disagreements` is empty. */
  readonly agrees: boolean | null;
  readonly disagreements: readonly ResolutionDisagreement[];
}

export interface QuestionConsensus {
  readonly questionId: string;
  readonly status: QuestionStatus;
  readonly resolution: ResolutionCheck;
  /** Every claim of the question, retracted ones included, in the order they were proposed. */
  readonly claims: readonly ClaimConsensus[];
  /** False when some cycle of the question's graph hit the iteration cap. */
  readonly converged: boolean;
  readonly iterations: number;
}

export interface QuestionConsensusSettings extends ConsensusOptions {
  /** Evidence base scores by appraisal; default `DEFAULT_EVIDENCE_BASE_SCORES`. */
  readonly baseScores?: EvidenceBaseScoreTable;
  /** Label thresholds; default `DEFAULT_LABEL_THRESHOLDS`. */
  readonly thresholds?: LabelThresholds;
  /**
   * A source's title for explanations (e.g. from `SourceView.title`). Must give the same title for
   * the same source across updates, as explanations outside the recomputed region are reused.
   */
  readonly titleOf?: (sourceId: string) => string | null | undefined;
}
