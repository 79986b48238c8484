import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The app's own middlewares run in one order (create-app.ts): writes counted, security headers,
 * CORS when configured, 405 for a method a path does not serve, the web page, the body read as JSON.
 * Chained as two layers of Express's router, each answer must still come from the right one, with
 * what the ones before it added.
 */
describe('the middlewares before the routes, in their order', () => {
  const ORIGIN = 'https://front.example.org';
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LEDGER_CORS_ORIGINS: ORIGIN });
  });
  afterAll(async () => {
    await t.close();
  });

  it('a 405 comes after the security headers and CORS, before the body is read', async () => {
    const answer = await t.http.delete('/api/questions').set('Origin', ORIGIN).set('Content-Type', 'text/plain').send('not json').expect(405);
    expect(answer.headers.allow).toBe('GET, HEAD, POST');
    expect(answer.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.body).toMatchObject({ status: 405, errors: [{ field: 'method' }] });
  });

  it('a body that is not JSON is a 415 with the same headers, before any route', async () => {
    const answer = await t.http.post('/api/questions').set('Origin', ORIGIN).set('Content-Type', 'text/plain').send('hello').expect(415);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(answer.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(answer.body).toMatchObject({ status: 415, errors: [{ field: 'Content-Type' }] });
  });

  it('a body over the limit is a 413, and malformed JSON a 400 naming the body', async () => {
    const big = await t.http.post('/api/questions').set('Content-Type', 'application/json').send(`{"title":"${'x'.repeat(t.config.bodyLimitBytes)}"}`).expect(413);
    expect(big.body).toMatchObject({ status: 413, errors: [{ field: 'body', message: 'too large' }] });
    const bad = await t.http.post('/api/questions').set('Content-Type', 'application/json').send('{"title": ').expect(400);
    expect(bad.body).toMatchObject({ status: 400, errors: [{ field: 'body' }] });
  });

  it('a CORS preflight is answered by CORS, for an origin it allows only', async () => {
    const allowed = await t.anonymous.options('/api/questions').set('Origin', ORIGIN).set('Access-Control-Request-Method', 'POST').expect(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(allowed.headers['access-control-allow-headers']).toContain('Idempotency-Key');
    const other = await t.anonymous.options('/api/questions').set('Origin', 'https://elsewhere.example').set('Access-Control-Request-Method', 'POST');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a write that passes them all reaches its route, with the headers of each', async () => {
    const answer = await t.http.post('/api/questions').set('Origin', ORIGIN).send({ title: 'Who paid the allowance?', body: 'A question.', tags: [] }).expect(201);
    expect(answer.headers.etag).toBe('"0"');
    expect(answer.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(answer.headers['access-control-expose-headers']).toContain('ETag');
    expect(answer.headers['x-powered-by']).toBeUndefined();
  });
});
