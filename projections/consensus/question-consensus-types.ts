import type { ClaimKind, ClaimRelation, EvidenceStance, ProofStandard, Verification } from '../../contract/question.events';
import type { EvidenceBaseScoreTable } from './evidence-base-score';
import type { ClaimLabel, ContestedBecause } from './labels';
import type { ProofStandardTable, ProofThresholds } from './proof-standards';
import type { Semantics } from './question-semantics';
import type { StanceTally } from './stances';
import type { ConsensusOptions, GroundedStatus } from './types';

/**
 * What a claim's grounding rests on, directly: a piece of examined evidence attached to it (and who
 * read it), or a claim supporting it that is itself grounded (whose own grounds its entry lists).
 */
export type Ground = EvidenceGround | ClaimGround;

export interface ClaimGround {
  readonly kind: 'claim';
  readonly claimId: string;
  readonly text: string;
}

export interface EvidenceGround {
  readonly kind: 'evidence';
  readonly evidenceId: string;
  readonly sourceId: string;
  readonly sourceTitle: string | null;
  readonly locator: string | null;
  readonly verification: Exclude<Verification, 'cited'>;
  /** Who raised it to examined or transcribed (or attached it so), and when; null if not recorded. */
  readonly verifiedBy: string | null;
  readonly verifiedAt: string | null;
  /** The claim it is attached to. */
  readonly viaClaimId: string;
}

/** Something that stands against a claim: a rebutting claim or undermining evidence. */
export interface Opponent {
  readonly kind: 'claim' | 'evidence';
  /** Claim id or evidence id. */
  readonly id: string;
  /** A claim's text, or a source's title. */
  readonly name: string;
  readonly strength: number;
  /** Whether it defeats the claim (σ ≥ the claim's support). */
  readonly defeats: boolean;
  readonly status: GroundedStatus;
  readonly grounded: boolean;
}

/** A cited reference on the claim that nobody has examined yet: a lead to follow, with no weight. */
export interface Lead {
  readonly evidenceId: string;
  readonly sourceId: string;
  readonly sourceTitle: string | null;
  readonly locator: string | null;
  readonly stance: EvidenceStance;
}

export interface ClaimConsensus {
  readonly id: string;
  readonly text: string;
  readonly kind: ClaimKind;
  /** Who said it (the attributed author). */
  readonly author: string;
  readonly label: ClaimLabel;
  /** Why it is `contested`; null for any other label. */
  readonly contestedBecause: ContestedBecause | null;
  /** One sentence for a historian: what the label means for this claim. */
  readonly reading: string;
  /**
   * Strength under the question's semantics; null for a retracted claim (outside the framework: its
   * last strength is in the timeline).
   */
  readonly strength: number | null;
  /**
   * How far examined evidence alone carries it (`evaluateGrounded`): its strength were only grounded
   * support to count. `corroborated` is decided on this, so bare assertions never tip a claim over
   * the proof standard, and support does not grow along a chain of claims. Null when retracted.
   */
  readonly groundedStrength: number | null;
  readonly base: number | null;
  /** What its supporters amount to after undercuts: what an attack must reach to defeat it. */
  readonly support: number | null;
  /** Over defeats; null for a retracted claim. */
  readonly status: GroundedStatus | null;
  /** Whether its support bottoms out in examined evidence from an appraised source. */
  readonly grounded: boolean;
  /** The examined evidence its grounding rests on (directly, or through claims that support it). */
  readonly grounds: readonly Ground[];
  readonly against: readonly Opponent[];
  readonly leads: readonly Lead[];
  /** Live rival explanations (`competes`) with their strengths; rivals are told apart by grounded strength. */
  readonly rivals: readonly { readonly claimId: string; readonly strength: number; readonly groundedStrength: number }[];
  /** What would change the label, in words a person can act on. */
  readonly wouldChange: readonly string[];
  readonly counts: { readonly supporters: number; readonly attackers: number; readonly undercutters: number };
  /** Stances: a social signal shown beside the label, never moving its strength. */
  readonly stances: StanceTally;
}

