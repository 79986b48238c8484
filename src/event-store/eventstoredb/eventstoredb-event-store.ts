import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type Position,
} from '@eventstore/db-client';
import type { Channel } from '@grpc/grpc-js';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store.errors';
import type {
  AllSubscription,
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  SubscriptionItem,
} from '../event-store.port';
import { validateAppend } from '../validate-append';
import { checkEventIdClaims, readClaim, recordEventIdClaims } from './event-id-claims';
import {
  appendError,
  isSystemEvent,
  positionOf,
  storeError,
  toAppendExpectedRevision,
  toEventData,
  toRecordedEvent,
} from './eventstoredb-mapping';
import { inPages } from '../in-pages';
import { readUntilDone } from './streaming-read';

export interface EventStoreDbEventStoreOptions {
  /** `esdb://host:2113?tls=false`, `esdb+discover://...`: anything the EventStoreDB Node client accepts. */
  connectionString: string;
  /** How long `ping()` waits for an answer. */
  pingTimeoutMs?: number;
}

/** A stream nobody writes: reading it proves the server answers, and finding it missing is the answer. */
const PING_STREAM = '$ledger-ping';
/** Marks, inside the subscription's own stream of items, where the server said catch-up was done. */
const CAUGHT_UP = Object.freeze({ caughtUp: true });
const CHANNEL_CLOSE_WAIT_MS = 1_000;
/** Events per page of `readAllPages`: what a fold awaits at once. */
const READ_PAGE = 512;

