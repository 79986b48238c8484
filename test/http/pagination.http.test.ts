import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor, positionCursor } from '../../src/http/pagination';
import { startEventStoreDbTestServer } from '../support/eventstoredb-test-server';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Cursor pagination over real HTTP (src/http/pagination.ts): every list answers a page at a time, with
 * `Link: <…>; rel="next"` until its last page; pages cover every item exactly once, also when items are
 * appended between two pages; every bad paging parameter is a 400 naming it.
 */

/** The target of `Link: <target>; rel="next"`, or undefined when there is none. */
function nextOf(link: string | undefined): string | undefined {
  if (link === undefined) return undefined;
  const match = /^<([^>]+)>;\s*rel="next"$/.exec(link);
  if (!match) throw new Error(`not a next link: ${link}`);
  return match[1];
}

describe('pages over HTTP', () => {
  let t: TestApp;
  let question: string;
  const claims: string[] = [];

  /** Follows the next links from `first`, running `between` after each page; the pages' bodies. */
  async function pages<T>(first: string, between: (page: number) => Promise<void> = async () => undefined): Promise<{ pages: T[]; links: (string | undefined)[] }> {
    const bodies: T[] = [];
    const links: (string | undefined)[] = [];
    let path: string | undefined = first;
    while (path !== undefined) {
      const res = await t.http.get(path).expect(200);
      bodies.push(res.body as T);
      links.push(res.headers.link);
      path = nextOf(res.headers.link);
      if (bodies.length > 200) throw new Error('the pages do not end');
      if (path !== undefined) await between(bodies.length);
    }
    return { pages: bodies, links };
  }

  const openQuestion = async (title = `Question ${randomUUID()}`, tags = ['paging']) => (await t.http.post('/api/questions').send({ title, tags }).expect(201)).body.id as string;
  const propose = async (q: string, text: string, name = 'Boris Volodarsky') =>
    (await t.http.post(`/api/questions/${q}/claims`).send({ text, kind: 'answer', provenance: { attributedTo: { name } } }).expect(201)).body.id as string;
  const register = async (title: string) => (await t.http.post('/api/sources').send({ kind: 'archival', title, authors: [], reliability: 'B' }).expect(201)).body.id as string;

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
    question = await openQuestion('Who paid the allowance?');
    for (let i = 0; i < 12; i++) claims.push(await propose(question, `Claim ${i}`, `Author ${i % 5}`));
    for (let i = 0; i < 7; i++) await register(`Source ${i}`);
    for (let i = 0; i < 4; i++) await openQuestion();
  });
  afterAll(() => t?.close());

  describe('every item once, the Link header only while there is more', () => {
    it('questions: pages of 2 in the order opened, the last page without a Link', async () => {
      const all = (await t.http.get('/api/questions?limit=1000').expect(200)).body as { id: string; firstPosition: string }[];
      expect(all.length).toBe(5);
      const { pages: bodies, links } = await pages<{ id: string }[]>('/api/questions?limit=2');
      expect(bodies.map((b) => b.length)).toEqual([2, 2, 1]);
      expect(bodies.flat().map((q) => q.id)).toEqual(all.map((q) => q.id));
      expect(links[links.length - 1]).toBeUndefined();
      expect(links[0]).toMatch(/^<\/api\/questions\?limit=2&after=[A-Za-z0-9_-]+>; rel="next"$/);
      // Ordered by the immutable position each was opened at.
      const positions = all.map((q) => BigInt(q.firstPosition));
      expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    });

    it('the next link keeps the other parameters (filters, minPosition)', async () => {
      const res = await t.http.get('/api/questions?tag=paging&limit=1&minPosition=1').expect(200);
      const next = nextOf(res.headers.link)!;
      expect(new URL(next, 'http://x').searchParams.get('tag')).toBe('paging');
      expect(new URL(next, 'http://x').searchParams.get('minPosition')).toBe('1');
      await openQuestion('Untagged', []);
      const tagged = ((await t.http.get('/api/questions?limit=1000').expect(200)).body as { tags: string[] }[]).filter((q) => q.tags.includes('paging'));
      const { pages: bodies } = await pages<{ tags: string[] }[]>('/api/questions?tag=paging&limit=1');
      expect(bodies.flat()).toHaveLength(tagged.length);
      expect(bodies.length).toBe(tagged.length);
      expect(bodies.flat().every((q) => q.tags.includes('paging'))).toBe(true);
    });

    it('a list that fits one page answers without a Link, with the default limit of 100', async () => {
      const res = await t.http.get('/api/sources').expect(200);
      expect(res.body).toHaveLength(7);
      expect(res.headers.link).toBeUndefined();
      const exact = await t.http.get('/api/sources?limit=7').expect(200);
      expect(exact.body).toHaveLength(7);
      expect(exact.headers.link).toBeUndefined();
    });

    it('sources, participants, claims, events and the timeline: pages that add up to the whole list', async () => {
      for (const [path, whole, items] of [
        ['/api/sources?limit=3', '/api/sources?limit=1000', (b: unknown) => b as { id: string }[]],
        ['/api/participants?limit=2', '/api/participants?limit=1000', (b: unknown) => (b as { name: string }[]).map((p) => ({ id: p.name }))],
        [`/api/questions/${question}/claims?limit=5`, `/api/questions/${question}/claims?limit=1000`, (b: unknown) => b as { id: string }[]],
        [`/api/questions/${question}/events?limit=4`, `/api/questions/${question}/events?limit=1000`, (b: unknown) => b as { id: string }[]],
        [`/api/questions/${question}/timeline?limit=4`, `/api/questions/${question}/timeline?limit=1000`, (b: unknown) => (b as { entries: { eventId: string }[] }).entries.map((e) => ({ id: e.eventId }))],
      ] as const) {
        const expected = items((await t.http.get(whole).expect(200)).body).map((i) => i.id);
        expect(expected.length, path).toBeGreaterThan(3);
        const { pages: bodies, links } = await pages<unknown>(path);
        expect(bodies.length, path).toBeGreaterThan(1);
        expect(bodies.flatMap((b) => items(b).map((i) => i.id)), path).toEqual(expected);
        expect(links.slice(0, -1).every((l) => l !== undefined), path).toBe(true);
        expect(links[links.length - 1], path).toBeUndefined();
      }
    });

    it('events: in stream order, revisions 0, 1, 2… across pages', async () => {
      const { pages: bodies } = await pages<{ revision: string }[]>(`/api/questions/${question}/events?limit=5`);
      expect(bodies.flat().map((e) => e.revision)).toEqual(bodies.flat().map((_, i) => String(i)));
    });

    it('claims: status and label filters', async () => {
      const q = await openQuestion();
      const kept = await propose(q, 'Kept');
      const gone = await propose(q, 'Gone');
      await t.http.post(`/api/claims/${gone}/retraction`).send({ reason: 'withdrawn by its author' }).expect(200);
      expect((await t.http.get(`/api/questions/${q}/claims?status=retracted`).expect(200)).body.map((c: { id: string }) => c.id)).toEqual([gone]);
      expect((await t.http.get(`/api/questions/${q}/claims?status=live`).expect(200)).body.map((c: { id: string }) => c.id)).toEqual([kept]);
      expect((await t.http.get(`/api/questions/${q}/claims?label=retracted`).expect(200)).body.map((c: { id: string }) => c.id)).toEqual([gone]);
      expect((await t.http.get(`/api/questions/${q}/claims?label=retracted,open,unverified,contested,refuted,corroborated`).expect(200)).body).toHaveLength(2);
      await t.http.get(`/api/questions/${randomUUID()}/claims`).expect(404);
      await t.http.get(`/api/questions/${randomUUID()}/events`).expect(404);
    });
  });

  describe('stable under concurrent appends: items appended between pages are neither skipped nor repeated', () => {
    it('questions, sources, participants, claims, events and the timeline', async () => {
      const q = await openQuestion();
      for (let i = 0; i < 6; i++) await propose(q, `Early ${i}`, `Early author ${i}`);
      let round = 0;
      for (const [path, append, idsOf] of [
        ['/api/questions?limit=2', () => openQuestion(), (b: unknown) => (b as { id: string }[]).map((x) => x.id)],
        ['/api/sources?limit=2', () => register(`Late source ${randomUUID()}`), (b: unknown) => (b as { id: string }[]).map((x) => x.id)],
        ['/api/participants?limit=2', () => propose(q, 'Said late', `Late author ${randomUUID()}`), (b: unknown) => (b as { name: string }[]).map((x) => x.name)],
        [`/api/questions/${q}/claims?limit=2`, () => propose(q, `Late ${randomUUID()}`), (b: unknown) => (b as { id: string }[]).map((x) => x.id)],
        [`/api/questions/${q}/events?limit=2`, () => propose(q, `Later ${randomUUID()}`), (b: unknown) => (b as { id: string }[]).map((x) => x.id)],
        [`/api/questions/${q}/timeline?limit=2`, () => propose(q, `Latest ${randomUUID()}`), (b: unknown) => (b as { entries: { eventId: string }[] }).entries.map((e) => e.eventId)],
      ] as const) {
        round++;
        const whole = path.replace('limit=2', 'limit=1000');
        const before = idsOf((await t.http.get(whole).expect(200)).body);
        // Two appends after each of the first three pages: more than a page's worth arrives while the client reads.
        const { pages: bodies } = await pages<unknown>(path, async (page) => {
          if (page > 3) return;
          await append();
          await append();
        });
        const seen = bodies.flatMap(idsOf);
        expect(new Set(seen).size, `${path}: repeated`).toBe(seen.length);
        const after = idsOf((await t.http.get(whole).expect(200)).body);
        // Every item that was there before paging began is seen, in its order; and what was appended
        // meanwhile comes after it (positions only grow), so paging to the end reaches all of it.
        expect(seen.slice(0, before.length), `${path}: skipped`).toEqual(before);
        expect(seen, path).toEqual(after);
        expect(after.length, path).toBeGreaterThan(before.length);
      }
      expect(round).toBe(6);
    });
  });

  describe('bad paging parameters: 400 naming the parameter', () => {
    const lists = () => ['/api/questions', '/api/sources', '/api/participants', `/api/questions/${question}/claims`, `/api/questions/${question}/events`, `/api/questions/${question}/timeline`, `/api/questions/${question}/consensus`];
    const badLimits = ['limit=0', 'limit=abc', 'limit=5000', 'limit=1001', 'limit=-1', 'limit=1.5', 'limit=', 'limit=1&limit=2', 'limit=%201', 'limit=1e2'];

    it.each(badLimits)('%s', async (query) => {
      for (const path of lists()) {
        const res = await t.http.get(`${path}?${query}`).expect(400);
        expect(res.headers['content-type'], path).toMatch(/application\/problem\+json/);
        expect(res.body.type, path).toBe('/problems/validation');
        expect(res.body.errors.map((e: { field: string }) => e.field), `${path}?${query}`).toEqual(['limit']);
      }
    });

    it('the largest and smallest limits are taken', async () => {
      for (const path of lists()) {
        await t.http.get(`${path}?limit=1000`).expect(200);
        await t.http.get(`${path}?limit=1`).expect(200);
      }
    });

    it('a cursor that does not decode, or belongs to another list, or is given twice', async () => {
      const fromSources = nextOf((await t.http.get('/api/sources?limit=1').expect(200)).headers.link)!;
      const sourcesCursor = new URL(fromSources, 'http://x').searchParams.get('after')!;
      const otherQuestion = encodeCursor(positionCursor(`claims:${randomUUID()}`), 3n);
      const notJson = Buffer.from('not json').toString('base64url');
      const wrongKey = Buffer.from(JSON.stringify({ l: 'questions', k: ['x'] })).toString('base64url');
      for (const path of lists()) {
        for (const after of ['%%%', 'a.b', notJson, wrongKey, otherQuestion, `${sourcesCursor}&after=${sourcesCursor}`]) {
          if (path === '/api/sources' && after === sourcesCursor) continue;
          const res = await t.http.get(`${path}?after=${after}`).expect(400);
          expect(res.body.errors.map((e: { field: string }) => e.field), `${path}?after=${after}`).toEqual(['after']);
        }
        if (path !== '/api/sources') {
          const res = await t.http.get(`${path}?after=${sourcesCursor}`).expect(400);
          expect(res.body.errors[0], path).toEqual({ field: 'after', message: 'it belongs to another list' });
        }
      }
      // A cursor of one question's claims is not one of another question's.
      const other = await openQuestion();
      await propose(other, 'x');
      await propose(other, 'y');
      const otherLink = nextOf((await t.http.get(`/api/questions/${other}/claims?limit=1`).expect(200)).headers.link)!;
      const otherAfter = new URL(otherLink, 'http://x').searchParams.get('after')!;
      const res = await t.http.get(`/api/questions/${question}/claims?after=${otherAfter}`).expect(400);
      expect(res.body.errors[0].field).toBe('after');
    });
  });
});

