import { noteTouched, nothingTouched, type Touched } from '../../../projections/consensus';
import { questionsProjection, type QuestionView } from '../../../projections/questions/questions.projection';
import { ProjectionFold } from '../../support/projection-spec';
import type {
  ClaimKind,
  ClaimRelation,
  Credibility,
  EvidenceRelation,
  EvidenceStance,
  ProofStandard,
  QuestionEvent,
  StanceKind,
  Verification,
} from '../../../contract/question.events';

const owner = { id: 'user-1', name: 'Test User' };

/**
 * A question built the way the ledger builds it: events folded by the real questions projection, so
 * the views under test have exactly the production shape.
 */
export class QuestionLog {
  /** Every event recorded by the same user at the same moment: the provenance tests read is fixed. */
  private readonly fold = new ProjectionFold(questionsProjection, { recordedBy: owner, startAt: new Date(Date.UTC(2021, 1, 10)), stepMs: 0 });
  /** Every event applied so far, oldest first. */
  readonly events: QuestionEvent[] = [];
  /** What the events since the last `takeTouched` touched, as the current-consensus projection notes it. */
  private touched: Touched = nothingTouched();

  constructor(
    readonly questionId = 'q1',
    title = 'What was the Soviet Red Cross to the NKVD in the late 1940s?',
  ) {
    this.apply({ type: 'QuestionOpened', data: { questionId, title, body: '', tags: [], parentQuestionId: null, proofStandard: 'preponderance' } });
  }

  /** What was touched since the last call (for `QuestionConsensusEngine.update`), cleared. */
  takeTouched(): Touched {
    const touched = this.touched;
    this.touched = nothingTouched();
    return touched;
  }

  /** Notes that a source cited here was re-appraised (the appraisal itself lives outside the question). */
  appraised(sourceId: string): void {
    this.touched.sources.add(sourceId);
  }

  get question(): QuestionView {
    return this.fold.view.questions.get(this.questionId)!;
  }

  apply(event: QuestionEvent): QuestionEvent {
    noteTouched(this.touched, event);
    this.fold.apply(event);
    this.events.push(event);
    return event;
  }

  claim(claimId: string, text: string, kind: ClaimKind = 'hypothesis'): QuestionEvent {
    return this.apply({ type: 'ClaimProposed', data: { questionId: this.questionId, claimId, text, passage: null, kind, owner } });
  }

  revise(claimId: string, text: string): QuestionEvent {
    return this.apply({ type: 'ClaimRevised', data: { questionId: this.questionId, claimId, text, reason: 'clarified' } });
  }

  retract(claimId: string, reason = 'withdrawn by its author'): QuestionEvent {
    return this.apply({ type: 'ClaimRetracted', data: { questionId: this.questionId, claimId, reason } });
  }

  relate(fromClaimId: string, relation: ClaimRelation, toClaimId: string, relationId?: string): QuestionEvent {
    relationId ??= `${fromClaimId}-${relation}-${toClaimId}`;
    return this.apply({
      type: 'ClaimsRelated',
      data: { questionId: this.questionId, relationId, fromClaimId, toClaimId, relation },
    });
  }

  cite(
    evidenceId: string,
    claimId: string,
    sourceId: string,
    stance: EvidenceStance,
    {
      credibility = null,
      locator = null,
      verification = 'examined',
    }: { credibility?: Credibility | null; locator?: string | null; verification?: Verification } = {},
  ): QuestionEvent {
    return this.apply({
      type: 'EvidenceAttached',
      data: { questionId: this.questionId, evidenceId, claimId, sourceId, stance, locator, quote: null, credibility, verification, owner },
    });
  }

  verify(evidenceId: string, verification: Verification, note: string | null = null): QuestionEvent {
    const claimId = this.question.evidence.get(evidenceId)!.claimId;
    return this.apply({ type: 'EvidenceVerified', data: { questionId: this.questionId, evidenceId, claimId, verification, note } });
  }

  relateToEvidence(fromClaimId: string, relation: EvidenceRelation, toEvidenceId: string, relationId?: string): QuestionEvent {
    relationId ??= `${fromClaimId}-${relation}-${toEvidenceId}`;
    return this.apply({ type: 'ClaimRelatedToEvidence', data: { questionId: this.questionId, relationId, fromClaimId, toEvidenceId, relation } });
  }

  proofStandard(proofStandard: ProofStandard, reason = 'the moderator asks for more'): QuestionEvent {
    return this.apply({ type: 'ProofStandardChanged', data: { questionId: this.questionId, proofStandard, reason } });
  }

  withdraw(evidenceId: string): QuestionEvent {
    const claimId = this.question.evidence.get(evidenceId)!.claimId;
    return this.apply({
      type: 'EvidenceWithdrawn',
      data: { questionId: this.questionId, evidenceId, claimId, reason: 'misread' },
    });
  }

  stance(claimId: string, participantId: string, stance: StanceKind, confidence: number): QuestionEvent {
    return this.apply({
      type: 'StanceRecorded',
      data: {
        questionId: this.questionId,
        claimId,
        participant: { id: participantId, name: participantId },
        stance,
        confidence,
      },
    });
  }

  resolve(acceptedClaimIds: string[], summary = 'Settled by the GARF files.'): QuestionEvent {
    return this.apply({ type: 'QuestionResolved', data: { questionId: this.questionId, summary, acceptedClaimIds } });
  }

  reopen(): QuestionEvent {
    return this.apply({ type: 'QuestionReopened', data: { questionId: this.questionId, reason: 'new files' } });
  }
}
