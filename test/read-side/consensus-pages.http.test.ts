import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOnFirstStart } from '../../src/ledger/import/seed-on-first-start';
import { ProjectionRunner } from '../../src/projection-runtime/projection-runner';
import { currentConsensusOf } from '../../src/read-side/current-consensus';
import { startTestApp, type TestApp } from '../support/test-app';

interface ClaimJson {
  id: string;
  kind: string;
  label: string;
  strength: number | null;
  groundedStrength: number | null;
  grounds?: unknown[];
  against?: unknown[];
  leads?: unknown[];
  rivals?: unknown[];
  wouldChange?: string[];
}

interface ConsensusJson {
  questionId: string;
  status: string;
  position: string | null;
  axis: string;
  asOf: string | null;
  summary: { claims: number; liveClaims: number; evidence: number; labels: Record<string, number>; acceptedAnswers: { id: string }[] };
  claims: ClaimJson[];
  evidence: { id: string; claimId: string }[];
}

const EXPLANATION = ['grounds', 'against', 'leads', 'rivals', 'wouldChange'];
const nextOf = (link: string | undefined) => (link === undefined ? undefined : /^<([^>]+)>; rel="next"$/.exec(link)![1]);

/**
 * GET …/consensus answers the question's status and summary first, then one page of claims (filtered
 * by label or id), explained only when asked: its size follows the page, not the question.
 */
