import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { describeEventStoreContract } from '../event-store.contract';

describeEventStoreContract('sqlite (:memory:)', {
  create: async () => new SqliteEventStore({ filename: ':memory:' }),
  createWithPositionsFrom: async (position) => new SqliteEventStore({ filename: ':memory:', initialPosition: position }),
});

// The same contract on a real file in WAL mode, the way the service runs.
const directory = mkdtempSync(join(tmpdir(), 'ledger-contract-'));
let files = 0;
afterAll(() => rmSync(directory, { recursive: true, force: true }));
describeEventStoreContract('sqlite (file, WAL)', {
  create: async () => new SqliteEventStore({ filename: join(directory, `store-${files++}.db`), pollIntervalMs: 20 }),
  createWithPositionsFrom: async (position) =>
    new SqliteEventStore({ filename: join(directory, `store-${files++}.db`), initialPosition: position }),
});
