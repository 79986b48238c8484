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
import { LRUCache } from 'lru-cache';
import { isQuestionEvent } from '../../contract/event-catalogue';
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
  /**
   * The questions with an engine, least recently read first, bounded by an estimate of the bytes
   * their engines hold (see {@link engineBytes}) and by idle time: an engine evicted or idle goes,
   * and its question is computed afresh when read again. Each value is a fresh holder at every
   * read, so that the cache weighs the engine as it is now.
   */
  readonly engines: LRUCache<string, { state: QuestionConsensusState }>;
}

/** How big and how long the engines may be kept. */
export interface EngineCacheBounds {
  /** An estimate of the bytes all kept engines may hold together. */
  maxBytes: number;
  /** An engine not read for this long is dropped; 0: never for that. */
  idleMs: number;
}

/** The default bounds: those of `DEFAULT_CACHE_SETTINGS` (src/config/cache-settings.ts). */
export const DEFAULT_ENGINE_BOUNDS: EngineCacheBounds = { maxBytes: 256 * 1024 * 1024, idleMs: 300_000 };

/**
 * An estimate of the heap an engine holds: measured on the bench's sized questions (about 3.5 KB per
 * claim of a 10,000-claim question: its graph, strengths and the entry of each claim, evidence
 * included), plus a little for an empty one. Only the bound's unit: it need not be exact.
 */
export function engineBytes(engine: QuestionConsensusEngine | undefined): number {
  const current = engine?.current;
  if (!current) return 8 * 1024;
  return 8 * 1024 + 2_600 * current.claims.length + 1_300 * current.evidence.length;
}

export const CURRENT_CONSENSUS = 'current-consensus';

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
export function currentConsensusProjection(
  settings: QuestionConsensusSettings,
  fingerprint: string,
  bounds: EngineCacheBounds = DEFAULT_ENGINE_BOUNDS,
): Projection<CurrentConsensusView> {
  const init = (): CurrentConsensusView => ({ questions: new Map(), settings, engines: engineCache(bounds) });
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
      if (!isQuestionEvent(event)) return;
      const state = view.questions.get(event.data.questionId);
      if (!state) return;
      note(state, event.meta.position);
      if (state.engine) noteTouched(state.touched, event);
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
  /** Why a claim stands where it does in this consensus (undefined for an unknown claim). */
  explain(claimId: string): ClaimExplanation | undefined;
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
  let engine = state.engine;
  if (state.stale || !engine?.current) {
    const started = startUpdate(view, state);
    engine = started.engine;
    const position = state.position;
    runSteps(engine.updateSteps(questions.questions.get(questionId)!, sourceLookup(sources), started.touched));
    settle(view, state, engine, position);
  }
  return answer(engine, state.enginePosition);
}

/** The read's answer from the engine it brought up to date (which the cache may not have kept). */
function answer(engine: QuestionConsensusEngine, position: bigint): CurrentQuestionConsensus {
  return new CurrentRead(engine, position);
}

/** A read's answer; the engine stays private (its data are the consensus and the position). */
class CurrentRead implements CurrentQuestionConsensus {
  readonly #engine: QuestionConsensusEngine;
  readonly consensus: QuestionConsensus;

  constructor(
    engine: QuestionConsensusEngine,
    readonly position: bigint,
  ) {
    this.#engine = engine;
    this.consensus = engine.current!;
  }

  explain(claimId: string): ClaimExplanation | undefined {
    return this.#engine.explain(claimId);
  }
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
  let engine = state.engine;
  if (state.stale || !engine?.current) {
    const started = startUpdate(view, state);
    const touched = started.touched;
    engine = started.engine;
    const updated = engine;
    const position = state.position;
    const question = questions.questions.get(questionId)!;
    state.stale = false;
    const updating = runStepsSliced(engine.updateSteps(question, sourceLookup(sources), touched)).then(
      () => settle(view, state, updated, position),
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
  return answer(engine, state.enginePosition);
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
  view.engines.get(questionId); // counts as used: most recently read, idle time restarted
  return state;
}

function settle(view: CurrentConsensusView, state: QuestionConsensusState, engine: QuestionConsensusEngine, position: bigint): void {
  state.engine = engine;
  state.enginePosition = position;
  // Anything applied while the update ran is for the next read.
  state.stale = state.position !== position;
  // Weighed as it is now; one bigger than the whole bound is not kept (the holder is then gone).
  const questionId = engine.current?.questionId;
  if (questionId === undefined) return;
  view.engines.set(questionId, { state });
  if (!view.engines.has(questionId)) {
    // Bigger than the whole bound: kept for this read's answer only, the next read computes it afresh.
    state.engine = undefined;
    state.touched = nothingTouched();
    state.stale = true;
  }
}

function engineCache(bounds: EngineCacheBounds): LRUCache<string, { state: QuestionConsensusState }> {
  return new LRUCache<string, { state: QuestionConsensusState }>({
    maxSize: bounds.maxBytes,
    sizeCalculation: ({ state }) => Math.max(1, Math.min(engineBytes(state.engine), Number.MAX_SAFE_INTEGER)),
    ...(bounds.idleMs > 0 ? { ttl: bounds.idleMs, ttlAutopurge: true, updateAgeOnGet: true } : {}),
    // Evicted for size, idle, or deleted: the engine goes. A holder replaced by a fresh one ('set') is the same engine.
    dispose: ({ state }, _questionId, reason) => {
      if (reason !== 'set') dropEngine(state);
    },
  });
}

function dropEngine(state: QuestionConsensusState): void {
  // An update in progress keeps its engine: the read waiting for it needs the result.
  if (state.updating) return;
  state.engine = undefined;
  state.touched = nothingTouched();
  state.stale = true;
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
