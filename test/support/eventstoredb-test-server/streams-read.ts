/**
 * TEST SUPPORT ONLY. `Streams.Read`: reads of one stream, reads of `$all`, and catch-up subscriptions to
 * either, with EventStoreDB's boundaries:
 * - reading `$all` forwards from a position includes the event at that position (AllReader: `>= pos`);
 *   reading backwards from a position returns the records that end at or before it (`post <= pos`);
 * - a subscription's start position or revision is exclusive ("you will only receive the next event
 *   after the subscribed position", client docs; Enumerator.AllSubscription skips `<= checkpoint`);
 * - a subscription is confirmed first, sends `caught_up` once catch-up is done (23.10+), then live events;
 * - a read of a stream that does not exist answers `stream_not_found` and ends.
 */
import { randomUUID } from 'node:crypto';
import type { ServerWritableStream } from '@grpc/grpc-js';
import streamsPb from '@eventstore/db-client/generated/streams_pb';
import { compareTfPos, type InMemoryLog, type StoredEvent } from './in-memory-log';
import { invalidArgument, readEventMessage, streamIdentifier, streamName } from './proto-messages';

type ReadCall = ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>;
type Options = streamsPb.ReadReq.Options;
type EventFilter = (event: StoredEvent) => boolean;

const { ReadResp } = streamsPb;
const BACKWARDS = 1;
/** Enumerator.ReadBatchSize: the default filter search window. */
const READ_BATCH_SIZE = 32;

export function readHandler(log: InMemoryLog) {
  return (call: ReadCall): void => {
    const cancelled = new AbortController();
    call.on('cancelled', () => cancelled.abort());
    serveRead(log, call, cancelled.signal).then(
      () => {
        if (!cancelled.signal.aborted) call.end();
      },
      (error: unknown) => call.emit('error', error),
    );
  };
}

async function serveRead(log: InMemoryLog, call: ReadCall, signal: AbortSignal): Promise<void> {
  const options = call.request.getOptions();
  if (!options) throw invalidArgument('options are required');
  const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
  const send = (event: StoredEvent) => write(call, new ReadResp().setEvent(readEventMessage(event, structuredIds)), signal);

  if (options.hasSubscription()) return subscribe(log, call, options, send, signal);

  const count = options.hasCount() ? BigInt(options.getCount()) : 2n ** 64n - 1n;
  const backwards = options.getReadDirection() === BACKWARDS;
  let events: Iterable<StoredEvent>;
  if (options.hasStream()) {
    const name = streamName(options.getStream()!.getStreamIdentifier());
    const stream = log.stream(name);
    if (!stream) {
      const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name));
      return write(call, new ReadResp().setStreamNotFound(notFound), signal);
    }
    events = streamRead(stream, options.getStream()!, backwards);
  } else if (options.hasAll()) {
    events = allRead(log.all, options.getAll()!, backwards, eventFilter(options));
  } else {
    throw invalidArgument('a stream or $all is required');
  }

  let sent = 0n;
  for (const event of events) {
    if (sent >= count || signal.aborted) return;
    await send(event);
    sent++;
  }
}

function* streamRead(stream: readonly StoredEvent[], from: streamsPb.ReadReq.Options.StreamOptions, backwards: boolean): Iterable<StoredEvent> {
  const last = stream.length - 1;
  if (backwards) {
    const start = from.hasRevision() ? Math.min(Number(BigInt(from.getRevision())), last) : from.hasStart() ? 0 : last;
    for (let index = start; index >= 0; index--) yield stream[index];
  } else {
    const start = from.hasRevision() ? Number(BigInt(from.getRevision())) : from.hasStart() ? 0 : last + 1;
    for (let index = start; index <= last; index++) yield stream[index];
  }
}

function* allRead(all: readonly StoredEvent[], from: streamsPb.ReadReq.Options.AllOptions, backwards: boolean, filter?: EventFilter): Iterable<StoredEvent> {
  const position = from.hasPosition() ? tfPos(from.getPosition()!) : undefined;
  if (backwards) {
    if (from.hasStart()) return;
    for (let index = all.length - 1; index >= 0; index--) {
      const event = all[index];
      if (position && compareTfPos([event.postPosition, event.postPosition], position) > 0) continue;
      if (!filter || filter(event)) yield event;
    }
  } else {
    if (from.hasEnd()) return;
    for (const event of all) {
      if (position && compareTfPos([event.position, event.position], position) < 0) continue;
      if (!filter || filter(event)) yield event;
    }
  }
}