/**
 * The event-store port on EventStoreDB (server 23.10 or later: subscriptions rely on its `caught_up`
 * message, and stream reads on the `$all` positions it reports since 22.6).
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  /** EventStoreDB records its own time (`created`); the writer's is in the event's metadata only. */
  readonly keepsRecordedAt = false;

  private readonly client: EventStoreDBClient;
  private readonly pingTimeoutMs: number;
  private readonly subscriptions = new Set<AllSubscription>();
  private closed = false;
  /** Whether any call was made, and so whether the client has a channel to close. */
  private used = false;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.pingTimeoutMs = options.pingTimeoutMs ?? 5_000;
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateAppend(stream, events, options.expectedRevision);
    this.assertOpen();
    if (events.length === 0) return this.appendNothing(stream, options.expectedRevision);
    try {
      await checkEventIdClaims(this.client, stream, events);
    } catch (error) {
      throw storeError(error);
    }
    const result = await this.client
      .appendToStream(stream, events.map(toEventData), { expectedRevision: toAppendExpectedRevision(options.expectedRevision) })
      .catch((error: unknown) => {
        throw appendError(error, stream, options.expectedRevision, events);
      });
    const nextRevision = result.nextExpectedRevision;
    try {
      // Until its claims are recorded the append is not finished; retrying it is safe, it is idempotent.
      await recordEventIdClaims(this.client, stream, events, nextRevision);
      return { nextRevision, position: result.position?.commit ?? (await this.positionOfRevision(stream, nextRevision)) };
    } catch (error) {
      throw storeError(error);
    }
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const from = options.from ?? (backwards ? 'end' : 'start');
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    // Nothing lies after the end or before the start; EventStoreDB is not asked.
    if (maxCount <= 0 || (!backwards && from === 'end') || (backwards && typeof from === 'bigint' && from < 0n)) return;
    const read = this.client.readStream(stream, {
      fromRevision: from === 'start' ? START : from === 'end' ? END : from < 0n ? START : from,
      direction: backwards ? BACKWARDS : FORWARDS,
      maxCount,
    });
    try {
      for await (const resolved of readUntilDone(read)) {
        if (resolved.event) yield toRecordedEvent(resolved.event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw storeError(error);
    }
  }

  readAllPages(options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    return inPages(this.readAll(options), READ_PAGE);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    const after = options.after;
    // System events are filtered here, so EventStoreDB cannot count maxCount for us: read on and stop.
    const read = this.client.readAll({ fromPosition: fromCheckpoint(after), direction: FORWARDS });
    try {
      for await (const resolved of readUntilDone(read)) {
        const event = resolved.event;
        if (!event || isSystemEvent(event)) continue;
        if (after !== undefined && positionOf(event) <= after) continue;
        yield toRecordedEvent(event);
        if (--remaining <= 0) return;
      }
    } catch (error) {
      throw storeError(error);
    }
  }

  subscribeAll(options: SubscribeAllOptions = {}): AllSubscription {
    this.assertOpen();
    const source = this.client.subscribeToAll({ fromPosition: fromCheckpoint(options.after), filter: excludeSystemEvents() });
    // The client reports caught-up as a side event; pushing a marker into the same readable stream
    // keeps it in order behind every event delivered before it.
    let caughtUp = false;
    source.on('caughtUp', () => {
      if (caughtUp) return;
      caughtUp = true;
      source.push(CAUGHT_UP);
    });

    let stopped = false;
    const subscriptions = this.subscriptions;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      subscriptions.delete(subscription);
      await source.unsubscribe().catch(() => undefined);
      // Cancelling the call does not end the client's stream; destroying it ends a waiting iteration.
      source.destroy();
    };

    async function* deliver(): AsyncGenerator<SubscriptionItem> {
      try {
        for await (const item of source as AsyncIterable<AllStreamResolvedEvent | typeof CAUGHT_UP>) {
          if (stopped) return;
          if (item === CAUGHT_UP) {
            yield { kind: 'caught-up' };
            continue;
          }
          const event = (item as AllStreamResolvedEvent).event;
          if (event && !isSystemEvent(event)) yield { kind: 'event', event: toRecordedEvent(event) };
        }
      } catch (error) {
        if (!stopped) throw storeError(error);
      } finally {
        await stop();
      }
    }

    const iterator = deliver();
    const subscription: AllSubscription = {
      [Symbol.asyncIterator]: () => iterator,
      close: stop,
    };
    subscriptions.add(subscription);
    return subscription;
  }

  /** Found through the adapter's own record of where each event id is (`$ledger-event-id-<id>`). */
  async readEvent(id: string): Promise<RecordedEvent | undefined> {
    this.assertOpen();
    let claim: Awaited<ReturnType<typeof readClaim>>;
    try {
      claim = await readClaim(this.client, id);
    } catch (error) {
      throw storeError(error);
    }
    if (!claim) return undefined;
    for await (const event of this.readStream(claim.stream, { from: claim.revision, maxCount: 1 })) {
      return event.id === id.toLowerCase() ? event : undefined;
    }
    return undefined;
  }

  async headPosition(): Promise<bigint | null> {
    this.assertOpen();
    try {
      for await (const resolved of readUntilDone(this.client.readAll({ fromPosition: END, direction: BACKWARDS }))) {
        if (resolved.event && !isSystemEvent(resolved.event)) return positionOf(resolved.event);
      }
      return null;
    } catch (error) {
      throw storeError(error);
    }
  }

  async ping(): Promise<void> {
    this.assertOpen();
    const read = this.client.readStream(PING_STREAM, { maxCount: 1 });
    let timer: NodeJS.Timeout | undefined;
    const answered = (async () => {
      try {
        for await (const _ of readUntilDone(read)) break;
      } catch (error) {
        if (!(error instanceof StreamNotFoundError)) throw storeError(error);
      }
    })();
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void read.cancel().catch(() => undefined);
        reject(new EventStoreUnavailableError(`EventStoreDB did not answer within ${this.pingTimeoutMs} ms`));
      }, this.pingTimeoutMs);
    });
    // Should the timeout win, a late failure of the read has no one left to tell.
    answered.catch(() => undefined);
    try {
      await Promise.race([answered, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
    if (this.used) await this.closeChannel();
  }

  /**
   * dispose() cancels the client's calls but leaves its gRPC channel, and so its connection, open; the
   * 6.x client offers no way to close it. Its protected getChannel() hands back the channel it has. Were
   * there none, it would create one, asking the cluster first under esdb+discover://, so it is bounded.
   */
  private async closeChannel(): Promise<void> {
    const getChannel = (this.client as unknown as { getChannel?: () => Promise<Channel> }).getChannel;
    if (typeof getChannel !== 'function') return;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), CHANNEL_CLOSE_WAIT_MS);
    });
    try {
      (await Promise.race([getChannel().catch(() => undefined), gaveUp]))?.close();
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * An append of no events writes nothing but still answers for the expectation, as the SQLite adapter
   * does. EventStoreDB is not asked to write: it would log an empty record, and the client reads its
   * "no stream" answer as revision 0.
   */
  private async appendNothing(stream: string, expected: ExpectedRevision): Promise<AppendResult> {
    let current: bigint | 'no_stream' = 'no_stream';
    for await (const event of this.readStream(stream, { direction: 'backwards', maxCount: 1 })) current = event.revision;
    const met =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      expected === current;
    if (!met) throw new WrongExpectedRevisionError(stream, expected, current);
    return { nextRevision: current === 'no_stream' ? -1n : current, position: (await this.headPosition()) ?? -1n };
  }

  /** Where an append landed, when EventStoreDB's answer carried no position. */
  private async positionOfRevision(stream: string, revision: bigint): Promise<bigint> {
    for await (const resolved of readUntilDone(this.client.readStream(stream, { fromRevision: revision, maxCount: 1 }))) {
      if (resolved.event) return positionOf(resolved.event);
    }
    throw new Error(`"${stream}"@${revision} was appended but cannot be read back`);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
    this.used = true;
  }
}

/** A port checkpoint as an EventStoreDB position; commit and prepare are equal for gRPC-written events. */
function fromCheckpoint(after: bigint | undefined): Position | typeof START {
  return after === undefined || after < 0n ? START : { commit: after, prepare: after };
}
