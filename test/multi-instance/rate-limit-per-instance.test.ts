import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts, SYSTEM_PRINCIPAL } from '../../src/accounts/accounts.service';
import { loadConfig } from '../../src/config/ledger-config';
import { createApp } from '../../src/create-app';
import { TEST_ADMIN_TOKEN } from '../support/test-app';

/**
 * The write limit (@nestjs/throttler, in-memory storage) counts per principal in each instance's
 * memory: two instances on one store let a principal write the limit on each, as
 * docs/architecture.md ("Running several instances") says. Two applications in this process stand
 * for the two instances here: the count is the application's, not the process's.
 */
describe('the write limit with two instances on one store', () => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-rate-limit-'));
  const apps: INestApplication[] = [];
  let otherToken: string;

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const config = loadConfig({ LEDGER_DATA_DIR: directory, PORT: '0', LEDGER_SEED: 'none', LEDGER_ADMIN_TOKEN: TEST_ADMIN_TOKEN, LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '3' });
      const app = await createApp(config, { logger: false });
      await app.init();
      await app.get(Accounts).ensureAdmin(config, () => undefined);
      apps.push(app);
    }
    const accounts = apps[0]!.get(Accounts);
    const other = await accounts.addPrincipal('other-writer', 'contributor', SYSTEM_PRINCIPAL);
    otherToken = (await accounts.createToken(other.id, SYSTEM_PRINCIPAL)).token;
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const as = (app: INestApplication, token: string) => request.agent(app.getHttpServer()).auth(token, { type: 'bearer' });

  it('holds per instance and per principal, for writes only', async () => {
    const [a, b] = apps.map((app) => as(app, TEST_ADMIN_TOKEN)) as [ReturnType<typeof as>, ReturnType<typeof as>];
    for (let i = 0; i < 3; i++) await a.post('/api/questions').send({ title: `on a ${i}` }).expect(201);
    const limited = await a.post('/api/questions').send({ title: 'one too many on a' }).expect(429);
    expect(limited.body.type).toContain('rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Reads are not counted, and a refused write did not count either.
    await a.get('/api/questions').expect(200);
    // The other instance keeps its own count: the same principal may write its limit there too.
    for (let i = 0; i < 3; i++) await b.post('/api/questions').send({ title: `on b ${i}` }).expect(201);
    await b.post('/api/questions').send({ title: 'one too many on b' }).expect(429);
    // Per principal, not per client address: another principal from the same address still writes.
    await as(apps[0]!, otherToken).post('/api/questions').send({ title: 'someone else' }).expect(201);
  });
});
