import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerApi } from '../../web/src/api/client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The page's API client against the real server: it follows each list's `Link: rel="next"` to the
 * last page, so what it gives the map, the timeline and the reading view is the whole list. Pages of
 * 3 here, so that a small question spans several.
 */
describe('the web client reads every page', () => {
  let t: TestApp;
  let client: LedgerApi;
  let q: string;

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new LedgerApi(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 3);
    q = (await t.http.post('/api/questions').send({ title: 'Who paid the allowance?' }).expect(201)).body.id;
    const source = (await t.http.post('/api/sources').send({ kind: 'archival', title: 'A file', authors: [], reliability: 'A' }).expect(201)).body.id;
    const claims: string[] = [];
    for (let i = 0; i < 8; i++) claims.push((await t.http.post(`/api/questions/${q}/claims`).send({ text: `Claim ${i}`, kind: 'answer' }).expect(201)).body.id);
    for (const claim of claims.slice(0, 5)) await t.http.post(`/api/claims/${claim}/evidence`).send({ sourceId: source, stance: 'supports', credibility: 2 }).expect(201);
    for (let i = 0; i < 4; i++) await t.http.post('/api/sources').send({ kind: 'archival', title: `Source ${i}`, authors: [], reliability: 'C' }).expect(201);
    for (let i = 0; i < 4; i++) await t.http.post('/api/questions').send({ title: `Question ${i}` }).expect(201);
  });
  afterAll(() => t?.close());

  it('the consensus: every claim and its evidence, the summary of the first page, no explanations', async () => {
    const whole = (await t.http.get(`/api/questions/${q}/consensus?limit=1000`).expect(200)).body;
    const consensus = await client.consensus(q);
    expect(consensus.claims).toHaveLength(8);
    expect(consensus.claims).toEqual(whole.claims);
    expect(consensus.evidence).toEqual(whole.evidence);
    expect(consensus.evidence).toHaveLength(5);
    expect(consensus.summary).toEqual(whole.summary);
    expect(consensus.claims[0]).not.toHaveProperty('wouldChange');
  });

  it('the timeline, the events, the sources and the questions, whole', async () => {
    const all = async (path: string) => (await t.http.get(`${path}${path.includes('?') ? '&' : '?'}limit=1000`).expect(200)).body;
    expect(await client.timeline(q)).toEqual((await all(`/api/questions/${q}/timeline`)).entries);
    expect((await client.timeline(q)).length).toBeGreaterThan(3);
    expect(await client.events(q)).toEqual(await all(`/api/questions/${q}/events`));
    expect(await client.sources()).toEqual(await all('/api/sources'));
    expect(await client.questions()).toEqual(await all('/api/questions'));
    expect(await client.questions()).toHaveLength(5);
  });
});
