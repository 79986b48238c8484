import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DEFAULT_CACHE_SETTINGS } from '../config/cache-settings';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store.port';
import { questionStream } from '../../contract/event-catalogue';
import { NotFoundError } from '../ledger/domain-error';
import { projectedEvent } from '../projection-runtime/projected-event';
import { ProjectionRunner } from '../projection-runtime/projection-runner';
import { consensusSettingsFor } from './current-consensus';
import {
  consensusSteps,
  resolveSettings,
  runStepsSliced,
  type ConsensusSolution,
  type QuestionConsensus,
  type QuestionConsensusSettings,
  type ResolvedSettings,
  type SourceFacts,
  type SourceLookup,
} from '../../projections/consensus';
import { sourceLookupAsOf } from '../../projections/sources/source-lookup';
import { NO_OTHER_VIEWS } from '../../projections/projection';
import { questionsProjection, type QuestionView, type QuestionsView } from '../../projections/questions/questions.projection';
import { sourcesProjection } from '../../projections/sources/sources.projection';
import { includesEvent, type AsOf } from '../../projections/time-travel/as-of';
import { QuestionHistory } from '../../projections/timeline/question-history';

/** A question's view after some revision of its stream, kept so later looks back start from there. */
interface QuestionSnapshot {
  revision: bigint;
  position: bigint;
  recordedAt: string;
  view: QuestionsView;
  /**
   * The consensus last computed on exactly this view, with the sources as that moment saw them
   * (`sources`, see {@link SourcesSeen}): a look back at another moment with no event of the
   * question in between, and the same reliabilities, has the same answer (the next page of a
   * consensus as of a moment, the explanation of one of its claims).
   */
  answer?: { sources: SourcesSeen; solution: ConsensusSolution };
}

/** A fold of at least this many events keeps the view it ends with as a snapshot. */
const SNAPSHOT_AFTER = 256;

/**
 * An estimate of the heap a snapshot holds: 1 KB per event folded into its view, plus the answer
 * kept with it as the consensus engines are weighed (2.6 KB a claim, 1.3 KB a piece of evidence).
 * Measured with the heap after a full GC: a view folded from the store holds 470–520 bytes an event
 * and a copy of one (a fold that starts from a snapshot) 770–810, on the bench's mixed ledger (1,000
 * questions of 440–4,150 events) and its sized questions (24,825 events: 11.6 MB folded, 20.1 MB
 * copied). The estimate used before, 2 KB an event, kept a third of the snapshots the bound allows.
 */
export const snapshotBytes = (snapshot: { revision: bigint; answer?: { solution: { consensus: Pick<QuestionConsensus, 'claims' | 'evidence'> } } }): number => {
  const view = 1_024 * (Number(snapshot.revision) + 1);
  const consensus = snapshot.answer?.solution.consensus;
  return consensus ? view + 2_600 * consensus.claims.length + 1_300 * consensus.evidence.length : view;
};

/** The facts about each source a consensus read (its lookups, in order): its answer holds while they are the same. */
type SourcesSeen = ReadonlyMap<string, SourceFacts | undefined>;

export interface ReplayStep {
  event: RecordedEvent;
  consensus: QuestionConsensus;
}

/**
 * Looks back in time at one question. It folds the question's own stream (never the whole store),
 * starting on the recorded axis from the latest per-question snapshot before the moment asked for,
 * and reads each source's reliability as it stood then. A long fold keeps the view it ends with as a
 * snapshot: nothing changes that view afterwards, so keeping it costs no copy on the way to the
 * answer (a later fold copies it before folding on).
 */
