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
}

/** A fold of at least this many events keeps the view it ends with as a snapshot. */
const SNAPSHOT_AFTER = 256;

/**
 * An estimate of the heap a snapshot holds: about 2 KB per event folded into its view (measured on
 * the bench's sized questions: 48.8 MB for the 24,825 events of a 10,000-claim question).
 */
export const snapshotBytes = (snapshot: Pick<QuestionSnapshot, 'revision'>): number => 2_048 * (Number(snapshot.revision) + 1);

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

  /** The question's consensus as of a moment, with the solution its claims' explanations are drawn from. */
  async consensusAsOf(
    questionId: string,
    asOf: AsOf,
  ): Promise<{ consensus: QuestionConsensus; solution: ConsensusSolution; position: bigint | null; question: QuestionView }> {
    const { view, position } = await this.foldQuestion(questionId, asOf);
    const question = view.questions.get(questionId);
    if (!question) throw new NotFoundError('question', questionId);
    const solution = await runStepsSliced(consensusSteps(question, this.sourcesAsOf(asOf), this.resolved));
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

  private async foldQuestion(questionId: string, asOf: AsOf): Promise<{ view: QuestionsView; position: bigint | null }> {
    let view = questionsProjection.init();
    let position: bigint | null = null;
    let from = 0n;
    const start = asOf.axis === 'recorded' ? this.snapshotBefore(questionId, asOf) : undefined;
    if (start) {
      view = structuredClone(start.view);
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
      this.apply(view, recorded);
      position = recorded.position;
      last = recorded;
      folded++;
    }
    if (asOf.axis === 'recorded' && last && folded >= SNAPSHOT_AFTER) {
      this.keepSnapshot(questionId, { revision: last.revision, position: last.position, recordedAt: String(last.metadata.recordedAt), view });
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

  private keepSnapshot(questionId: string, snapshot: QuestionSnapshot): void {
    const kept = this.snapshots.get(questionId) ?? [];
    if (kept.some((s) => s.revision === snapshot.revision)) return;
    const snapshots = [...kept, snapshot].sort((a, b) => (a.revision < b.revision ? -1 : 1));
    // The questions looked back at least recently give up their snapshots first; a list bigger than
    // the whole bound keeps only its latest snapshots that fit.
    while (snapshots.length > 1 && snapshots.reduce((sum, s) => sum + snapshotBytes(s), 0) > this.snapshots.maxSize) snapshots.shift();
    this.snapshots.set(questionId, snapshots);
  }

  private apply(view: QuestionsView, recorded: RecordedEvent): void {
    const event = projectedEvent(recorded);
    if (event) questionsProjection.apply(view, event, NO_OTHER_VIEWS);
  }

  private sourcesAsOf(asOf: AsOf) {
    return sourceLookupAsOf(this.runner.view(sourcesProjection), asOf);
  }
}
