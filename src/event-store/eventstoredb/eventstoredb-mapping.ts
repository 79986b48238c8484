import {
  ANY,
  CancelledError,
  DeadlineExceededError,
  InvalidTransactionError,
  MaxAppendSizeExceededError,
  NO_STREAM,
  NotLeaderError,
  STREAM_EXISTS,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import type { JsonObject } from '../../../contract/json';
import type { ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port';

/**
 * How a `$all` position becomes the port's single bigint: the commit position.
 *
 * EventStoreDB writes each event of a gRPC append as its own implicitly committed prepare record
 * (StorageWriterService: `PrepareFlags.Data | PrepareFlags.IsCommitted` per event), and reads `$all`
 * with commit == prepare == that record's log position (AllReader: `new CommitEventRecord(eventRecord,
 * prepare.LogPosition)`). So the events of one append do NOT share a commit position: each has its own,
 * strictly increasing in log order, and a checkpoint at one of them splits the append exactly there.
 * The client docs say as much: "store the event's commit or prepare position", except for events of
 * the legacy TCP client's explicit transactions, which share the commit position of their commit
 * record. The ledger never writes those; meeting one is an error rather than a silently shared position.
 *
 * A checkpoint goes back to EventStoreDB as `{ commit: p, prepare: p }`. Reading `$all` from it includes
 * the event at p (AllReader compares `>= pos`), so reads skip it; subscribing from it excludes it
 * ("the positions provided to the subscriptions are exclusive", client docs).
 */
export function positionOf(event: EsdbRecordedEvent): bigint {
  const position = event.position;
  if (!position || position.commit === NO_POSITION) {
    throw new Error(
      `EventStoreDB did not report the $all position of ${describe(event)}: servers report it on stream reads from version 22.6 on, and never for events of explicit transactions`,
    );
  }
  if (position.commit !== position.prepare) {
    throw new Error(
      `${describe(event)} was written in an explicit transaction (commit ${position.commit}, prepare ${position.prepare}) and shares its commit position; the ledger cannot order it`,
    );
  }
  return position.commit;
}

/** What EventStoreDB sends for "no position": ulong.MaxValue. */
const NO_POSITION = 2n ** 64n - 1n;

/** Events the store writes for itself: `$`-prefixed event types (`$metadata`, `$>`, ...) or streams. */
export function isSystemEvent(event: EsdbRecordedEvent): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  return {
    id: event.id,
    type: event.type,
    data: jsonObject(event.data, 'data', event),
    metadata: event.metadata === undefined ? {} : jsonObject(event.metadata, 'metadata', event),
    stream: event.streamId,
    revision: event.revision,
    position: positionOf(event),
    recordedAt: event.created,
  };
}

export function toEventData(event: NewEvent): EventData {
  return jsonEvent({ id: event.id.toLowerCase(), type: event.type, data: event.data, metadata: event.metadata ?? {} });
}

export function toAppendExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

/** An append's failure in the port's terms; anything unrecognised passes through `storeError`. */
export function appendError(error: unknown, stream: string, expected: ExpectedRevision, events: readonly NewEvent[]): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(stream, expected, actualRevision(error.actualVersion));
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new InvalidAppendError(
      `events: the append is larger than the server's maximum append size of ${error.maxAppendSize} bytes (EventStoreDB option MaxAppendSize, EVENTSTORE_MAX_APPEND_SIZE)`,
    );
  }
  if (isCorruptedIdempotency(error)) return new DuplicateEventIdError(stream, events[0].id);
  return storeError(error);
}

/**
 * Some of the append's ids are stored at the expected place and some are not (IndexWriter's
 * CorruptedIdempotency). Append answers InvalidTransaction; BatchAppend has no case for it and answers
 * Status.Unknown, which the client turns into an UnknownError that carries no gRPC status code.
 */
function isCorruptedIdempotency(error: unknown): boolean {
  return error instanceof InvalidTransactionError || (error instanceof UnknownError && error.code === undefined);
}

/** Failures that mean "the store cannot be reached now" become EventStoreUnavailableError. */
export function storeError(error: unknown): unknown {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError
  ) {
    return new EventStoreUnavailableError(`EventStoreDB is unavailable: ${error.message}`, { cause: error });
  }
  return error;
}

/** `actualVersion` is 'no_stream' or a revision; anything outside a revision's range also means none. */
function actualRevision(actual: bigint | 'no_stream'): bigint | 'no_stream' {
  return typeof actual === 'bigint' && actual >= 0n && actual < 2n ** 63n ? actual : 'no_stream';
}

function jsonObject(value: unknown, field: string, event: EsdbRecordedEvent): JsonObject {
  let parsed = value;
  if (value instanceof Uint8Array) {
    try {
      parsed = JSON.parse(Buffer.from(value).toString('utf8'));
    } catch {
      parsed = undefined;
    }
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as JsonObject;
  throw new Error(`The ${field} of ${describe(event)} is not a JSON object; the ledger stores only JSON objects`);
}

function describe(event: EsdbRecordedEvent): string {
  return `event ${event.id} (${event.type}) at "${event.streamId}"@${event.revision}`;
}
