import { Inject, Injectable, Optional } from '@nestjs/common';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../../event-store/event-store.errors';
import type { JsonObject } from '../../../contract/json';
import { EVENT_STORE, type AppendResult, type EventStore, type NewEvent } from '../../event-store/event-store.port';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { commandAnswersProjection } from '../../../projections/commands/command-answers.projection';
import type { Decider } from '../decider';
import { DomainRuleError } from '../domain-error';
import { IncomingWrites } from './incoming-writes';
import { CURRENT_SCHEMA_VERSION, sourceStream, subjectIdOf, toLedgerEvent, type LedgerEvent } from '../../../contract/event-catalogue';
import { validateAppend } from '../../event-store/validate-append';
import { canonicalJson } from '../provenance/canonical-json';
import { chainProblem } from '../integrity/ledger-audit';
import { CURRENT_HASH_VERSION, GENESIS_HASH, hashVersionOf, seal } from '../provenance/hash-chain';
import { provenanceMetadata, type CommandContext } from '../provenance/provenance';
import { eventIdFor } from './derived-ids';
import { KeyedLock } from './keyed-lock';
import { BrokenStreamError, IdempotencyKeyReusedError, InvalidCommandError, WriteConflictError } from './write-errors';

export interface WriteTarget<Command, Event extends LedgerEvent, State> {
  decider: Decider<Command, Event, State>;
  stream: string;
}

export interface WriteOptions {
  /** The revision the client read (If-Match): a stale one is a conflict, never retried silently. */
  expectedRevision?: bigint;
}

export interface WriteResult {
  /** What the write is about: the new or changed question, claim, relation, evidence or source. */
  id: string;
  stream: string;
  revision: bigint;
  position: bigint;
  eventIds: string[];
  /** True when this is the first answer to the same command, replayed: nothing was appended now. */
  replayed?: boolean;
}

interface Loaded<State> {
  state: State;
  /** null while the stream has no events. */
  revision: bigint | null;
  lastHash: string;
  /** The hash formula of the last event (1 for none): a later one may not be older. */
  lastVersion?: number;
}

const MAX_ATTEMPTS = 5;
/** At most this many commands share one append. */
const MAX_BATCH = 100;
/** How many turns of the event loop a batch waits at most for more commands to join it. */
const MAX_GATHERING_TURNS = 8;

interface Pending {
  target: WriteTarget<unknown, LedgerEvent, unknown>;
  command: unknown;
  context: CommandContext;
  options: WriteOptions;
  resolve: (result: WriteResult) => void;
  reject: (error: unknown) => void;
}
const CACHED_STREAMS = 2_000;

/**
 * The shell around the functional core: load the aggregate, decide, append with the expected
 * revision, and on a conflict with another process reload and decide again, a bounded number of times.
 */
