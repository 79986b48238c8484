import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { loadConfig } from '../../src/config/ledger-config';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import { verifyLedgerWithCheckpoints } from '../../src/ledger/integrity/verify-data-dir';
import { startEventStoreDbTestServer, type EventStoreDbTestServer } from '../support/eventstoredb-test-server';
import { runService, type RunningService } from '../support/run-service';
import { TEST_ADMIN_TOKEN } from '../support/test-app';
import { ledgerClient } from './ledger-client';
import { stopService } from './stop-service';
import { describeTwoInstances } from './two-instance-suite';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

/**
 * Two real server processes on one EventStoreDB: the loopback gRPC server (test/support) runs in
 * this test process and both instances connect to it over TCP with the real client, as instances
 * behind a load balancer connect to a KurrentDB cluster. Each has its own data directory (snapshot,
 * checkpoint), as on separate machines, and both sign with the one key given to them
 * (LEDGER_SIGNING_KEY), as docs/architecture.md says to run them.
 */
describeTwoInstances('EventStoreDB (loopback gRPC server, two processes)', async () => {
  const server: EventStoreDbTestServer = await startEventStoreDbTestServer();
  const dirs = [mkdtempSync(join(tmpdir(), 'ledger-esdb-a-')), mkdtempSync(join(tmpdir(), 'ledger-esdb-b-'))];
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const env = (dataDir: string) => ({
    LEDGER_STORE: 'eventstoredb',
    EVENTSTORE_CONNECTION_STRING: server.connectionString,
    LEDGER_DATA_DIR: dataDir,
    LEDGER_SIGNING_KEY: signingKey,
    LEDGER_SEED: 'none',
    LEDGER_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
  });
  const started: RunningService[] = [];
  const cleanUp = async () => {
    await Promise.all(started.map(stopService));
    await server.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  };
  try {
    // The first makes the admin; the second finds it in the store.
    started.push(await runService(env(dirs[0]!)));
    started.push(await runService(env(dirs[1]!)));
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const [a, b] = started as [RunningService, RunningService];
  const store = new EventStoreDbEventStore({ connectionString: server.connectionString });
  return {
    a: ledgerClient('a', a.baseUrl, TEST_ADMIN_TOKEN),
    b: ledgerClient('b', b.baseUrl, TEST_ADMIN_TOKEN),
    store,
    // Against instance a's own checkpoint (b's is checked by b's /health in the suite).
    verify: () => verifyLedgerWithCheckpoints(loadConfig({ LEDGER_DATA_DIR: dirs[0]!, LEDGER_SIGNING_KEY: signingKey }), store),
    stop: async () => {
      await store.close();
      await cleanUp();
    },
  };
});
