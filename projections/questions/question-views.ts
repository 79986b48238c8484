import type { ProvenanceView } from '../../contract/event-metadata';
import type {
  ClaimKind,
  ClaimRelation,
  Credibility,
  EvidenceRelation,
  EvidenceStance,
  Owner,
  Participant,
  ProofStandard,
  StanceKind,
  Verification,
} from '../../contract/question.events';

// The records of the questions view: the projection (questions.projection.ts) folds them, and its
// snapshot codec (questions-snapshot.ts) writes and reads them.

export interface ClaimTextVersion {
  text: string;
  /** Why it changed; null for the original wording. */
  reason: string | null;
  provenance: ProvenanceView;
}

export interface StanceView {
  participant: Participant;
  stance: StanceKind;
  confidence: number;
  provenance: ProvenanceView;
}

export interface ClaimView {
  id: string;
  questionId: string;
  kind: ClaimKind;
  text: string;
  /**
   * The verbatim passage of the text the claim paraphrases (a forum post, a letter), as proposed; null
   * when the claim is drawn from no text. A revision changes the paraphrase (`text`), never this.
   */
  passage: string | null;
  status: 'live' | 'retracted';
  owner: Owner;
  provenance: ProvenanceView;
  /** Every wording, oldest first; the last is the current text. */
  versions: ClaimTextVersion[];
  retraction: { reason: string; provenance: ProvenanceView } | null;
  /** The current stance of each participant (a later one supersedes an earlier one). */
  stances: StanceView[];
  /** The global position at which it was proposed: its immutable place in the question's lists (pages, the consensus). */
  position: bigint;
}

export interface RelationView {
  id: string;
  fromClaimId: string;
  toClaimId: string;
  relation: ClaimRelation;
  provenance: ProvenanceView;
}

/** A claim bearing on a piece of evidence (source criticism). */
export interface EvidenceRelationView {
  id: string;
  fromClaimId: string;
  toEvidenceId: string;
  relation: EvidenceRelation;
  provenance: ProvenanceView;
}

/** One step of a piece of evidence's verification: who read it, when, and what they noted. */
export interface VerificationStep {
  verification: Verification;
  /** Null for the attachment itself and for a raise given without a note. */
  note: string | null;
  provenance: ProvenanceView;
}

export interface EvidenceView {
  id: string;
  claimId: string;
  sourceId: string;
  stance: EvidenceStance;
  locator: string | null;
  quote: string | null;
  credibility: Credibility | null;
  /** The current verification: the last of `verifications`. */
  verification: Verification;
  /** The attachment's verification, then every raise, oldest first. */
  verifications: VerificationStep[];
  status: 'attached' | 'withdrawn';
  owner: Owner;
  provenance: ProvenanceView;
  withdrawal: { reason: string; provenance: ProvenanceView } | null;
}

export interface QuestionView {
  id: string;
  title: string;
  body: string;
  tags: string[];
  parentQuestionId: string | null;
  subQuestionIds: string[];
  status: 'open' | 'resolved';
  /** The proof standard in force: the one the question was opened with, or the last change. */
  proofStandard: ProofStandard;
  proofStandardChanges: { proofStandard: ProofStandard; reason: string; provenance: ProvenanceView }[];
  resolution: { summary: string; acceptedClaimIds: string[]; provenance: ProvenanceView } | null;
  provenance: ProvenanceView;
  rewordings: { title?: string; body?: string; reason: string; provenance: ProvenanceView }[];
  claims: Map<string, ClaimView>;
  /** Relations between claims; a `competes` relation is stored once and read both ways. */
  relations: RelationView[];
  /** Relations from claims to evidence. */
  evidenceRelations: EvidenceRelationView[];
  evidence: Map<string, EvidenceView>;
  /** The question stream's revision: what `If-Match` compares with. */
  revision: bigint;
  /** The global position at which it was opened: the questions list's immutable order. */
  firstPosition: bigint;
  lastPosition: bigint;
}

export interface QuestionsView {
  questions: Map<string, QuestionView>;
  claims: Map<string, ClaimView>;
}
