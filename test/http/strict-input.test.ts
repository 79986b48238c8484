import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/http/body-parsing';
import { SERVER_TIMEOUTS } from '../../src/http/server-timeouts';
import { startTestApp, type TestApp } from '../support/test-app';

/** Strict input (issue 15): each refusal is RFC 9457 problem details naming the field, and writes nothing. */
describe('strict input', () => {
  let t: TestApp;
  let questionId: string;
  let claimId: string;
  beforeAll(async () => {
    t = await startTestApp();
    questionId = (await t.http.post('/api/questions').send({ title: 'Who paid the allowance?' }).expect(201)).body.id;
    claimId = (await t.http.post(`/api/questions/${questionId}/claims`).send({ text: 'The NKVD', kind: 'answer' }).expect(201)).body.id;
  });
  afterAll(() => t?.close());

  async function refused(send: () => import('supertest').Test, status: number, fields: string[]): Promise<Record<string, unknown>> {
    const before = await t.store.headPosition();
    const res = await send();
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.text) as { status: number; type: string; title: string; detail: string; errors: { field: string }[] };
    expect(body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    for (const field of fields) expect(body.errors.map((e) => e.field)).toContain(field);
    expect(await t.store.headPosition()).toBe(before);
    return body;
  }
  const rawPost = (path: string, text: string | Buffer, type = 'application/json') => t.http.post(path).set('Content-Type', type).serialize((body: unknown) => body as string).send(text as string);

  it('refuses nesting deeper than the limit with 400, before any recursive code runs', async () => {
    for (const depth of [MAX_JSON_DEPTH + 1, 2_000, 40_000]) {
      const deep = `{"title":"x","provenance":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const body = await refused(() => rawPost('/api/questions', deep), 400, ['body']);
      expect(body.type).toContain('too-deep');
      const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      await refused(() => rawPost('/api/questions', objects), 400, ['body']);
    }
    // Brackets inside strings do not count.
    await t.http.post('/api/questions').send({ title: `[[[[{{{{${'['.repeat(100)}` }).expect(201);
  });

  it('refuses invalid UTF-8 and lone surrogates with 400', async () => {
    const invalid = Buffer.concat([Buffer.from('{"title":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    expect((await refused(() => rawPost('/api/questions', invalid), 400, ['body'])).type).toContain('invalid-utf8');
    const overlong = Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]);
    await refused(() => rawPost('/api/questions', overlong), 400, ['body']);
    const surrogate = Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]);
    await refused(() => rawPost('/api/questions', surrogate), 400, ['body']);
    await refused(() => rawPost('/api/questions', '{"title":"lone \\ud800 high"}'), 400, ['title']);
    await refused(() => rawPost('/api/questions', '{"title":"x","tags":["ok","\\udc00"]}'), 400, ['tags[1]']);
    await refused(() => rawPost(`/api/questions/${questionId}/claims`, '{"text":"x","kind":"answer","provenance":{"attributedTo":{"name":"\\udfff\\ud800"}}}'), 400, ['provenance.attributedTo.name']);
    // A well-formed pair is text.
    await rawPost('/api/questions', '{"title":"an emoji \\ud83d\\ude00"}').expect(201);
  });

  it('refuses every unknown key by name, whatever it is called', async () => {
    for (const key of ['toString', 'valueOf', 'hasOwnProperty', 'prototype', '__proto__', 'constructor', 'isPrototypeOf', '__defineGetter__', 'recordedBy']) {
      const text = `{"title":"x",${JSON.stringify(key)}:{"a":1}}`;
      const body = await refused(() => rawPost('/api/questions', text), 400, [key]);
      expect(body.detail).toContain(key);
      await refused(() => rawPost(`/api/questions/${questionId}/claims`, `{"text":"x","kind":"answer","provenance":{${JSON.stringify(key)}:1}}`), 400, [`provenance.${key}`]);
      await refused(() => rawPost(`/api/questions/${questionId}/claims`, `{"text":"x","kind":"answer","respondsTo":{"claimId":"${claimId}","relation":"supports",${JSON.stringify(key)}:1}}`), 400, [`respondsTo.${key}`]);
    }
    // Unknown keys and invalid fields are named together.
    await refused(() => rawPost('/api/questions', '{"title":"","__proto__":{}}'), 400, ['title', '__proto__']);
  });

  it('refuses blank or invisible-only text with 400', async () => {
    const blanks = [' ', '   ', '\t\n', '\u200B', '\u200C\u200D', '\u2060', '\uFEFF', ' \u200B \u00A0', '\u3000', '\u00AD', '\u2800'];
    for (const blank of blanks) {
      await refused(() => t.http.post('/api/questions').send({ title: blank }), 400, ['title']);
      await refused(() => t.http.post(`/api/questions/${questionId}/claims`).send({ text: blank, kind: 'answer' }), 400, ['text']);
      await refused(() => t.http.post(`/api/claims/${claimId}/retraction`).send({ reason: blank }), 400, ['reason']);
      await refused(() => t.http.post(`/api/questions/${questionId}/claims`).send({ text: 'x', kind: 'answer', provenance: { attributedTo: { name: blank } } }), 400, ['provenance.attributedTo.name']);
      await refused(() => t.http.post('/api/questions').send({ title: 'x', tags: ['ok', blank] }), 400, ['tags']);
    }
    await t.http.post('/api/questions').send({ title: ' \u200B visible ' }).expect(201);
  });

  it('answers 415 for a body that is not JSON', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x']) {
      const body = await refused(() => rawPost('/api/questions', '{"title":"x"}', type), 415, ['Content-Type']);
      expect(body.type).toContain('unsupported-media-type');
    }
    await refused(() => rawPost('/api/questions', '{"title":"x"}', 'application/json; charset=latin1'), 415, ['Content-Type']);
    await rawPost('/api/questions', '{"title":"x"}', 'application/json; charset=utf-8').expect(201);
    await rawPost('/api/questions', '{"title":"x"}', 'application/merge-patch+json').expect(201);
  });

  it('answers 405 with Allow for a wrong method on a path that exists', async () => {
    const res = await t.http.put('/api/questions').send({ title: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('GET, HEAD, POST');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('method');
    const del = await t.http.delete(`/api/claims/${claimId}`);
    expect(del.status).toBe(405);
    expect(del.headers['allow']).toContain('PATCH');
    await t.http.put('/api/no-such-thing').expect(404);
  });

  it('reads UUIDs in paths in any case', async () => {
    const res = await t.http.get(`/api/questions/${questionId.toUpperCase()}`).expect(200);
    expect(res.body.id).toBe(questionId);
    await t.http.get(`/api/claims/${claimId.toUpperCase()}`).expect(200);
  });

  it('reads UUIDs inside bodies in any case and records them in lower case', async () => {
    const rebuttal = (await t.http.post(`/api/questions/${questionId}/claims`).send({ text: 'The Comintern', kind: 'answer', respondsTo: { claimId: claimId.toUpperCase(), relation: 'rebuts' } }).expect(201)).body.id;
    const other = (await t.http.post(`/api/questions/${questionId}/claims`).send({ text: 'Nobody did', kind: 'answer' }).expect(201)).body.id;
    await t.http.post('/api/claims/relations').send({ fromClaimId: other.toUpperCase(), toClaimId: rebuttal.toUpperCase(), relation: 'competes' }).expect(201);
    const sub = await t.http.post('/api/questions').send({ title: 'Who paid in 1937?', parentQuestionId: questionId.toUpperCase() }).expect(201);
    const events = (await t.http.get(`/api/questions/${questionId}/events`).expect(200)).body as { type: string; data: Record<string, unknown> }[];
    const recorded = JSON.stringify(events.filter((e) => e.type === 'ClaimProposed' || e.type === 'ClaimsRelated'));
    expect(recorded).toContain(claimId);
    expect(recorded).toContain(rebuttal);
    expect(recorded).not.toMatch(/[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}/);
    const relations = (await t.http.get(`/api/questions/${questionId}`).expect(200)).body.relations as { fromClaimId: string; toClaimId: string; relation: string }[];
    expect(relations).toEqual(expect.arrayContaining([
      expect.objectContaining({ fromClaimId: rebuttal, toClaimId: claimId, relation: 'rebuts' }),
      expect.objectContaining({ fromClaimId: other, toClaimId: rebuttal, relation: 'competes' }),
    ]));
    expect((await t.http.get(`/api/questions/${sub.body.id}`).expect(200)).body.parentQuestionId).toBe(questionId);
    // A value that is not a UUID is still refused by name, as sent.
    await refused(() => t.http.post('/api/claims/relations').send({ fromClaimId: 'NOT-A-UUID', toClaimId: claimId, relation: 'supports' }), 400, ['fromClaimId']);
  });

  it('refuses ?minPosition= beyond the head at once with 400', async () => {
    const head = (await t.store.headPosition())!;
    // A 400 at all shows it did not wait: the old path waited 5 s for the position, then answered 503.
    const body = await refused(() => t.http.get(`/api/questions?minPosition=${head + 1n}`), 400, ['minPosition']);
    expect(body.detail).toContain('head');
    await refused(() => t.http.get(`/api/questions/${questionId}?minPosition=99999999999999999999`), 400, ['minPosition']);
    await t.http.get(`/api/questions?minPosition=${head}`).expect(200);
    await refused(() => t.http.get('/api/questions?minPosition=1&minPosition=2'), 400, ['minPosition']);
  });
});

describe('the HTTP server and /health', () => {
  it('sets header, request, keep-alive and socket timeouts', async () => {
    const t = await startTestApp();
    try {
      const server = t.app.getHttpServer() as import('node:http').Server;
      expect(server.headersTimeout).toBe(SERVER_TIMEOUTS.headersTimeoutMs);
      expect(server.requestTimeout).toBe(SERVER_TIMEOUTS.requestTimeoutMs);
      expect(server.keepAliveTimeout).toBe(SERVER_TIMEOUTS.keepAliveTimeoutMs);
      expect(server.timeout).toBe(SERVER_TIMEOUTS.socketTimeoutMs);
      expect(server.headersTimeout).toBeLessThanOrEqual(server.requestTimeout);
    } finally {
      await t.close();
    }
  });

  it('shows only the status to anonymous callers when reads are private', async () => {
    const t = await startTestApp({ LEDGER_PUBLIC_READ: 'false' });
    try {
      expect((await t.anonymous.get('/health').expect(200)).body).toEqual({ status: 'ok' });
      expect((await t.anonymous.get('/health').set('Authorization', 'Bearer clt_not-a-real-token-0123456789abcdefghijkl').expect(200)).body).toEqual({ status: 'ok' });
      expect((await t.http.get('/health').expect(200)).body).toMatchObject({ status: 'ok', store: 'sqlite', info: { projections: { position: expect.any(String) } } });
      const ping = t.store.ping.bind(t.store);
      t.store.ping = async () => {
        throw new Error('connection refused');
      };
      const down = await t.anonymous.get('/health').expect(503);
      expect(JSON.stringify(down.body)).not.toContain('connection refused');
      expect(JSON.stringify(down.body)).not.toContain('position');
      t.store.ping = ping;
    } finally {
      await t.close();
    }
    const open = await startTestApp();
    try {
      expect((await open.anonymous.get('/health').expect(200)).body).toMatchObject({ status: 'ok', store: 'sqlite' });
    } finally {
      await open.close();
    }
  });
});

describe('dates, read by the one strict parser', () => {
  let t: TestApp;
  let questionId: string;
  beforeAll(async () => {
    t = await startTestApp();
    questionId = (await t.http.post('/api/questions').send({ title: 'When was the list drawn up?' }).expect(201)).body.id;
  });
  afterAll(() => t?.close());

  const propose = (occurredAt: string) => t.http.post(`/api/questions/${questionId}/claims`).send({ text: 'In 1947', kind: 'answer', provenance: { occurredAt } });
  const fieldsOf = (body: { errors: { field: string; message: string }[] }) => body.errors.map((e) => e.field);

  it('refuses a time without a zone, an impossible date and a BC year in a body, naming the field and why', async () => {
    for (const [occurredAt, why] of [['2021-02-12 03:13', /zone/], ['2021-02-30T10:00:00Z', /calendar/], ['-0430', /before 1 AD/], ['-000430-01-01', /before 1 AD/]] as const) {
      const res = await propose(occurredAt).expect(400);
      expect(fieldsOf(res.body)).toEqual(['provenance.occurredAt']);
      expect(res.body.errors[0].message).toMatch(why);
    }
    await t.http.post('/api/sources').send({ kind: 'report', title: 'A report', authors: ['CIA'], issued: '1954-02-30' }).expect(400);
    await t.http.post('/api/sources').send({ kind: 'report', title: 'A report', authors: ['CIA'], issued: '1954-02' }).expect(201);
  });

  it('still takes partial dates and dates with a zone', async () => {
    for (const occurredAt of ['1947', '1947-02', '1947-02-10', '2021-02-12T03:13:00-08:00', '2021-02-12 03:13Z']) await propose(occurredAt).expect(201);
  });

  it('keeps a partial date at its precision in the event, and counts it on the occurred axis once all of it has passed', async () => {
    const q = (await t.http.post('/api/questions').send({ title: 'When was the February list drawn up?', provenance: { occurredAt: '1946' } }).expect(201)).body.id;
    const say = (text: string, occurredAt: string) => t.http.post(`/api/questions/${q}/claims`).send({ text, kind: 'answer', provenance: { occurredAt } }).expect(201);
    const month = (await say('Some time in February 1947', '1947-02')).body.id;
    const instant = (await say('On the evening of 10 February 1947', '1947-02-10T19:30:00+03:00')).body.id;
    const year = (await say('Some time in 1947', '1947')).body.id;

    const events = (await t.http.get(`/api/questions/${q}/events`).expect(200)).body as { type: string; data: { claimId?: string }; metadata: { occurredAt: string } }[];
    const occurredOf = (claimId: string) => events.find((e) => e.type === 'ClaimProposed' && e.data.claimId === claimId)!.metadata.occurredAt;
    expect(occurredOf(month)).toBe('1947-02');
    expect(occurredOf(year)).toBe('1947');
    expect(occurredOf(instant)).toBe('1947-02-10T16:30:00.000Z');

    const claimsAsOf = async (asOf: string) => {
      const body = (await t.http.get(`/api/questions/${q}/consensus?axis=occurred&asOf=${encodeURIComponent(asOf)}`).expect(200)).body as { claims: { id: string }[] };
      return body.claims.map((c) => c.id).sort();
    };
    expect(await claimsAsOf('1947-02-10')).toEqual([instant]);
    expect(await claimsAsOf('1947-02')).toEqual([month, instant].sort());
    expect(await claimsAsOf('1947-12-31T23:59:59Z')).toEqual([month, instant].sort());
    expect(await claimsAsOf('1947')).toEqual([month, instant, year].sort());
  });

  it('refuses an impossible or zoneless asOf, and reads a year or a month as its end', async () => {
    const consensus = (asOf: string) => t.http.get(`/api/questions/${questionId}/consensus?asOf=${encodeURIComponent(asOf)}`);
    for (const asOf of ['2021-02-30', '2021-02-12T03:13', '2021-02-12 03:13', '-0430', '2021-W07']) {
      const res = await consensus(asOf).expect(400);
      expect(fieldsOf(res.body)).toEqual(['asOf']);
    }
    for (const asOf of ['9999', '9999-12', '9999-12-31', '9999-12-31T03:13:00Z']) await consensus(asOf).expect(200);
  });
});
