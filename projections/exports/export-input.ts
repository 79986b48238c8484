import type { QuestionView } from '../questions/questions.projection';
import type { SourceView } from '../sources/sources.projection';

export type ClaimLabelForExport = 'accepted' | 'rejected' | 'contested' | 'open' | 'retracted';

export interface ClaimConsensusForExport {
  id: string;
  label: ClaimLabelForExport;
  /** DF-QuAD strength in [0, 1]; null for a retracted claim. */
  strength: number | null;
  grounded: 'in' | 'out' | 'undec' | null;
  /** One sentence a person can read: which evidence and claims moved the label. */
  explanation: string;
}

/**
 * The consensus as the exports need it: a narrow shape, so an export does not depend on the engine's
 * internals and a caller can build one from a stored or historical view as easily as from a live one.
 */
export interface ConsensusForExport {
  status: 'open' | 'answered' | 'contested';
  /** When the consensus was computed, or the moment an "as of" query asked about (ISO-8601). */
  asOf?: string;
  claims: ClaimConsensusForExport[];
  /**
   * The engine's check of the moderator's resolution against the consensus. Optional: without it the
   * exports apply the same three rules themselves (see `resolution-agreement.ts`).
   */
  resolution?: { agrees: boolean | null; disagreements: DisagreementForExport[] };
}

/** Why a moderator's resolution and the computed consensus differ (as `ResolutionDisagreement`). */
export type DisagreementForExport =
  | { kind: 'not-accepted'; claimId: string; label: ClaimLabelForExport | null }
  | { kind: 'accepted-answer-omitted'; claimId: string }
  | { kind: 'question-contested' };

export interface ExportInput {
  question: QuestionView;
  /** Context only: listed by title in the reports that have room for it. */
  subQuestions: QuestionView[];
  /** Every source cited as evidence or named as `saidIn`; a missing one is shown by its id. */
  sources: Map<string, SourceView>;
  consensus: ConsensusForExport;
}
