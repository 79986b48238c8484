import { Inject, Injectable } from '@nestjs/common';
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
/** At most this many snapshots are kept, of the questions looked back at most recently. */
const SNAPSHOTS_KEPT = 512;

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
  private readonly snapshots = new Map<string, QuestionSnapshot[]>();
  private snapshotCount = 0;
  private readonly settings: QuestionConsensusSettings;
  private readonly resolved: ResolvedSettings;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
  ) {
    this.settings = consensusSettingsFor(config);
    this.resolved = resolveSettings(this.settings);
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
    this.snapshots.delete(questionId);
    this.snapshots.set(questionId, snapshots);
    for (let i = snapshots.length - 1; i >= 0; i--) {
      const snapshot = snapshots[i]!;
      if (includesEvent(asOf, { position: snapshot.position, metadata: { recordedAt: snapshot.recordedAt } })) return snapshot;
    }
    return undefined;
  }

  private keepSnapshot(questionId: string, snapshot: QuestionSnapshot): void {
    const snapshots = this.snapshots.get(questionId) ?? [];
    if (snapshots.some((s) => s.revision === snapshot.revision)) return;
    snapshots.push(snapshot);
    snapshots.sort((a, b) => (a.revision < b.revision ? -1 : 1));
    this.snapshots.delete(questionId);
    this.snapshots.set(questionId, snapshots);
    this.snapshotCount++;
    // The questions looked back at least recently give up their snapshots first.
    while (this.snapshotCount > SNAPSHOTS_KEPT) {
      const [oldest, kept] = this.snapshots.entries().next().value!;
      this.snapshotCount -= kept.length;
      this.snapshots.delete(oldest);
    }
  }

  private apply(view: QuestionsView, recorded: RecordedEvent): void {
    const event = projectedEvent(recorded);
    if (event) questionsProjection.apply(view, event, NO_OTHER_VIEWS);
  }

  private sourcesAsOf(asOf: AsOf) {
    return sourceLookupAsOf(this.runner.view(sourcesProjection), asOf);
  }
}
