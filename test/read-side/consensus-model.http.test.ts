import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelateClaims } from '../../src/ledger/application/write-table/write-messages';
import type { CommandContext } from '../../src/ledger/provenance/provenance';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The consensus model of issue 13 on small hand-built debates, over HTTP: what each label promises
 * (DOMAIN.md, "Consensus per question: what a label promises").
 */
describe('labels over HTTP promise no more than the record supports', () => {
  let t: TestApp;
  const sources: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
    for (const [key, reliability] of [['a1', 'A'], ['a2', 'A'], ['a3', 'A'], ['b', 'B'], ['e', 'E']] as const) {
      const res = await t.http.post('/api/sources').send({ kind: 'archival', title: `Source ${key}`, authors: [], reliability }).expect(201);
      sources[key] = res.body.id;
    }
  });
  afterAll(() => t?.close());

  async function question(proofStandard?: string): Promise<string> {
    return (await t.http.post('/api/questions').send({ title: `A question ${randomUUID()}`, ...(proofStandard ? { proofStandard } : {}) }).expect(201)).body.id;
  }
  async function claim(q: string, text: string, kind = 'answer'): Promise<string> {
    return (await t.http.post(`/api/questions/${q}/claims`).send({ text, kind }).expect(201)).body.id;
  }
  async function relate(from: string, relation: string, to: string): Promise<void> {
    await t.http.post('/api/claims/relations').send({ fromClaimId: from, toClaimId: to, relation }).expect(201);
  }
  async function evidence(c: string, source: string, stance: string, credibility: number, verification?: string): Promise<string> {
    const body = { sourceId: sources[source], stance, credibility, locator: 'p. 1', ...(verification ? { verification } : {}) };
    return (await t.http.post(`/api/claims/${c}/evidence`).send(body).expect(201)).body.id;
  }
  /** Every claim, explained (grounds, leads, what would change it): what these tests assert. */
  async function consensus(q: string, query = '') {
    const body = (await t.http.get(`/api/questions/${q}/consensus${query}${query ? '&' : '?'}explain=true&limit=1000`).expect(200)).body;
    return { ...body, claim: (id: string) => body.claims.find((c: { id: string }) => c.id === id) };
  }

  it('a claim supported only by claims is unverified', async () => {
    const q = await question();
    const a = await claim(q, 'The allowance came from the NKVD');
    await relate(await claim(q, 'Families were paid 600 roubles', 'background'), 'supports', a);
    const result = await consensus(q);
    expect(result.claim(a)).toMatchObject({ label: 'unverified', grounded: false });
    expect(result.claim(a).reading).toMatch(/nothing in the record confirms it/);
    expect(result.status).toBe('unverified');
  });

  it('one cited-only reference leaves a claim unverified; the same claim is corroborated once an A2 document is examined', async () => {
    const q = await question();
    const a = await claim(q, 'The office was run by NKVD appointees');
    const e = await evidence(a, 'a1', 'supports', 2, 'cited');
    let result = await consensus(q);
    expect(result.claim(a)).toMatchObject({ label: 'unverified', strength: 0.5 });
    expect(result.claim(a).leads).toHaveLength(1);
    expect(result.claim(a).wouldChange[0]).toBe('Examining Source a1 (p. 1) would make this corroborated.');
    await t.http.post(`/api/evidence/${e}/verification`).send({ verification: 'examined', note: 'read at GARF' }).expect(200);
    result = await consensus(q);
    expect(result.claim(a)).toMatchObject({ label: 'corroborated', grounded: true });
    expect(result.claim(a).strength).toBeCloseTo(0.925, 12);
    expect(result.claim(a).grounds[0]).toMatchObject({ evidenceId: e, verification: 'examined', verifiedBy: t.admin.name });
    expect(result.status).toBe('answered');
  });

  it('three examined A1 supports plus one E5 undermining document stay corroborated', async () => {
    const q = await question();
    const a = await claim(q, 'A well documented claim');
    for (const s of ['a1', 'a2', 'a3']) await evidence(a, s, 'supports', 1);
    await evidence(a, 'e', 'undermines', 5);
    expect((await consensus(q)).claim(a).label).toBe('corroborated');
  });

  it('a bare rebuttal makes a claim contested, not refuted; an examined A1 undermining document refutes an unverified claim', async () => {
    const q = await question();
    const a = await claim(q, 'Spaniards served only in foreign units');
    await relate(await claim(q, 'They served in ordinary units'), 'rebuts', a);
    expect((await consensus(q)).claim(a)).toMatchObject({ label: 'contested', contestedBecause: 'ungrounded-attack' });

    const b = await claim(q, 'All the files are closed');
    await relate(await claim(q, 'Nobody has seen them', 'background'), 'supports', b);
    await evidence(b, 'a1', 'undermines', 1);
    expect((await consensus(q)).claim(b)).toMatchObject({ label: 'refuted' });
  });

  it('a bare undercut of an unsupported claim leaves it open', async () => {
    const q = await question();
    const a = await claim(q, 'The list names every refugee', 'background');
    await relate(await claim(q, 'A heading shows nothing of the kind', 'hypothesis'), 'undercuts', a);
    expect((await consensus(q)).claim(a)).toMatchObject({ label: 'open', strength: 0.5 });
  });

  it('two rivals with equal support are both contested', async () => {
    const q = await question();
    const a = await claim(q, 'A budgetary device', 'hypothesis');
    const b = await claim(q, 'Plausible deniability', 'hypothesis');
    await relate(b, 'competes', a);
    await evidence(a, 'a1', 'supports', 2);
    await evidence(b, 'a2', 'supports', 2);
    const result = await consensus(q);
    for (const id of [a, b]) expect(result.claim(id)).toMatchObject({ label: 'contested', contestedBecause: 'rival' });
  });

  it('a source attached five times weighs as once', async () => {
    const q = await question();
    const once = await claim(q, 'Cited once');
    const five = await claim(q, 'Cited five times');
    await evidence(once, 'b', 'supports', 2);
    for (let i = 0; i < 5; i++) await evidence(five, 'b', 'supports', 2);
    const result = await consensus(q);
    expect(result.claim(five).strength).toBe(result.claim(once).strength);
    expect(result.evidence.filter((e: { claimId: string; counted: boolean }) => e.claimId === five && e.counted)).toHaveLength(1);
  });

  it('source criticism: a claim that undercuts a piece of evidence weakens it', async () => {
    const q = await question();
    const a = await claim(q, 'Help came first from the Red Cross');
    const e = await evidence(a, 'a1', 'supports', 2);
    const critic = await claim(q, 'A catalogue heading cannot show that help was the first', 'hypothesis');
    await t.http.post('/api/claims/relations').send({ fromClaimId: critic, toEvidenceId: e, relation: 'undercuts' }).expect(201);
    const result = await consensus(q);
    expect(result.evidence.find((x: { id: string }) => x.id === e)).toMatchObject({ weight: 0.85, strength: 0.425 });
    expect(result.claim(a).strength).toBeCloseTo(0.5 + 0.5 * 0.425, 12);
  });

  it('raising the proof standard turns a corroborated claim with middling support contested; time travel gives the labels under the standard then in force', async () => {
    const q = await question();
    const a = await claim(q, 'A claim with middling support');
    await evidence(a, 'b', 'supports', 2);
    const before = await consensus(q);
    expect(before.claim(a).label).toBe('corroborated');
    const changed = await t.http.post(`/api/questions/${q}/proof-standard`).send({ proofStandard: 'clear-and-convincing', reason: 'a verdict needs more' }).expect(200);
    const after = await consensus(q);
    expect(after).toMatchObject({ proofStandard: 'clear-and-convincing', status: 'contested' });
    expect(after.claim(a)).toMatchObject({ label: 'contested', contestedBecause: 'short-of-standard' });
    const then = await consensus(q, `?atPosition=${BigInt(changed.body.position) - 1n}`);
    expect(then).toMatchObject({ proofStandard: 'preponderance' });
    expect(then.claim(a).label).toBe('corroborated');
  });

  it('explains one claim: contributions that add up to the move from its base score, grounds, what stands against it, stances', async () => {
    const q = await question();
    const a = await claim(q, 'A claim with two documents and one rebuttal');
    await evidence(a, 'a1', 'supports', 1);
    await evidence(a, 'a2', 'supports', 1);
    await relate(await claim(q, 'A rebuttal'), 'rebuts', a);
    await t.http.post(`/api/claims/${a}/stances`).send({ stance: 'dispute', confidence: 0.4 }).expect(201);
    const explanation = (await t.http.get(`/api/questions/${q}/consensus/claims/${a}`).expect(200)).body;
    expect(explanation).toMatchObject({ questionId: q, claimId: a, label: 'corroborated', method: 'exact', stances: { dispute: 1 } });
    const total = explanation.contributions.reduce((sum: number, c: { effect: number }) => sum + c.effect, 0);
    expect(total).toBeCloseTo(explanation.strength - explanation.base, 12);
    const supporters = explanation.contributions.filter((c: { role: string }) => c.role === 'support');
    expect(supporters).toHaveLength(2);
    for (const s of supporters) expect(s.effect).toBeGreaterThan(0.1);
    expect(explanation.grounds).toHaveLength(2);
    expect(explanation.against).toHaveLength(1);
    await t.http.get(`/api/questions/${q}/consensus/claims/${randomUUID()}`).expect(404);
  });
});

