import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig, type LedgerConfig } from '../../src/config/ledger-config';
import { createApp } from '../../src/create-app';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  store: EventStore;
  config: LedgerConfig;
  close(): Promise<void>;
}

/**
 * The real application, as `npm start` builds it, on a fresh store in a temporary directory.
 * `env` adds or overrides configuration variables, e.g. to choose the store.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-app-'));
  const config = loadConfig({ LEDGER_DATA_DIR: dataDir, PORT: '0', LEDGER_SEED: 'none', ...env });
  const app = await createApp(config, { logger: false });
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    store: app.get<EventStore>(EVENT_STORE),
    config,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
