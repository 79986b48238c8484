import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { CorruptEventError } from '../event-store/event-store.errors';
import { EVENT_STORE, type AllSubscription, type EventStore, type RecordedEvent } from '../event-store/event-store.port';
import { LedgerAudit, type Admission, type BrokenStream, type IntegrityBreak } from '../ledger/integrity/ledger-audit';
import { LocalCheckpoints } from '../ledger/integrity/local-checkpoints';
import { MerkleLog } from '../ledger/integrity/merkle';
import { verifyInWorker } from '../ledger/integrity/parallel-verification';
import { recheckBelowSnapshot, type SnapshotTree } from '../ledger/integrity/snapshot-recheck';
import type { Projection, ProjectedEvent, ViewReader } from '../../projections/projection';
import { projectedEvent } from './projected-event';
import { PROJECTIONS, versionOf } from './projections.registry';
import { SnapshotFile, type Snapshot } from './snapshot-file';

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
  /** The re-check of the log below the snapshot the runner started from; null when it started without one. */
  snapshot: SnapshotCheckStatus | null;
}

/**
 * A start from a snapshot takes the views, chains and tree it holds as read; the stored log below it
 * is read again in the background and must still have the root the snapshot recorded.
 */
export interface SnapshotCheckStatus {
  position: string;
  treeSize: number;
  rootHash: string;
  /** `checking` while it runs; `failed` when the log below the snapshot is not what was read; `stopped` when the process stopped first, `superseded` by a rebuild (which read everything). */
  state: 'checking' | 'verified' | 'failed' | 'stopped' | 'superseded';
  /** Events re-read so far. */
  checked: number;
  /** Where the log as a whole differs (its size, or the first block that differs); broken events and streams are in `breaks`. */
  problem: string | null;
}

/**
 * Where the runner's start stands (on /health): reading its snapshot, reading the log after it (or
 * all of it), then live; `failed` when the start could not finish (the store failed), with why.
 */
