/**
 * The event-store port: everything the ledger asks of storage, and nothing about how a store does it.
 *
 * Semantics follow EventStoreDB so that both adapters behave identically:
 * - revisions are 0-based per stream; a stream's revision is the revision of its last event;
 * - positions are global, strictly increasing in commit order, and never reused;
 * - a missing stream reads as empty (no error): loading an aggregate that was never written is normal;
 * - appending events whose ids are already stored at the expected place is idempotent: nothing is
 *   written and the original result is returned.
 */

import type { JsonObject } from '../../contract/json';

/** What the writer expects the stream to look like before its append. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface NewEvent {
  /** A UUID chosen by the writer; the same id appended again is recognised as a retry. */
  id: string;
  type: string;
  data: JsonObject;
  metadata?: JsonObject;
  /**
   * When the event is recorded, as the writer chose it (and sealed it into the event's hash). A
   * store that `keepsRecordedAt` stores exactly this instant and gives it back as `recordedAt`; one
   * that does not (EventStoreDB assigns `created` itself) ignores it. Omitted: the time of the append.
   */
  recordedAt?: Date;
  /**
   * The JSON text of `data` and `metadata`, when the writer has it (the canonical JSON it hashed): a
   * store that keeps JSON text (SQLite) stores exactly this, and gives it back with the event
   * (`storedJsonOf`). It must be the JSON of `data` and `metadata`.
   */
  json?: { data: string; metadata: string };
}

/**
 * Where an adapter that keeps JSON text attaches, to the events it reads, the exact text it parsed
 * their data and metadata from: a non-enumerable property, so the event reads, compares and
 * serialises as before. Checking an event's hash against that text costs no serialisation.
 */
export const STORED_JSON: unique symbol = Symbol('stored JSON');

/** The text an adapter stored an event's data, metadata and (where it keeps one) recorded time as. */
export interface StoredText {
  data: string;
  metadata: string;
  recordedAt?: string;
}

export function storedJsonOf(event: RecordedEvent): StoredText | undefined {
  return (event as { [STORED_JSON]?: StoredText })[STORED_JSON];
}

/** An event as stored: the envelope every reader sees. */
export interface RecordedEvent {
  id: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
  stream: string;
  revision: bigint;
  position: bigint;
  recordedAt: Date;
}

export interface AppendResult {
  /** The stream's revision after the append: the revision of the last event written. */
  nextRevision: bigint;
  /** The global position of the last event written. */
  position: bigint;
  /**
   * The global position of each event written, in order, where the store knows them without a read
   * (the embedded store does; EventStoreDB's answer names only the last).
   */
  positions?: bigint[];
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** First revision to read (inclusive). Defaults to the start (forwards) or the end (backwards). */
  from?: bigint | 'start' | 'end';
  direction?: ReadDirection;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events whose position is strictly greater than this checkpoint. Omitted: from the beginning. */
  after?: bigint;
  maxCount?: number;
}

export interface SubscribeAllOptions {
  /** Deliver events whose position is strictly greater than this checkpoint. Omitted: from the beginning. */
  after?: bigint;
}

/**
 * What a subscription delivers: every event once, in position order, and one `caught-up` marker when
 * the historical part has been delivered and live delivery begins.
 */
export type SubscriptionItem = { kind: 'event'; event: RecordedEvent } | { kind: 'caught-up' };

export interface AllSubscription extends AsyncIterable<SubscriptionItem> {
  /** Stops delivery; a pending iteration ends. Safe to call more than once. */
  close(): Promise<void>;
}

export type EventStoreKind = 'sqlite' | 'eventstoredb';

export interface EventStore {
  readonly kind: EventStoreKind;

  /**
   * Whether the store records an event at the `recordedAt` its writer gives (SQLite), so that the
   * time it gives back is the one the writer sealed into the event's hash; EventStoreDB records
   * the server's own time (`created`).
   */
  readonly keepsRecordedAt: boolean;

  append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;

  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /**
   * The same events as `readAll`, a page at a time (pages are never empty): for folds over the whole
   * log, which then await once per page rather than once per event (about a third of a rebuild's
   * time on the embedded store). An event that cannot be decoded ends the page before it and throws,
   * as `readAll` does at that event.
   */
  readAllPages(options?: ReadAllOptions): AsyncIterable<readonly RecordedEvent[]>;

  subscribeAll(options?: SubscribeAllOptions): AllSubscription;

  /** The event with this id, wherever it is stored; undefined when there is none. */
  readEvent(id: string): Promise<RecordedEvent | undefined>;

  /** The position of the last event in the store, or null when the store is empty. */
  headPosition(): Promise<bigint | null>;

  /** Resolves when the store answers; rejects with the reason when it cannot. */
  ping(): Promise<void>;

  /** Closes connections and files; appends already acknowledged stay durable. */
  close(): Promise<void>;
}

/** The Nest injection token for the configured store. */
export const EVENT_STORE = Symbol('EVENT_STORE');
