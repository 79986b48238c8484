import {
  affectedClaimIds,
  claimsCitingSource,
  QuestionConsensusEngine,
  type ConsensusChange,
  type QuestionConsensus,
  type QuestionConsensusSettings,
} from '../consensus';
import { subjectIdOf } from '../../src/ledger/event-catalogue';
import { provenanceOf, type Projection, type ProjectedEvent, type ProvenanceView } from '../projection';
import { questionsProjection, type QuestionsView } from '../questions/questions.projection';
import { sourcesProjection, type SourcesView } from '../sources/sources.projection';

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

export interface QuestionConsensusRecord {
  current: QuestionConsensus;
  /** The position of the last event that moved this question. */
  position: bigint;
  timeline: TimelineEntry[];
}

export interface ConsensusTimelineView {
  byQuestion: Map<string, QuestionConsensusRecord>;
  /** Incremental state per question: a cache, rebuilt by a full recompute after a snapshot restore. */
  engines: Map<string, QuestionConsensusEngine>;
}

export const CONSENSUS_TIMELINE = 'consensus-timeline';

/** A strength move smaller than this is not worth a line in the audit timeline. */
export const TIMELINE_STRENGTH_THRESHOLD = 0.05;

/**
 * The consensus of every question, kept up to date event by event, and each question's timeline:
 * every event in order with the label, status and strength changes it caused. An event touches only
 * its own question (a source's re-appraisal, the questions citing it), and within a question only
 * the part of the graph downstream of the claims it touched is recomputed.
 */
export function consensusTimelineProjection(settings: QuestionConsensusSettings, fingerprint: string): Projection<ConsensusTimelineView> {
  return {
    name: CONSENSUS_TIMELINE,
    version: 1,
    fingerprint,
    init: () => ({ byQuestion: new Map(), engines: new Map() }),
    apply(view, event, read) {
      const questions = read(questionsProjection);
      const sources = read(sourcesProjection);
      if (event.type === 'SourceAppraised') {
        const source = sources.sources.get(event.data.sourceId);
        const questionIds = new Set((source?.citations ?? []).map((c) => c.questionId));
        for (const questionId of [...questionIds].sort()) {
          const question = questions.questions.get(questionId);
          if (question) update(view, questions, sources, questionId, event, claimsCitingSource(question, event.data.sourceId), [], settings);
        }
        return;
      }
      if (!('questionId' in event.data)) return;
      const stanceClaimIds = event.type === 'StanceRecorded' ? [event.data.claimId] : [];
      update(view, questions, sources, event.data.questionId, event, affectedClaimIds(event as never), stanceClaimIds, settings);
    },
    toSnapshot: (view) => ({ byQuestion: view.byQuestion }),
    fromSnapshot: (data) => ({ byQuestion: (data as Pick<ConsensusTimelineView, 'byQuestion'>).byQuestion, engines: new Map() }),
  };
}

function update(
  view: ConsensusTimelineView,
  questions: QuestionsView,
  sources: SourcesView,
  questionId: string,
  event: ProjectedEvent,
  changedClaimIds: string[],
  stanceClaimIds: string[],
  settings: QuestionConsensusSettings,
): void {
  const question = questions.questions.get(questionId);
  if (!question) return;
  let engine = view.engines.get(questionId);
  const fresh = engine === undefined;
  if (!engine) {
    engine = new QuestionConsensusEngine({ ...settings, titleOf: (id) => sources.sources.get(id)?.title ?? null });
    view.engines.set(questionId, engine);
  }
  const record = view.byQuestion.get(questionId);
  // Every touched claim is named (stances apart), so the engine looks at nothing else.
  const after = engine.update(question, (id) => sources.sources.get(id)?.reliability ?? null, fresh ? undefined : changedClaimIds, { stanceClaimIds });
  const entry: TimelineEntry = {
    position: event.meta.position,
    eventId: event.meta.id,
    type: event.type,
    stream: event.meta.stream,
    revision: event.meta.revision,
    provenance: provenanceOf(event.meta),
    subjectId: subjectIdOf(event),
    changes: engine.changesSince(record?.current ?? null, TIMELINE_STRENGTH_THRESHOLD),
  };
  if (record) {
    record.current = after;
    record.position = event.meta.position;
    record.timeline.push(entry);
  } else {
    view.byQuestion.set(questionId, { current: after, position: event.meta.position, timeline: [entry] });
  }
}
