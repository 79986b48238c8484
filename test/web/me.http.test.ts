import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app';

/** GET /api/me: the page's sign-in asks it who a pasted token belongs to, and what role it has. */
describe('GET /api/me', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names the principal of the token and its role, for every role', async () => {
    expect((await t.http.get('/api/me').expect(200)).body).toEqual({ id: t.admin.id, name: t.admin.name, role: 'admin' });
    for (const role of ['reader', 'contributor', 'moderator'] as const) {
      const p = await t.principal(`me-${role}`, role);
      const answer = await p.http.get('/api/me').expect(200);
      expect(answer.body).toEqual({ id: p.id, name: `me-${role}`, role });
    }
  });

  it('answers 401 with problem details naming Authorization without a token, or with a bad or revoked one', async () => {
    const anonymous = await t.anonymous.get('/api/me').expect(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.body.errors).toEqual([{ field: 'Authorization', message: 'no bearer token' }]);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    await t.anonymous.get('/api/me').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}x`).expect(401);
    const p = await t.principal('me-revoked', 'contributor');
    const tokens = (await t.http.get(`/api/admin/principals/${p.id}/tokens`).expect(200)).body as { id: string }[];
    await t.http.post(`/api/admin/tokens/${tokens[0]!.id}/revocation`).send({}).expect(200);
    const revoked = await p.http.get('/api/me').expect(401);
    expect(revoked.body.detail).toContain('revoked');
  });

  it('is in the API documentation, with its answer’s schema', async () => {
    const doc = (await t.anonymous.get('/docs/json').expect(200)).body as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const operation = doc.paths['/api/me']?.get;
    expect(operation).toBeDefined();
    expect(Object.keys(operation!.responses).sort()).toEqual(['200', '401']);
  });
});