describe('a question of 100 claims that all rebut each other, with evidence', () => {
  let t: TestApp;
  let q: string;
  let claims: string[];

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '1000000' });
    q = (await t.http.post('/api/questions').send({ title: 'A hundred rival accounts' }).expect(201)).body.id;
    const source = (await t.http.post('/api/sources').send({ kind: 'archival', title: 'A file', authors: [], reliability: 'B' }).expect(201)).body.id;
    claims = [];
    for (let i = 0; i < 100; i++) claims.push((await t.http.post(`/api/questions/${q}/claims`).send({ text: `Rival account ${i}`, kind: 'hypothesis' }).expect(201)).body.id);
    for (let i = 0; i < 100; i += 5) await t.http.post(`/api/claims/${claims[i]}/evidence`).send({ sourceId: source, stance: 'supports', credibility: 2 }).expect(201);
    // 9,900 relations through the command bus: the same writer as HTTP, without 9,900 requests.
    const bus = t.app.get(CommandBus);
    const context = (): CommandContext => {
      const commandId = randomUUID();
      return { principal: { id: t.admin.id, name: t.admin.name }, commandId, correlationId: commandId, causationId: commandId, provenance: {} };
    };
    const writes: Promise<unknown>[] = [];
    for (const from of claims) for (const to of claims) if (from !== to) writes.push(bus.execute(new RelateClaims({ fromClaimId: from, toClaimId: to, relation: 'rebuts' } as never, context())));
    await Promise.all(writes);
  }, 300_000);
  afterAll(() => t?.close());

  it('reads finish, converged, with the residual on the returned values within the tolerance; /health answers meanwhile, writes land', async () => {
    const reads = Array.from({ length: 3 }, () => t.http.get(`/api/questions/${q}/consensus`).expect(200));
    const health = t.anonymous.get('/health').expect(200);
    const write = t.http.post(`/api/questions/${q}/claims`).send({ text: 'One more account', kind: 'hypothesis', respondsTo: { claimId: claims[0], relation: 'rebuts' } }).expect(201);
    const [first, ...others] = await Promise.all(reads);
    await Promise.all([health, write]);
    for (const res of [first!, ...others]) {
      expect(res.body.converged).toBe(true);
      expect(res.body.residual).toBeLessThanOrEqual(1e-9);
    }
    const after = (await t.http.get(`/api/questions/${q}/consensus?limit=1000`).expect(200)).body;
    expect(after.claims).toHaveLength(101);
    expect(after.summary.claims).toBe(101);
    expect(after.converged).toBe(true);
    const explanation = (await t.http.get(`/api/questions/${q}/consensus/claims/${claims[5]}`).expect(200)).body;
    expect(explanation.method).toBe('sampled');
    const total = explanation.contributions.reduce((sum: number, c: { effect: number }) => sum + c.effect, 0);
    expect(total).toBeCloseTo(explanation.strength - explanation.base, 6);
  });
});