@Injectable()
export class TimeTravel {
  /**
   * Each question's snapshots, the questions looked back at least recently evicted first, bounded by
   * an estimate of their bytes (LEDGER_CACHE_TIME_TRAVEL_BYTES) and dropped when idle
   * (LEDGER_CACHE_IDLE_SECONDS). A question's list is replaced, never changed, so it is weighed anew.
   */
  private readonly snapshots: LRUCache<string, readonly QuestionSnapshot[]>;
  private readonly settings: QuestionConsensusSettings;
  private readonly resolved: ResolvedSettings;
  /** A fold of at least this many events keeps the view it ends with (tests lower it, to keep snapshots on a short history). */
  snapshotAfter = SNAPSHOT_AFTER;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
  ) {
    this.settings = consensusSettingsFor(config);
    this.resolved = resolveSettings(this.settings);
    const { timeTravelBytes, idleMs } = config.caches ?? DEFAULT_CACHE_SETTINGS;
    this.snapshots = new LRUCache({
      maxSize: timeTravelBytes,
      sizeCalculation: (kept) => Math.max(1, kept.reduce((sum, snapshot) => sum + snapshotBytes(snapshot), 0)),
      ...(idleMs > 0 ? { ttl: idleMs, ttlAutopurge: true, updateAgeOnGet: true } : {}),
    });
  }

  /** What the snapshots are estimated to hold, in bytes, and for how many questions (tests, the bench). */
  get cached(): { bytes: number; questions: number } {
    return { bytes: this.snapshots.calculatedSize, questions: this.snapshots.size };
  }

  /**
   * The question's consensus as of a moment, with the solution its claims' explanations are drawn
   * from. Readers must not change what it returns: a kept answer is handed to later readers too.
   */
  async consensusAsOf(
    questionId: string,
    asOf: AsOf,
  ): Promise<{ consensus: QuestionConsensus; solution: ConsensusSolution; position: bigint | null; question: QuestionView }> {
    const { view, position, snapshot } = await this.foldQuestion(questionId, asOf);
    const question = view.questions.get(questionId);
    if (!question) throw new NotFoundError('question', questionId);
    const sourceOf = this.sourcesAsOf(asOf);
    const kept = snapshot?.answer;
    let solution: ConsensusSolution;
    if (kept && sameSources(kept.sources, sourceOf)) {
      solution = kept.solution;
    } else {
      // Each source once: a question cites few sources from many pieces of evidence.
      const seen = new Map<string, SourceFacts | undefined>();
      const lookup = (sourceId: string) => {
        if (!seen.has(sourceId)) seen.set(sourceId, sourceOf(sourceId));
        return seen.get(sourceId);
      };
      solution = await runStepsSliced(consensusSteps(question, lookup, this.resolved));
      if (snapshot) this.keepAnswer(questionId, snapshot, { sources: seen, solution });
    }
    // The question as it stood then too (for exports as of a moment); a kept view is never changed afterwards.
    return { consensus: solution.consensus, solution, position, question };
  }

  /** The question's events in order, each with the consensus right after it (as the ledger knew it then). */
  async *replay(questionId: string, from?: bigint): AsyncGenerator<ReplayStep> {
    const history = new QuestionHistory(questionId, this.settings);
    for await (const recorded of this.store.readStream(questionStream(questionId))) {
      const event = projectedEvent(recorded);
      const step = event && (await runStepsSliced(history.stepSteps(event, this.sourcesAsOf({ axis: 'recorded', position: recorded.position }))));
      if (step && (from === undefined || recorded.position >= from)) yield { event: recorded, consensus: step.consensus };
    }
  }

  /**
   * The question's view as of the moment, and the snapshot that is exactly that view (the one it
   * started from when no event came after it, or the one this fold kept), if any.
   */
  private async foldQuestion(questionId: string, asOf: AsOf): Promise<{ view: QuestionsView; position: bigint | null; snapshot?: QuestionSnapshot }> {
    let view = questionsProjection.init();
    let position: bigint | null = null;
    let from = 0n;
    const start = asOf.axis === 'recorded' ? this.snapshotBefore(questionId, asOf) : undefined;
    // A kept view is never changed: it is copied before the first event folded onto it, and only then
    // (a look back with nothing after the snapshot copies nothing).
    let owned = !start;
    if (start) {
      view = start.view;
      position = start.position;
      from = start.revision + 1n;
    }
    let folded = 0;
    let last: RecordedEvent | undefined;
    for await (const recorded of this.store.readStream(questionStream(questionId), { from })) {
      if (!includesEvent(asOf, recorded)) {
        // A stream is in recording order: on that axis nothing later can be included.
        if (asOf.axis === 'recorded') break;
        continue;
      }
      if (!owned) {
        view = structuredClone(view);
        owned = true;
      }
      this.apply(view, recorded);
      position = recorded.position;
      last = recorded;
      folded++;
    }
    if (start && folded === 0) return { view, position, snapshot: start };
    if (asOf.axis === 'recorded' && last && folded >= this.snapshotAfter) {
      const snapshot: QuestionSnapshot = { revision: last.revision, position: last.position, recordedAt: String(last.metadata.recordedAt), view };
      return { view, position, snapshot: this.keepSnapshot(questionId, snapshot) };
    }
    return { view, position };
  }

  /** The latest snapshot of the question that the moment includes; it counts as used. */
  private snapshotBefore(questionId: string, asOf: AsOf): QuestionSnapshot | undefined {
    const snapshots = this.snapshots.get(questionId);
    if (!snapshots) return undefined;
    for (let i = snapshots.length - 1; i >= 0; i--) {
      const snapshot = snapshots[i]!;
      if (includesEvent(asOf, { position: snapshot.position, metadata: { recordedAt: snapshot.recordedAt } })) return snapshot;
    }
    return undefined;
  }

  /** Keeps the snapshot, unless one of the same revision is kept already (then that one is the view's twin). */
  private keepSnapshot(questionId: string, snapshot: QuestionSnapshot): QuestionSnapshot {
    const kept = this.snapshots.get(questionId) ?? [];
    const twin = kept.find((s) => s.revision === snapshot.revision);
    if (twin) return twin;
    this.setSnapshots(questionId, [...kept, snapshot].sort((a, b) => (a.revision < b.revision ? -1 : 1)));
    return snapshot;
  }

  /** Keeps the answer with its snapshot (replacing an older one), if the snapshot is still kept. */
  private keepAnswer(questionId: string, snapshot: QuestionSnapshot, answer: NonNullable<QuestionSnapshot['answer']>): void {
    const kept = this.snapshots.peek(questionId);
    if (!kept?.includes(snapshot)) return;
    // The list is replaced, not changed, so that the cache weighs it anew.
    this.setSnapshots(questionId, kept.map((s) => (s === snapshot ? { ...s, answer } : s)));
  }

  private setSnapshots(questionId: string, snapshots: QuestionSnapshot[]): void {
    // The questions looked back at least recently give up their snapshots first; a list bigger than
    // the whole bound keeps only its latest snapshots that fit.
    while (snapshots.length > 1 && snapshots.reduce((sum, s) => sum + snapshotBytes(s), 0) > this.snapshots.maxSize) snapshots.shift();
    this.snapshots.set(questionId, snapshots);
  }

  private apply(view: QuestionsView, recorded: RecordedEvent): void {
    const event = projectedEvent(recorded);
    if (event) questionsProjection.apply(view, event, NO_OTHER_VIEWS);
  }

  private sourcesAsOf(asOf: AsOf): SourceLookup {
    return sourceLookupAsOf(this.runner.view(sourcesProjection), asOf);
  }
}

/** Whether every source a kept answer read is the same as of this moment (every fact the lookup gives). */
function sameSources(seen: SourcesSeen, sourceOf: SourceLookup): boolean {
  for (const [sourceId, then] of seen) {
    const now = sourceOf(sourceId);
    if (now === undefined || then === undefined) {
      if (now !== then) return false;
      continue;
    }
    const keys = Object.keys(now) as (keyof SourceFacts)[];
    if (keys.length !== Object.keys(then).length || keys.some((key) => !Object.is(now[key], then[key]))) return false;
  }
  return true;
}
