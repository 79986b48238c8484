import type { QuestionEvent } from '../../contract/question.events';
import type { SourceEvent } from '../../contract/source.events';
import type { ClaimRelation } from '../../contract/question.events';

/** A relation as the graph takes it. */
export interface TouchedRelation {
  readonly fromClaimId: string;
  readonly relation: ClaimRelation;
  readonly to: { readonly claimId: string } | { readonly evidenceId: string };
}

/**
 * What events touched in one question since its consensus was last brought up to date: the engine
 * refreshes exactly these from the view (`QuestionConsensusEngine.updateSteps`).
 */
export interface Touched {
  readonly claims: Set<string>;
  readonly evidence: Set<string>;
  /** Re-appraised sources: every piece of evidence citing them. */
  readonly sources: Set<string>;
  readonly relations: TouchedRelation[];
  proofStandard: boolean;
}

export const nothingTouched = (): Touched => ({ claims: new Set(), evidence: new Set(), sources: new Set(), relations: [], proofStandard: false });

/**
 * Notes in `touched` what `event` changes in its question's consensus. Exhaustive: a new event type
 * does not compile until it says what it touches.
 */
export function noteTouched(touched: Touched, event: QuestionEvent | Extract<SourceEvent, { type: 'SourceAppraised' }>): void {
  switch (event.type) {
    case 'ClaimProposed':
    case 'ClaimRevised':
    case 'ClaimRetracted':
    case 'StanceRecorded':
      touched.claims.add(event.data.claimId);
      return;
    case 'ClaimsRelated':
      touched.relations.push({ fromClaimId: event.data.fromClaimId, relation: event.data.relation, to: { claimId: event.data.toClaimId } });
      return;
    case 'ClaimRelatedToEvidence':
      touched.relations.push({ fromClaimId: event.data.fromClaimId, relation: event.data.relation, to: { evidenceId: event.data.toEvidenceId } });
      return;
    case 'EvidenceAttached':
    case 'EvidenceVerified':
    case 'EvidenceWithdrawn':
      touched.evidence.add(event.data.evidenceId);
      return;
    case 'SourceAppraised':
      touched.sources.add(event.data.sourceId);
      return;
    case 'ProofStandardChanged':
      touched.proofStandard = true;
      return;
    // Nothing the consensus shows: the resolution is checked afresh on every update.
    case 'QuestionOpened':
    case 'QuestionReworded':
    case 'QuestionResolved':
    case 'QuestionReopened':
      return;
    default: {
      const unhandled: never = event;
      throw new Error(`noteTouched: unhandled event ${(unhandled as { type: string }).type}`);
    }
  }
}
