import type { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../contract/accounts.events';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app';

/** Every line the application logs, to check that no token ever appears in one. */
class CollectingLogger implements LoggerService {
  readonly lines: string[] = [];
  log = (...parts: unknown[]) => this.lines.push(parts.map(String).join(' '));
  error = this.log;
  warn = this.log;
  debug = this.log;
  verbose = this.log;
  fatal = this.log;
}

/**
 * The role each write route needs. A write route the API offers but this table does not name fails
 * the test, so a new route cannot be forgotten.
 */
const REQUIRED: Record<string, Role> = {
  'POST /api/questions': 'contributor',
  'PATCH /api/questions/{id}': 'moderator',
  'POST /api/questions/{id}/claims': 'contributor',
  'POST /api/questions/{id}/resolution': 'moderator',
  'POST /api/questions/{id}/reopening': 'moderator',
  'POST /api/questions/{id}/proof-standard': 'moderator',
  'PATCH /api/claims/{id}': 'contributor',
  'POST /api/claims/{id}/retraction': 'contributor',
  'POST /api/claims/relations': 'contributor',
  'POST /api/claims/{id}/evidence': 'contributor',
  'POST /api/evidence/{id}/withdrawal': 'contributor',
  'POST /api/evidence/{id}/verification': 'contributor',
  'POST /api/claims/{id}/stances': 'contributor',
  'POST /api/sources': 'contributor',
  'PATCH /api/sources/{id}/appraisal': 'moderator',
  'POST /api/admin/principals': 'admin',
  'PATCH /api/admin/principals/{id}': 'admin',
  'POST /api/admin/principals/{id}/tokens': 'admin',
  'POST /api/admin/tokens/{id}/revocation': 'admin',
};
const BELOW: Record<Role, Role | null> = { reader: null, contributor: 'reader', moderator: 'contributor', admin: 'moderator' };

describe('accounts, roles and limits', () => {
  let t: TestApp;
  const logger = new CollectingLogger();
  const tokens: Record<string, string> = {};
  let agents: Record<Role, TestApp['http']>;
  let writeRoutes: { method: string; path: string }[];
  let revoked: string;

  beforeAll(async () => {
    t = await startTestApp({}, logger);
    agents = { admin: t.http } as Record<Role, TestApp['http']>;
    for (const role of ['reader', 'contributor', 'moderator'] as const) {
      const p = await t.principal(`${role}-1`, role);
      agents[role] = p.http;
      tokens[role] = p.token;
    }
    const doomed = await t.principal('leaver', 'contributor');
    const list = (await t.http.get(`/api/admin/principals/${doomed.id}/tokens`).expect(200)).body as { id: string }[];
    await t.http.post(`/api/admin/tokens/${list[0].id}/revocation`).expect(200);
    revoked = doomed.token;
    tokens.revoked = revoked;
    const doc = (await t.anonymous.get('/docs/json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    writeRoutes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), path })),
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  const send = (agent: TestApp['anonymous'] | TestApp['http'], route: { method: string; path: string }) =>
    (agent as TestApp['anonymous'])[route.method.toLowerCase() as 'post'](route.path.replace(/\{id\}/g, randomUUID())).send({});

  it('knows the role of every write route the API offers', () => {
    expect(writeRoutes.length).toBeGreaterThanOrEqual(17);
    expect(writeRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(Object.keys(REQUIRED).sort());
  });

  it('answers 401 on every write route with no token, a malformed token or a revoked token, and writes nothing', async () => {
    const head = await t.store.headPosition();
    for (const route of writeRoutes) {
      for (const [why, authorization] of [
        ['no token', undefined],
        ['malformed', 'Bearer not a token'],
        ['malformed (short)', 'Bearer abc'],
        ['not bearer', `Basic ${Buffer.from('a:b').toString('base64')}`],
        ['revoked', `Bearer ${revoked}`],
        ['unknown', `Bearer clt_${'x'.repeat(43)}`],
      ] as const) {
        const request = send(t.anonymous, route);
        if (authorization) request.set('Authorization', authorization);
        const res = await request;
        expect(res.status, `${route.method} ${route.path} with ${why}`).toBe(401);
        expect(res.headers['www-authenticate']).toContain('Bearer');
        expect(res.headers['content-type']).toMatch(/problem\+json/);
      }
    }
    expect(await t.store.headPosition()).toBe(head);
  });

  it('answers 403 at each role boundary', async () => {
    for (const route of writeRoutes) {
      const required = REQUIRED[`${route.method} ${route.path}`];
      const below = BELOW[required];
      if (!below) continue;
      const res = await send(agents[below], route);
      expect(res.status, `${route.method} ${route.path} as ${below}`).toBe(403);
      expect(res.body.detail).toContain(required);
    }
  });

  it('lets a contributor change only their own claims; a moderator may change anyone’s, recorded as a moderator action', async () => {
    const question = (await agents.contributor.post('/api/questions').send({ title: 'Who paid?' }).expect(201)).body.id;
    const claim = (await agents.contributor.post(`/api/questions/${question}/claims`).send({ text: 'The NKVD', kind: 'answer' }).expect(201)).body.id;
    const other = await t.principal('contributor-2', 'contributor');
    const refused = await other.http.patch(`/api/claims/${claim}`).send({ text: 'The Red Cross', reason: 'mine now' }).expect(403);
    expect(refused.body).toMatchObject({ status: 403, code: 'not-owner', type: '/problems/not-owner' });
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'claimId' })]);
    await other.http.post(`/api/claims/${claim}/retraction`).send({ reason: 'no' }).expect(403);
    await agents.contributor.patch(`/api/claims/${claim}`).send({ text: 'The NKVD, through the Red Cross', reason: 'precise' }).expect(200);

    await agents.moderator.post(`/api/claims/${claim}/retraction`).send({ reason: 'off topic' }).expect(200);
    const events = (await t.http.get(`/api/questions/${question}/events`).expect(200)).body as { type: string; data: Record<string, unknown>; metadata: { recordedBy: { name: string } } }[];
    const retraction = events.find((e) => e.type === 'ClaimRetracted')!;
    expect(retraction.metadata.recordedBy.name).toBe('moderator-1');
    expect(retraction.data.moderatorAction).toBe(true);
    expect(events.find((e) => e.type === 'ClaimRevised')!.data.moderatorAction).toBeUndefined();
    expect(events.find((e) => e.type === 'ClaimProposed')!.metadata.recordedBy.name).toBe('contributor-1');
  });

  it('never takes recordedBy from the body', async () => {
    const res = await agents.contributor.post('/api/questions').send({ title: 'x', recordedBy: { id: 'mallory', name: 'Mallory' } }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['recordedBy']);
  });

  it('manages principals and tokens through the admin API; a token is shown once and never listed', async () => {
    const added = (await t.http.post('/api/admin/principals').send({ name: 'Ángel Viñas', role: 'reader' }).expect(201)).body;
    expect(added).toMatchObject({ name: 'Ángel Viñas', role: 'reader' });
    await t.http.post('/api/admin/principals').send({ name: 'ángel viñas', role: 'reader' }).expect(422);
    await t.http.post('/api/admin/principals').send({ name: '', role: 'emperor' }).expect(400);
    const created = (await t.http.post(`/api/admin/principals/${added.id}/tokens`).expect(201)).body;
    expect(created.token).toMatch(/^clt_[A-Za-z0-9_-]{43}$/);
    tokens.created = created.token;
    const listed = await t.http.get(`/api/admin/principals/${added.id}/tokens`).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.token);
    expect(listed.body).toEqual([{ id: created.tokenId, principalId: added.id, createdAt: expect.any(String), revokedAt: null }]);
    await t.http.patch(`/api/admin/principals/${added.id}`).send({ role: 'contributor' }).expect(200);
    await t.anonymous.post('/api/questions').set('Authorization', `Bearer ${created.token}`).send({ title: 'Promoted' }).expect(201);
  });

  it('keeps reads public by default', async () => {
    await t.anonymous.get('/api/questions').expect(200);
    await t.anonymous.get('/health').expect(200);
  });

  it('logs failed authentication without the token, and never returns a token after its creation', async () => {
    const everything = logger.lines.join('\n');
    expect(everything).toMatch(/authentication failed \(revoked token\)/);
    for (const token of [TEST_ADMIN_TOKEN, ...Object.values(tokens)]) expect(everything).not.toContain(token);
    const principals = await t.http.get('/api/admin/principals').expect(200);
    for (const token of [TEST_ADMIN_TOKEN, ...Object.values(tokens)]) expect(JSON.stringify(principals.body)).not.toContain(token);
  });
});

describe('limits and private reads', () => {
  it('answers 429 with Retry-After past the write limit', async () => {
    const t = await startTestApp({ LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '5' });
    try {
      for (let i = 0; i < 5; i++) await t.http.post('/api/questions').send({ title: `q${i}` }).expect(201);
      const head = await t.store.headPosition();
      const limited = await t.http.post('/api/questions').send({ title: 'one too many' }).expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(limited.headers['content-type']).toMatch(/problem\+json/);
      expect(await t.store.headPosition()).toBe(head);
      await t.http.get('/api/questions').expect(200);
    } finally {
      await t.close();
    }
  });

  it('needs a token for reads when LEDGER_PUBLIC_READ=false, and sends helmet headers', async () => {
    const t = await startTestApp({ LEDGER_PUBLIC_READ: 'false' });
    try {
      const refused = await t.anonymous.get('/api/questions').expect(401);
      expect(refused.headers['x-content-type-options']).toBe('nosniff');
      const reader = await t.principal('reader-only', 'reader');
      await reader.http.get('/api/questions').expect(200);
      await reader.http.post('/api/questions').send({ title: 'x' }).expect(403);
      await t.anonymous.get('/health').expect(200);
    } finally {
      await t.close();
    }
  });
});
