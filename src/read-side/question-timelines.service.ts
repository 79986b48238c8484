import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DEFAULT_CACHE_SETTINGS } from '../config/cache-settings';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store.port';
import { questionStream, sourceStream } from '../../contract/event-catalogue';
import { NotFoundError } from '../ledger/domain-error';
import { projectedEvent } from '../projection-runtime/projected-event';
import { ProjectionRunner } from '../projection-runtime/projection-runner';
import { consensusSettingsFor } from './current-consensus';
import type { QuestionConsensusSettings } from '../../projections/consensus';
import { questionsProjection } from '../../projections/questions/questions.projection';
import { sourcesProjection } from '../../projections/sources/sources.projection';
import { runStepsSliced } from '../../projections/consensus';
import { sourceLookupAsOf } from '../../projections/sources/source-lookup';
import { QuestionHistory, type TimelineEntry } from '../../projections/timeline/question-history';

/** A question's timeline folded so far, kept so the next request only folds what came since. */
export interface FoldedTimeline {
  history: QuestionHistory;
  entries: TimelineEntry[];
  /** The last revision of the question's stream folded; -1 before any. */
  revision: bigint;
  /** Everything up to this global position is folded. */
  position: bigint;
  /** The fold in progress: requests for one question extend it one after another. */
  extending: Promise<void>;
}

/**
 * An estimate of the heap a folded timeline holds: about 1.1 KB per entry, which covers the entry,
 * its changes, and the question's view and engine folded along (measured on the bench's sized
 * questions: 26.5 MB for the 24,856 entries of a 10,000-claim question), plus a little for an empty one.
 */
export const timelineBytes = (folded: Pick<FoldedTimeline, 'entries'>): number => 8 * 1024 + 1_100 * folded.entries.length;

/**
 * Each question's timeline: every event of its history in order (its own and the re-appraisals of
 * the sources it cites), with the changes it made to the computed consensus. Computed when asked for
 * by folding the question's stream, never kept per event for every question: an audit view of one
 * question should not cost memory for every event of the ledger.
 */
@Injectable()
export class QuestionTimelines {
  /**
   * Folded timelines, the least recently asked for evicted first, bounded by an estimate of their
   * bytes (LEDGER_CACHE_TIMELINE_BYTES) and dropped when idle (LEDGER_CACHE_IDLE_SECONDS). Each value
   * is a fresh holder after every fold, so that the cache weighs the timeline as it is now; one
   * bigger than the whole bound is folded for the request and not kept.
   */
  private readonly folded: LRUCache<string, { folded: FoldedTimeline }>;
  private readonly settings: QuestionConsensusSettings;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
  ) {
    this.settings = consensusSettingsFor(config);
    const { timelineBytes: maxSize, idleMs } = config.caches ?? DEFAULT_CACHE_SETTINGS;
    this.folded = new LRUCache({
      maxSize,
      sizeCalculation: ({ folded }) => timelineBytes(folded),
      ...(idleMs > 0 ? { ttl: idleMs, ttlAutopurge: true, updateAgeOnGet: true } : {}),
    });
  }

  /** What the timelines are estimated to hold, in bytes, and for how many questions (tests, the bench). */
  get cached(): { bytes: number; questions: number } {
    return { bytes: this.folded.calculatedSize, questions: this.folded.size };
  }

  /** The question's timeline up to the events the views have applied (read after `readyForRead`). */
  async timeline(questionId: string): Promise<TimelineEntry[]> {
    if (!this.runner.view(questionsProjection).questions.has(questionId)) throw new NotFoundError('question', questionId);
    const upTo = this.runner.position ?? -1n;
    const folded = this.folded.get(questionId)?.folded ?? { history: new QuestionHistory(questionId, this.settings, 'labels'), entries: [], revision: -1n, position: -1n, extending: Promise.resolve() };
    this.folded.set(questionId, { folded });

    const extended = folded.extending.then(() => this.extend(folded, upTo));
    folded.extending = extended.catch(() => undefined);
    await extended;
    // Weighed again as it is now (and kept again if it went while it was folded: it was just used).
    this.folded.set(questionId, { folded });
    return folded.entries.filter((entry) => entry.position <= upTo);
  }

  private async extend(folded: FoldedTimeline, upTo: bigint): Promise<void> {
    if (folded.position >= upTo) return;
    const questionId = folded.history.questionId;
    const events: RecordedEvent[] = [];
    for await (const recorded of this.store.readStream(questionStream(questionId), { from: folded.revision + 1n })) {
      if (recorded.position > upTo) break;
      events.push(recorded);
    }
    // Re-appraisals of every source the question cites now; each step checks whether it cited it then.
    const question = this.runner.view(questionsProjection).questions.get(questionId);
    const sourceIds = new Set([...(question?.evidence.values() ?? [])].map((evidence) => evidence.sourceId));
    for (const sourceId of sourceIds) {
      for await (const recorded of this.store.readStream(sourceStream(sourceId))) {
        if (recorded.type === 'SourceAppraised' && recorded.position > folded.position && recorded.position <= upTo) events.push(recorded);
      }
    }
    events.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));

    const sources = this.runner.view(sourcesProjection);
    for (const recorded of events) {
      const event = projectedEvent(recorded);
      if (recorded.stream === questionStream(questionId)) folded.revision = recorded.revision;
      if (!event) continue;
      const asOf = { axis: 'recorded' as const, position: recorded.position };
      // In slices: a big or cyclic question must not hold the event loop while its history is folded.
      const step = await runStepsSliced(folded.history.stepSteps(event, sourceLookupAsOf(sources, asOf)));
      if (step) folded.entries.push(step.entry);
    }
    folded.position = upTo;
  }
}
