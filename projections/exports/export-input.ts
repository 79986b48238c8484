import type { ProofStandard } from '../../contract/question.events';
import type { QuestionView } from '../questions/questions.projection';
import type { SourceView } from '../sources/sources.projection';

/**
 * What the ledger says about a claim (DOMAIN.md, "Consensus per question: what a label promises").
 * `open` and `unverified` both mean *not established*: nothing in the record confirms the claim.
 */
export type ClaimLabelForExport = 'corroborated' | 'unverified' | 'contested' | 'refuted' | 'open' | 'retracted';

/** The question's computed status. */
export type QuestionStatusForExport = 'answered' | 'unverified' | 'contested' | 'open';

/** Participants' stances on a claim: a social signal shown beside the label, never moving its strength. */
export interface StancesForExport {
  endorse: number;
  dispute: number;
  /** Confidence-weighted agreement in [−1, 1]; null when nobody has taken a stance. */
  agreement: number | null;
}

export interface ClaimConsensusForExport {
  id: string;
  label: ClaimLabelForExport;
  /** Strength in [0, 1] under the question's semantics; null for a retracted claim. */
  strength: number | null;
  /** Whether its support bottoms out in evidence somebody has examined (from an appraised source). */
  grounded: boolean;
  /** Its dialectical status over defeats (in: undefeated, out: defeated, undec: undecided); null for a retracted claim. */
  status: 'in' | 'out' | 'undec' | null;
  /** One sentence for a historian: what the label means for this claim. */
  reading: string;
  stances: StancesForExport;
  /** How many cited references on it nobody has examined yet: leads to follow, with no weight. */
  leads: number;
}

/**
 * The consensus as the exports need it: a narrow shape, so an export does not depend on the engine's
 * internals and a caller can build one from a stored or historical view as easily as from a live one.
 */
export interface ConsensusForExport {
  status: QuestionStatusForExport;
  /**
   * The proof standard the labels were computed under. Optional: without it the exports name the
   * question's current one (which an "as of" consensus may predate).
   */
  proofStandard?: ProofStandard;
  /** When the consensus was computed, or the moment an "as of" query asked about (ISO-8601). */
  asOf?: string;
  /** Which clock an "as of" moment is read on: when things were recorded, or when they were said. */
  axis?: 'recorded' | 'occurred';
  /** The ledger position (global event number) the consensus reflects: which state of the record a report shows. */
  position?: string;
  /** When the export was made (ISO-8601): given by the caller, so the same input still gives the same output. */
  madeAt?: string;
  /** The gradual semantics the strengths were computed with. Optional: without it the reports do not name one. */
  semantics?: 'df-quad' | 'quadratic-energy';
  /**
   * The thresholds of the proof standard the labels were computed under. Optional: without them the
   * reports describe the standard in words only (a ledger may configure other numbers than the defaults).
   */
  thresholds?: { accept: number; reject: number; rivalMargin: number };
  claims: ClaimConsensusForExport[];
  /**
   * The engine's check of the moderator's resolution against the consensus. Optional: without it the
   * exports apply the same three rules themselves (see `resolution-agreement.ts`).
   */
  resolution?: { agrees: boolean | null; disagreements: DisagreementForExport[] };
}

/** Why a moderator's resolution and the computed consensus differ (as `ResolutionDisagreement`). */
export type DisagreementForExport =
  /** The resolution accepts a claim the ledger does not find corroborated; label null when it is no claim of this question. */
  | { kind: 'not-corroborated'; claimId: string; label: ClaimLabelForExport | null }
  /** The ledger finds an answer corroborated that the resolution leaves out. */
  | { kind: 'corroborated-answer-omitted'; claimId: string }
  | { kind: 'question-contested' };

export interface ExportInput {
  question: QuestionView;
  /** Context only: listed by title in the reports that have room for it. */
  subQuestions: QuestionView[];
  /** Every source cited as evidence or named as `saidIn`; a missing one is shown by its id. */
  sources: Map<string, SourceView>;
  consensus: ConsensusForExport;
}
