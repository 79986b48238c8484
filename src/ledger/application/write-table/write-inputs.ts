import type { ClaimKind, ClaimRelation, Credibility, EvidenceStance, ProofStandard, StanceKind, Verification } from '../../../../contract/question.events';
import type { Reliability, SourceDetails, SourceIdentifiers, SourceKind } from '../../../../contract/source.events';

/*
 * The input of each write, as a client states it: no ids chosen yet, no aggregate found. The HTTP
 * DTOs implement these and the debate import's bodies are validated into them. This file imports
 * only the contract, so the DTOs, the rules and the write class can all use it without a cycle.
 */

// Questions
export interface OpenQuestionInput {
  title: string;
  body?: string;
  tags?: string[];
  /** Makes it a sub-question: the parent must exist. */
  parentQuestionId?: string;
  proofStandard?: ProofStandard;
}
export interface RewordQuestionInput {
  title?: string;
  body?: string;
  reason: string;
}
export interface ChangeProofStandardInput {
  proofStandard: ProofStandard;
  reason: string;
}
export interface ResolveQuestionInput {
  summary: string;
  acceptedClaimIds: string[];
}
/** Retracting a claim, withdrawing evidence and reopening a question say only why. */
export interface ReasonInput {
  reason: string;
}

// Claims
export interface ProposeClaimInput {
  text: string;
  /** The verbatim passage the claim paraphrases, if any. */
  passage?: string | null;
  kind: ClaimKind;
  /** Another claim of the question this one answers, and how. */
  respondsTo?: { claimId: string; relation: ClaimRelation };
}
export interface ReviseClaimInput {
  text: string;
  reason: string;
}
/** Exactly one target: a claim (`toClaimId`) or a piece of evidence (`toEvidenceId`); the DTO checks it. */
export interface RelateClaimsInput {
  fromClaimId: string;
  toClaimId?: string;
  toEvidenceId?: string;
  relation: ClaimRelation;
}
export interface RecordStanceInput {
  stance: StanceKind;
  confidence: number;
}

// Evidence
export interface AttachEvidenceInput {
  /** A registered source: an unknown one is refused as `unknown-source`. */
  sourceId: string;
  stance: EvidenceStance;
  locator?: string;
  quote?: string;
  credibility?: Credibility;
  /** How far the source was read; the API's default is `examined`, the import's `cited`. */
  verification?: Verification;
}
export interface VerifyEvidenceInput {
  verification: Verification;
  note?: string;
}

// Sources
export interface RegisterSourceInput {
  kind: SourceKind;
  title: string;
  authors: string[];
  issued?: string;
  identifiers?: SourceIdentifiers;
  details?: SourceDetails;
  reliability?: Reliability;
}
export interface AppraiseSourceInput {
  reliability: Reliability;
  note: string;
}

/** Every write the ledger accepts, by name, with its input. */
export interface WriteInputs {
  OpenQuestion: OpenQuestionInput;
  RewordQuestion: RewordQuestionInput;
  ChangeProofStandard: ChangeProofStandardInput;
  ResolveQuestion: ResolveQuestionInput;
  ReopenQuestion: ReasonInput;
  ProposeClaim: ProposeClaimInput;
  ReviseClaim: ReviseClaimInput;
  RetractClaim: ReasonInput;
  RelateClaims: RelateClaimsInput;
  RecordStance: RecordStanceInput;
  AttachEvidence: AttachEvidenceInput;
  VerifyEvidence: VerifyEvidenceInput;
  WithdrawEvidence: ReasonInput;
  RegisterSource: RegisterSourceInput;
  AppraiseSource: AppraiseSourceInput;
}

export type WriteName = keyof WriteInputs;
