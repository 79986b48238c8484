import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { CorruptEventError } from '../event-store/event-store.errors';
import { EVENT_STORE, type AllSubscription, type EventStore, type RecordedEvent } from '../event-store/event-store.port';
import { LedgerAudit, type Admission, type BrokenStream } from '../ledger/integrity/ledger-audit';
import { LocalCheckpoints } from '../ledger/integrity/local-checkpoints';
import type { Projection, ProjectedEvent, ViewReader } from '../../projections/projection';
import { projectedEvent } from './projected-event';
import { PROJECTIONS, versionOf } from './projections.registry';
import { SnapshotFile } from './snapshot-file';

/** The projections could not reach the position a read needs within the configured time. */
export class ReadTimeoutError extends Error {
  override readonly name = 'ReadTimeoutError';

  constructor(
    readonly wanted: bigint,
    readonly reached: bigint | undefined,
  ) {
    super(`The read models have not reached position ${wanted} yet (they are at ${reached ?? 'the start'}); try again shortly`);
  }
}

interface RunnerState {
  views: Map<string, unknown>;
  /** The views again, in the order of the projections, and the reader over them: made once, used for every event. */
  ordered: unknown[];
  read: ViewReader;
  /** The position of the last event applied; undefined before any. */
  position: bigint | undefined;
  /** The hash chains and the ledger-wide tree of the events read into these views. */
  audit: LedgerAudit;
}

/** What the runner found of the log's integrity: on /health. */
export interface IntegrityStatus {
  /** Events in the ledger-wide tree: every event read. */
  treeSize: number;
  /** The first event refused in each broken stream, with how many of its later events were refused too. */
  breaks: BrokenStream[];
  /** Why the log no longer extends the ledger's last checkpoint, if it does not. */
  checkpoint: string | null;
}

export interface ProjectionFailure {
  projection: string;
  position: string;
  message: string;
}

const REFOLLOW_DELAY_MS = 1_000;

/**
 * A snapshot writes every view (seconds on a ledger of a million events) and holds the event loop
 * meanwhile; after one, the next waits at least this many times as long, so snapshots never take
 * more than a small share of the time, however large the ledger (catching up from an older snapshot
 * costs far less than writing one).
 */
const SNAPSHOT_PAUSE_RATIO = 50;

/** While events come, the ledger signs a checkpoint of its head at most this often (and with each snapshot, and at shutdown). */
const CHECKPOINT_EVERY_MS = 60_000;

