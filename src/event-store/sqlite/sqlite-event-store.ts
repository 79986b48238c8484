import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { CorruptEventError, DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import type { JsonObject } from '../../../contract/json';
import type { AllSubscription, AppendOptions, AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent, SubscribeAllOptions, SubscriptionItem } from '../event-store.port';
import { STORED_JSON, type StoredText } from '../event-store.port';
import { validateAppend } from '../validate-append';
import { SQLITE_SCHEMA } from './sqlite-schema';

/**
 * `FULL` syncs the write-ahead log at every commit: an acknowledged append survives a crash of the
 * process and of the machine. `NORMAL` survives a crash of the process only, and is faster.
 */
export type SqliteDurability = 'FULL' | 'NORMAL';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:' for a private in-memory store (tests). */
  filename: string;
  durability?: SqliteDurability;
  /** How often a live subscription looks for events appended by other processes. */
  pollIntervalMs?: number;
  /**
   * The position the first event of a new, empty store gets. Only for tests and migrations that must
   * carry positions over from another store; an existing store keeps its own.
   */
  initialPosition?: bigint;
  /**
   * For commands that only read (the CLI's consensus, export, replay, questions): the file must
   * exist, no schema is created, no pragma that changes the file is set, and every write is refused (`append` at once,
   * any other statement by SQLite: `query_only`). Nothing in the data directory is created or
   * changed: where the write-ahead log is absent (no other connection), the file is opened
   * read-write with `query_only`, so that SQLite, last out, removes the -wal and -shm files it
   * made, as a read-only connection cannot; where it exists (a server has the ledger open), it is
   * opened read-only, and shares the server's files.
   */
  readonly?: boolean;
}

/** A row as the read statements give it: an array in `EVENT_COLUMNS` order (cheaper than an object per row). */
type EventRow = [position: bigint, id: string, stream: string, revision: bigint, type: string, data: string, metadata: string, recordedAt: string];
const EVENT_COLUMNS = 'position, id, stream, revision, type, data, metadata, recorded_at';

