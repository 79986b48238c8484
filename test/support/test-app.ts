import type { INestApplication, LoggerService } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Role } from '../../contract/accounts.events';
import { Accounts, SYSTEM_PRINCIPAL } from '../../src/accounts/accounts.service';
import { loadConfig, type LedgerConfig } from '../../src/config/ledger-config';
import { createApp } from '../../src/create-app';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';

/** The admin token every test app starts with (preset, as LEDGER_ADMIN_TOKEN allows). */
export const TEST_ADMIN_TOKEN = 'clt_test-admin-token-0123456789abcdefghijklmnop';

export interface TestApp {
  app: INestApplication;
  /** Requests as the admin (a bearer token on every request). */
  http: ReturnType<typeof request.agent>;
  /** Requests with no token at all. */
  anonymous: ReturnType<typeof request>;
  store: EventStore;
  config: LedgerConfig;
  admin: { id: string; name: string };
  /** A new principal with a token, and an agent that sends it. */
  principal(name: string, role: Role): Promise<{ id: string; name: string; token: string; http: ReturnType<typeof request.agent> }>;
  close(): Promise<void>;
}

/**
 * The real application, as `npm start` builds it, on a fresh store in a temporary directory, with an
 * admin. `env` adds or overrides configuration variables, e.g. to choose the store.
 */
export async function startTestApp(env: Record<string, string> = {}, logger: false | LoggerService = false): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-app-'));
  const config = loadConfig({ LEDGER_DATA_DIR: dataDir, PORT: '0', LEDGER_SEED: 'none', LEDGER_ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...env });
  const app = await createApp(config, { logger });
  await app.init();
  const accounts = app.get(Accounts);
  const admin = await accounts.ensureAdmin(config, () => undefined);
  const server = app.getHttpServer();
  const agent = (token: string) => request.agent(server).auth(token, { type: 'bearer' });
  return {
    app,
    http: agent(TEST_ADMIN_TOKEN),
    anonymous: request(server),
    store: app.get<EventStore>(EVENT_STORE),
    config,
    admin: { id: admin.id, name: admin.name },
    principal: async (name, role) => {
      const principal = await accounts.addPrincipal(name, role, SYSTEM_PRINCIPAL);
      const { token } = await accounts.createToken(principal.id, SYSTEM_PRINCIPAL);
      return { id: principal.id, name: principal.name, token, http: agent(token) };
    },
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