/**
 * Runs the projections over the event store, by global position, never through the in-memory event
 * bus. It restores the latest snapshot (unless a projection's version changed or the store is not the
 * one the snapshot came from), catches up from that checkpoint, then follows the store's live
 * subscription. Snapshots are written every `LEDGER_SNAPSHOT_EVERY` events (but no sooner than
 * `SNAPSHOT_PAUSE_RATIO` times as long as the last one took) and at shutdown.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** Every ledger event once applied to all views, in position order: what live streams listen to. */
  readonly applied$ = new Subject<ProjectedEvent>();

  private readonly logger = new Logger('Projections');
  private readonly snapshots: SnapshotFile;
  private state: RunnerState;
  private sinceSnapshot = 0;
  /** When the last snapshot was written, and how long it took: the next one waits in proportion. */
  private lastSnapshot = { at: 0, tookMs: 0 };
  private storeIdentity: string | undefined;
  private subscription: AllSubscription | undefined;
  private following: Promise<void> | undefined;
  private stopped = false;
  private queued: Promise<void> | null = null;
  private current: Promise<void> = Promise.resolve();
  private readonly failures: ProjectionFailure[] = [];
  private readonly checkpoints: LocalCheckpoints;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(PROJECTIONS) private readonly projections: Projection<unknown>[],
  ) {
    this.snapshots = new SnapshotFile(join(config.dataDir, 'projections.snapshot'));
    this.checkpoints = new LocalCheckpoints(config, store, { log: (m) => this.logger.log(m), error: (m) => this.logger.error(m) });
    this.state = this.freshState();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.storeIdentity = await this.identifyStore();
    this.restoreSnapshot();
    await this.catchUp();
    await this.checkpoints.check(this.state.audit, () => this.catchUp());
    this.checkpoints.started(this.state.audit);
    await this.checkpoints.save(this.state.audit);
    this.follow();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.following;
    await this.current;
    // What this process appended is in the views, the snapshot and the checkpoint before it stops.
    await this.catchUp().catch((error: unknown) => this.logger.error(`could not read the last events before stopping: ${(error as Error).message}`));
    this.saveSnapshot();
    await this.checkpoints.save(this.state.audit);
    this.applied$.complete();
  }

  /** The position the views have caught up to; undefined before any event. */
  get position(): bigint | undefined {
    return this.state.position;
  }

  get problems(): readonly ProjectionFailure[] {
    return this.failures;
  }

  /** Events refused because they failed verification, and whether the log extends the ledger's checkpoint. */
  get integrity(): IntegrityStatus {
    return { treeSize: this.state.audit.tree.size, breaks: this.state.audit.breaks(), checkpoint: this.checkpoints.problem ?? null };
  }

  /** The hash chains and ledger-wide tree of the events in the views: what checkpoints and proofs are made from. */
  get audit(): LedgerAudit {
    return this.state.audit;
  }

  view<View>(projection: Projection<View>): View {
    return this.viewByName<View>(projection.name);
  }

  /** For projections made by a factory (with settings), which callers know by name. */
  viewByName<View>(name: string): View {
    return this.state.views.get(name) as View;
  }

  /**
   * Applies every event appended so far. Concurrent callers share one read that starts after their
   * call, so none of them can miss a write it has seen acknowledged.
   */
  catchUp(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.current.then(async () => {
      this.queued = null;
      await this.readNewEvents(this.state);
    });
    this.queued = next;
    this.current = next.catch(() => undefined);
    return next;
  }

  /**
   * Waits until the views include `minPosition` (a write's answer), or, without one, every event
   * appended before this call: a reader always sees its own writes. Past the configured time: 503.
   */
  async readyForRead(minPosition?: bigint): Promise<void> {
    const wanted = minPosition ?? (await this.store.headPosition());
    if (wanted === null || wanted === undefined) return;
    const deadline = Date.now() + this.config.readTimeoutMs;
    for (;;) {
      if (this.state.position !== undefined && this.state.position >= wanted) return;
      await this.catchUp();
      if (this.state.position !== undefined && this.state.position >= wanted) return;
      if (Date.now() >= deadline) throw new ReadTimeoutError(wanted, this.state.position);
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, Math.max(1, deadline - Date.now()))));
    }
  }

  /**
   * Rebuilds every view from the start of the log into fresh views, then swaps them in: readers keep
   * the old views until the new ones have caught up.
   */
  async rebuild(onProgress?: (position: bigint) => void): Promise<{ position: bigint | undefined; events: number }> {
    const rebuilt = this.freshState();
    let events = 0;
    await (this.current = this.current.then(async () => {
      events = await this.readNewEvents(rebuilt, false, onProgress);
      this.state = rebuilt;
    }));
    this.saveSnapshot();
    this.logger.log(`rebuilt every projection from ${events} events`);
    return { position: rebuilt.position, events };
  }

  private async readNewEvents(state: RunnerState, publish = true, onProgress?: (position: bigint) => void): Promise<number> {
    let count = 0;
    for (;;) {
      try {
        for await (const recorded of this.store.readAll(state.position === undefined ? {} : { after: state.position })) {
          this.apply(state, recorded, publish);
          if (++count % 1000 === 0) onProgress?.(recorded.position);
        }
        return count;
      } catch (error) {
        // A stored event that cannot be decoded is refused like one that fails verification, and read past.
        if (!(error instanceof CorruptEventError)) throw error;
        this.refuseUnreadable(state, error);
        count++;
      }
    }
  }

  private follow(): void {
    if (this.stopped) return;
    const subscription = this.store.subscribeAll(this.state.position === undefined ? {} : { after: this.state.position });
    this.subscription = subscription;
    this.following = (async () => {
      try {
        for await (const item of subscription) {
          if (item.kind === 'event') this.apply(this.state, item.event, true);
        }
      } catch (error) {
        if (this.stopped) return;
        await subscription.close();
        if (error instanceof CorruptEventError) {
          this.refuseUnreadable(this.state, error);
          setImmediate(() => this.follow());
          return;
        }
        this.logger.error(`the live subscription failed; following again shortly: ${(error as Error).message}`);
        setTimeout(() => this.follow(), REFOLLOW_DELAY_MS);
      }
    })();
  }

  private apply(state: RunnerState, recorded: RecordedEvent, publish: boolean): void {
    if (state.position !== undefined && recorded.position <= state.position) return;
    // A store that was empty at start is named by its first event as soon as it has one.
    if (state.position === undefined && this.storeIdentity === `${this.store.kind}:empty`) this.storeIdentity = `${this.store.kind}:${recorded.id}`;
    state.position = recorded.position;
    // Verified as it is read: an event that fails is never applied, nor any later event of its stream.
    const admission = state.audit.admit(recorded);
    if (!admission.ok) return this.refuse(admission);
    const projected = projectedEvent(recorded);
    if (!projected) return;
    const position = recorded.position;
    const { ordered, read } = state;
    for (let index = 0; index < this.projections.length; index++) {
      const projection = this.projections[index]!;
      try {
        projection.apply(ordered[index], projected, read);
      } catch (error) {
        // One projection's bug must not stop the others; it is logged and shown on /health.
        const failure = { projection: projection.name, position: position.toString(), message: (error as Error).message };
        this.failures.push(failure);
        this.logger.error(`projection ${failure.projection} failed at position ${failure.position}: ${failure.message}`);
      }
    }
    if (publish && state === this.state) {
      this.applied$.next(projected);
      if (++this.sinceSnapshot >= this.config.snapshotEvery && Date.now() - this.lastSnapshot.at >= SNAPSHOT_PAUSE_RATIO * this.lastSnapshot.tookMs) {
        this.saveSnapshot();
        void this.checkpoints.save(state.audit);
      } else if (this.checkpoints.due(Date.now(), CHECKPOINT_EVERY_MS)) {
        void this.checkpoints.save(state.audit);
      }
    }
  }

  /** Logs the first refused event of a stream by its position; /health lists it with the count of those after it. */
  private refuse(admission: Admission & { ok: false }): void {
    if (!admission.first) return;
    const b = admission.break;
    this.logger.error(`integrity: refused the event at position ${b.position} (${b.eventId}, stream ${b.stream}, revision ${b.revision}), and any later event of its stream: ${b.problem}`);
  }

  private refuseUnreadable(state: RunnerState, error: CorruptEventError): void {
    const position = BigInt(error.position);
    if (state.position !== undefined && position <= state.position) return;
    state.position = position;
    const admission = state.audit.admitUnreadable(error);
    if (!admission.ok) this.refuse(admission);
  }

  private restoreSnapshot(): void {
    const snapshot = this.snapshots.load();
    if (!snapshot) return;
    const versionsMatch = this.projections.every((p) => snapshot.versions[p.name] === versionOf(p));
    if (!versionsMatch || snapshot.storeIdentity !== this.storeIdentity) {
      this.logger.log(versionsMatch ? 'the snapshot is of another store: rebuilding' : 'a projection changed version: rebuilding from the log');
      return;
    }
    if (snapshot.integrity?.keepsRecordedAt !== this.store.keepsRecordedAt) {
      this.logger.log('the snapshot holds no verification of the log: rebuilding, and verifying every event');
      return;
    }
    const views = new Map<string, unknown>();
    for (const projection of this.projections) {
      const data = snapshot.views[projection.name];
      views.set(projection.name, projection.fromSnapshot ? projection.fromSnapshot(data) : data);
    }
    this.state = this.stateOf(views, snapshot.position, new LedgerAudit(this.store.keepsRecordedAt, snapshot.integrity));
    this.logger.log(`restored the snapshot at position ${snapshot.position}`);
  }

  private saveSnapshot(): void {
    if (this.state.position === undefined || this.storeIdentity === undefined) return;
    const views: Record<string, unknown> = {};
    for (const projection of this.projections) {
      const view = this.state.views.get(projection.name);
      views[projection.name] = projection.toSnapshot ? projection.toSnapshot(view) : view;
    }
    const started = Date.now();
    try {
      this.snapshots.save({
        format: 1,
        position: this.state.position,
        versions: Object.fromEntries(this.projections.map((p) => [p.name, versionOf(p)])),
        storeIdentity: this.storeIdentity,
        views,
        integrity: this.state.audit.toSnapshot(),
      });
      this.sinceSnapshot = 0;
      this.lastSnapshot = { at: Date.now(), tookMs: Date.now() - started };
    } catch (error) {
      this.logger.error(`could not write the snapshot: ${(error as Error).message}`);
    }
  }

  private freshState(): RunnerState {
    return this.stateOf(new Map(this.projections.map((p) => [p.name, p.init()])), undefined, new LedgerAudit(this.store.keepsRecordedAt));
  }

  private stateOf(views: Map<string, unknown>, position: bigint | undefined, audit: LedgerAudit): RunnerState {
    const read: ViewReader = (projection) => views.get(projection.name) as never;
    return { views, ordered: this.projections.map((p) => views.get(p.name)), read, position, audit };
  }

  /** The store's first event names it: a snapshot taken from another log is never used. */
  private async identifyStore(): Promise<string | undefined> {
    for await (const first of this.store.readAll({ maxCount: 1 })) return `${this.store.kind}:${first.id}`;
    return `${this.store.kind}:empty`;
  }
}


