import type { ClaimKind, ClaimRelation, Owner, Participant, QuestionEvent, StanceKind } from './question.events';

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
    }
  | { type: 'RewordQuestion'; questionId: string; title?: string; body?: string; reason: string }
  | {
      type: 'ProposeClaim';
      questionId: string;
      claimId: string;
      text: string;
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
  /** Evidence is attached exactly as the command states it. */
  | ({ type: 'AttachEvidence' } & Extract<QuestionEvent, { type: 'EvidenceAttached' }>['data'])
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
 * Who sends a command that changes someone's contribution. Until accounts exist everyone acts as a
 * moderator; the ownership rules are in the decider already so that roles only have to fill this in.
 */
export interface Actor {
  principalId: string;
  moderator: boolean;
}