export interface StartStatus {
  state: 'restoring' | 'catching-up' | 'live' | 'failed';
  /** The log's head when the start began reading it; null before (or for an empty log). */
  head: string | null;
  /** Events read so far by a fold from the first event (swapped in whole when verified), else 0. */
  folded: number;
  message?: string;
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
 * The re-check of the log below a snapshot gives the event loop back after this long (plus the page
 * of at most 64 events being read then): every slice under about 15 ms, so requests wait no longer.
 */
const RECHECK_SLICE_MS = 10;

/** How long a background start (or catch-up) holds the event loop before it lets requests through. */
const START_SLICE_MS = 10;

/** A fold stopped because the process is stopping. */
class Stopped extends Error {}

/** What the verification worker needs of a store: a file it can open itself (the SQLite store's). */
const fileOf = (store: EventStore): string | undefined => {
  const filename = (store as { filename?: unknown }).filename;
  return typeof filename === 'string' ? filename : undefined;
};

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
  /** The snapshot the runner started from, while and after its log is re-checked. */
  private snapshotCheck: { tree: SnapshotTree; audit: LedgerAudit; status: SnapshotCheckStatus; done?: Promise<void> } | undefined;
  /** The longest a slice of that re-check held the event loop (wall time, in ms): for tests and measurements to print. */
  recheckLongestSliceMs = 0;
  /**
   * A fold of the log from its first event (a rebuild, a start without a snapshot) verifies it on a
   * worker thread meanwhile when the store is a file and its head is at least this position;
   * smaller logs are verified in the fold (a worker takes tens of ms to start). Tests set it to 0.
   */
  parallelVerificationFrom = 10_000;
  /**
   * How the last fold from the first event was verified: on the worker while it folded, or in the
   * fold itself (a small log, another store, or a verdict that was not clean, the fold then done again).
   */
  lastFoldVerified: 'on-worker' | 'in-fold' | undefined;
  /** Whether the start goes on in the background (main.ts: the server listens meanwhile). */
  private background = false;
  private starting: Promise<void> | undefined;
  private readonly startStatus: StartStatus = { state: 'restoring', head: null, folded: 0 };
  /** The position of the snapshot last written or restored: an unchanged state is not written again at shutdown. */
  private snapshotPosition: bigint | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(PROJECTIONS) private readonly projections: Projection<unknown>[],
  ) {
    this.snapshots = new SnapshotFile(join(config.dataDir, 'projections.snapshot'));
    this.checkpoints = new LocalCheckpoints(config, store, { log: (m) => this.logger.log(m), error: (m) => this.logger.error(m) });
    this.state = this.freshState();
  }

  /**
   * Called before the application starts (main.ts): the start (restoring the snapshot, reading the
   * log after it) then runs in the background, in slices of START_SLICE_MS, so that the server can
   * listen and answer /health at once (saying the read models are catching up). Reads wait for the
   * views as they always do (`readyForRead`); so does anything that calls `catchUp()`. Without it
   * (the tests, the CLI, the bench), the application's start waits until the views are caught up.
   */
  startInBackground(): void {
    this.background = true;
  }

  async onApplicationBootstrap(): Promise<void> {
    const start = this.start();
    if (!this.background) return start;
    this.starting = start.catch((error: unknown) => {
      if (error instanceof Stopped) return;
      this.startStatus.state = 'failed';
      this.startStatus.message = (error as Error).message;
      this.logger.error(`the read models could not be brought up to date: ${(error as Error).message}`);
    });
  }

  private async start(): Promise<void> {
    // Restoring goes first in the queue every catch-up waits in, so no reader folds the log meanwhile.
    const restored = this.current.then(async () => {
      this.storeIdentity = await this.identifyStore();
      await this.restoreSnapshot();
      const head = await this.store.headPosition();
      this.startStatus.head = head === null ? null : head.toString();
      this.startStatus.state = 'catching-up';
    });
    this.current = restored.catch(() => undefined);
    await restored;
    await this.catchUp();
    await this.checkpoints.check(this.state.audit, () => this.catchUp());
    this.checkpoints.started(this.state.audit);
    await this.checkpoints.save(this.state.audit);
    this.follow();
    this.startStatus.state = 'live';
    // Not awaited: the server answers (and /health is ready) while the old log is read again.
    if (this.snapshotCheck) this.snapshotCheck.done = this.recheckSnapshot(this.snapshotCheck);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.starting;
    await this.subscription?.close();
    await this.following;
    await this.snapshotCheck?.done;
    await this.current;
    // What this process appended is in the views, the snapshot and the checkpoint before it stops.
    // A start that did not finish is not finished now (its views are not swapped in half-read).
    if (this.startStatus.state === 'live') {
      await this.catchUp().catch((error: unknown) => this.logger.error(`could not read the last events before stopping: ${(error as Error).message}`));
    }
    // Seconds on a large ledger: not spent writing again the snapshot the views were restored from.
    if (this.state.position !== this.snapshotPosition) this.saveSnapshot();
    await this.checkpoints.save(this.state.audit);
    this.applied$.complete();
  }

  /** The position the views have caught up to; undefined before any event. */
  get position(): bigint | undefined {
    return this.state.position;
  }

  /** Where the start stands: restoring the snapshot, catching up with the log, live (or failed). */
  get startup(): StartStatus {
    return { ...this.startStatus };
  }

  get problems(): readonly ProjectionFailure[] {
    return this.failures;
  }

  /** Events refused because they failed verification, and whether the log extends the ledger's checkpoint. */
  get integrity(): IntegrityStatus {
    return {
      treeSize: this.state.audit.tree.size,
      breaks: this.state.audit.breaks(),
      checkpoint: this.checkpoints.problem ?? null,
      snapshot: this.snapshotCheck ? { ...this.snapshotCheck.status } : null,
    };
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
      // From the first event (no snapshot), with the log verified on another thread meanwhile.
      if (this.state.position === undefined) {
        const folded = await this.foldWithParallelVerification((events) => (this.startStatus.folded = events));
        if (folded) {
          this.state = folded.state;
          this.sinceSnapshot += folded.events;
          // As a catch-up verifying each event would have (apply), so the next start need not read it all again.
          if (this.sinceSnapshot >= this.config.snapshotEvery) this.saveSnapshot();
        }
      }
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
    let rebuilt = this.freshState();
    let events = 0;
    await (this.current = this.current.then(async () => {
      const progress = onProgress && ((count: number, position: bigint) => count % 1000 === 0 && onProgress(position));
      const folded = await this.foldWithParallelVerification(undefined, progress);
      if (folded) {
        rebuilt = folded.state;
        events = folded.events;
      }
      events += await this.readNewEvents(rebuilt, false, onProgress);
      this.state = rebuilt;
    }));
    this.saveSnapshot();
    this.logger.log(`rebuilt every projection from ${events} events`);
    return { position: rebuilt.position, events };
  }

  /**
   * Folds the log from its first event to its head into fresh views while a worker thread verifies
   * the same events from its own connection (src/ledger/integrity/parallel-verification.ts): the
   * fold skips the three SHA-256 calls an event costs. The views are handed over only once the
   * worker's verdict is in and clean, with the audit (chains, tree) it computed; a verdict that is
   * not clean (an event that fails verification, one that cannot be read, a worker that failed)
   * throws the fold away, and the caller folds again verifying each event as it is read, which
   * refuses exactly what fails. Undefined when not done this way (not a file store, a small log).
   */
  private async foldWithParallelVerification(
    onEvents?: (events: number) => void,
    onProgress?: (events: number, position: bigint) => void,
  ): Promise<{ state: RunnerState; events: number } | undefined> {
    this.lastFoldVerified = 'in-fold';
    const filename = fileOf(this.store);
    if (filename === undefined) return undefined;
    const head = await this.store.headPosition();
    if (head === null || head < BigInt(this.parallelVerificationFrom)) return undefined;
    const verification = verifyInWorker({ filename, keepsRecordedAt: this.store.keepsRecordedAt, upTo: head });
    const state = this.freshState();
    let events = 0;
    let unreadable: CorruptEventError | undefined;
    let sliceEnd = performance.now() + START_SLICE_MS;
    try {
      read: for await (const page of this.store.readAllPages({})) {
        for (const recorded of page) {
          if (recorded.position > head) break read;
          this.apply(state, recorded, false, false);
          events++;
          onProgress?.(events, recorded.position);
          if (recorded.position === head) break read;
        }
        onEvents?.(events);
        if (this.background && performance.now() >= sliceEnd) {
          await new Promise((resolve) => setImmediate(resolve));
          if (this.stopped) throw new Stopped();
          sliceEnd = performance.now() + START_SLICE_MS;
        }
      }
    } catch (error) {
      if (!(error instanceof CorruptEventError)) {
        await verification.cancel();
        throw error;
      }
      unreadable = error;
    }
    if (unreadable) {
      await verification.cancel();
      this.logger.warn(`the event at position ${unreadable.position} cannot be read: reading the log again, verifying each event`);
      return undefined;
    }
    const verdict = await verification.verdict;
    if (!verdict.clean || verdict.events !== events) {
      const why = verdict.clean ? `the worker verified ${verdict.events} events where ${events} were read` : verdict.reason;
      this.logger.warn(`the log did not verify as a whole (${why}): reading it again, verifying each event`);
      return undefined;
    }
    state.audit = new LedgerAudit(this.store.keepsRecordedAt, verdict.audit);
    this.lastFoldVerified = 'on-worker';
    onEvents?.(events);
    return { state, events };
  }

  private async readNewEvents(state: RunnerState, publish = true, onProgress?: (position: bigint) => void): Promise<number> {
    let count = 0;
    let sliceEnd = performance.now() + START_SLICE_MS;
    for (;;) {
      try {
        for await (const page of this.store.readAllPages(state.position === undefined ? {} : { after: state.position })) {
          for (const recorded of page) {
            this.apply(state, recorded, publish);
            if (++count % 1000 === 0) onProgress?.(recorded.position);
          }
          // A long catch-up in a server (its start, another process's many appends) lets requests through.
          if (this.background && performance.now() >= sliceEnd) {
            await new Promise((resolve) => setImmediate(resolve));
            if (this.stopped && this.startStatus.state !== 'live') throw new Stopped();
            sliceEnd = performance.now() + START_SLICE_MS;
          }
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

  /** `verify` false: a fold whose events a worker verifies meanwhile (foldWithParallelVerification). */
  private apply(state: RunnerState, recorded: RecordedEvent, publish: boolean, verify = true): void {
    if (state.position !== undefined && recorded.position <= state.position) return;
    // A store that was empty at start is named by its first event as soon as it has one.
    if (state.position === undefined && this.storeIdentity === `${this.store.kind}:empty`) this.storeIdentity = `${this.store.kind}:${recorded.id}`;
    state.position = recorded.position;
    // Verified as it is read: an event that fails is never applied, nor any later event of its stream.
    if (verify) {
      const admission = state.audit.admit(recorded);
      if (!admission.ok) return this.refuse(admission);
    }
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
    this.logBreak(admission.break);
  }

  private logBreak(b: IntegrityBreak): void {
    const what = b.eventId === undefined ? `stream ${b.stream} at revision ${b.revision}` : `the event at position ${b.position} (${b.eventId}, stream ${b.stream}, revision ${b.revision})`;
    this.logger.error(`integrity: refused ${what}${b.eventId === undefined ? ` (position ${b.position})` : ''}, and any later event of its stream: ${b.problem}`);
  }

  /**
   * Reads the stored log again up to the snapshot's position, in slices, and checks it still is what
   * the snapshot was made from. What fails is reported as the runner reports an event that fails as
   * it reads it: logged by position, on /health, and its stream refused from then on (the views
   * hold what was verified when the snapshot was written, never the changed events); a log that no
   * longer has the snapshot's root stops the ledger signing checkpoints.
   */
  private async recheckSnapshot(check: NonNullable<ProjectionRunner['snapshotCheck']>): Promise<void> {
    const { status } = check;
    try {
      const result = await recheckBelowSnapshot(this.store, check.tree, {
        keepsRecordedAt: this.store.keepsRecordedAt,
        sliceMs: RECHECK_SLICE_MS,
        stopped: () => this.stopped,
        onSlice: (events, ms) => {
          status.checked = events;
          this.recheckLongestSliceMs = Math.max(this.recheckLongestSliceMs, ms);
        },
      });
      if (!result) {
        status.state = 'stopped';
        return;
      }
      status.checked = result.events;
      if (this.state.audit !== check.audit) {
        status.state = 'superseded';
        return;
      }
      for (const b of result.breaks) {
        if (check.audit.broken.has(b.stream)) continue; // already refused as it was read since
        const found = { ...b, problem: `${b.problem} (found re-reading the log below the snapshot at position ${status.position})` };
        check.audit.broken.set(b.stream, found);
        this.logBreak(found);
      }
      status.problem = result.problem;
      if (result.problem !== null) {
        this.logger.error(`integrity: ${result.problem}`);
        this.checkpoints.hold(result.problem);
      }
      status.state = result.breaks.length > 0 || result.problem !== null ? 'failed' : 'verified';
      if (status.state === 'verified') this.logger.log(`the log below the snapshot (${result.events} events, to position ${status.position}) still has the root the snapshot recorded`);
    } catch (error) {
      // The log could not be read to the end (the store closed, or failed): not a verdict on it.
      status.state = 'stopped';
      if (!this.stopped) this.logger.error(`could not re-check the log below the snapshot: ${(error as Error).message}`);
    }
  }

  private refuseUnreadable(state: RunnerState, error: CorruptEventError): void {
    const position = BigInt(error.position);
    if (state.position !== undefined && position <= state.position) return;
    state.position = position;
    const admission = state.audit.admitUnreadable(error);
    if (!admission.ok) this.refuse(admission);
  }

  private async restoreSnapshot(): Promise<void> {
    // Refused on its header alone (before its views are read) when it is not of this store and these projections.
    const usable = (header: Omit<Snapshot, 'views'>): boolean => {
      const versionsMatch = this.projections.every((p) => header.versions[p.name] === versionOf(p));
      if (!versionsMatch || header.storeIdentity !== this.storeIdentity) {
        this.logger.log(versionsMatch ? 'the snapshot is of another store: rebuilding' : 'a projection changed version: rebuilding from the log');
        return false;
      }
      if (header.integrity?.keepsRecordedAt !== this.store.keepsRecordedAt) {
        this.logger.log('the snapshot holds no verification of the log: rebuilding, and verifying every event');
        return false;
      }
      return true;
    };
    // In a server, the views are read a slice at a time and requests answered in between.
    const snapshot = this.background
      ? await this.snapshots.loadInSlices(async () => {
          await new Promise((resolve) => setImmediate(resolve));
          if (this.stopped) throw new Stopped();
        }, usable)
      : this.snapshots.load(usable);
    if (this.stopped) throw new Stopped();
    if (!snapshot?.integrity) return;
    const views = new Map<string, unknown>();
    for (const projection of this.projections) {
      const data = snapshot.views[projection.name];
      views.set(projection.name, await this.restoreView(projection, data));
    }
    const audit = new LedgerAudit(this.store.keepsRecordedAt, snapshot.integrity);
    const rootHash = audit.tree.root().toString('hex');
    // The root it recorded is the root of the tree it holds; a snapshot where they differ is damaged, and only a cache.
    if (snapshot.tree && (snapshot.tree.size !== audit.tree.size || snapshot.tree.rootHash !== rootHash)) {
      this.logger.log('the snapshot does not hold the tree whose root it recorded: rebuilding, and verifying every event');
      return;
    }
    this.state = this.stateOf(views, snapshot.position, audit);
    this.snapshotPosition = snapshot.position;
    const tree: SnapshotTree = {
      position: snapshot.position,
      treeSize: audit.tree.size,
      rootHash,
      // A tree of its own: the runner's grows with every event read after the snapshot.
      tree: MerkleLog.fromSnapshot(snapshot.integrity.tree),
      heads: new Map([...audit.heads].map(([stream, head]) => [stream, { ...head }])),
      broken: new Set(audit.broken.keys()),
    };
    const status: SnapshotCheckStatus = { position: snapshot.position.toString(), treeSize: tree.treeSize, rootHash, state: 'checking', checked: 0, problem: null };
    this.snapshotCheck = { tree, audit, status };
    this.logger.log(`restored the snapshot at position ${snapshot.position}; re-checking the log below it in the background`);
  }

  /**
   * A view from its snapshot. In a server (background start) a view that restores in steps gives the
   * event loop back every START_SLICE_MS: a million events' questions take about a second to decode.
   */
  private async restoreView(projection: Projection<unknown>, data: unknown): Promise<unknown> {
    if (!this.background || !projection.restoreInSteps) return projection.fromSnapshot ? projection.fromSnapshot(data) : data;
    const steps = projection.restoreInSteps(data);
    let sliceEnd = performance.now() + START_SLICE_MS;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() >= sliceEnd) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.stopped) throw new Stopped();
        sliceEnd = performance.now() + START_SLICE_MS;
      }
    }
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
        tree: { size: this.state.audit.tree.size, rootHash: this.state.audit.tree.root().toString('hex') },
      });
      this.sinceSnapshot = 0;
      this.snapshotPosition = this.state.position;
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


