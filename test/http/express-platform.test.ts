import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import { execFileSync } from 'node:child_process';
import { IncomingMessage, ServerResponse, type Server } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { LedgerExpressAdapter } from '../../src/http/express-platform';

const REPO = join(__dirname, '..', '..');

/** An Express app on the adapter's own server, keeping the request and response it saw. */
function serve(adapter: ExpressAdapter) {
  const app = adapter.getInstance<express.Express>();
  const seen: { req?: express.Request; res?: express.Response } = {};
  app.get('/where/:id', (req, res) => {
    seen.req = req;
    seen.res = res;
    res.status(201).json({ id: req.params.id, path: req.path, host: req.get('host'), query: req.query });
  });
  adapter.initHttpServer({});
  return { app, seen, server: adapter.getHttpServer() as Server };
}

/**
 * A child process with V8's natives: whether two requests, after Express, Nest-like stores and the
 * app's own (`req.params`, `req.body`, `req.principal`, `res.statusCode`), share their hidden class.
 */
function sameShapes(adapterClass: 'LedgerExpressAdapter' | 'ExpressAdapter'): { req: boolean; res: boolean } {
  const script = `
    const { ${adapterClass} } = require(${JSON.stringify(adapterClass === 'ExpressAdapter' ? '@nestjs/platform-express' : join(REPO, 'src/http/express-platform.ts'))});
    const adapter = new ${adapterClass}();
    const app = adapter.getInstance();
    const seen = [];
    app.post('/q/:id', (req, res) => { req.body = { n: seen.length }; req.principal = { id: 'p' }; seen.push([req, res]); res.status(201).json({ ok: true }); });
    adapter.initHttpServer({});
    const server = adapter.getHttpServer();
    server.listen(0, '127.0.0.1', async () => {
      const url = 'http://127.0.0.1:' + server.address().port;
      for (let i = 0; i < 4; i++) await (await fetch(url + '/q/' + i, { method: 'POST' })).text();
      const [[a, ra], [b, rb]] = seen.slice(-2);
      process.stdout.write(JSON.stringify({ req: %HaveSameMap(a, b), res: %HaveSameMap(ra, rb) }));
      server.close();
    });`;
  const out = execFileSync(process.execPath, ['--allow-natives-syntax', '-r', join(REPO, 'test/support/ts-register.cjs'), '-e', script], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out) as { req: boolean; res: boolean };
}

describe('LedgerExpressAdapter', () => {
  it("makes requests and responses that already have the app's prototypes, with what Express gives them", async () => {
    const { app, seen, server } = serve(new LedgerExpressAdapter());
    const answer = await request(server).get('/where/abc?x=1').set('Host', 'ledger.test').expect(201);
    expect(answer.body).toEqual({ id: 'abc', path: '/where/abc', host: 'ledger.test', query: { x: '1' } });
    const { req, res } = seen as Required<typeof seen>;
    // Express's own chain: app.request, then Express's request, then Node's.
    expect(Object.getPrototypeOf(req)).toBe(app.request);
    expect(Object.getPrototypeOf(app.request)).toBe(express.request);
    expect(Object.getPrototypeOf(res)).toBe(app.response);
    expect(Object.getPrototypeOf(app.response)).toBe(express.response);
    expect(req).toBeInstanceOf(IncomingMessage);
    expect(res).toBeInstanceOf(ServerResponse);
    expect(req.app).toBe(app);
    expect(res.app).toBe(app);
    expect(req.res).toBe(res);
    expect(res.req).toBe(req);
  });

  it('answers as Nest’s own Express adapter does', async () => {
    const ours = await request(serve(new LedgerExpressAdapter()).server).get('/where/7?y=2').set('Host', 'ledger.test');
    const nests = await request(serve(new ExpressAdapter(express())).server).get('/where/7?y=2').set('Host', 'ledger.test');
    expect(ours.status).toBe(nests.status);
    expect(ours.body).toEqual(nests.body);
    // X-Powered-By aside: the app's security headers remove it from every answer, so it is not set at all.
    const headers = (answer: request.Response) => Object.keys(answer.headers).filter((name) => name !== 'date' && name !== 'x-powered-by').sort();
    expect(headers(ours)).toEqual(headers(nests));
    expect(nests.headers['x-powered-by']).toBe('Express');
    expect(ours.headers['x-powered-by']).toBeUndefined();
  });

  it('lets requests share their hidden class in V8 (the point of it)', () => {
    const ours = sameShapes('LedgerExpressAdapter');
    // Nest's adapter, for the record: the shapes it leaves are what the profile showed (not asserted:
    // a later V8 may share them too).
    console.info(`hidden classes shared between requests: LedgerExpressAdapter ${JSON.stringify(ours)}, Nest's ExpressAdapter ${JSON.stringify(sameShapes('ExpressAdapter'))}`);
    expect(ours).toEqual({ req: true, res: true });
  });
});
