/**
 * TEST SUPPORT ONLY. The storage behind the loopback EventStoreDB test server: one append-only log of
 * events, laid out the way EventStoreDB's transaction file lays out gRPC appends.
 *
 * Every event of an append is its own implicitly committed prepare record (StorageWriterService writes
 * `PrepareFlags.Data | IsCommitted` per event), so on `$all` each event has commit == prepare == the log
 * position of its own record (AllReader: `new CommitEventRecord(eventRecord, prepare.LogPosition)`).
 * Positions are byte offsets: each record advances the log by roughly its size on disk, so positions
 * have gaps, as they do in EventStoreDB.
 */

export interface StoredEvent {
  id: string;
  stream: string;
  revision: bigint;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB sends `created`. */
  created: bigint;
  /** The record's pre-position: its commit and prepare position alike. */
  position: bigint;
  /** Where the next record begins; backward reads of `$all` compare against it. */
  postPosition: bigint;
}

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

/** EventStoreDB's long-valued ExpectedVersion constants. */
export const EXPECTED_ANY = -2n;
export const EXPECTED_NO_STREAM = -1n;
export const EXPECTED_STREAM_EXISTS = -4n;

export type WriteOutcome =
  /** `lastRevision` is -1 for a stream that is still empty; `position` -1 when none is known. */
  | { kind: 'written' | 'idempotent'; lastRevision: bigint; position: bigint }
  | { kind: 'wrong-expected-version'; currentRevision: bigint }
  | { kind: 'corrupted-idempotency' };

type CommitCheck =
  | { decision: 'ok'; current: bigint }
  | { decision: 'idempotent'; last: bigint; position: bigint }
  | { decision: 'wrong-expected-version'; current: bigint }
  | { decision: 'corrupted-idempotency' };

const TICKS_PER_MS = 10_000n;
/** Fixed part of a V1 prepare record: lengths, flags, positions, ids, expected version, timestamp. */
const PREPARE_RECORD_OVERHEAD = 88n;

export class InMemoryLog {
  /** Every record of the log in position order, the `$all` stream. */
  readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  /**
   * IndexWriter's `_committedEvents`: event id → where it was last written. EventStoreDB bounds this
   * cache by memory, so idempotence by id alone ('any', 'stream_exists') is best effort there; here it
   * never forgets.
   */
  private readonly committed = new Map<string, { stream: string; revision: bigint }>();
  private readonly waiting = new Set<() => void>();
  private nextPosition: bigint;

  constructor(initialPosition: bigint) {
    this.nextPosition = initialPosition;
  }

  stream(name: string): readonly StoredEvent[] | undefined {
    return this.streams.get(name);
  }

  lastRevision(stream: string): bigint {
    const events = this.streams.get(stream);
    return events ? BigInt(events.length - 1) : -1n;
  }

  /** Applies an append atomically, with EventStoreDB's expected-version and idempotence rules. */
  write(stream: string, expected: bigint, events: readonly ProposedEvent[]): WriteOutcome {
    const check = this.checkCommit(stream, expected, events.map((e) => e.id));
    switch (check.decision) {
      case 'wrong-expected-version':
        return { kind: 'wrong-expected-version', currentRevision: check.current };
      case 'corrupted-idempotency':
        return { kind: 'corrupted-idempotency' };
      case 'idempotent':
        return { kind: 'idempotent', lastRevision: check.last, position: check.position };
      case 'ok':
        return this.commit(stream, check.current, events);
    }
  }

  /** Resolves at the next append, or when `signal` aborts. */
  waitForAppend(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        this.waiting.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiting.add(done);
      signal.addEventListener('abort', done);
    });
  }

  /** A port of IndexWriter.CheckCommit for a stream that was never deleted. */
  private checkCommit(stream: string, expected: bigint, ids: readonly string[]): CommitCheck {
    const current = this.lastRevision(stream);
    if (expected === EXPECTED_STREAM_EXISTS && current < 0n && this.lastRevision(`$$${stream}`) < 0n) {
      return { decision: 'wrong-expected-version', current };
    }

    if (expected === EXPECTED_ANY || expected === EXPECTED_STREAM_EXISTS) {
      if (ids.length === 0) return { decision: 'ok', current };
      let first: bigint | undefined;
      let last = -1n;
      for (const id of ids) {
        const known = this.committed.get(id);
        if (!known || known.stream !== stream) {
          return first === undefined ? { decision: 'ok', current } : { decision: 'corrupted-idempotency' };
        }
        first ??= known.revision;
        last = known.revision;
      }
      return { decision: 'idempotent', last, position: this.positionOf(stream, last) };
    }

    if (expected < current) {
      let revision = expected;
      for (const id of ids) {
        revision += 1n;
        const known = this.committed.get(id);
        if (known && known.stream === stream && known.revision === revision) continue;
        if (this.streams.get(stream)?.[Number(revision)]?.id === id) continue;
        if (revision !== expected + 1n) return { decision: 'corrupted-idempotency' };
        return { decision: 'wrong-expected-version', current };
      }
      if (revision === expected) return { decision: 'wrong-expected-version', current };
      return { decision: 'idempotent', last: revision, position: this.positionOf(stream, revision) };
    }

    if (expected > current) return { decision: 'wrong-expected-version', current };
    return { decision: 'ok', current };
  }

  private commit(stream: string, current: bigint, events: readonly ProposedEvent[]): WriteOutcome {
    if (events.length === 0) {
      // An empty append still writes a (data-less) prepare record, and answers with its position.
      const position = this.nextPosition;
      this.nextPosition += PREPARE_RECORD_OVERHEAD + BigInt(Buffer.byteLength(stream));
      return { kind: 'written', lastRevision: current, position };
    }
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    const existing = this.streams.get(stream) ?? [];
    this.streams.set(stream, existing);
    let last: StoredEvent | undefined;
    events.forEach((proposed, index) => {
      const position = this.nextPosition;
      this.nextPosition += recordSize(stream, proposed);
      last = { ...proposed, stream, revision: current + 1n + BigInt(index), created, position, postPosition: this.nextPosition };
      existing.push(last);
      this.all.push(last);
      this.committed.set(proposed.id, { stream, revision: last.revision });
    });
    for (const wake of [...this.waiting]) wake();
    return { kind: 'written', lastRevision: last!.revision, position: last!.position };
  }

  private positionOf(stream: string, revision: bigint): bigint {
    return this.streams.get(stream)?.[Number(revision)]?.position ?? -1n;
  }
}

function recordSize(stream: string, event: ProposedEvent): bigint {
  return (
    PREPARE_RECORD_OVERHEAD +
    BigInt(Buffer.byteLength(stream) + Buffer.byteLength(event.type) + event.data.length + event.metadata.length)
  );
}

/** TFPos ordering: by commit position, then by prepare position. */
export function compareTfPos(a: readonly [bigint, bigint], b: readonly [bigint, bigint]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}
