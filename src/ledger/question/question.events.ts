/** Events of the question aggregate: the question and everything said inside it. */

export type ClaimKind = 'answer' | 'hypothesis' | 'background';
export type ClaimRelation = 'supports' | 'rebuts' | 'undercuts';
export type EvidenceStance = 'supports' | 'undermines';
export type StanceKind = 'endorse' | 'dispute';
export type Credibility = 1 | 2 | 3 | 4 | 5 | 6;

export interface Participant {
  /** A stable key: the principal's id, or for a historical author the attributed name. */
  id: string;
  name: string;
}

/**
 * The principal who recorded a claim or a piece of evidence, and so may revise, retract or withdraw
 * it. This is the account, not the historical author (that is the event's `attributedTo`).
 */
export interface Owner {
  id: string;
  name: string;
}

export type QuestionEvent =
  | { type: 'QuestionOpened'; data: { questionId: string; title: string; body: string; tags: string[]; parentQuestionId: string | null } }
  | { type: 'QuestionReworded'; data: { questionId: string; title?: string; body?: string; reason: string } }
  | { type: 'ClaimProposed'; data: { questionId: string; claimId: string; text: string; kind: ClaimKind; owner: Owner } }
  /** `moderatorAction`: a moderator changed someone else's claim. */
  | { type: 'ClaimRevised'; data: { questionId: string; claimId: string; text: string; reason: string; moderatorAction?: true } }
  | { type: 'ClaimRetracted'; data: { questionId: string; claimId: string; reason: string; moderatorAction?: true } }
  | {
      type: 'ClaimsRelated';
      data: { questionId: string; relationId: string; fromClaimId: string; toClaimId: string; relation: ClaimRelation };
    }
  | {
      type: 'EvidenceAttached';
      data: {
        questionId: string;
        evidenceId: string;
        claimId: string;
        sourceId: string;
        stance: EvidenceStance;
        locator: string | null;
        quote: string | null;
        credibility: Credibility | null;
        owner: Owner;
      };
    }
  | { type: 'EvidenceWithdrawn'; data: { questionId: string; evidenceId: string; claimId: string; reason: string; moderatorAction?: true } }
  | {
      type: 'StanceRecorded';
      data: { questionId: string; claimId: string; participant: Participant; stance: StanceKind; confidence: number };
    }
  | { type: 'QuestionResolved'; data: { questionId: string; summary: string; acceptedClaimIds: string[] } }
  | { type: 'QuestionReopened'; data: { questionId: string; reason: string } };

export type QuestionEventType = QuestionEvent['type'];

export const QUESTION_EVENT_TYPES: readonly QuestionEventType[] = [
  'QuestionOpened',
  'QuestionReworded',
  'ClaimProposed',
  'ClaimRevised',
  'ClaimRetracted',
  'ClaimsRelated',
  'EvidenceAttached',
  'EvidenceWithdrawn',
  'StanceRecorded',
  'QuestionResolved',
  'QuestionReopened',
];
