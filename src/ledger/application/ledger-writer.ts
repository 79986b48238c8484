import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedRevisionError } from '../../event-store/event-store.errors';
import { EVENT_STORE, type EventStore, type JsonObject, type NewEvent } from '../../event-store/event-store.port';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { streamLocator } from '../../../projections/locator/stream-locator';
import type { Decider } from '../decider';
import { DomainRuleError } from '../domain-error';
import { sourceStream, subjectIdOf, toLedgerEvent, type LedgerEvent } from '../event-catalogue';
import { eventHash, GENESIS_HASH } from '../provenance/hash-chain';
import { provenanceMetadata, type CommandContext } from '../provenance/provenance';
import { eventIdFor } from './derived-ids';
import { KeyedLock } from './keyed-lock';
import { IdempotencyKeyReusedError, WriteConflictError } from './write-errors';

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
}

const MAX_ATTEMPTS = 5;
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

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute<Command, Event extends LedgerEvent, State>(
    target: WriteTarget<Command, Event, State>,
    command: Command,
    context: CommandContext,
    options: WriteOptions = {},
  ): Promise<WriteResult> {
    return this.locks.run(target.stream, async () => {
      const earlier = await this.earlierAnswer(context);
      if (earlier) return earlier;
      if (context.provenance.saidIn) await this.requireSource(context.provenance.saidIn, 'provenance.saidIn');

      for (let attempt = 1; ; attempt++) {
        const loaded = await this.load(target);
        // A missing aggregate is the decider's to report (404), not a stale revision.
        if (options.expectedRevision !== undefined && loaded.revision !== null && loaded.revision !== options.expectedRevision) {
          throw new WriteConflictError(target.stream, options.expectedRevision, loaded.revision, 'The resource has changed since the revision named in If-Match');
        }
        const events = target.decider.decide(command, loaded.state);
        const sealed = this.seal(events, target.stream, loaded, context);
        try {
          const appended = await this.store.append(target.stream, sealed, { expectedRevision: loaded.revision ?? 'no_stream' });
          this.remember(target, loaded, events, sealed, appended.nextRevision);
          return {
            id: subjectIdOf(events[0]),
            stream: target.stream,
            revision: appended.nextRevision,
            position: appended.position,
            eventIds: sealed.map((e) => e.id),
          };
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          this.cache.delete(target.stream);
          const actual = error.actual === 'no_stream' ? null : error.actual;
          if (options.expectedRevision !== undefined) {
            throw new WriteConflictError(target.stream, options.expectedRevision, actual, 'The resource has changed since the revision named in If-Match');
          }
          if (attempt >= MAX_ATTEMPTS) {
            throw new WriteConflictError(target.stream, loaded.revision, actual, `Other writers kept changing the resource; gave up after ${MAX_ATTEMPTS} attempts`);
          }
        }
      }
    });
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
    const record = this.runner.view(streamLocator).commands.get(context.commandId);
    if (!record) return undefined;
    if (record.requestHash !== context.requestHash) throw new IdempotencyKeyReusedError();
    const { subjectId: id, stream, revision, position, eventIds } = record;
    return { id, stream, revision, position, eventIds: [...eventIds], replayed: true };
  }

  private async load<Command, Event extends LedgerEvent, State>(target: WriteTarget<Command, Event, State>): Promise<Loaded<State>> {
    const cached = this.cache.get(target.stream) as Loaded<State> | undefined;
    let { state, revision, lastHash } = cached ?? { state: target.decider.initialState, revision: null, lastHash: GENESIS_HASH };
    for await (const recorded of this.store.readStream(target.stream, { from: revision === null ? 0n : revision + 1n })) {
      const event = toLedgerEvent(recorded);
      if (event) state = target.decider.evolve(state, event as Event);
      revision = recorded.revision;
      lastHash = typeof recorded.metadata.hash === 'string' ? recorded.metadata.hash : lastHash;
    }
    return { state, revision, lastHash };
  }

  /** Gives each event its id, its provenance metadata and its link in the stream's hash chain. */
  private seal(events: LedgerEvent[], stream: string, loaded: Loaded<unknown>, context: CommandContext): NewEvent[] {
    const recordedAt = new Date();
    let prevHash = loaded.lastHash;
    let revision = loaded.revision ?? -1n;
    return events.map((event, index) => {
      revision += 1n;
      const id = eventIdFor(context.commandId, index);
      const data = event.data as unknown as JsonObject;
      const metadata: JsonObject = { ...provenanceMetadata(context, recordedAt), prevHash };
      metadata.hash = eventHash({ id, type: event.type, stream, revision, data, metadata }, prevHash);
      prevHash = metadata.hash;
      return { id, type: event.type, data, metadata };
    });
  }

  private remember<State>(
    target: WriteTarget<unknown, LedgerEvent, State>,
    loaded: Loaded<State>,
    events: LedgerEvent[],
    sealed: NewEvent[],
    revision: bigint,
  ): void {
    let state = loaded.state;
    for (const event of events) state = target.decider.evolve(state, event);
    this.cache.delete(target.stream);
    this.cache.set(target.stream, { state, revision, lastHash: sealed[sealed.length - 1].metadata!.hash as string });
    if (this.cache.size > CACHED_STREAMS) this.cache.delete(this.cache.keys().next().value!);
  }
}
