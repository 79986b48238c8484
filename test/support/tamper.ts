import type { INestApplication } from '@nestjs/common';
import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Accounts } from '../../src/accounts/accounts.service';
import { loadConfig, type LedgerConfig } from '../../src/config/ledger-config';
import { createApp } from '../../src/create-app';
import type { JsonObject } from '../../contract/json';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import type { Checkpoint } from '../../src/ledger/integrity/checkpoint';
import { verifyLedgerWithCheckpoints, type LedgerVerification } from '../../src/ledger/integrity/verify-data-dir';
import type { CheckpointToCheck } from '../../src/ledger/integrity/verify-ledger';
import { eventHash, GENESIS_HASH } from '../../src/ledger/provenance/hash-chain';
import { TEST_ADMIN_TOKEN } from './test-app';

/** The real application on a data directory that outlives it: stop it, tamper with the file, start it again. */
export interface AppOnDir {
  app: INestApplication;
  config: LedgerConfig;
  http: ReturnType<typeof request.agent>;
  as(token: string): ReturnType<typeof request.agent>;
  close(): Promise<void>;
}

export async function startAppOn(dataDir: string, env: Record<string, string> = {}): Promise<AppOnDir> {
  const config = loadConfig({ LEDGER_DATA_DIR: dataDir, PORT: '0', LEDGER_SEED: 'none', LEDGER_ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...env });
  const app = await createApp(config, { logger: false });
  await app.init();
  await app.get(Accounts).ensureAdmin(config, () => undefined);
  const server = app.getHttpServer();
  const as = (token: string) => request.agent(server).auth(token, { type: 'bearer' });
  return { app, config, http: as(TEST_ADMIN_TOKEN), as, close: () => app.close() };
}

/**
 * A ledger of one question and 280 claims in `dataDir`, written through the API and closed (so its
 * snapshot and checkpoint are written): more than a block of the tree (256 events), so that a
 * change is named by the block it is in. Returns the question's id.
 */
export async function writeLedgerOfClaims(dataDir: string): Promise<string> {
  const t = await startAppOn(dataDir, { LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
  try {
    const questionId = (await t.http.post('/api/questions').send({ title: 'Who paid the allowance?', tags: [] }).expect(201)).body.id as string;
    for (let round = 0; round < 14; round++) {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => t.http.post(`/api/questions/${questionId}/claims`).send({ text: `Claim ${round}.${i}`, kind: 'hypothesis' }).expect(201)),
      );
    }
    return questionId;
  } finally {
    await t.close();
  }
}

/** A row of the events table as SQLite holds it. */
export interface Row {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** Opens the ledger's SQLite file directly, as someone with the file and a SQLite shell would. */
export function withFile<T>(dataDir: string, work: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'ledger.db'));
  try {
    return work(db);
  } finally {
    db.close();
  }
}

export function rows(dataDir: string): Row[] {
  return withFile(dataDir, (db) => db.prepare('SELECT * FROM events ORDER BY position').all() as Row[]);
}

export function updateRow(dataDir: string, position: number, change: (row: Row) => Partial<Row>): void {
  withFile(dataDir, (db) => {
    const row = db.prepare('SELECT * FROM events WHERE position = ?').get(position) as Row;
    const next = { ...row, ...change(row) };
    db.prepare('UPDATE events SET data = ?, metadata = ?, recorded_at = ?, type = ? WHERE position = ?').run(next.data, next.metadata, next.recorded_at, next.type, position);
  });
}

/** Seals a stream again from `fromRevision` on, as an attacker who knows the formula (it is public) would. */
export function reseal(dataDir: string, stream: string, fromRevision: number): void {
  withFile(dataDir, (db) => {
    const events = db.prepare('SELECT * FROM events WHERE stream = ? ORDER BY revision').all(stream) as Row[];
    let prevHash = GENESIS_HASH;
    for (const row of events) {
      const metadata = JSON.parse(row.metadata) as JsonObject;
      if (row.revision >= fromRevision) {
        metadata.prevHash = prevHash;
        metadata.hash = eventHash({ id: row.id, type: row.type, stream, revision: BigInt(row.revision), data: JSON.parse(row.data) as JsonObject, metadata }, prevHash);
        db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(metadata), row.position);
      }
      prevHash = metadata.hash as string;
    }
  });
}

/** A copy of a data directory, to tamper with. */
export function copyOf(dataDir: string, root: string, name: string): string {
  const copy = join(root, name);
  cpSync(dataDir, copy, { recursive: true });
  return copy;
}

export function temporaryDirectory(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** What `claims verify` finds, run in this process on the data directory. */
export async function verifyDir(dataDir: string, against: { label: string; checkpoint: Checkpoint }[] = [], key?: CheckpointToCheck['key']): Promise<LedgerVerification> {
  const store = new SqliteEventStore({ filename: join(dataDir, 'ledger.db') });
  try {
    return await verifyLedgerWithCheckpoints({ dataDir }, store, { against, key });
  } finally {
    await store.close();
  }
}