@Injectable()
export class LedgerWriter {
  private readonly locks = new KeyedLock();
  /** Loaded aggregates by stream, so a busy question is not re-read from its first event each time. */
  private readonly cache = new Map<string, Loaded<unknown>>();
  /** Commands waiting for their stream, in arrival order. */
  private readonly queues = new Map<string, Pending[]>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    @Optional() private readonly incoming?: IncomingWrites,
  ) {}

  /**
   * Carries out one command. Commands queued on the same stream while another is being written go
   * out together: decided one after another on the evolving state, appended in one transaction (one
   * fsync for all of them), each answered with its own events. A command naming a revision (If-Match)
   * or an idempotency key is carried out alone.
   */
  execute<Command, Event extends LedgerEvent, State>(
    target: WriteTarget<Command, Event, State>,
    command: Command,
    context: CommandContext,
    options: WriteOptions = {},
  ): Promise<WriteResult> {
    // What can be judged of the command alone is judged before it joins a batch: a refusal here
    // is its own answer and never reaches the commands it would have been appended with.
    try {
      checkContext(context);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<WriteResult>((resolve, reject) => {
      const queue = this.queues.get(target.stream) ?? [];
      queue.push({ target: target as WriteTarget<unknown, LedgerEvent, unknown>, command, context, options, resolve, reject });
      this.queues.set(target.stream, queue);
      void this.locks.run(target.stream, () => this.flush(target.stream));
    });
  }

  /** Takes what is queued on the stream: one command that must go alone, or a batch of the others. */
  private async flush(stream: string): Promise<void> {
    // Turns of the event loop let the requests already received join the batch: the store's sync
    // to disk is the slow part of a write, and a batch shares one. It waits while each turn brings
    // more, or while write requests received are still on their way through the request pipeline
    // (they reach the writer over several turns), a few turns at most.
    for (let turn = 0, queued = -1; turn < MAX_GATHERING_TURNS; turn++) {
      const waiting = this.queues.get(stream)?.length ?? 0;
      if (waiting >= MAX_BATCH) break;
      if (waiting === queued && waiting >= (this.incoming?.pending ?? 0)) break;
      queued = waiting;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const queue = this.queues.get(stream);
    if (!queue || queue.length === 0) return;
    const alone = (p: Pending) => p.options.expectedRevision !== undefined || p.context.requestHash !== undefined;
    let take = 1;
    if (!alone(queue[0])) while (take < queue.length && take < MAX_BATCH && !alone(queue[take])) take++;
    const batch = queue.splice(0, take);
    if (queue.length === 0) this.queues.delete(stream);
    if (alone(batch[0])) {
      const [p] = batch;
      const earlier = await this.earlierAnswer(p.context).catch((error) => {
        p.reject(error);
        return null;
      });
      if (earlier === null) return;
      if (earlier) return p.resolve(earlier);
    }
    await this.executeBatch(stream, batch, batch[0].options.expectedRevision).catch((error) => batch.forEach((p) => p.reject(error)));
  }

  /**
   * Appends the batch; when its append fails for a reason that is not the store's (one command's
   * events refused, say), nothing of it was written, and each command is tried again alone, so that
   * the one at fault gets its own error and the others commit. A failure of the store itself, or a
   * conflict that outlasted the retries, is every command's answer.
   */
  private async executeBatch(stream: string, batch: Pending[], expectedRevision?: bigint): Promise<void> {
    try {
      await this.commitBatch(stream, batch, expectedRevision);
    } catch (error) {
      if (!(error instanceof BatchAppendError)) throw error;
      if (error.members.length === 1 || isStoreFailure(error.cause)) throw error.cause;
      for (const p of error.members) {
        await this.commitBatch(stream, [p], expectedRevision).catch((alone: unknown) => p.reject(alone instanceof BatchAppendError ? alone.cause : alone));
      }
    }
  }

  /**
   * Decides the commands in turn on the evolving state and appends all their events at once. A
   * command the decider refuses is answered alone. With `expectedRevision` (a batch of one, from
   * If-Match) a stale stream is a conflict at once; otherwise a conflict reloads and tries again.
   */
  private async commitBatch(stream: string, batch: Pending[], expectedRevision?: bigint): Promise<void> {
    let live: Pending[] = [];
    for (const p of batch) {
      try {
        if (p.context.provenance.saidIn) await this.requireSource(p.context.provenance.saidIn, 'provenance.saidIn');
        live.push(p);
      } catch (error) {
        p.reject(error);
      }
    }
    const target = batch[0].target;
    const stale = (actual: bigint | null) =>
      new WriteConflictError(stream, expectedRevision!, actual, 'The resource has changed since the revision named in If-Match');
    // Optimistic: the aggregate this process cached after its own last append is trusted without
    // re-reading the stream; the append's expected revision checks it, and a writer in another
    // process makes the append fail with a wrong revision, which reloads below. A refusal is only
    // given on state read from the store. If-Match always reads: it judges the revision it names.
    let trustCache = expectedRevision === undefined;
    for (let attempt = 1; live.length > 0; ) {
      const cached = trustCache ? (this.cache.get(stream) as Loaded<unknown> | undefined) : undefined;
      const loaded = cached ?? (await this.load(target));
      // A missing aggregate is the decider's to report (404), not a stale revision.
      if (expectedRevision !== undefined && loaded.revision !== null && loaded.revision !== expectedRevision) throw stale(loaded.revision);
      let at: Loaded<unknown> = loaded;
      const decided: { p: Pending; events: LedgerEvent[]; sealed: NewEvent[]; revision: bigint }[] = [];
      const refused = new Set<Pending>();
      let unsure = false;
      for (const p of live) {
        let events: LedgerEvent[];
        try {
          events = target.decider.decide(p.command, at.state);
        } catch (error) {
          // The cache may be behind another process's writes: decide again on what is stored.
          if (cached) {
            unsure = true;
            break;
          }
          p.reject(error);
          refused.add(p);
          continue;
        }
        // Sealing and evolving concern this command alone: if either fails, it is answered with its
        // own error and the state stays as the commands before it left it.
        let next: Loaded<unknown>;
        let sealed: { events: NewEvent[]; lastHash: string };
        try {
          sealed = this.seal(events, stream, at, p.context);
          validateAppend(stream, sealed.events, 'any');
          next = { state: this.evolveAll(target, at.state, events), revision: (at.revision ?? -1n) + BigInt(events.length), lastHash: sealed.lastHash };
        } catch (error) {
          p.reject(error);
          refused.add(p);
          continue;
        }
        at = next;
        decided.push({ p, events, sealed: sealed.events, revision: next.revision! });
      }
      if (unsure) {
        trustCache = false;
        continue;
      }
      live = live.filter((p) => !refused.has(p));
      if (decided.length === 0) return;
      let appended: AppendResult;
      try {
        appended = await this.store.append(stream, decided.flatMap((d) => d.sealed), { expectedRevision: loaded.revision ?? 'no_stream' });
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw new BatchAppendError(error, decided.map((d) => d.p));
        this.cache.delete(stream);
        const actual = error.actual === 'no_stream' ? null : error.actual;
        if (expectedRevision !== undefined) throw stale(actual);
        if (attempt >= MAX_ATTEMPTS) {
          throw new WriteConflictError(stream, loaded.revision, actual, `Other writers kept changing the resource; gave up after ${MAX_ATTEMPTS} attempts`);
        }
        attempt++;
        continue;
      }
      this.remember(stream, at.state, appended.nextRevision, at.lastHash);
      const positions = await this.positionsOf(stream, decided.flatMap((d) => d.sealed), appended, (loaded.revision ?? -1n) + 1n);
      for (const d of decided) {
        d.p.resolve({ id: subjectIdOf(d.events[0]), stream, revision: d.revision, position: positions.get(d.sealed.at(-1)!.id)!, eventIds: d.sealed.map((e) => e.id) });
      }
      return;
    }
  }

  /** Where each appended event landed: from the store's answer where it says, else read back. */
  private async positionsOf(stream: string, events: NewEvent[], appended: AppendResult, firstRevision: bigint): Promise<Map<string, bigint>> {
    if (events.length === 1) return new Map([[events[0]!.id, appended.position]]);
    if (appended.positions?.length === events.length) return new Map(events.map((event, index) => [event.id, appended.positions![index]!]));
    return this.positionsFrom(stream, firstRevision);
  }

  private async positionsFrom(stream: string, revision: bigint): Promise<Map<string, bigint>> {
    const positions = new Map<string, bigint>();
    for await (const event of this.store.readStream(stream, { from: revision })) positions.set(event.id, event.position);
    return positions;
  }

  /** Whether a stream has any event: how the shell checks references to other aggregates. */
  async exists(stream: string): Promise<boolean> {
    for await (const _ of this.store.readStream(stream, { maxCount: 1 })) return true;
    return false;
  }

  async requireSource(sourceId: string, field: string): Promise<void> {
    if (!(await this.exists(sourceStream(sourceId)))) {
      throw new DomainRuleError('unknown-source', `Source ${sourceId} is not registered`, field);
    }
  }

  /** A command already carried out under the same idempotency key: its first answer, or a refusal. */
  private async earlierAnswer(context: CommandContext): Promise<WriteResult | undefined> {
    if (context.requestHash === undefined) return undefined;
    await this.runner.catchUp();
    const record = this.runner.view(commandAnswersProjection).byCommandId.get(context.commandId);
    if (!record) return undefined;
    if (record.requestHash !== context.requestHash) throw new IdempotencyKeyReusedError();
    const { subjectId: id, stream, revision, position, eventIds } = record;
    return { id, stream, revision, position, eventIds: [...eventIds], replayed: true };
  }

  private async load<Command, Event extends LedgerEvent, State>(target: WriteTarget<Command, Event, State>): Promise<Loaded<State>> {
    const cached = this.cache.get(target.stream) as Loaded<State> | undefined;
    let { state, revision, lastHash, lastVersion = 1 } = cached ?? { state: target.decider.initialState, revision: null, lastHash: GENESIS_HASH };
    for await (const recorded of this.store.readStream(target.stream, { from: revision === null ? 0n : revision + 1n })) {
      // Verified as it is read, as the projections verify it: a decision is never made on an event that fails.
      const head = revision === null ? undefined : { revision, hash: lastHash, version: lastVersion };
      const problem = chainProblem(recorded, head, this.store.keepsRecordedAt);
      if (problem !== undefined) throw new BrokenStreamError(target.stream, recorded.position, recorded.id, problem);
      const event = toLedgerEvent(recorded);
      if (event) state = target.decider.evolve(state, event as Event);
      revision = recorded.revision;
      lastHash = recorded.metadata.hash as string;
      lastVersion = hashVersionOf(recorded.metadata) as number;
    }
    return { state, revision, lastHash, lastVersion };
  }

  /** Gives each event its id, its provenance metadata and its link in the stream's hash chain. */
  private seal(events: LedgerEvent[], stream: string, at: Loaded<unknown>, context: CommandContext): { events: NewEvent[]; lastHash: string } {
    const recordedAt = new Date();
    let prevHash = at.lastHash;
    let revision = at.revision ?? -1n;
    const sealed = events.map((event, index) => {
      revision += 1n;
      const id = eventIdFor(context.commandId, index);
      const data = event.data as unknown as JsonObject;
      const metadata: JsonObject = { ...provenanceMetadata(context, recordedAt), schemaVersion: CURRENT_SCHEMA_VERSION[event.type] };
      const sealed = seal({ id, type: event.type, stream, revision, data, metadata }, prevHash);
      prevHash = sealed.hash;
      // The store records the event at the time sealed into its hash (metadata.recordedAt), not its
      // own, and keeps the canonical JSON that was hashed, so that readers check it cheaply.
      return { id, type: event.type, data, metadata, recordedAt, json: sealed.json };
    });
    return { events: sealed, lastHash: prevHash };
  }

  private evolveAll(target: WriteTarget<unknown, LedgerEvent, unknown>, state: unknown, events: LedgerEvent[]): unknown {
    for (const event of events) state = target.decider.evolve(state, event);
    return state;
  }

  private remember(stream: string, state: unknown, revision: bigint, lastHash: string): void {
    this.cache.delete(stream);
    // What this process appended was sealed under the current formula.
    this.cache.set(stream, { state, revision, lastHash, lastVersion: CURRENT_HASH_VERSION });
    if (this.cache.size > CACHED_STREAMS) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** The batch's append failed (nothing of it was written); `members` are the commands still unanswered. */
class BatchAppendError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly members: Pending[],
  ) {
    super((cause as Error)?.message ?? String(cause));
  }
}

/** Failures of the store itself, shared by every command of a batch: tried alone, each would fail the same way. */
function isStoreFailure(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CORRUPT|NOTADB|CANTOPEN|PERM|NOMEM|PROTOCOL|AUTH)/.test(code);
}

/**
 * What the writer will make of the command's context (its provenance metadata, hashed), tried
 * before the command joins a batch: a date that names no instant, a value that cannot be hashed.
 */
function checkContext(context: CommandContext): void {
  try {
    canonicalJson(provenanceMetadata(context, new Date()));
  } catch (error) {
    if (error instanceof InvalidCommandError) throw error;
    throw new InvalidCommandError('provenance', `provenance: ${(error as Error)?.message ?? String(error)}`);
  }
}
