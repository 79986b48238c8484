import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app';

/**
 * Malformed requests over every route of the OpenAPI document (issue 15): bounded and seeded. A short
 * run in `npm test`; a long one with LEDGER_FUZZ_RUNS (e.g. LEDGER_FUZZ_RUNS=100000), and another seed
 * with LEDGER_FUZZ_SEED. Every answer must be below 500, and a refused request (4xx) must append no
 * event: the store's head is compared before and after each request, sent one at a time.
 */
const RUNS = Number(process.env.LEDGER_FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.LEDGER_FUZZ_SEED ?? 20_260_415);
/** encodeURIComponent, which throws on a lone surrogate (sent as U+FFFD instead). */
const encode = (text: string) => encodeURIComponent((text as string & { toWellFormed(): string }).toWellFormed());
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  body?: Schema;
}
interface Schema {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  format?: string;
  allOf?: Schema[];
}

describe('fuzz: malformed requests over the OpenAPI routes', () => {
  let t: TestApp;
  let base: string;
  let operations: Operation[];
  let components: Record<string, Schema>;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '10000000' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const doc = (await t.http.get('/docs/json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    components = doc.components.schemas;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        // Server-sent event streams stay open; they are not request/response routes.
        .filter(() => !/\/(replay|stream)$/.test(path))
        .map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
          queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
          body: op.requestBody?.content['application/json']?.schema,
        })),
    );
    // Some things that exist, so that requests reach the deciders and the read models, not only the 404s.
    const q = (await t.http.post('/api/questions').send({ title: 'Who paid the allowance?' }).expect(201)).body.id;
    const c = (await t.http.post(`/api/questions/${q}/claims`).send({ text: 'The NKVD', kind: 'answer' }).expect(201)).body.id;
    const s = (await t.http.post('/api/sources').send({ kind: 'report', title: 'A report', authors: ['CIA'] }).expect(201)).body.id;
    const e = (await t.http.post(`/api/claims/${c}/evidence`).send({ sourceId: s, stance: 'supports' }).expect(201)).body.id;
    const p = (await t.http.post('/api/admin/principals').send({ name: 'fuzzed', role: 'contributor' }).expect(201)).body.id;
    ids.push(q, c, s, e, p);
  });
  afterAll(() => t?.close());

  const garbage = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom('', ' ', '\u200B', 'null', 'undefined', '0', '-1', '1e309', 'NaN', '__proto__', 'constructor', 'toString', '[object Object]', 'x'.repeat(5_000)),
    fc.constantFrom('2021-02-30', '2021-W07', '2021-041', '20210210T031300Z', '2021-02-10T03:13:00,5Z', '2021-02-12 03:13', '-0430', '-000430-01-01', '+002021-01-01', '1947-02', '1947', '0000-00-00', '9999-12-31T23:59:60Z', '2021-02-10T25:00Z'),
    fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
  );
  const jsonish = fc.oneof(garbage, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }));
  const evilKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'recordedBy', 'id', '');

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(components[schema.$ref.split('/').pop()!]);
    if (schema.allOf) return schema.allOf.map(resolve).reduce((a, b) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties } }), {});
    return schema;
  };

  /** A value for a schema: often valid-looking, sometimes anything. */
  const valueFor = (schema: Schema, depth: number): fc.Arbitrary<unknown> => {
    const s = resolve(schema);
    const good: fc.Arbitrary<unknown>[] = [];
    if (s.enum) good.push(fc.constantFrom(...s.enum));
    if (s.example !== undefined) good.push(fc.constant(s.example));
    if (s.format === 'uuid') good.push(fc.constantFrom(...ids), fc.uuid(), fc.constantFrom(...ids).map((id) => id.toUpperCase()));
    if (s.properties && depth < 3) good.push(objectFor(s, depth + 1));
    if (s.type === 'array' && s.items && depth < 3) good.push(fc.array(valueFor(s.items, depth + 1), { maxLength: 4 }));
    if (s.type === 'string') good.push(fc.string({ maxLength: 20 }));
    if (s.type === 'number' || s.type === 'integer') good.push(fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double({ min: -1, max: 2 })));
    return good.length === 0 ? jsonish : fc.oneof({ arbitrary: fc.oneof(...good), weight: 4 }, { arbitrary: jsonish, weight: 1 });
  };

  const objectFor = (schema: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> => {
    const s = resolve(schema);
    const entries = Object.entries(s.properties ?? {}).map(([name, property]) =>
      fc.option(valueFor(property, depth).map((value) => [name, value] as const), { freq: (s.required ?? []).includes(name) ? 8 : 2 }),
    );
    return fc.tuple(fc.tuple(...entries), fc.array(fc.tuple(evilKey, jsonish), { maxLength: 2 })).map(([known, extra]) => {
      const body: Record<string, unknown> = {};
      for (const entry of known) if (entry) body[entry[0]] = entry[1];
      // Evil keys go in as own properties, as JSON.parse would make them.
      for (const [key, value] of extra) Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
      return body;
    });
  };

  const deep = fc.tuple(fc.integer({ min: 30, max: 5_000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) => `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`);
  type Body = { text: Uint8Array | string; type?: string } | undefined;
  const bodyFor = (op: Operation): fc.Arbitrary<Body> => {
    const json = (value: fc.Arbitrary<unknown>) => value.map((v) => ({ text: JSON.stringify(v) ?? 'null', type: 'application/json' }));
    return fc.oneof(
      { arbitrary: json(op.body ? objectFor(op.body, 0) : fc.jsonValue({ maxDepth: 2 })), weight: 10 },
      { arbitrary: json(fc.jsonValue({ maxDepth: 4 })), weight: 2 },
      { arbitrary: fc.constant(undefined), weight: 1 },
      { arbitrary: deep.map((text) => ({ text, type: 'application/json' })), weight: 1 },
      { arbitrary: fc.uint8Array({ maxLength: 64 }).map((text) => ({ text, type: 'application/json' })), weight: 1 },
      {
        arbitrary: fc
          .tuple(fc.string({ maxLength: 30 }), fc.constantFrom('\\ud800', '\\udfff', '\\ud83d', '"', '\\', '\\u0000'))
          .map(([s, bad]) => ({ text: `{"title":"${s.replace(/["\\]/g, '')}${bad}","text":"x","reason":"y"}`, type: 'application/json' })),
        weight: 1,
      },
      {
        arbitrary: fc
          .tuple(json(op.body ? objectFor(op.body, 0) : fc.jsonValue()), fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/json; charset=latin1', 'application/vnd.x+json', 'multipart/form-data'))
          .map(([body, type]) => ({ ...body!, type })),
        weight: 1,
      },
    );
  };

  const pathValue = fc.oneof(
    { arbitrary: fc.constantFrom(...['q', 'c', 's', 'e', 'p'].map((_, i) => i)).map((i) => ids[i]), weight: 4 },
    { arbitrary: fc.constantFrom(...['q', 'c', 's', 'e', 'p'].map((_, i) => i)).map((i) => ids[i].toUpperCase()), weight: 1 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: garbage.map(encode), weight: 2 },
    { arbitrary: fc.constantFrom('%ZZ', '%E9', '%00', '..', '%2F', '%F0%9F%98%80', '%ED%A0%80'), weight: 1 },
  );

  /** One request to one operation of the document; built once per operation. */
  const requestFor = (op: Operation) => {
    const params = Object.fromEntries(op.pathParams.map((name) => [name, pathValue] as const));
    const queryNames = [...op.queryParams, 'minPosition', 'asOf', 'axis', 'atPosition', 'tag', 'treeSize', '__proto__'];
    return fc.record({
      op: fc.constant(op),
      method: fc.oneof({ arbitrary: fc.constant(op.method), weight: 6 }, { arbitrary: fc.constantFrom(...METHODS), weight: 1 }),
      params: fc.record(params),
      query: fc.array(fc.tuple(fc.constantFrom(...queryNames), fc.oneof(garbage, fc.bigInt({ min: 0n, max: 1_000n }).map(String))), { maxLength: 3 }),
      body: bodyFor(op),
      auth: fc.constantFrom('admin', 'admin', 'admin', 'admin', 'none', 'garbage'),
      ifMatch: fc.option(fc.oneof(fc.constantFrom('0', '1', '"1"', '*', '-1', '99999999999999999999999'), fc.stringMatching(/^[ -~]{0,12}$/)), { freq: 4 }),
      idempotencyKey: fc.option(fc.stringMatching(/^[ -~]{0,300}$/), { freq: 6 }),
    });
  };

  it(`answers ${RUNS} malformed requests below 500, and no refused one appends an event`, { timeout: Math.max(120_000, RUNS * 20) }, async () => {
    const failures: string[] = [];
    let sent = 0;
    const stats: Record<string, [number, number]> = {};
    await fc.assert(
      fc.asyncProperty(fc.oneof(...operations.map(requestFor)), async (r) => {
        const path = r.op.path.replace(/\{(\w+)\}/g, (_, name: string) => r.params[name] as string);
        const query = r.query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
        const headers: Record<string, string> = {};
        if (r.auth === 'admin') headers.authorization = `Bearer ${TEST_ADMIN_TOKEN}`;
        if (r.auth === 'garbage') headers.authorization = 'Bearer clt_0000';
        if (r.ifMatch !== null) headers['if-match'] = r.ifMatch;
        if (r.idempotencyKey !== null) headers['idempotency-key'] = r.idempotencyKey;
        const withBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
        if (withBody && r.body!.type) headers['content-type'] = r.body!.type;
        const t0 = performance.now();
        const before = await t.store.headPosition();
        const res = await fetch(`${base}${path}${query ? `?${query}` : ''}`, { method: r.method, headers, body: withBody ? r.body!.text : undefined });
        const text = await res.text();
        const after = await t.store.headPosition();
        sent++;
        if (process.env.LEDGER_FUZZ_STATS) (stats[`${r.op.method} ${r.op.path} ${res.status}`] ??= [0, 0]).splice(0, 2, (stats[`${r.op.method} ${r.op.path} ${res.status}`]?.[0] ?? 0) + 1, (stats[`${r.op.method} ${r.op.path} ${res.status}`]?.[1] ?? 0) + performance.now() - t0);
        const what = () => `${r.method} ${path}${query ? `?${query}` : ''} ${withBody ? String(r.body!.text).slice(0, 200) : ''} → ${res.status} ${text.slice(0, 300)}`;
        if (res.status >= 500) failures.push(what());
        else if (res.status >= 400 && after !== before) failures.push(`appended (${before} → ${after}) though refused: ${what()}`);
        return true;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    if (process.env.LEDGER_FUZZ_STATS) console.log(Object.entries(stats).sort((a, b) => b[1][1] - a[1][1]).slice(0, 25).map(([k, [n, ms]]) => `${k}: ${n} requests, ${ms.toFixed(0)} ms`).join('\n'));
    expect(sent).toBe(RUNS);
    expect(failures.slice(0, 20), `${failures.length} failures`).toEqual([]);
  });
});