describe('the consensus a page at a time, on the reference debate', () => {
  let t: TestApp;
  let main: string;
  /** The question's whole consensus as the engine computes it (in process), to compare the pages with. */
  let whole: ReturnType<typeof currentConsensusOf>['consensus'];

  beforeAll(async () => {
    t = await startTestApp();
    await seedOnFirstStart(t.app, { ...t.config, seed: 'reference' }, { log: () => undefined } as never);
    const questions = (await t.http.get('/api/questions').expect(200)).body as { id: string; parentQuestionId: string | null }[];
    main = questions.find((q) => q.parentQuestionId === null)!.id;
    await t.http.get(`/api/questions/${main}/consensus`).expect(200);
    whole = currentConsensusOf(t.app.get(ProjectionRunner), main).consensus;
  });
  afterAll(() => t?.close());

  const get = async (query: string) => (await t.http.get(`/api/questions/${main}/consensus${query}`).expect(200)) as { body: ConsensusJson; headers: Record<string, string> };

  it('answers the summary (claims per label, the accepted answers) whatever the page', async () => {
    const { body } = await get('?limit=1');
    expect(body.claims).toHaveLength(1);
    expect(body.summary.claims).toBe(whole.claims.length);
    expect(body.summary.evidence).toBe(whole.evidence.length);
    for (const label of ['corroborated', 'unverified', 'contested', 'refuted', 'open', 'retracted']) {
      expect(body.summary.labels[label], label).toBe(whole.claims.filter((c) => c.label === label).length);
    }
    expect(body.summary.liveClaims).toBe(whole.claims.filter((c) => c.label !== 'retracted').length);
    expect(body.summary.acceptedAnswers.map((a) => a.id)).toEqual(whole.claims.filter((c) => c.kind === 'answer' && c.label === 'corroborated').map((c) => c.id));
    expect(body.status).toBe(whole.status);
  });

  it('pages through every claim once, in the order proposed, each page with the evidence on its claims; no Link on the last', async () => {
    expect(whole.claims.length).toBeGreaterThan(10);
    const seen: ClaimJson[] = [];
    const evidence: string[] = [];
    let path: string | undefined = `/api/questions/${main}/consensus?limit=4`;
    let pages = 0;
    let last: string | undefined;
    while (path) {
      const res = await t.http.get(path).expect(200);
      const body = res.body as ConsensusJson;
      expect(body.claims.length).toBeLessThanOrEqual(4);
      const ids = new Set(body.claims.map((c) => c.id));
      expect(body.evidence.every((e) => ids.has(e.claimId))).toBe(true);
      seen.push(...body.claims);
      evidence.push(...body.evidence.map((e) => e.id));
      last = res.headers.link;
      path = nextOf(res.headers.link);
      pages++;
    }
    expect(last).toBeUndefined();
    expect(pages).toBe(Math.ceil(whole.claims.length / 4));
    expect(seen.map((c) => c.id)).toEqual(whole.claims.map((c) => c.id));
    expect(new Set(evidence)).toEqual(new Set(whole.evidence.map((e) => e.id)));
  });

  it('leaves the explanations out unless asked for; explain=true gives them as the engine computes them', async () => {
    const brief = (await get('?limit=1000')).body;
    for (const claim of brief.claims) for (const field of EXPLANATION) expect(claim, field).not.toHaveProperty(field);
    const explained = (await get('?limit=1000&explain=true')).body;
    expect(explained.claims).toEqual(JSON.parse(JSON.stringify(whole.claims)));
    expect((await get('?limit=1000&explain=false')).body.claims).toEqual(brief.claims);
    // Smaller than the explained answer: what grows with the graph is what was left out.
    expect(JSON.stringify(brief).length).toBeLessThan(JSON.stringify(explained).length);
  });

  it('filters by claimId (repeated or a comma list) and by label', async () => {
    const [a, b, c] = whole.claims.map((claim) => claim.id);
    const repeated = (await get(`?claimId=${c}&claimId=${a}`)).body;
    expect(repeated.claims.map((x) => x.id)).toEqual([a, c]);
    const comma = (await get(`?claimId=${a},${b!.toUpperCase()}&explain=true`)).body;
    expect(comma.claims.map((x) => x.id)).toEqual([a, b]);
    expect(comma.claims[0]).toHaveProperty('wouldChange');
    const label = whole.claims[0]!.label;
    const byLabel = (await get(`?label=${label}&limit=1000`)).body;
    expect(byLabel.claims.map((x) => x.id)).toEqual(whole.claims.filter((x) => x.label === label).map((x) => x.id));
    const two = (await get(`?label=corroborated,contested&limit=1000`)).body;
    expect(two.claims.map((x) => x.id)).toEqual(whole.claims.filter((x) => x.label === 'corroborated' || x.label === 'contested').map((x) => x.id));
    // Filters and pages together: the next link keeps the filter.
    const first = await get(`?label=${label}&limit=1`);
    if (byLabel.claims.length > 1) {
      expect(new URL(nextOf(first.headers.link)!, 'http://x').searchParams.get('label')).toBe(label);
      const second = (await t.http.get(nextOf(first.headers.link)!).expect(200)).body as ConsensusJson;
      expect(second.claims[0]!.id).toBe(byLabel.claims[1]!.id);
    }
  });

  it('keeps asOf and axis working with pages', async () => {
    const then = (await get('?asOf=2021-02-11&axis=occurred&limit=2')).body;
    expect(then.axis).toBe('occurred');
    expect(then.asOf).toBe('2021-02-11T23:59:59.999Z');
    expect(then.claims.length).toBeLessThanOrEqual(2);
    const all = (await get('?asOf=2021-02-11&axis=occurred&limit=1000')).body;
    expect(all.summary.claims).toBe(all.claims.length);
    expect(all.summary.claims).toBeLessThan(whole.claims.length);
    const res = await get('?asOf=2021-02-11&axis=occurred&limit=2');
    if (all.claims.length > 2) expect(new URL(nextOf(res.headers.link)!, 'http://x').searchParams.get('asOf')).toBe('2021-02-11');
  });

  it('refuses a bad label, claimId or explain by name', async () => {
    for (const [query, field] of [
      ['label=bogus', 'label'],
      ['label=corroborated,', 'label'],
      ['claimId=not-a-uuid', 'claimId'],
      [`claimId=${whole.claims[0]!.id},x`, 'claimId'],
      ['explain=yes', 'explain'],
      ['explain=true&explain=false', 'explain'],
      ['limit=0', 'limit'],
      ['after=zzz', 'after'],
    ]) {
      const res = await t.http.get(`/api/questions/${main}/consensus?${query}`).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field), query).toEqual([field]);
    }
  });
});
