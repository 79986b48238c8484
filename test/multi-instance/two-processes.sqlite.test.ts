import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { loadConfig } from '../../src/config/ledger-config';
import { SQLITE_FILE_NAME } from '../../src/event-store/create-event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { verifyLedgerWithCheckpoints } from '../../src/ledger/integrity/verify-data-dir';
import { runService, type RunningService } from '../support/run-service';
import { TEST_ADMIN_TOKEN } from '../support/test-app';
import { ledgerClient } from './ledger-client';
import { describeTwoInstances } from './two-instance-suite';
import { stopService } from './stop-service';

// Two server processes compiled on the fly start in seconds, many more on a loaded machine: the
// budgets catch a hang, they do not time anything.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

/**
 * Two real server processes on one data directory, so on one ledger.db: each has its own
 * better-sqlite3 connection, its own WAL locks, caches and read models, as two instances behind a
 * load balancer on one machine would. A third connection (the test's, read-only) counts what is stored.
 */
describeTwoInstances('SQLite file (two processes)', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-two-processes-'));
  const env = {
    LEDGER_DATA_DIR: dataDir,
    LEDGER_SEED: 'none',
    LEDGER_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
  };
  const started: RunningService[] = [];
  try {
    // The first creates the file and the admin; the second opens what the first made.
    started.push(await runService(env));
    started.push(await runService(env));
  } catch (error) {
    await Promise.all(started.map(stopService));
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const [a, b] = started as [RunningService, RunningService];
  const store = new SqliteEventStore({ filename: join(dataDir, SQLITE_FILE_NAME), readonly: true });
  const config = loadConfig({ LEDGER_DATA_DIR: dataDir });
  return {
    a: ledgerClient('a', a.baseUrl, TEST_ADMIN_TOKEN),
    b: ledgerClient('b', b.baseUrl, TEST_ADMIN_TOKEN),
    store,
    verify: () => verifyLedgerWithCheckpoints(config, store),
    stop: async () => {
      await store.close();
      await Promise.all([stopService(a), stopService(b)]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