const PAGE_SIZE = 512;
const MAX_REVISION = 2n ** 63n - 1n;

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  readonly keepsRecordedAt = true;
  /**
   * The file, for a reader on another thread (the projection runner's verification worker, which
   * opens its own connection); undefined for a private in-memory store, which no other connection sees.
   */
  readonly filename: string | undefined;

  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private readonly pollIntervalMs: number;
  private closed = false;
  private readonly readonly: boolean;

  private readonly statements: {
    streamRevision: Database.Statement<[string], { revision: bigint | null }>;
    eventById: Database.Statement<[string], { stream: string; revision: bigint; position: bigint }>;
    readById: Database.Statement<[string], EventRow>;
    insert: Database.Statement<[string, string, bigint, string, string, string, string]>;
    readForwards: Database.Statement<[string, bigint, number], EventRow>;
    readBackwards: Database.Statement<[string, bigint, number], EventRow>;
    readAll: Database.Statement<[bigint, number], EventRow>;
    head: Database.Statement<[], { position: bigint | null }>;
  };

  private readonly appendTransaction: (
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    inserted: EventRow[],
  ) => AppendResult;

  constructor(options: SqliteEventStoreOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.appended.setMaxListeners(0);
    this.readonly = options.readonly ?? false;
    this.filename = options.filename === ':memory:' || options.filename === '' ? undefined : options.filename;
    if (this.readonly) {
      this.db = new Database(options.filename, { fileMustExist: true, readonly: existsSync(`${options.filename}-wal`) });
      this.db.pragma('query_only = ON');
      this.db.pragma('busy_timeout = 10000');
    } else {
      this.db = new Database(options.filename);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.durability ?? 'FULL'}`);
      this.db.pragma('busy_timeout = 10000');
      this.db.exec(SQLITE_SCHEMA);
      if (options.initialPosition !== undefined) this.seedInitialPosition(options.initialPosition);
    }

    const prepare = <P extends unknown[], R>(sql: string) =>
      this.db.prepare<P, R>(sql).safeIntegers(true) as Database.Statement<P, R>;
    const prepareRows = <P extends unknown[]>(sql: string) =>
      this.db.prepare<P, EventRow>(sql).safeIntegers(true).raw(true) as unknown as Database.Statement<P, EventRow>;
    this.statements = {
      streamRevision: prepare('SELECT MAX(revision) AS revision FROM events WHERE stream = ?'),
      eventById: prepare('SELECT stream, revision, position FROM events WHERE id = ?'),
      readById: prepareRows(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ?`),
      insert: this.db.prepare(
        `INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      readForwards: prepareRows(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
      ),
      readBackwards: prepareRows(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
      readAll: prepareRows(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`),
      head: prepare('SELECT MAX(position) AS position FROM events'),
    };
    const transaction = this.db.transaction(
      (stream: string, events: readonly NewEvent[], expected: ExpectedRevision, inserted: EventRow[]) =>
        this.appendInTransaction(stream, events, expected, inserted),
    );
    // IMMEDIATE takes the write lock before reading the stream's revision, so two processes sharing
    // the file cannot both pass the same expectation.
    this.appendTransaction = (stream, events, expected, inserted) => transaction.immediate(stream, events, expected, inserted);
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateAppend(stream, events, options.expectedRevision);
    this.assertOpen();
    if (this.readonly) throw new Error('The event store is open read-only: nothing can be appended');
    const rows: EventRow[] = [];
    const result = this.appendTransaction(stream, events, options.expectedRevision, rows);
    this.appended.emit('append', rows);
    return result;
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let cursor = this.startRevision(options.from, backwards);
    while (remaining > 0 && cursor >= 0n) {
      this.assertOpen();
      const limit = Math.min(PAGE_SIZE, remaining);
      const statement = backwards ? this.statements.readBackwards : this.statements.readForwards;
      const rows = statement.all(stream, cursor, limit);
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      const last = rows[rows.length - 1][3];
      cursor = backwards ? last - 1n : last + 1n;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    for await (const page of this.readAllPages(options)) yield* page;
  }

  async *readAllPages(options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let after = options.after ?? -1n;
    while (remaining > 0) {
      this.assertOpen();
      const limit = Math.min(PAGE_SIZE, remaining);
      const rows = this.statements.readAll.all(after, limit);
      const { events, unreadable } = decodePage(rows);
      if (events.length > 0) yield events;
      if (unreadable) throw unreadable;
      if (rows.length < limit) return;
      remaining -= rows.length;
      after = rows[rows.length - 1][0];
    }
  }

  subscribeAll(options: SubscribeAllOptions = {}): AllSubscription {
    let stopped = false;
    let wake: (() => void) | undefined;
    // Rows appended through this instance since the subscription last read, in position order: the
    // live subscription takes them as they are instead of reading them back, one query per append.
    let handed: EventRow[] = [];
    // Whether the store may hold events past those delivered that are not handed: at first, after a
    // full page, when a poll comes due (other processes' appends are only seen by reading), and when
    // a subscriber that does not keep up has more handed than a page.
    let unread = true;
    const onAppend = (rows?: EventRow[]) => {
      if (rows && rows.length > 0) handed.push(...rows);
      if (handed.length > PAGE_SIZE) {
        handed = [];
        unread = true;
      }
      wake?.();
    };
    // The poll for other processes' appends is left running when an append wakes the subscription,
    // rather than set and cleared for every event: it comes due at most once per interval.
    let poll: NodeJS.Timeout | undefined;
    const pollDue = () => {
      poll = undefined;
      unread = true;
      wake?.();
    };
    this.appended.on('append', onAppend);
    const stop = () => {
      stopped = true;
      this.appended.off('append', onAppend);
      if (poll) clearTimeout(poll);
      wake?.();
    };
    const store = this;

    /** The handed rows that come straight after `after`, with no gap; none when some must be read. */
    function takeHanded(after: bigint): EventRow[] {
      let start = 0;
      while (start < handed.length && handed[start][0] <= after) start++;
      let end = start;
      while (end < handed.length && handed[end][0] === after + 1n + BigInt(end - start)) end++;
      const taken = handed.slice(start, end);
      handed = end === handed.length ? [] : handed.slice(end);
      return taken;
    }

    async function* deliver(): AsyncGenerator<SubscriptionItem> {
      let after = options.after ?? -1n;
      let caughtUp = false;
      try {
        while (!stopped && !store.closed) {
          let rows = caughtUp ? takeHanded(after) : [];
          if (rows.length === 0) {
            // Handed rows that skip a position (another process wrote in between) must be read.
            if (!unread && handed.length === 0) {
              // Woken at once by appends through this instance; other processes are seen by polling.
              poll ??= setTimeout(pollDue, store.pollIntervalMs);
              await new Promise<void>((resolve) => (wake = resolve));
              wake = undefined;
              continue;
            }
            rows = store.statements.readAll.all(after, PAGE_SIZE);
            unread = rows.length === PAGE_SIZE;
          }
          for (const row of rows) {
            if (stopped) return;
            after = row[0];
            yield { kind: 'event', event: toRecordedEvent(row) };
          }
          if (!caughtUp && !unread) {
            caughtUp = true;
            yield { kind: 'caught-up' };
          }
        }
      } finally {
        stop();
      }
    }

    const iterator = deliver();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        stop();
      },
    };
  }

  async readEvent(id: string): Promise<RecordedEvent | undefined> {
    this.assertOpen();
    const row = this.statements.readById.get(id.toLowerCase());
    return row ? toRecordedEvent(row) : undefined;
  }

  async headPosition(): Promise<bigint | null> {
    this.assertOpen();
    return this.statements.head.get()?.position ?? null;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.db.prepare('SELECT 1').get();
  }

  /** SQLite's own check of the file; 'ok' when the file is sound. */
  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.appended.emit('append');
    this.appended.removeAllListeners();
    this.db.close();
  }

  /** Appends; `inserted` receives the rows written, as a read would return them. */
  private appendInTransaction(stream: string, events: readonly NewEvent[], expected: ExpectedRevision, inserted: EventRow[]): AppendResult {
    const current = this.statements.streamRevision.get(stream)?.revision ?? null;
    const holds = expectationHolds(expected, current);
    // An exact expectation that holds means the stream ends where it says: these events cannot be
    // stored already at the place it names, so the look-up of a retry (one query per append) is left
    // to an insert that hits a stored id, below. A loose or failed expectation may be a retry.
    const exact = expected === 'no_stream' || typeof expected === 'bigint';
    if (events.length > 0 && !(exact && holds)) {
      const retried = this.findRetry(stream, events, expected);
      if (retried) return retried;
    }
    if (!holds) throw new WrongExpectedRevisionError(stream, expected, current ?? 'no_stream');
    const base = current ?? -1n;
    if (events.length === 0) {
      return { nextRevision: base, position: this.statements.head.get()?.position ?? -1n };
    }
    const now = new Date().toISOString();
    let position = -1n;
    events.forEach((event, index) => {
      try {
        // The writer's time, exactly as it sealed it into the event's hash; otherwise the append's.
        const recordedAt = event.recordedAt ? event.recordedAt.toISOString() : now;
        const id = event.id.toLowerCase();
        const revision = base + 1n + BigInt(index);
        // The writer's JSON text as it is, when it gives one (the canonical JSON it hashed).
        const data = event.json?.data ?? JSON.stringify(event.data);
        const metadata = event.json?.metadata ?? JSON.stringify(event.metadata ?? {});
        const info = this.statements.insert.run(id, stream, revision, event.type, data, metadata, recordedAt);
        position = BigInt(info.lastInsertRowid);
        inserted.push([position, id, stream, revision, event.type, data, metadata, recordedAt]);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Nothing is inserted yet: refuse it exactly as the look-up before the inserts would have.
        if (index === 0 && exact) this.findRetry(stream, events, expected);
        throw new DuplicateEventIdError(stream, event.id);
      }
    });
    return { nextRevision: base + BigInt(events.length), position, positions: inserted.slice(-events.length).map((row) => row[0]) };
  }

  /**
   * An append whose event ids are already stored, in order, in this stream, at the place the
   * expectation names, is a retry: answer with the original result and write nothing.
   */
  private findRetry(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult | undefined {
    const first = this.statements.eventById.get(events[0].id.toLowerCase());
    if (!first) return undefined;
    let last = first;
    const positions: bigint[] = [];
    for (let index = 0; index < events.length; index++) {
      const stored = this.statements.eventById.get(events[index].id.toLowerCase());
      if (!stored || stored.stream !== stream || stored.revision !== first.revision + BigInt(index)) {
        throw new DuplicateEventIdError(stream, events[index].id);
      }
      last = stored;
      positions.push(stored.position);
    }
    const before = first.revision - 1n;
    const matches =
      expected === 'any' ||
      (expected === 'stream_exists' && before >= 0n) ||
      (expected === 'no_stream' && before === -1n) ||
      expected === before;
    if (!matches) throw new WrongExpectedRevisionError(stream, expected, this.statements.streamRevision.get(stream)?.revision ?? 'no_stream');
    return { nextRevision: last.revision, position: last.position, positions };
  }

  private startRevision(from: ReadStreamOptions['from'], backwards: boolean): bigint {
    if (typeof from === 'bigint') return from;
    const fromEnd = from === 'end' || (from === undefined && backwards);
    // 'start' is revision 0 in either direction (backwards from it reads just the first event).
    if (backwards) return fromEnd ? MAX_REVISION : 0n;
    return fromEnd ? -1n : 0n;
  }

  private seedInitialPosition(initialPosition: bigint): void {
    const empty = this.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number };
    if (empty.n > 0) return;
    this.db.prepare("DELETE FROM sqlite_sequence WHERE name = 'events'").run();
    this.db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('events', ?)").run(initialPosition - 1n);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}

function expectationHolds(expected: ExpectedRevision, current: bigint | null): boolean {
  return (
    expected === 'any' ||
    (expected === 'no_stream' && current === null) ||
    (expected === 'stream_exists' && current !== null) ||
    (typeof expected === 'bigint' && current === expected)
  );
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}

/**
 * Event types recur in every row: one string each rather than a copy per row, and V8's internalized
 * one (a property key's), so readers' comparisons with the literal types are pointer comparisons. Bounded.
 */
const types = new Map<string, string>();
const TYPES_KEPT = 10_000;

function interned(type: string): string {
  const known = types.get(type);
  if (known !== undefined) return known;
  if (types.size >= TYPES_KEPT) types.clear();
  const internalized = Object.keys({ [type]: true })[0]!;
  types.set(type, internalized);
  return internalized;
}

/** A page of rows decoded, up to the first that cannot be (which is then named). */
function decodePage(rows: readonly EventRow[]): { events: RecordedEvent[]; unreadable?: CorruptEventError } {
  const events: RecordedEvent[] = [];
  for (const row of rows) {
    try {
      events.push(toRecordedEvent(row));
    } catch (error) {
      if (!(error instanceof CorruptEventError)) throw error;
      return { events, unreadable: error };
    }
  }
  return { events };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  const [position, id, stream, revision, type, dataText, metadataText, recordedAt] = row;
  let data: JsonObject;
  let metadata: JsonObject;
  try {
    data = JSON.parse(dataText) as JsonObject;
    metadata = JSON.parse(metadataText) as JsonObject;
  } catch (error) {
    throw new CorruptEventError(stream, String(revision), id, String(position), (error as Error).message);
  }
  return new StoredEvent(id, interned(type), data, metadata, stream, revision, position, new Date(recordedAt), dataText, metadataText, recordedAt);
}

/**
 * An event as read from the file, with the text it was stored as (`storedJsonOf`) kept in a private
 * field behind a getter of the class: not an own property, so a copy of the event (`{ ...event }`,
 * whose data may then differ) never carries a text that is no longer its own, and cheaper than
 * `Object.defineProperty` on every event read (a rebuild reads them all).
 */
class StoredEvent implements RecordedEvent {
  readonly #dataText: string;
  readonly #metadataText: string;
  readonly #recordedAtText: string;
  // Made when first asked for (a verification that hashes the text): a fold verified on another thread never asks.
  #stored: StoredText | undefined;

  constructor(
    readonly id: string,
    readonly type: string,
    readonly data: JsonObject,
    readonly metadata: JsonObject,
    readonly stream: string,
    readonly revision: bigint,
    readonly position: bigint,
    readonly recordedAt: Date,
    dataText: string,
    metadataText: string,
    recordedAtText: string,
  ) {
    this.#dataText = dataText;
    this.#metadataText = metadataText;
    this.#recordedAtText = recordedAtText;
  }

  get [STORED_JSON](): StoredText {
    this.#stored ??= { data: this.#dataText, metadata: this.#metadataText, recordedAt: this.#recordedAtText };
    return this.#stored;
  }
}
