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
import { STORED_JSON, type RecordedEvent } from '../../event-store/event-store.port';
import { LedgerAudit } from './ledger-audit';
import type { VerificationRequest, VerificationVerdict } from './parallel-verification';

type Row = [position: bigint, id: string, stream: string, revision: bigint, type: string, data: string, metadata: string, recordedAt: string];

function verify(request: VerificationRequest): VerificationVerdict {
  // Read-write only so that SQLite may map the write-ahead log's index as the server's connection
  // does; nothing is written (query_only).
  const db = new Database(request.filename, { fileMustExist: true });
  try {
    db.pragma('query_only = ON');
    db.pragma('busy_timeout = 10000');
    const rows = db
      .prepare<[bigint], Row>('SELECT position, id, stream, revision, type, data, metadata, recorded_at FROM events WHERE position <= ? ORDER BY position ASC')
      .safeIntegers(true)
      .raw(true);
    const audit = new LedgerAudit(request.keepsRecordedAt);
    let events = 0;
    for (const row of rows.iterate(request.upTo) as IterableIterator<Row>) {
      const event = recordedEvent(row);
      if (event === undefined) return { clean: false, reason: `the stored event at position ${row[0]} cannot be read` };
      const admission = audit.admit(event);
      if (!admission.ok) return { clean: false, reason: `the event at position ${admission.break.position} fails verification: ${admission.break.problem}` };
      events++;
    }
    return { clean: true, events, audit: audit.toSnapshot() };
  } finally {
    db.close();
  }
}

/**
 * A row as the SQLite store reads it (toRecordedEvent), but with `data` parsed only if the check
 * needs it: a version 2 event is hashed on its stored text, so only its metadata is parsed here.
 */
function recordedEvent(row: Row): RecordedEvent | undefined {
  const [position, id, stream, revision, type, dataText, metadataText, recordedAt] = row;
  let metadata: JsonObject;
  try {
    metadata = JSON.parse(metadataText) as JsonObject;
  } catch {
    return undefined;
  }
  let data: JsonObject | undefined;
  const event = {
    id,
    type,
    get data(): JsonObject {
      // Only the slow path (an older hash formula, or a text that does not give the sealed hash) reads it.
      data ??= JSON.parse(dataText) as JsonObject;
      return data;
    },
    metadata,
    stream,
    revision,
    position,
    get recordedAt(): Date {
      return new Date(recordedAt);
    },
    [STORED_JSON]: { data: dataText, metadata: metadataText, recordedAt },
  };
  return event as unknown as RecordedEvent;
}

let verdict: VerificationVerdict;
try {
  verdict = verify(workerData as VerificationRequest);
} catch (error) {
  verdict = { clean: false, reason: (error as Error).message };
}
parentPort!.postMessage(verdict);
