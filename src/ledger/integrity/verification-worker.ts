/**
 * The body of the worker thread that verifies the log while the projection runner folds it
 * (parallel-verification.ts): it reads the same rows from its own connection to the SQLite file and
 * runs them through a LedgerAudit, exactly as the runner would, on another core. It answers once:
 * the audit (chains' heads and the ledger-wide tree) when every event up to `upTo` verified, or why
 * not. The runner decides what to do with a verdict that is not clean (see ProjectionRunner).
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { JsonObject } from '../../../contract/json';
import { STORED_JSON, type RecordedEvent, type StoredText } from '../../event-store/event-store.port';
import { LedgerAudit } from './ledger-audit';
import type { VerificationRequest, VerificationVerdict } from './parallel-verification';

type Row = [position: bigint, id: string, stream: string, revision: bigint, type: string, data: string, metadata: string, recordedAt: string];

/** Rows per query: one native call a page rather than one per row (iterate). */
const PAGE = 512;

function verify(request: VerificationRequest): VerificationVerdict {
  // Read-write only so that SQLite may map the write-ahead log's index as the server's connection
  // does; nothing is written (query_only).
  const db = new Database(request.filename, { fileMustExist: true });
  try {
    db.pragma('query_only = ON');
    db.pragma('busy_timeout = 10000');
    const page = db
      .prepare<[bigint, bigint, number], Row>(
        'SELECT position, id, stream, revision, type, data, metadata, recorded_at FROM events WHERE position > ? AND position <= ? ORDER BY position ASC LIMIT ?',
      )
      .safeIntegers(true)
      .raw(true);
    const audit = new LedgerAudit(request.keepsRecordedAt);
    let events = 0;
    let after = -1n;
    for (;;) {
      const rows = page.all(after, request.upTo, PAGE);
      for (const row of rows) {
        const event = StoredRow.of(row);
        if (event === undefined) return { clean: false, reason: `the stored event at position ${row[0]} cannot be read` };
        const admission = audit.admit(event as unknown as RecordedEvent);
        if (!admission.ok) return { clean: false, reason: `the event at position ${admission.break.position} fails verification: ${admission.break.problem}` };
        events++;
      }
      if (rows.length < PAGE) return { clean: true, events, audit: audit.toSnapshot() };
      after = rows[rows.length - 1]![0];
    }
  } finally {
    db.close();
  }
}

/**
 * A row as the SQLite store reads it (toRecordedEvent), but with `data` parsed only if the check
 * needs it: a version 2 event is hashed on its stored text, so only its metadata is parsed here. A
 * class, not an object literal with getters: those cost two closures per event, a third of the
 * worker's time.
 */
class StoredRow {
  private parsedData: JsonObject | undefined;
  readonly [STORED_JSON]: StoredText;

  private constructor(
    readonly position: bigint,
    readonly id: string,
    readonly stream: string,
    readonly revision: bigint,
    readonly type: string,
    readonly metadata: JsonObject,
    private readonly dataText: string,
    private readonly storedAt: string,
    metadataText: string,
  ) {
    this[STORED_JSON] = { data: dataText, metadata: metadataText, recordedAt: storedAt };
  }

  static of(row: Row): StoredRow | undefined {
    const [position, id, stream, revision, type, dataText, metadataText, recordedAt] = row;
    let metadata: JsonObject;
    try {
      metadata = JSON.parse(metadataText) as JsonObject;
    } catch {
      return undefined;
    }
    return new StoredRow(position, id, stream, revision, type, metadata, dataText, recordedAt, metadataText);
  }

  /** Only the slow path (an older hash formula, or a text that does not give the sealed hash) reads it. */
  get data(): JsonObject {
    this.parsedData ??= JSON.parse(this.dataText) as JsonObject;
    return this.parsedData;
  }

  get recordedAt(): Date {
    return new Date(this.storedAt);
  }
}

let verdict: VerificationVerdict;
try {
  verdict = verify(workerData as VerificationRequest);
} catch (error) {
  verdict = { clean: false, reason: (error as Error).message };
}
parentPort!.postMessage(verdict);