async function subscribe(
  log: InMemoryLog,
  call: ReadCall,
  options: Options,
  send: (event: StoredEvent) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const source = subscriptionSource(log, options);
  const filter = eventFilter(options);
  const checkpointInterval = checkpointIntervalOf(options);
  const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
  await write(call, new ReadResp().setConfirmation(confirmation), signal);

  let cursor = source.start;
  let considered = 0;
  let caughtUp = false;
  while (!signal.aborted) {
    const events = source.events();
    while (cursor < events.length && !signal.aborted) {
      const event = events[cursor++];
      if (!filter || filter(event)) await send(event);
      if (checkpointInterval !== undefined && ++considered >= checkpointInterval) {
        considered = 0;
        const checkpoint = new ReadResp.Checkpoint()
          .setCommitPosition(event.position.toString())
          .setPreparePosition(event.position.toString());
        await write(call, new ReadResp().setCheckpoint(checkpoint), signal);
      }
    }
    if (!caughtUp) {
      caughtUp = true;
      await write(call, new ReadResp().setCaughtUp(new ReadResp.CaughtUp()), signal);
      continue;
    }
    // Checked and registered without yielding, so no append can slip between the two.
    if (cursor < source.events().length) continue;
    await log.waitForAppend(signal);
  }
}

/** Where a subscription starts: the index of the first event after its exclusive start point. */
function subscriptionSource(log: InMemoryLog, options: Options): { start: number; events: () => readonly StoredEvent[] } {
  if (options.hasStream()) {
    const from = options.getStream()!;
    const name = streamName(from.getStreamIdentifier());
    const events = () => log.stream(name) ?? [];
    const start = from.hasStart() ? 0 : from.hasEnd() ? events().length : Number(BigInt(from.getRevision())) + 1;
    return { start, events };
  }
  const from = options.getAll();
  if (!from) throw invalidArgument('a stream or $all is required');
  const events = () => log.all;
  if (from.hasStart()) return { start: 0, events };
  if (from.hasEnd()) return { start: log.all.length, events };
  const checkpoint = tfPos(from.getPosition()!);
  const start = log.all.findIndex((event) => compareTfPos([event.position, event.position], checkpoint) > 0);
  return { start: start === -1 ? log.all.length : start, events };
}

/** EventFilter.EventType / EventFilter.StreamName: a regular expression, or any of some prefixes. */
function eventFilter(options: Options): EventFilter | undefined {
  if (!options.hasFilter()) return undefined;
  const filter = options.getFilter()!;
  const expression = filter.hasEventType() ? filter.getEventType() : filter.getStreamIdentifier();
  if (!expression) throw invalidArgument('a filter needs an event type or a stream identifier expression');
  const field = filter.hasEventType() ? (e: StoredEvent) => e.type : (e: StoredEvent) => e.stream;
  if (expression.getRegex()) {
    const regex = new RegExp(expression.getRegex());
    return (event) => regex.test(field(event));
  }
  const prefixes = expression.getPrefixList();
  return (event) => prefixes.some((prefix) => field(event).startsWith(prefix));
}

/** A filtered subscription reports a checkpoint every `multiplier × search window` events it considers. */
function checkpointIntervalOf(options: Options): number | undefined {
  if (!options.hasFilter()) return undefined;
  const filter = options.getFilter()!;
  const window = filter.hasMax() ? filter.getMax() : READ_BATCH_SIZE;
  const multiplier = filter.getCheckpointintervalmultiplier();
  if (multiplier <= 0) throw invalidArgument('checkpointIntervalMultiplier must be greater than 0');
  return multiplier * window;
}

function tfPos(position: streamsPb.ReadReq.Options.Position): [bigint, bigint] {
  return [BigInt(position.getCommitPosition()), BigInt(position.getPreparePosition())];
}

/** Writes with backpressure; gives up quietly once the call is cancelled. */
async function write(call: ReadCall, message: streamsPb.ReadResp, signal: AbortSignal): Promise<void> {
  if (signal.aborted || call.write(message)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      call.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    call.once('drain', done);
    signal.addEventListener('abort', done);
  });
}
