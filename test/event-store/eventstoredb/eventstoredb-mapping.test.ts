import {
  DeadlineExceededError,
  InvalidTransactionError,
  MaxAppendSizeExceededError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../../../src/event-store/event-store.errors';
import {
  appendError,
  isSystemEvent,
  positionOf,
  storeError,
  toAppendExpectedRevision,
  toRecordedEvent,
} from '../../../src/event-store/eventstoredb/eventstoredb-mapping';

function recorded(overrides: Partial<Record<keyof EsdbRecordedEvent, unknown>> = {}): EsdbRecordedEvent {
  return {
    streamId: 'claims-1',
    id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
    isJson: true,
    revision: 3n,
    type: 'ClaimMade',
    created: new Date('2025-01-02T03:04:05Z'),
    data: { text: 'x' },
    metadata: { by: 'me' },
    position: { commit: 1200n, prepare: 1200n },
    ...overrides,
  } as EsdbRecordedEvent;
}

const events = [{ id: '9f0c4a5e-58c9-4f8e-8d43-2a3b3c1d7e10', type: 'T', data: {} }];

describe('eventstoredb mapping: positions', () => {
  it('takes the commit position, equal to the prepare position for every event written over gRPC', () => {
    expect(positionOf(recorded())).toBe(1200n);
  });

  it('refuses an event without a position (stream reads before server 22.6 send ulong.MaxValue)', () => {
    expect(() => positionOf(recorded({ position: undefined }))).toThrow(/22\.6/);
    expect(() => positionOf(recorded({ position: { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n } }))).toThrow(/22\.6/);
  });

  it('refuses an event of an explicit transaction, whose commit position its siblings share', () => {
    expect(() => positionOf(recorded({ position: { commit: 5000n, prepare: 1200n } }))).toThrow(/explicit transaction/);
  });
});

describe('eventstoredb mapping: events', () => {
  it('builds the envelope: created as recordedAt, JSON data and metadata', () => {
    expect(toRecordedEvent(recorded())).toEqual({
      id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
      type: 'ClaimMade',
      data: { text: 'x' },
      metadata: { by: 'me' },
      stream: 'claims-1',
      revision: 3n,
      position: 1200n,
      recordedAt: new Date('2025-01-02T03:04:05Z'),
    });
  });

  it('reads absent metadata as {}, and JSON sent as octet-stream as JSON', () => {
    const binary = recorded({ isJson: false, data: Buffer.from('{"n":1}'), metadata: undefined });
    expect(toRecordedEvent(binary)).toMatchObject({ data: { n: 1 }, metadata: {} });
  });

  it('refuses data that is not a JSON object, naming the event', () => {
    expect(() => toRecordedEvent(recorded({ isJson: false, data: Uint8Array.from([0xff, 0x00]) }))).toThrow(/claims-1"@3.*not a JSON object/);
    expect(() => toRecordedEvent(recorded({ data: [1, 2] }))).toThrow(/not a JSON object/);
  });

  it('treats $-prefixed event types and streams as the store\'s own', () => {
    expect(isSystemEvent(recorded({ type: '$metadata' }))).toBe(true);
    expect(isSystemEvent(recorded({ streamId: '$ledger-event-id-x' }))).toBe(true);
    expect(isSystemEvent(recorded())).toBe(false);
  });

  it('passes the four expected-revision forms through', () => {
    expect(['any', 'no_stream', 'stream_exists', 7n].map((e) => toAppendExpectedRevision(e as never))).toEqual(['any', 'no_stream', 'stream_exists', 7n]);
  });
});

describe('eventstoredb mapping: append errors', () => {
  const wrong = (current: bigint | 'no_stream') =>
    new WrongExpectedVersionError(undefined, { streamName: 's', current, expected: 'any' });

  it("maps a wrong expected version, keeping the writer's expectation and the actual revision or 'no_stream'", () => {
    expect(appendError(wrong('no_stream'), 's', 0n, events)).toEqual(new WrongExpectedRevisionError('s', 0n, 'no_stream'));
    expect(appendError(wrong(4n), 's', 'no_stream', events)).toMatchObject({ stream: 's', expected: 'no_stream', actual: 4n });
    expect(appendError(wrong(-1n), 's', 2n, events)).toMatchObject({ actual: 'no_stream' });
    expect(appendError(wrong(2n ** 64n - 1n), 's', 2n, events)).toMatchObject({ actual: 'no_stream' });
  });

  it('maps an append over MaxAppendSize to an invalid append naming the limit', () => {
    const error = appendError(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), 's', 'any', events);
    expect(error).toBeInstanceOf(InvalidAppendError);
    expect((error as Error).message).toMatch(/1048576 bytes.*EVENTSTORE_MAX_APPEND_SIZE/);
  });

  it('maps corrupted idempotency (InvalidTransaction on Append, status-less Unknown on BatchAppend) to a duplicate id', () => {
    expect(appendError(new InvalidTransactionError(), 's', 'any', events)).toEqual(new DuplicateEventIdError('s', events[0].id));
    expect(appendError(new UnknownError(), 's', 'any', events)).toBeInstanceOf(DuplicateEventIdError);
    const grpcUnknown = new UnknownError(serviceError(status.UNKNOWN));
    expect(appendError(grpcUnknown, 's', 'any', events)).toBe(grpcUnknown);
  });

  it('maps an unreachable or timed-out server to EventStoreUnavailableError, keeping the cause', () => {
    const unavailable = new UnavailableError(serviceError(status.UNAVAILABLE));
    const mapped = storeError(unavailable);
    expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
    expect((mapped as Error).cause).toBe(unavailable);
    expect(storeError(new DeadlineExceededError(serviceError(status.DEADLINE_EXCEEDED)))).toBeInstanceOf(EventStoreUnavailableError);
    const other = new Error('other');
    expect(storeError(other)).toBe(other);
  });
});

function serviceError(code: status): ServiceError {
  return Object.assign(new Error(`${code}`), { code, details: `${code}`, metadata: new Metadata() });
}