describe('a question’s events a page at a time on EventStoreDB (the loopback gRPC test server)', () => {
  let t: TestApp;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const server = await startEventStoreDbTestServer();
    stop = server.stop;
    t = await startTestApp({ LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString, LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    await t?.close();
    await stop?.();
  });

  it('reads each page from the stream at the cursor’s revision: every event once, appends between pages included', async () => {
    const q = (await t.http.post('/api/questions').send({ title: 'Paged on EventStoreDB' }).expect(201)).body.id as string;
    const propose = async (text: string) => t.http.post(`/api/questions/${q}/claims`).send({ text, kind: 'answer' }).expect(201);
    for (let i = 0; i < 6; i++) await propose(`Claim ${i}`);
    const seen: { id: string; revision: string }[] = [];
    let path: string | undefined = `/api/questions/${q}/events?limit=3`;
    let page = 0;
    while (path) {
      const res = await t.http.get(path).expect(200);
      seen.push(...(res.body as { id: string; revision: string }[]));
      path = nextOf(res.headers.link);
      if (++page <= 2) await propose(`Appended after page ${page}`);
    }
    const whole = (await t.http.get(`/api/questions/${q}/events?limit=1000`).expect(200)).body as { id: string }[];
    expect(whole).toHaveLength(9);
    expect(seen.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    expect(seen.map((e) => e.revision)).toEqual(whole.map((_, i) => String(i)));
    await t.http.get(`/api/questions/${randomUUID()}/events`).expect(404);
  });
});
