import type { INestApplication } from '@nestjs/common';
import express from 'express';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useWebApp, WEB_NOT_BUILT } from '../../src/http/web-app';
import { startTestApp, type TestApp } from '../support/test-app';
import { ensureWebBuild, WEB_DIST } from './support/web-build';

const QUESTION = '/questions/d5b41a50-95f8-8c78-ab75-d6c351d57535?claim=35da80e9-cd40-8e21-9611-35c8a02972ce&asOf=2021-02-11&axis=occurred';

describe('the web page, served by the ledger (src/http/web-app.ts)', () => {
  let t: TestApp;
  let asset: string;

  beforeAll(async () => {
    await ensureWebBuild();
    // The entry chunk (other chunks, loaded later, are not named in the page).
    asset = readdirSync(join(WEB_DIST, 'assets')).find((name) => /^index-.*\.js$/.test(name))!;
    t = await startTestApp();
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('serves the page at / with a content security policy that allows only its own scripts', async () => {
    const page = await t.anonymous.get('/').set('Accept', 'text/html').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<div id="root">');
    expect(page.headers['cache-control']).toBe('no-cache');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(csp).toContain("connect-src 'self'");
    // The page names its bundle, which is served with it.
    expect(page.text).toContain(`/assets/${asset}`);
  });

  it('answers the page’s own URLs with the page (the browser reads the rest of the URL)', async () => {
    const page = await t.anonymous.get(QUESTION).set('Accept', 'text/html,application/xhtml+xml').expect(200);
    expect(page.text).toContain('<div id="root">');
  });

  it('serves hashed assets for a year, and a missing asset is a 404, not the page', async () => {
    const js = await t.anonymous.get(`/assets/${asset}`).expect(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await t.anonymous.get('/assets/index-00000000.js').set('Accept', 'text/html').expect(404);
    expect(missing.text).not.toContain('<div id="root">');
  });

  it('leaves /api, /docs and /health to the server, and a request that does not want HTML to the API’s 404', async () => {
    const api = await t.anonymous.get('/api/nothing-here').set('Accept', 'text/html').expect(404);
    expect(api.text).not.toContain('<div id="root">');
    expect((await t.anonymous.get('/health').set('Accept', 'text/html')).text).not.toContain('<div id="root">');
    expect((await t.anonymous.get('/docs/').expect(200)).text).toContain('swagger');
    const json = await t.anonymous.get('/questions/x').set('Accept', 'application/json').expect(404);
    expect(json.headers['content-type']).toMatch(/problem\+json/);
  });

  it('does not answer 405 for writes to page URLs (they are simply not there)', async () => {
    await t.anonymous.post('/').send({}).expect(404);
    await t.anonymous.post('/questions/d5b41a50-95f8-8c78-ab75-d6c351d57535').send({}).expect(404);
  });

  it('answers 503 with the one step that fixes it when the page has not been built', async () => {
    const server = express();
    useWebApp({ use: (handler: express.RequestHandler) => server.use(handler) } as unknown as INestApplication, { dir: mkdtempSync(join(tmpdir(), 'no-web-')) });
    server.use((_req, res) => res.status(404).send('api'));
    const answer = await request(server).get('/').set('Accept', 'text/html').expect(503);
    expect(answer.text).toBe(WEB_NOT_BUILT);
    expect(answer.text).toMatch(/npm run build/);
    await request(server).get('/api/questions').set('Accept', 'text/html').expect(404, 'api');
  });
});