/** A piece of evidence as the consensus weighs it. */
export interface EvidenceConsensus {
  readonly id: string;
  readonly claimId: string;
  readonly sourceId: string;
  readonly sourceTitle: string | null;
  readonly stance: EvidenceStance;
  readonly locator: string | null;
  readonly verification: Verification;
  /** Its weight from verification and appraisal (0 while cited). */
  readonly weight: number;
  /** Its strength after claims that bear on it (source criticism). */
  readonly strength: number;
  readonly status: GroundedStatus;
  /** False when a stronger attachment of the same source to the same claim counts instead. */
  readonly counted: boolean;
  readonly countedAs: string | null;
}

export type QuestionStatus = 'answered' | 'unverified' | 'contested' | 'open';

export type ResolutionDisagreement =
  /** The resolution accepts a claim the ledger does not find corroborated; label null when it is no claim of this question. */
  | { readonly kind: 'not-corroborated'; readonly claimId: string; readonly label: ClaimLabel | null }
  /** The ledger finds an answer corroborated that the resolution leaves out. */
  | { readonly kind: 'corroborated-answer-omitted'; readonly claimId: string }
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
  readonly proofStandard: ProofStandard;
  readonly thresholds: ProofThresholds;
  readonly semantics: Semantics;
  readonly resolution: ResolutionCheck;
  /** Every claim of the question, retracted ones included, in the order they were proposed. */
  readonly claims: readonly ClaimConsensus[];
  /** Every attached piece of evidence on a live claim, by evidence id. */
  readonly evidence: readonly EvidenceConsensus[];
  /** False when some cycle of the question's graph hit the iteration cap before settling. */
  readonly converged: boolean;
  /** Sweeps taken by the slowest cycle; 0 when there is none. */
  readonly iterations: number;
  /** The largest fixed-point residual left on any cycle, measured on the values returned. */
  readonly residual: number;
}

/** One direct contributor's share of the change from a claim's base score to its strength. */
export interface Contribution {
  readonly kind: 'claim' | 'evidence';
  readonly id: string;
  readonly name: string;
  readonly role: 'attack' | 'support' | 'undercut';
  /** The relations behind a claim contributor's edge, e.g. `rebuts`. */
  readonly relations: readonly ClaimRelation[];
  readonly strength: number;
  /** Its Shapley value: the contributions add up to strength − base. */
  readonly effect: number;
}

export interface ClaimExplanation {
  readonly claimId: string;
  readonly label: ClaimLabel;
  readonly reading: string;
  readonly base: number | null;
  readonly strength: number | null;
  /** Largest |effect| first. */
  readonly contributions: readonly Contribution[];
  /**
   * `exact`: Shapley values over every coalition (up to `EXACT_SHAPLEY_MAX_PLAYERS` contributors);
   * `sampled`: averaged over `samples` random orders (seeded by the claim's id, so repeatable),
   * each within `bound` of the exact value with probability 95 % (Hoeffding); the sampled values
   * still add up exactly.
   */
  readonly method: 'exact' | 'sampled';
  readonly samples: number | null;
  readonly bound: number | null;
  readonly grounds: readonly Ground[];
  readonly against: readonly Opponent[];
  readonly wouldChange: readonly string[];
  readonly stances: StanceTally;
}

export interface QuestionConsensusSettings extends ConsensusOptions {
  /** The gradual semantics; default `df-quad`. */
  readonly semantics?: Semantics;
  /** Evidence weights by appraisal; default `DEFAULT_EVIDENCE_BASE_SCORES`. */
  readonly baseScores?: EvidenceBaseScoreTable;
  /** Thresholds per proof standard; default `DEFAULT_PROOF_STANDARDS`. */
  readonly proofStandards?: ProofStandardTable;
}
