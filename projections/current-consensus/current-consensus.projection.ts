import {
  affectedClaimIds,
  claimsCitingSource,
  QuestionConsensusEngine,
  type ConsensusChange,
  type QuestionConsensus,
  type QuestionConsensusSettings,
} from '../consensus';
import type { Projection } from '../projection';
import { questionsProjection, type QuestionsView } from '../questions/questions.projection';
import { sourcesProjection, type SourcesView } from '../sources/sources.projection';

/** What the projection keeps of one question between reads. */
export interface QuestionConsensusState {
  /** The position of the last event that moved this question (its own, or a cited source's re-appraisal). */
  position: bigint;
  /** Claims touched since the consensus was last brought up to date (see `affectedClaimIds`). */
  pendingClaims: Set<string>;
  /** Claims whose stances changed since then (stances move no strength, so they are kept apart). */
  pendingStances: Set<string>;
  /** Whether anything happened since the consensus was last brought up to date. */
  stale: boolean;
  /** The question's incremental engine, once its consensus has been read; a cache, never snapshotted. */
  engine: QuestionConsensusEngine | undefined;
}

export interface CurrentConsensusView {
  questions: Map<string, QuestionConsensusState>;
  /** The settings the engines are made with: the projection's, not part of the view's data. */
  readonly settings: QuestionConsensusSettings;
  /** Question ids with an engine, least recently read first: engines are bounded (see ENGINES_KEPT). */
  readonly engineOrder: Set<string>;
}

export const CURRENT_CONSENSUS = 'current-consensus';

/**
 * Engines are kept for this many questions, the most recently read: an engine holds its question's
 * whole graph and last result, and a question not read for a while is recomputed afresh when it is.
 */
export const ENGINES_KEPT = 256;

/** A strength move smaller than this is not worth a line in a list of changes. */
export const CHANGE_STRENGTH_THRESHOLD = 0.05;

/**
 * The current consensus of every question, computed when it is read. Applying an event only notes
 * which claims of which question it touched (O(1) per event, a source's re-appraisal O(its
 * citations)); a read brings that question's engine up to date with everything noted since the last
 * read, re-solving only the part of its graph downstream of those claims, or computes the question
 * afresh when it has no engine yet (after a start, a rebuild, or when its engine was dropped). So a
 * rebuild folds a million events without computing a million consensuses, and a write costs what a
 * reader of its question needs, when one reads it. The result equals a full recompute
 * (`computeQuestionConsensus`) whenever it is read.
 */
export function currentConsensusProjection(settings: QuestionConsensusSettings, fingerprint: string): Projection<CurrentConsensusView> {
  const init = (): CurrentConsensusView => ({ questions: new Map(), settings, engineOrder: new Set() });
  return {
    name: CURRENT_CONSENSUS,
    version: 1,
    fingerprint,
    init,
    apply(view, event, read) {
      if (event.type === 'QuestionOpened') {
        view.questions.set(event.data.questionId, { position: event.meta.position, pendingClaims: new Set(), pendingStances: new Set(), stale: true, engine: undefined });
        return;
      }
      if (event.type === 'SourceAppraised') {
        const questions = read(questionsProjection);
        const source = read(sourcesProjection).sources.get(event.data.sourceId);
        const questionIds = new Set((source?.citations ?? []).map((c) => c.questionId));
        for (const questionId of questionIds) {
          const question = questions.questions.get(questionId);
          const state = view.questions.get(questionId);
          if (!question || !state) continue;
          note(state, event.meta.position);
          // Without an engine the next read computes everything: nothing to look for.
          if (state.engine) for (const id of claimsCitingSource(question, event.data.sourceId)) state.pendingClaims.add(id);
        }
        return;
      }
      if (!('questionId' in event.data)) return;
      const state = view.questions.get(event.data.questionId);
      if (!state) return;
      note(state, event.meta.position);
      if (!state.engine) return;
      for (const id of affectedClaimIds(event as never)) state.pendingClaims.add(id);
      if (event.type === 'StanceRecorded') state.pendingStances.add(event.data.claimId);
    },
    // Only the positions are data; everything else is recomputed from the questions and sources views.
    toSnapshot: (view) => new Map([...view.questions].map(([id, state]) => [id, state.position])),
    fromSnapshot(data) {
      const view = init();
      for (const [id, position] of data as Map<string, bigint>) {
        view.questions.set(id, { position, pendingClaims: new Set(), pendingStances: new Set(), stale: true, engine: undefined });
      }
      return view;
    },
  };
}

/**
 * That an event moved the question. What it touched is noted only where the question has an engine
 * to bring up to date; without one, the next read computes everything.
 */
function note(state: QuestionConsensusState, position: bigint): void {
  state.position = position;
  state.stale = true;
}

export interface CurrentQuestionConsensus {
  consensus: QuestionConsensus;
  /** The position of the last event that moved the question. */
  position: bigint;
}

/**
 * The question's consensus as of every event applied so far, brought up to date if anything moved
 * it since the last read; undefined for a question the ledger does not have.
 */
export function readCurrentConsensus(
  view: CurrentConsensusView,
  questions: QuestionsView,
  sources: SourcesView,
  questionId: string,
): CurrentQuestionConsensus | undefined {
  const state = view.questions.get(questionId);
  const question = questions.questions.get(questionId);
  if (!state || !question) return undefined;
  view.engineOrder.delete(questionId);
  view.engineOrder.add(questionId);
  if (state.stale || !state.engine?.current) {
    const reliabilityOf = (id: string) => sources.sources.get(id)?.reliability ?? null;
    if (!state.engine) {
      state.engine = new QuestionConsensusEngine({ ...view.settings, titleOf: (id) => sources.sources.get(id)?.title ?? null });
      state.engine.update(question, reliabilityOf);
    } else {
      // Every touched claim was noted, so the engine looks at nothing else.
      state.engine.update(question, reliabilityOf, state.pendingClaims, { stanceClaimIds: state.pendingStances });
    }
    state.pendingClaims.clear();
    state.pendingStances.clear();
    state.stale = false;
    dropLeastRecentlyRead(view);
  }
  return { consensus: state.engine.current!, position: state.position };
}

function dropLeastRecentlyRead(view: CurrentConsensusView): void {
  while (view.engineOrder.size > ENGINES_KEPT) {
    const oldest = view.engineOrder.values().next().value!;
    view.engineOrder.delete(oldest);
    const state = view.questions.get(oldest);
    if (!state) continue;
    state.engine = undefined;
    state.pendingClaims.clear();
    state.pendingStances.clear();
    state.stale = true;
  }
}

/**
 * What changed from `before` to the question's consensus now (read it first): cheap when `before`
 * is the result the last read replaced, a full comparison otherwise.
 */
export function consensusChangesSince(view: CurrentConsensusView, questionId: string, before: QuestionConsensus | null): ConsensusChange[] {
  const engine = view.questions.get(questionId)?.engine;
  if (!engine?.current) throw new Error('consensusChangesSince: read the consensus first');
  return engine.changesSince(before, CHANGE_STRENGTH_THRESHOLD);
}
