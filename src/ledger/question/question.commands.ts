import type {
  ClaimKind,
  ClaimRelation,
  EvidenceRelation,
  Owner,
  Participant,
  ProofStandard,
  QuestionEvent,
  StanceKind,
  Verification,
} from '../../../contract/question.events';

/**
 * Commands to the question aggregate, as the decider sees them: ids already chosen, references to
 * other aggregates (sources, the parent question) already checked by the shell.
 */
export type QuestionCommand =
  | {
      type: 'OpenQuestion';
      questionId: string;
      title: string;
      body: string;
      tags: string[];
      parentQuestionId: string | null;
      proofStandard: ProofStandard;
    }
  | { type: 'RewordQuestion'; questionId: string; title?: string; body?: string; reason: string }
  /** A moderator's change of the standard the question's claims are labelled under (the shell checks the role). */
  | { type: 'ChangeProofStandard'; questionId: string; proofStandard: ProofStandard; reason: string }
  | {
      type: 'ProposeClaim';
      questionId: string;
      claimId: string;
      text: string;
      /** The verbatim passage the claim paraphrases; null or absent when it is drawn from no text. */
      passage?: string | null;
      kind: ClaimKind;
      owner: Owner;
      respondsTo?: { claimId: string; relation: ClaimRelation; relationId: string };
    }
  | { type: 'ReviseClaim'; questionId: string; claimId: string; text: string; reason: string; actor: Actor }
  | { type: 'RetractClaim'; questionId: string; claimId: string; reason: string; actor: Actor }
  | {
      type: 'RelateClaims';
      questionId: string;
      relationId: string;
      fromClaimId: string;
      toClaimId: string;
      relation: ClaimRelation;
    }
  /** A claim bearing on a piece of evidence of the same question (source criticism). */
  | {
      type: 'RelateClaimToEvidence';
      questionId: string;
      relationId: string;
      fromClaimId: string;
      toEvidenceId: string;
      relation: EvidenceRelation;
    }
  /** Evidence is attached exactly as the command states it, with the verification the shell chose. */
  | ({ type: 'AttachEvidence' } & Extract<QuestionEvent, { type: 'EvidenceAttached' }>['data'])
  /** Raises a piece of evidence's verification: its owner, or a moderator for anyone's. */
  | { type: 'VerifyEvidence'; questionId: string; evidenceId: string; verification: Verification; note: string | null; actor: Actor }
  | { type: 'WithdrawEvidence'; questionId: string; evidenceId: string; reason: string; actor: Actor }
  | {
      type: 'RecordStance';
      questionId: string;
      claimId: string;
      participant: Participant;
      stance: StanceKind;
      confidence: number;
    }
  | { type: 'ResolveQuestion'; questionId: string; summary: string; acceptedClaimIds: string[] }
  | { type: 'ReopenQuestion'; questionId: string; reason: string };

/**
 * Who sends a command that changes someone's contribution: `moderator` is true for a principal whose
 * role is moderator or admin (`actorOf`); the decider lets only the owner or a moderator change it.
 */
export interface Actor {
  principalId: string;
  moderator: boolean;
}
