/** Events of the question aggregate: the question and everything said inside it. */

export type ClaimKind = 'answer' | 'hypothesis' | 'background';
/**
 * From one claim to another. `competes` is symmetric (two rival explanations of the same thing): it
 * is stored in the direction it was stated, read both ways, and refused when stated again either way.
 */
export type ClaimRelation = 'supports' | 'rebuts' | 'undercuts' | 'competes';
/** From a claim to a piece of evidence (source criticism): `competes` has no meaning there. */
export type EvidenceRelation = Exclude<ClaimRelation, 'competes'>;
/**
 * Has anybody read it? `cited`: a reference a participant gave, not yet examined by anyone (a lead,
 * no weight); `examined`: someone read the document at the locator; `transcribed`: the quote is
 * verbatim from it. Ordered: a verification can only be raised.
 */
export type Verification = 'cited' | 'examined' | 'transcribed';
export const VERIFICATIONS: readonly Verification[] = ['cited', 'examined', 'transcribed'];
/** How strong a claim's case must be to count as established (after Carneades), weakest first. */
export type ProofStandard = 'scintilla' | 'preponderance' | 'clear-and-convincing' | 'beyond-reasonable-doubt';
export const PROOF_STANDARDS: readonly ProofStandard[] = ['scintilla', 'preponderance', 'clear-and-convincing', 'beyond-reasonable-doubt'];
export const DEFAULT_PROOF_STANDARD: ProofStandard = 'preponderance';
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
  /** Version 2 added `proofStandard` (version 1 events read as `preponderance`). */
  | {
      type: 'QuestionOpened';
      data: { questionId: string; title: string; body: string; tags: string[]; parentQuestionId: string | null; proofStandard: ProofStandard };
    }
  /** A moderator changed the proof standard the question's claims are labelled under. */
  | { type: 'ProofStandardChanged'; data: { questionId: string; proofStandard: ProofStandard; reason: string } }
  | { type: 'QuestionReworded'; data: { questionId: string; title?: string; body?: string; reason: string } }
  /**
   * Version 2 added `passage`: the verbatim passage of the text the claim paraphrases (a forum post, a
   * letter), so a reader can set the paraphrase beside the original; null when the claim is drawn from
   * no text (version 1 events read as null).
   */
  | { type: 'ClaimProposed'; data: { questionId: string; claimId: string; text: string; passage: string | null; kind: ClaimKind; owner: Owner } }
  /** `moderatorAction`: a moderator changed someone else's claim. */
  | { type: 'ClaimRevised'; data: { questionId: string; claimId: string; text: string; reason: string; moderatorAction?: true } }
  | { type: 'ClaimRetracted'; data: { questionId: string; claimId: string; reason: string; moderatorAction?: true } }
  | {
      type: 'ClaimsRelated';
      data: { questionId: string; relationId: string; fromClaimId: string; toClaimId: string; relation: ClaimRelation };
    }
  /** A claim bears on a piece of evidence of the same question (e.g. undercuts it: source criticism). */
  | {
      type: 'ClaimRelatedToEvidence';
      data: { questionId: string; relationId: string; fromClaimId: string; toEvidenceId: string; relation: EvidenceRelation };
    }
  /** Version 2 added `verification` (version 1 events read as `cited`: the record does not say anyone read it). */
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
        verification: Verification;
        owner: Owner;
      };
    }
  /** The evidence's verification was raised (someone examined or transcribed it); `claimId` is the claim it bears on. */
  | {
      type: 'EvidenceVerified';
      data: { questionId: string; evidenceId: string; claimId: string; verification: Verification; note: string | null; moderatorAction?: true };
    }
  | { type: 'EvidenceWithdrawn'; data: { questionId: string; evidenceId: string; claimId: string; reason: string; moderatorAction?: true } }
  | {
      type: 'StanceRecorded';
      data: { questionId: string; claimId: string; participant: Participant; stance: StanceKind; confidence: number };
    }
  | { type: 'QuestionResolved'; data: { questionId: string; summary: string; acceptedClaimIds: string[] } }
  | { type: 'QuestionReopened'; data: { questionId: string; reason: string } };

export type QuestionEventType = QuestionEvent['type'];
