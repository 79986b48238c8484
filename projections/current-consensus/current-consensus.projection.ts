import {
  noteTouched,
  nothingTouched,
  QuestionConsensusEngine,
  runSteps,
  runStepsSliced,
  type ClaimExplanation,
  type ConsensusChange,
  type QuestionConsensus,
  type QuestionConsensusSettings,
  type Touched,
} from '../consensus';
import type { Projection } from '../projection';
import { questionsProjection, type QuestionsView } from '../questions/questions.projection';
import { sourceLookup } from '../sources/source-lookup';
import { sourcesProjection, type SourcesView } from '../sources/sources.projection';

/** What the projection keeps of one question between reads. */
export interface QuestionConsensusState {
  /** The position of the last event that moved this question (its own, or a cited source's re-appraisal). */
  position: bigint;
  /** Whether anything happened since the consensus was last brought up to date. */
  stale: boolean;
  /** What the events since then touched, noted only while the question has an engine to bring up to date. */
  touched: Touched;
  /** The question's incremental engine, once its consensus has been read; a cache, never snapshotted. */
  engine: QuestionConsensusEngine | undefined;
  /** The position the engine's result is as of. */
  enginePosition: bigint;
  /** An update in progress (a sliced read), which other reads of the question wait for. */
  updating: Promise<void> | undefined;
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

const freshState = (position: bigint): QuestionConsensusState => ({ position, stale: true, touched: nothingTouched(), engine: undefined, enginePosition: -1n, updating: undefined });

/**
 * The current consensus of every question, computed when it is read. Applying an event only notes
 * that its question moved and, where the question has an engine, what the event touched (O(1) per
 * event; a source's re-appraisal O(the questions citing it)); a read brings that question's engine
 * up to date with what was noted, re-solving only what lies downstream of it (or computes the
 * question afresh when it has no engine yet: after a start, a rebuild, or when its engine was
 * dropped). So a rebuild folds a million events without
 * computing a million consensuses. The result equals a full recompute (`computeQuestionConsensus`)
 * whenever it is read.
 */
export function currentConsensusProjection(settings: QuestionConsensusSettings, fingerprint: string): Projection<CurrentConsensusView> {
  const init = (): CurrentConsensusView => ({ questions: new Map(), settings, engineOrder: new Set() });
  return {
    name: CURRENT_CONSENSUS,
    version: 2,
    fingerprint,
    init,
    apply(view, event, read) {
      if (event.type === 'QuestionOpened') {
        view.questions.set(event.data.questionId, freshState(event.meta.position));
        return;
      }
      if (event.type === 'SourceAppraised') {
        const source = read(sourcesProjection).sources.get(event.data.sourceId);
        for (const questionId of new Set((source?.citations ?? []).map((c) => c.questionId))) {
          const state = view.questions.get(questionId);
          if (!state) continue;
          note(state, event.meta.position);
          if (state.engine) noteTouched(state.touched, event);
        }
        return;
      }
      if (!('questionId' in event.data)) return;
      const state = view.questions.get(event.data.questionId);
      if (!state) return;
      note(state, event.meta.position);
      if (state.engine) noteTouched(state.touched, event as never);
    },
    // Only the positions are data; everything else is recomputed from the questions and sources views.
    toSnapshot: (view) => new Map([...view.questions].map(([id, state]) => [id, state.position])),
    fromSnapshot(data) {
      const view = init();
      for (const [id, position] of data as Map<string, bigint>) view.questions.set(id, freshState(position));
      return view;
    },
  };
}

function note(state: QuestionConsensusState, position: bigint): void {
  state.position = position;
  state.stale = true;
}

export interface CurrentQuestionConsensus {
  consensus: QuestionConsensus;
  /** The position of the last event that moved the question, as of which the consensus is. */
  position: bigint;
}

/**
 * The question's consensus as of every event applied so far, brought up to date at once if anything
 * moved it since the last read; undefined for a question the ledger does not have. For the CLI and
 * tests; the server reads with {@link readCurrentConsensusSliced}.
 */
export function readCurrentConsensus(
  view: CurrentConsensusView,
  questions: QuestionsView,
  sources: SourcesView,
  questionId: string,
): CurrentQuestionConsensus | undefined {
  const state = touch(view, questionId, questions);
  if (!state) return undefined;
  if (state.stale || !state.engine?.current) {
    const { engine, touched } = startUpdate(view, state);
    const position = state.position;
    runSteps(engine.updateSteps(questions.questions.get(questionId)!, sourceLookup(sources), touched));
    settle(view, state, engine, position);
  }
  return { consensus: state.engine!.current!, position: state.enginePosition };
}

/**
 * {@link readCurrentConsensus} for the server: the work is done in slices of a few milliseconds,
 * giving the event loop back in between, so that a big or cyclic question never holds up other
 * requests. Reads of the same question wait for an update in progress rather than start another.
 * The result is as of the position the update began at (every event applied by then).
 */
export async function readCurrentConsensusSliced(
  view: CurrentConsensusView,
  questions: QuestionsView,
  sources: SourcesView,
  questionId: string,
): Promise<CurrentQuestionConsensus | undefined> {
  const state = touch(view, questionId, questions);
  if (!state) return undefined;
  while (state.updating) await state.updating;
  if (state.stale || !state.engine?.current) {
    const { engine, touched } = startUpdate(view, state);
    const position = state.position;
    const question = questions.questions.get(questionId)!;
    state.stale = false;
    const updating = runStepsSliced(engine.updateSteps(question, sourceLookup(sources), touched)).then(
      () => settle(view, state, engine, position),
      (error: unknown) => {
        // What the failed update took is lost with it: the next read builds the question afresh.
        state.engine = undefined;
        state.stale = true;
        throw error;
      },
    );
    state.updating = updating.finally(() => {
      state.updating = undefined;
    }).catch(() => undefined);
    await updating;
  }
  return { consensus: state.engine!.current!, position: state.enginePosition };
}

/** Why a claim stands where it does, as of the last read of its question (read it first). */
export function explainCurrentClaim(view: CurrentConsensusView, questionId: string, claimId: string): ClaimExplanation | undefined {
  return view.questions.get(questionId)?.engine?.explain(claimId);
}

/**
 * The engine to update and what was noted for it to refresh (undefined for a new engine: it builds
 * the question afresh). The engine is in place from now on, so that events applied while a sliced
 * update runs are noted for the next one.
 */
function startUpdate(view: CurrentConsensusView, state: QuestionConsensusState): { engine: QuestionConsensusEngine; touched: Touched | undefined } {
  const touched = state.engine ? state.touched : undefined;
  const engine = state.engine ?? new QuestionConsensusEngine(view.settings);
  state.engine = engine;
  state.touched = nothingTouched();
  return { engine, touched };
}

function touch(view: CurrentConsensusView, questionId: string, questions: QuestionsView): QuestionConsensusState | undefined {
  const state = view.questions.get(questionId);
  if (!state || !questions.questions.has(questionId)) return undefined;
  view.engineOrder.delete(questionId);
  view.engineOrder.add(questionId);
  return state;
}

function settle(view: CurrentConsensusView, state: QuestionConsensusState, engine: QuestionConsensusEngine, position: bigint): void {
  state.engine = engine;
  state.enginePosition = position;
  // Anything applied while the update ran is for the next read.
  state.stale = state.position !== position;
  dropLeastRecentlyRead(view);
}

function dropLeastRecentlyRead(view: CurrentConsensusView): void {
  while (view.engineOrder.size > ENGINES_KEPT) {
    const oldest = view.engineOrder.values().next().value!;
    view.engineOrder.delete(oldest);
    const state = view.questions.get(oldest);
    if (!state || state.updating) continue;
    state.engine = undefined;
    state.touched = nothingTouched();
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
