import { isQuestionEvent, subjectIdOf } from '../../contract/event-catalogue';
import {
  noteTouched,
  nothingTouched,
  QuestionConsensusEngine,
  runSteps,
  type ClaimDetail,
  type ConsensusChange,
  type QuestionConsensus,
  type QuestionConsensusSettings,
  type SourceLookup,
} from '../consensus';
import { CHANGE_STRENGTH_THRESHOLD } from '../current-consensus/current-consensus.projection';
import type { ProvenanceView } from '../../contract/event-metadata';
import { NO_OTHER_VIEWS, provenanceOf, type ProjectedEvent } from '../projection';
import { questionsProjection, type QuestionsView } from '../questions/questions.projection';

/** One event of a question's history, with what it did to the computed consensus. */
export interface TimelineEntry {
  position: bigint;
  eventId: string;
  type: string;
  stream: string;
  revision: bigint;
  provenance: ProvenanceView;
  /** The claim, evidence, relation or source the event is about. */
  subjectId: string;
  changes: ConsensusChange[];
}

export interface HistoryStep {
  entry: TimelineEntry;
  /** The question's consensus right after the event (its claims' entries as brief as the history's `detail`). */
  consensus: QuestionConsensus;
}

/**
 * One question's history, folded event by event in log order: its own stream's events and the
 * re-appraisals of the sources it cites, each giving the consensus right after it and what it
 * changed. What the timeline, replay and the live stream of a question are made of; pure, so that the
 * same events always give the same history.
 */
export class QuestionHistory {
  readonly view: QuestionsView = questionsProjection.init();
  private readonly engine: QuestionConsensusEngine;
  private consensus: QuestionConsensus | null = null;

  /**
   * `detail` `labels` for a history read only for its entries (the timeline): each step's consensus
   * then holds brief claims' entries (no readings or explanations, see `ClaimDetail`), and the
   * entries' changes are the same, since they compare only labels, strengths and the status.
   */
  constructor(
    readonly questionId: string,
    settings: QuestionConsensusSettings,
    detail: ClaimDetail = 'full',
  ) {
    this.engine = new QuestionConsensusEngine(settings, detail);
  }

  /** The consensus after the last step; null before the question was opened. */
  get current(): QuestionConsensus | null {
    return this.consensus;
  }

  /**
   * Folds the next event: one of the question's stream, or a `SourceAppraised` (of any source; one
   * the question does not cite at that point is no step of its history). `sourceOf` gives each
   * source as it stood right after the event.
   */
  step(event: ProjectedEvent, sourceOf: SourceLookup): HistoryStep | undefined {
    return runSteps(this.stepSteps(event, sourceOf));
  }

  /** {@link step} in steps, to spread a big question's solving over turns of the event loop (`runStepsSliced`). */
  *stepSteps(event: ProjectedEvent, sourceOf: SourceLookup): Generator<number, HistoryStep | undefined, void> {
    const touched = nothingTouched();
    if (event.type === 'SourceAppraised') {
      const question = this.view.questions.get(this.questionId);
      if (!question || !citesSource(question.evidence.values(), event.data.sourceId)) return undefined;
      noteTouched(touched, event);
    } else {
      if (!isQuestionEvent(event) || event.data.questionId !== this.questionId) return undefined;
      questionsProjection.apply(this.view, event, NO_OTHER_VIEWS);
      noteTouched(touched, event);
    }
    const question = this.view.questions.get(this.questionId);
    if (!question) return undefined;
    const before = this.consensus;
    // The first step builds the question's graph; each later one changes what the event touched.
    this.consensus = yield* this.engine.updateSteps(question, sourceOf, before === null ? undefined : touched);
    const entry: TimelineEntry = {
      position: event.meta.position,
      eventId: event.meta.id,
      type: event.type,
      stream: event.meta.stream,
      revision: event.meta.revision,
      provenance: provenanceOf(event.meta),
      subjectId: subjectIdOf(event),
      changes: this.engine.changesSince(before, CHANGE_STRENGTH_THRESHOLD),
    };
    return { entry, consensus: this.consensus };
  }
}

function citesSource(evidence: Iterable<{ sourceId: string }>, sourceId: string): boolean {
  for (const piece of evidence) if (piece.sourceId === sourceId) return true;
  return false;
}
