import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedEventFromJson, type RecordedEventJson } from '../../../src/event-store/event-json';
import { firstChainBreak } from '../../support/chain-check';
import { startTestApp, type TestApp } from '../../support/test-app';

/** The environment that selects a store for the application under test, and how to tear it down. */
export interface StoreUnderTest {
  name: string;
  env(): Promise<Record<string, string>>;
  stop?(): Promise<void>;
}

const GARF = {
  kind: 'archival',
  title: 'Executive Committee of the Union of Red Cross and Red Crescent Societies of the USSR, 1923–1991',
  authors: [],
  issued: '1923',
  identifiers: { archive: { kind: 'guide-entry', repository: 'GARF', fond: 'R-9501', inventories: 17, storageUnits: 8756, years: '1918–1992' } },
  reliability: 'B',
};

/**
 * The write side over real HTTP, on the real application, written once and run on each store.
 */
export function describeWriteSideHttp(store: StoreUnderTest): void {
  describe(`write side over HTTP (${store.name})`, () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(await store.env());
    });

    afterAll(async () => {
      await t?.close();
      await store.stop?.();
    });

    const head = async () => (await t.store.headPosition()) ?? -1n;

    async function openQuestion(body: Record<string, unknown> = { title: 'What did the Soviet Red Cross pay for?' }) {
      const res = await t.http.post('/api/questions').send(body).expect(201);
      return res.body.id as string;
    }
    async function proposeClaim(questionId: string, body: Record<string, unknown> = { text: 'A claim', kind: 'answer' }) {
      const res = await t.http.post(`/api/questions/${questionId}/claims`).send(body).expect(201);
      return res.body.id as string;
    }
    async function registerSource(body: Record<string, unknown> = GARF) {
      const res = await t.http.post('/api/sources').send(body).expect(201);
      return res.body.id as string;
    }

    /** Sends a request that must be refused, and checks the answer and that nothing was appended. */
    async function refused(
      send: () => import('supertest').Test,
      status: number,
      fields: string[] = [],
    ): Promise<Record<string, unknown>> {
      const before = await head();
      const res = await send();
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String), detail: expect.any(String) });
      expect(Array.isArray(res.body.errors)).toBe(true);
      for (const field of fields) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await head()).toBe(before);
      return res.body;
    }

    describe('each endpoint succeeds', () => {
      it('opens, rewords, lists and reads questions, with sub-questions', async () => {
        const res = await t.http.post('/api/questions').send({ title: 'Soviet Red Cross and the PCE', body: 'Background', tags: ['ussr'] });
        expect(res.status).toBe(201);
        expect(res.body).toEqual({ id: expect.any(String), revision: '0', position: expect.stringMatching(/^\d+$/), eventIds: [expect.any(String)] });
        expect(res.headers.etag).toBe('"0"');
        const id = res.body.id;

        const child = await t.http.post('/api/questions').send({ title: 'Do individual files exist?', parentQuestionId: id }).expect(201);

        const reworded = await t.http.patch(`/api/questions/${id}`).send({ title: 'The Soviet Red Cross, the PCE and the NKVD', reason: 'Name the NKVD' });
        expect(reworded.status).toBe(200);
        expect(reworded.body.revision).toBe('1');
        expect(reworded.headers.etag).toBe('"1"');

        const detail = await t.http.get(`/api/questions/${id}`).expect(200);
        expect(detail.body).toMatchObject({ id, title: 'The Soviet Red Cross, the PCE and the NKVD', body: 'Background', tags: ['ussr'], subQuestionIds: [child.body.id], status: 'open' });
        expect(detail.body.rewordings).toHaveLength(1);
        expect(detail.headers.etag).toBe('"1"');

        const list = await t.http.get('/api/questions').expect(200);
        expect(list.body.map((q: { id: string }) => q.id)).toEqual(expect.arrayContaining([id, child.body.id]));
        const byTag = await t.http.get('/api/questions?tag=ussr').expect(200);
        expect(byTag.body.map((q: { id: string }) => q.id)).toEqual([id]);
      });

      it('proposes, revises, relates and retracts claims, keeping the old text', async () => {
        const q = await openQuestion();
        const c1 = await proposeClaim(q, { text: 'The Red Cross paid the families', kind: 'background' });
        const reply = await t.http
          .post(`/api/questions/${q}/claims`)
          .send({ text: 'It was NKVD money', kind: 'hypothesis', respondsTo: { claimId: c1, relation: 'supports' } })
          .expect(201);
        expect(reply.body.eventIds).toHaveLength(2);
        const c2 = reply.body.id;

        const revised = await t.http.patch(`/api/claims/${c2}`).send({ text: 'It was probably NKVD money', reason: 'hedge' }).expect(200);
        expect(revised.body.id).toBe(c2);

        const c3 = await proposeClaim(q, { text: 'A budgetary device', kind: 'hypothesis' });
        const related = await t.http.post('/api/claims/relations').send({ fromClaimId: c3, toClaimId: c2, relation: 'undercuts' }).expect(201);
        expect(related.body.id).not.toBe(c3);

        await t.http.post(`/api/claims/${c3}/retraction`).send({ reason: 'withdrawn by its author' }).expect(200);

        const claim = await t.http.get(`/api/claims/${c2}`).expect(200);
        expect(claim.body).toMatchObject({ id: c2, text: 'It was probably NKVD money', status: 'live', kind: 'hypothesis' });
        expect(claim.body.versions.map((v: { text: string }) => v.text)).toEqual(['It was NKVD money', 'It was probably NKVD money']);
        expect(claim.body.relations).toHaveLength(2);
        const retracted = await t.http.get(`/api/claims/${c3}`).expect(200);
        expect(retracted.body).toMatchObject({ status: 'retracted', retraction: { reason: 'withdrawn by its author' } });
      });

      it('keeps the verbatim passage a claim paraphrases, beside the paraphrase, through a revision', async () => {
        const q = await openQuestion();
        const passage =
          'My only--and probably not very useful--guess is that it might have been a budgetary device to get around the fact that perhaps the NKVD did not normally provide welfare payments for foreigners who were not their employees. However, this is just a feeble suggestion.';
        const c = await proposeClaim(q, { text: 'The allowance might have been a budgetary device ("just a feeble suggestion").', passage, kind: 'hypothesis' });
        const plain = await proposeClaim(q, { text: 'An editor’s own claim, drawn from no text', kind: 'hypothesis' });
        const nulled = await proposeClaim(q, { text: 'Null says the same as nothing', kind: 'hypothesis', passage: null });
        await t.http.patch(`/api/claims/${c}`).send({ text: 'Perhaps a budgetary device (Preston: "just a feeble suggestion").', reason: 'closer to the hedge' }).expect(200);

        const claim = await t.http.get(`/api/claims/${c}`).expect(200);
        expect(claim.body).toMatchObject({ id: c, passage, text: 'Perhaps a budgetary device (Preston: "just a feeble suggestion").' });
        expect((await t.http.get(`/api/claims/${plain}`).expect(200)).body.passage).toBeNull();
        expect((await t.http.get(`/api/claims/${nulled}`).expect(200)).body.passage).toBeNull();
        const question = await t.http.get(`/api/questions/${q}`).expect(200);
        expect(question.body.claims.find((x: { id: string }) => x.id === c)).toMatchObject({ passage });
        const events = (await t.http.get(`/api/questions/${q}/events`).expect(200)).body as RecordedEventJson[];
        const proposed = events.filter((e) => e.type === 'ClaimProposed');
        expect(proposed.map((e) => e.data.passage)).toEqual([passage, null, null]);
        expect(proposed.every((e) => (e.metadata as { schemaVersion?: number }).schemaVersion === 2)).toBe(true);
      });

      it('registers an archive guide entry as holdings, never as a file', async () => {
        const guide = {
          kind: 'archival',
          title: 'Union of Red Cross and Red Crescent Societies of the USSR (GARF guide entry)',
          authors: [],
          identifiers: { archive: { kind: 'guide-entry', repository: 'GARF', fond: 'R-9501', inventories: 17, storageUnits: 8756, years: '1918–1992' } },
        };
        const s = await registerSource(guide);
        const source = await t.http.get(`/api/sources/${s}`).expect(200);
        expect(source.body.identifiers).toEqual(guide.identifiers);
      });

      it('registers and appraises sources, attaches and withdraws evidence, records stances', async () => {
        const q = await openQuestion();
        const c = await proposeClaim(q);
        const s = await registerSource();
        const appraised = await t.http.patch(`/api/sources/${s}/appraisal`).send({ reliability: 'A', note: 'catalogued state archive' }).expect(200);
        expect(appraised.body.revision).toBe('1');

        const evidence = await t.http
          .post(`/api/claims/${c}/evidence`)
          .send({ sourceId: s, stance: 'supports', locator: 'op. 5, 13 and 16 (guide entry)', quote: 'личные дела', credibility: 2 })
          .expect(201);
        const e = evidence.body.id;
        await t.http.post(`/api/claims/${c}/stances`).send({ stance: 'endorse', confidence: 0.8 }).expect(201);
        await t.http.post(`/api/claims/${c}/stances`).send({ stance: 'dispute', confidence: 0.3 }).expect(201);
        await t.http.post(`/api/evidence/${e}/withdrawal`).send({ reason: 'wrong opis' }).expect(200);

        const source = await t.http.get(`/api/sources/${s}`).expect(200);
        expect(source.body).toMatchObject({ id: s, reliability: 'A', identifiers: GARF.identifiers, citations: [{ evidenceId: e, claimId: c, withdrawn: true }] });
        const sources = await t.http.get('/api/sources').expect(200);
        expect(sources.body.map((x: { id: string }) => x.id)).toContain(s);

        const claim = await t.http.get(`/api/claims/${c}`).expect(200);
        expect(claim.body.stances).toHaveLength(1);
        expect(claim.body.stances[0]).toMatchObject({ stance: 'dispute', confidence: 0.3 });
        expect(claim.body.evidence[0]).toMatchObject({ id: e, status: 'withdrawn', quote: 'личные дела', credibility: 2 });
      });

      it('resolves and reopens a question', async () => {
        const q = await openQuestion();
        const c = await proposeClaim(q);
        await t.http.post(`/api/questions/${q}/resolution`).send({ summary: 'Settled', acceptedClaimIds: [c] }).expect(200);
        expect((await t.http.get(`/api/questions/${q}`)).body).toMatchObject({ status: 'resolved', resolution: { summary: 'Settled', acceptedClaimIds: [c] } });
        await t.http.post(`/api/questions/${q}/reopening`).send({ reason: 'new files at GARF' }).expect(200);
        expect((await t.http.get(`/api/questions/${q}`)).body).toMatchObject({ status: 'open', resolution: null });
      });
    });

    describe('bad input: 400 naming the field, nothing written', () => {
      it('validates every write body', async () => {
        const q = await openQuestion();
        const c = await proposeClaim(q);
        const s = await registerSource();
        const cases: [string, () => import('supertest').Test, string[]][] = [
          ['open: empty title', () => t.http.post('/api/questions').send({ title: '' }), ['title']],
          ['open: title too long', () => t.http.post('/api/questions').send({ title: 'x'.repeat(301) }), ['title']],
          ['open: 21 tags', () => t.http.post('/api/questions').send({ title: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }), ['tags']],
          ['open: unknown field', () => t.http.post('/api/questions').send({ title: 'x', recordedBy: 'mallory' }), ['recordedBy']],
          ['open: bad parent id', () => t.http.post('/api/questions').send({ title: 'x', parentQuestionId: 'nope' }), ['parentQuestionId']],
          ['reword: no reason', () => t.http.patch(`/api/questions/${q}`).send({ title: 'y' }), ['reason']],
          ['propose: bad kind, empty text', () => t.http.post(`/api/questions/${q}/claims`).send({ text: '', kind: 'rumour' }), ['text', 'kind']],
          ['propose: text too long', () => t.http.post(`/api/questions/${q}/claims`).send({ text: 'x'.repeat(5001), kind: 'answer' }), ['text']],
          ['propose: passage too long', () => t.http.post(`/api/questions/${q}/claims`).send({ text: 'x', passage: 'x'.repeat(10_001), kind: 'answer' }), ['passage']],
          ['propose: passage empty', () => t.http.post(`/api/questions/${q}/claims`).send({ text: 'x', passage: '', kind: 'answer' }), ['passage']],
          ['propose: passage not a string', () => t.http.post(`/api/questions/${q}/claims`).send({ text: 'x', passage: ['a', 'b'], kind: 'answer' }), ['passage']],
          ['propose: bad respondsTo', () => t.http.post(`/api/questions/${q}/claims`).send({ text: 'x', kind: 'answer', respondsTo: { claimId: c, relation: 'likes' } }), ['respondsTo.relation']],
          ['propose: occurredAt in the future', () => t.http.post(`/api/questions/${q}/claims`).send({ text: 'x', kind: 'answer', provenance: { occurredAt: '2999-01-01T00:00:00Z' } }), ['provenance.occurredAt']],
          ['propose: occurredAt not a date', () => t.http.post(`/api/questions/${q}/claims`).send({ text: 'x', kind: 'answer', provenance: { occurredAt: 'last Tuesday' } }), ['provenance.occurredAt']],
          ['propose: attributedTo without a name', () => t.http.post(`/api/questions/${q}/claims`).send({ text: 'x', kind: 'answer', provenance: { attributedTo: {} } }), ['provenance.attributedTo.name']],
          ['revise: no reason', () => t.http.patch(`/api/claims/${c}`).send({ text: 'y' }), ['reason']],
          ['retract: no reason', () => t.http.post(`/api/claims/${c}/retraction`).send({}), ['reason']],
          ['relate: bad relation', () => t.http.post('/api/claims/relations').send({ fromClaimId: c, toClaimId: c, relation: 'hates' }), ['relation']],
          ['register: bad kind and issued', () => t.http.post('/api/sources').send({ ...GARF, kind: 'rumour', issued: '1954-13' }), ['kind', 'issued']],
          ['register: archive without repository', () => t.http.post('/api/sources').send({ ...GARF, identifiers: { archive: { fond: 'R-9501' } } }), ['identifiers.archive.repository']],
          [
            'register: a guide entry given a file number',
            () => t.http.post('/api/sources').send({ ...GARF, identifiers: { archive: { kind: 'guide-entry', repository: 'GARF', fond: 'R-9501', delo: '8756', list: '3' } } }),
            ['identifiers.archive.delo', 'identifiers.archive.list'],
          ],
          [
            'register: a file given a guide entry’s counts, a bad kind and bad years',
            () => t.http.post('/api/sources').send({ ...GARF, identifiers: { archive: { kind: 'fonds', repository: 'GARF', storageUnits: 8756, inventories: 0, years: '1918 to 1992' } } }),
            ['identifiers.archive.kind', 'identifiers.archive.storageUnits', 'identifiers.archive.inventories', 'identifiers.archive.years'],
          ],
          ['register: bad reliability', () => t.http.post('/api/sources').send({ ...GARF, reliability: 'G' }), ['reliability']],
          ['appraise: bad reliability', () => t.http.patch(`/api/sources/${s}/appraisal`).send({ reliability: 'Z', note: 'x' }), ['reliability']],
          ['attach: bad stance and credibility', () => t.http.post(`/api/claims/${c}/evidence`).send({ sourceId: s, stance: 'meh', credibility: 7 }), ['stance', 'credibility']],
          ['attach: quote too long', () => t.http.post(`/api/claims/${c}/evidence`).send({ sourceId: s, stance: 'supports', quote: 'x'.repeat(5001) }), ['quote']],
          ['withdraw: no reason', () => t.http.post(`/api/evidence/${randomUUID()}/withdrawal`).send({}), ['reason']],
          ['stance: confidence above 1', () => t.http.post(`/api/claims/${c}/stances`).send({ stance: 'endorse', confidence: 1.5 }), ['confidence']],
          ['resolve: ids not UUIDs', () => t.http.post(`/api/questions/${q}/resolution`).send({ summary: 'x', acceptedClaimIds: ['c1'] }), ['acceptedClaimIds']],
          ['reopen: no reason', () => t.http.post(`/api/questions/${q}/reopening`).send({}), ['reason']],
          ['path id not a UUID', () => t.http.patch('/api/claims/not-a-uuid').send({ text: 'y', reason: 'z' }), ['id']],
          ['If-Match not a revision', () => t.http.patch(`/api/claims/${c}`).set('If-Match', 'yesterday').send({ text: 'y', reason: 'z' }), ['If-Match']],
        ];
        for (const [name, send, fields] of cases) {
          await expect(refused(send, 400, fields), name).resolves.toBeDefined();
        }
      });

      it('refuses malformed JSON', async () => {
        const body = await refused(() => t.http.post('/api/questions').set('Content-Type', 'application/json').send('{"title": "unclosed'), 400, ['body']);
        expect(body.type).toContain('malformed-json');
      });

      it('refuses a body over the limit with 413', async () => {
        const huge = 'x'.repeat(t.config.bodyLimitBytes + 10);
        await refused(() => t.http.post('/api/questions').send({ title: 'big', body: huge }), 413, ['body']);
      });
    });

    describe('unknown ids: 404, nothing written', () => {
      it('answers 404 for every route that names an unknown id', async () => {
        const unknown = randomUUID();
        const cases: [string, () => import('supertest').Test][] = [
          ['reword', () => t.http.patch(`/api/questions/${unknown}`).send({ title: 'x', reason: 'y' })],
          ['propose', () => t.http.post(`/api/questions/${unknown}/claims`).send({ text: 'x', kind: 'answer' })],
          ['revise', () => t.http.patch(`/api/claims/${unknown}`).send({ text: 'x', reason: 'y' })],
          ['retract', () => t.http.post(`/api/claims/${unknown}/retraction`).send({ reason: 'y' })],
          ['attach', () => t.http.post(`/api/claims/${unknown}/evidence`).send({ sourceId: unknown, stance: 'supports' })],
          ['withdraw', () => t.http.post(`/api/evidence/${unknown}/withdrawal`).send({ reason: 'y' })],
          ['stance', () => t.http.post(`/api/claims/${unknown}/stances`).send({ stance: 'endorse', confidence: 0.5 })],
          ['appraise', () => t.http.patch(`/api/sources/${unknown}/appraisal`).send({ reliability: 'A', note: 'y' })],
          ['resolve', () => t.http.post(`/api/questions/${unknown}/resolution`).send({ summary: 'x', acceptedClaimIds: [] })],
          ['reopen', () => t.http.post(`/api/questions/${unknown}/reopening`).send({ reason: 'y' })],
          ['get question', () => t.http.get(`/api/questions/${unknown}`)],
          ['get events', () => t.http.get(`/api/questions/${unknown}/events`)],
          ['get claim', () => t.http.get(`/api/claims/${unknown}`)],
          ['get source', () => t.http.get(`/api/sources/${unknown}`)],
        ];
        for (const [name, send] of cases) await expect(refused(send, 404), name).resolves.toBeDefined();
      });
    });

    describe('rules of the ledger: 422 naming the field, nothing written', () => {
      it('refuses what DOMAIN.md forbids', async () => {
        const q1 = await openQuestion();
        const q2 = await openQuestion();
        const a = await proposeClaim(q1);
        const b = await proposeClaim(q1);
        const elsewhere = await proposeClaim(q2);
        const s = await registerSource();
        await t.http.post(`/api/claims/${b}/retraction`).send({ reason: 'wrong' }).expect(200);

        await refused(() => t.http.post(`/api/claims/${b}/evidence`).send({ sourceId: s, stance: 'supports' }), 422, ['claimId']);
        await refused(() => t.http.post('/api/claims/relations').send({ fromClaimId: a, toClaimId: elsewhere, relation: 'rebuts' }), 422, ['toClaimId']);
        await refused(() => t.http.post('/api/claims/relations').send({ fromClaimId: a, toClaimId: b, relation: 'rebuts' }), 422, ['toClaimId']);
        await refused(() => t.http.post(`/api/claims/${b}/retraction`).send({ reason: 'again' }), 422, ['claimId']);
        await refused(() => t.http.post(`/api/questions/${q1}/resolution`).send({ summary: 'x', acceptedClaimIds: [a, elsewhere] }), 422, ['acceptedClaimIds[1]']);
        await refused(() => t.http.post(`/api/claims/${a}/evidence`).send({ sourceId: randomUUID(), stance: 'supports' }), 422, ['sourceId']);
        await refused(() => t.http.post('/api/questions').send({ title: 'orphan', parentQuestionId: randomUUID() }), 422, ['parentQuestionId']);
        await refused(() => t.http.post(`/api/questions/${q1}/claims`).send({ text: 'x', kind: 'answer', provenance: { saidIn: randomUUID() } }), 422, ['provenance.saidIn']);
        await refused(() => t.http.post(`/api/questions/${q1}/reopening`).send({ reason: 'not resolved' }), 422, ['questionId']);
      });
    });

    describe('proof standards, verification and relations to evidence', () => {
      type EventJson = { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> };
      const eventsOf = async (questionId: string) => (await t.http.get(`/api/questions/${questionId}/events`).expect(200)).body as EventJson[];
      const codeOf = (body: Record<string, unknown>) => body.code;

      it('opens a question under a proof standard, preponderance by default, stored at schema version 2', async () => {
        const strict = await openQuestion({ title: 'Was the Office of External Relations an NKVD post?', proofStandard: 'beyond-reasonable-doubt' });
        const plain = await openQuestion();
        expect((await t.http.get(`/api/questions/${strict}`).expect(200)).body).toMatchObject({ proofStandard: 'beyond-reasonable-doubt', proofStandardChanges: [] });
        expect((await t.http.get(`/api/questions/${plain}`).expect(200)).body).toMatchObject({ proofStandard: 'preponderance' });
        const listed = (await t.http.get('/api/questions').expect(200)).body as { id: string; proofStandard: string }[];
        expect(listed.find((q) => q.id === strict)!.proofStandard).toBe('beyond-reasonable-doubt');
        const [opened] = await eventsOf(strict);
        expect(opened).toMatchObject({ type: 'QuestionOpened', data: { proofStandard: 'beyond-reasonable-doubt' }, metadata: { schemaVersion: 2 } });
        const claimed = await proposeClaim(plain);
        expect(claimed).toBeDefined();
        expect((await eventsOf(plain))[1]).toMatchObject({ type: 'ClaimProposed', data: { passage: null }, metadata: { schemaVersion: 2 } });
      });

      it('lets a moderator change the proof standard, with its reason and provenance, and refuses the standard in force', async () => {
        const q = await openQuestion();
        const moderator = await t.principal('proof-standard-moderator', 'moderator');
        const changed = await moderator.http
          .post(`/api/questions/${q}/proof-standard`)
          .send({ proofStandard: 'clear-and-convincing', reason: 'A finding of NKVD control is read as a verdict' })
          .expect(200);
        expect(changed.body).toMatchObject({ id: q, revision: '1' });
        expect(changed.headers.etag).toBe('"1"');
        const detail = (await t.http.get(`/api/questions/${q}`).expect(200)).body;
        expect(detail.proofStandard).toBe('clear-and-convincing');
        expect(detail.proofStandardChanges).toEqual([
          expect.objectContaining({ proofStandard: 'clear-and-convincing', reason: 'A finding of NKVD control is read as a verdict' }),
        ]);
        expect(detail.proofStandardChanges[0].provenance.recordedBy).toEqual({ id: moderator.id, name: moderator.name });
        const event = (await eventsOf(q)).at(-1)!;
        expect(event).toMatchObject({ type: 'ProofStandardChanged', data: { questionId: q, proofStandard: 'clear-and-convincing' } });
        expect(event.metadata.recordedBy).toEqual({ id: moderator.id, name: moderator.name });

        const unchanged = await refused(() => t.http.post(`/api/questions/${q}/proof-standard`).send({ proofStandard: 'clear-and-convincing', reason: 'again' }), 422, ['proofStandard']);
        expect(codeOf(unchanged)).toBe('unchanged');
        await t.http.post(`/api/questions/${q}/proof-standard`).send({ proofStandard: 'preponderance', reason: 'back to the default' }).expect(200);
      });

      it('refuses a proof standard change to a contributor (403), and bad or unknown input, writing nothing', async () => {
        const q = await openQuestion();
        const contributor = await t.principal('proof-standard-contributor', 'contributor');
        const forbidden = await refused(() => contributor.http.post(`/api/questions/${q}/proof-standard`).send({ proofStandard: 'scintilla', reason: 'mine' }), 403);
        expect(forbidden.detail).toContain('moderator');
        await refused(() => t.http.post(`/api/questions/${q}/proof-standard`).send({ proofStandard: 'certainty', reason: 'x' }), 400, ['proofStandard']);
        await refused(() => t.http.post(`/api/questions/${q}/proof-standard`).send({ proofStandard: 'scintilla' }), 400, ['reason']);
        await refused(() => t.http.post('/api/questions').send({ title: 'x', proofStandard: 'hunch' }), 400, ['proofStandard']);
        await refused(() => t.http.post(`/api/questions/${randomUUID()}/proof-standard`).send({ proofStandard: 'scintilla', reason: 'x' }), 404);
      });

      it('attaches evidence as examined by default over the API, or as cited when said so, stored at schema version 2', async () => {
        const q = await openQuestion();
        const c = await proposeClaim(q);
        const s = await registerSource();
        const read = (await t.http.post(`/api/claims/${c}/evidence`).send({ sourceId: s, stance: 'supports', locator: 'op. 17' }).expect(201)).body.id;
        const lead = (await t.http.post(`/api/claims/${c}/evidence`).send({ sourceId: s, stance: 'supports', verification: 'cited' }).expect(201)).body.id;
        const claim = (await t.http.get(`/api/claims/${c}`).expect(200)).body;
        const byId = (id: string) => claim.evidence.find((e: { id: string }) => e.id === id);
        expect(byId(read)).toMatchObject({ verification: 'examined', verifications: [expect.objectContaining({ verification: 'examined', note: null })], relations: [] });
        expect(byId(lead)).toMatchObject({ verification: 'cited' });
        const attached = (await eventsOf(q)).filter((e) => e.type === 'EvidenceAttached');
        expect(attached.map((e) => [e.data.verification, e.metadata.schemaVersion])).toEqual([
          ['examined', 2],
          ['cited', 2],
        ]);
        const citations = (await t.http.get(`/api/sources/${s}/citations`).expect(200)).body.citations as { evidenceId: string; verification: string }[];
        expect(citations.find((x) => x.evidenceId === lead)!.verification).toBe('cited');
        await refused(() => t.http.post(`/api/claims/${c}/evidence`).send({ sourceId: s, stance: 'supports', verification: 'skimmed' }), 400, ['verification']);
      });

      it('lets the owner raise a verification, and a moderator anyone’s, as a moderator action; each with its provenance', async () => {
        const q = await openQuestion();
        const c = await proposeClaim(q);
        const s = await registerSource();
        const owner = await t.principal('verification-owner', 'contributor');
        const moderator = await t.principal('verification-moderator', 'moderator');
        const e = (await owner.http.post(`/api/claims/${c}/evidence`).send({ sourceId: s, stance: 'supports', verification: 'cited' }).expect(201)).body.id;

        const raised = await owner.http
          .post(`/api/evidence/${e}/verification`)
          .send({ verification: 'examined', note: 'Read at GARF in the reading room', provenance: { occurredAt: '2024-03-05T10:00:00Z' } })
          .expect(200);
        expect(raised.body).toMatchObject({ id: e, eventIds: [expect.any(String)] });
        await moderator.http.post(`/api/evidence/${e}/verification`).send({ verification: 'transcribed' }).expect(200);

        const events = (await eventsOf(q)).filter((x) => x.type === 'EvidenceVerified');
        expect(events.map((x) => x.data)).toEqual([
          { questionId: q, evidenceId: e, claimId: c, verification: 'examined', note: 'Read at GARF in the reading room' },
          { questionId: q, evidenceId: e, claimId: c, verification: 'transcribed', note: null, moderatorAction: true },
        ]);
        expect(events.map((x) => (x.metadata.recordedBy as { name: string }).name)).toEqual([owner.name, moderator.name]);
        expect(events[0].metadata.occurredAt).toBe('2024-03-05T10:00:00.000Z');

        const evidence = (await t.http.get(`/api/claims/${c}`).expect(200)).body.evidence[0];
        expect(evidence.verification).toBe('transcribed');
        expect(evidence.verifications.map((v: { verification: string; note: string | null; provenance: { recordedBy: { name: string } } }) => [v.verification, v.note, v.provenance.recordedBy.name])).toEqual([
          ['cited', null, owner.name],
          ['examined', 'Read at GARF in the reading room', owner.name],
          ['transcribed', null, moderator.name],
        ]);
        const citations = (await t.http.get(`/api/sources/${s}/citations`).expect(200)).body.citations as { evidenceId: string; verification: string }[];
        expect(citations.find((x) => x.evidenceId === e)!.verification).toBe('transcribed');
      });

      it('refuses another contributor’s verification, a repeated or lowered one, withdrawn or unknown evidence, and bad bodies, writing nothing', async () => {
        const q = await openQuestion();
        const c = await proposeClaim(q);
        const s = await registerSource();
        const owner = await t.principal('verification-owner-2', 'contributor');
        const stranger = await t.principal('verification-stranger', 'contributor');
        const e = (await owner.http.post(`/api/claims/${c}/evidence`).send({ sourceId: s, stance: 'supports' }).expect(201)).body.id;

        // Someone else's evidence: refused as the ledger refuses withdrawing it (not-owner, naming evidenceId).
        expect(codeOf(await refused(() => stranger.http.post(`/api/evidence/${e}/verification`).send({ verification: 'transcribed' }), 403, ['evidenceId']))).toBe('not-owner');
        expect(codeOf(await refused(() => owner.http.post(`/api/evidence/${e}/verification`).send({ verification: 'examined' }), 422, ['verification']))).toBe('unchanged');
        const lowered = await refused(() => owner.http.post(`/api/evidence/${e}/verification`).send({ verification: 'cited' }), 422, ['verification']);
        expect(codeOf(lowered)).toBe('verification-lowered');
        expect(lowered.detail).toMatch(/withdraw the evidence and attach it again/);

        await refused(() => owner.http.post(`/api/evidence/${e}/verification`).send({ verification: 'glanced' }), 400, ['verification']);
        await refused(() => owner.http.post(`/api/evidence/${e}/verification`).send({}), 400, ['verification']);
        await refused(() => owner.http.post(`/api/evidence/${e}/verification`).send({ verification: 'transcribed', note: 'x'.repeat(2001) }), 400, ['note']);
        await refused(() => owner.http.post(`/api/evidence/${e}/verification`).send({ verification: 'transcribed', moderatorAction: true }), 400, ['moderatorAction']);
        await refused(() => owner.http.post('/api/evidence/not-a-uuid/verification').send({ verification: 'transcribed' }), 400, ['id']);
        await refused(() => owner.http.post(`/api/evidence/${randomUUID()}/verification`).send({ verification: 'transcribed' }), 404);

        await owner.http.post(`/api/evidence/${e}/withdrawal`).send({ reason: 'wrong opis' }).expect(200);
        expect(codeOf(await refused(() => owner.http.post(`/api/evidence/${e}/verification`).send({ verification: 'transcribed' }), 422, ['evidenceId']))).toBe('evidence-withdrawn');
      });

      it('relates a claim to a piece of evidence, and two rival claims with competes; both are presented', async () => {
        const q = await openQuestion();
        const external = await proposeClaim(q, { text: 'The Office of External Relations was always headed by an NKVD appointee', kind: 'answer' });
        const heading = await proposeClaim(q, { text: 'A catalogue heading cannot show who headed the office', kind: 'hypothesis' });
        const budget = await proposeClaim(q, { text: 'The allowance was a budgetary device', kind: 'hypothesis' });
        const s = await registerSource();
        const e = (await t.http.post(`/api/claims/${external}/evidence`).send({ sourceId: s, stance: 'supports', locator: 'op. 17' }).expect(201)).body.id;

        const undercut = await t.http.post('/api/claims/relations').send({ fromClaimId: heading, toEvidenceId: e, relation: 'undercuts' }).expect(201);
        const rivals = await t.http.post('/api/claims/relations').send({ fromClaimId: budget, toClaimId: external, relation: 'competes' }).expect(201);

        const events = await eventsOf(q);
        expect(events.find((x) => x.type === 'ClaimRelatedToEvidence')!.data).toEqual({
          questionId: q,
          relationId: undercut.body.id,
          fromClaimId: heading,
          toEvidenceId: e,
          relation: 'undercuts',
        });
        expect(events.filter((x) => x.type === 'ClaimsRelated').map((x) => x.data.relation)).toEqual(['competes']);

        const question = (await t.http.get(`/api/questions/${q}`).expect(200)).body;
        expect(question.evidenceRelations).toEqual([expect.objectContaining({ id: undercut.body.id, fromClaimId: heading, toEvidenceId: e, relation: 'undercuts' })]);
        expect(question.evidence[0].relations).toEqual([expect.objectContaining({ id: undercut.body.id })]);
        const critic = (await t.http.get(`/api/claims/${heading}`).expect(200)).body;
        expect(critic.evidenceRelations).toEqual([expect.objectContaining({ toEvidenceId: e, relation: 'undercuts' })]);
        const target = (await t.http.get(`/api/claims/${external}`).expect(200)).body;
        expect(target.evidence[0].relations).toEqual([expect.objectContaining({ fromClaimId: heading })]);
        expect(target.relations).toEqual([expect.objectContaining({ id: rivals.body.id, relation: 'competes' })]);

        // competes holds both ways: stating it the other way round is the same relation.
        const again = await refused(() => t.http.post('/api/claims/relations').send({ fromClaimId: external, toClaimId: budget, relation: 'competes' }), 422, ['relation']);
        expect(codeOf(again)).toBe('relation-exists');
        expect(codeOf(await refused(() => t.http.post('/api/claims/relations').send({ fromClaimId: heading, toEvidenceId: e, relation: 'undercuts' }), 422, ['relation']))).toBe('relation-exists');
      });

      it('refuses a relation with two targets or none, competes with evidence, and evidence that is elsewhere or withdrawn, writing nothing', async () => {
        const q = await openQuestion();
        const other = await openQuestion();
        const a = await proposeClaim(q);
        const b = await proposeClaim(q);
        const elsewhere = await proposeClaim(other);
        const s = await registerSource();
        const e = (await t.http.post(`/api/claims/${a}/evidence`).send({ sourceId: s, stance: 'supports' }).expect(201)).body.id;
        const foreign = (await t.http.post(`/api/claims/${elsewhere}/evidence`).send({ sourceId: s, stance: 'supports' }).expect(201)).body.id;
        const gone = (await t.http.post(`/api/claims/${a}/evidence`).send({ sourceId: s, stance: 'undermines' }).expect(201)).body.id;
        await t.http.post(`/api/evidence/${gone}/withdrawal`).send({ reason: 'misread' }).expect(200);

        await refused(() => t.http.post('/api/claims/relations').send({ fromClaimId: b, toClaimId: a, toEvidenceId: e, relation: 'rebuts' }), 400, ['toEvidenceId']);
        const neither = await refused(() => t.http.post('/api/claims/relations').send({ fromClaimId: b, relation: 'rebuts' }), 400, ['toClaimId']);
        expect(neither.errors).toEqual([{ field: 'toClaimId', message: 'give toClaimId (a claim) or toEvidenceId (a piece of evidence) as the target' }]);
        await refused(() => t.http.post('/api/claims/relations').send({ fromClaimId: b, toClaimId: 'c1', relation: 'rebuts' }), 400, ['toClaimId']);
        await refused(() => t.http.post('/api/claims/relations').send({ fromClaimId: b, toEvidenceId: e, relation: 'competes' }), 400, ['relation']);
        await refused(() => t.http.post('/api/claims/relations').send({ fromClaimId: b, toEvidenceId: 'not-a-uuid', relation: 'rebuts' }), 400, ['toEvidenceId']);
        expect(codeOf(await refused(() => t.http.post('/api/claims/relations').send({ fromClaimId: b, toEvidenceId: foreign, relation: 'rebuts' }), 422, ['toEvidenceId']))).toBe('evidence-not-in-question');
        expect(codeOf(await refused(() => t.http.post('/api/claims/relations').send({ fromClaimId: b, toEvidenceId: randomUUID(), relation: 'rebuts' }), 422, ['toEvidenceId']))).toBe('evidence-not-in-question');
        expect(codeOf(await refused(() => t.http.post('/api/claims/relations').send({ fromClaimId: b, toEvidenceId: gone, relation: 'rebuts' }), 422, ['toEvidenceId']))).toBe('evidence-withdrawn');
        expect(codeOf(await refused(() => t.http.post('/api/claims/relations').send({ fromClaimId: a, toClaimId: a, relation: 'competes' }), 422, ['toClaimId']))).toBe('self-relation');
        expect(codeOf(await refused(() => t.http.post('/api/claims/relations').send({ fromClaimId: a, toClaimId: elsewhere, relation: 'competes' }), 422, ['toClaimId']))).toBe('claim-not-in-question');
      });
    });

    describe('concurrency and idempotency', () => {
      it('answers 409 to a stale If-Match, and accepts a current one', async () => {
        const q = await openQuestion();
        const c = await proposeClaim(q);
        const read = await t.http.get(`/api/claims/${c}`).expect(200);
        const etag = read.headers.etag;
        await t.http.patch(`/api/claims/${c}`).set('If-Match', etag).send({ text: 'first edit', reason: 'x' }).expect(200);
        const body = await refused(() => t.http.patch(`/api/claims/${c}`).set('If-Match', etag).send({ text: 'second edit', reason: 'y' }), 409);
        expect(body).toMatchObject({ expectedRevision: '1', actualRevision: '2' });
      });

      it('replays the first answer for a repeated Idempotency-Key and refuses the key with another body', async () => {
        const q = await openQuestion();
        const key = randomUUID();
        const first = await t.http.post(`/api/questions/${q}/claims`).set('Idempotency-Key', key).send({ text: 'Once only', kind: 'answer' }).expect(201);
        const before = await head();
        const again = await t.http.post(`/api/questions/${q}/claims`).set('Idempotency-Key', key).send({ kind: 'answer', text: 'Once only' });
        expect(again.status).toBe(201);
        expect(again.body).toEqual(first.body);
        expect(await head()).toBe(before);
        const reused = await refused(() => t.http.post(`/api/questions/${q}/claims`).set('Idempotency-Key', key).send({ text: 'Something else', kind: 'answer' }), 422, ['Idempotency-Key']);
        expect(reused.type).toContain('idempotency-key-reused');
        const events = await t.http.get(`/api/questions/${q}/events`).expect(200);
        expect(events.body.filter((e: { type: string }) => e.type === 'ClaimProposed')).toHaveLength(1);
      });

      it('lands 50 concurrent claims on one question: none lost, none duplicated', async () => {
        const q = await openQuestion();
        const responses = await Promise.all(
          Array.from({ length: 50 }, (_, i) => t.http.post(`/api/questions/${q}/claims`).send({ text: `Concurrent claim ${i}`, kind: 'answer' })),
        );
        expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
        const events = (await t.http.get(`/api/questions/${q}/events`).expect(200)).body as RecordedEventJson[];
        const claims = events.filter((e) => e.type === 'ClaimProposed');
        expect(claims).toHaveLength(50);
        expect(new Set(claims.map((e) => e.data.text)).size).toBe(50);
        expect(new Set(responses.map((r) => r.body.id)).size).toBe(50);
        expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => String(i)));
        expect(firstChainBreak(events.map(recordedEventFromJson))).toBeNull();
      });

      it('answers each of many concurrent writes with its own events and positions, and refuses only what a rule forbids', async () => {
        const q = await openQuestion();
        const target = await proposeClaim(q);
        const [claims, retractions] = await Promise.all([
          Promise.all(Array.from({ length: 12 }, (_, i) => t.http.post(`/api/questions/${q}/claims`).send({ text: `batched ${i}`, kind: 'answer' }))),
          Promise.all(Array.from({ length: 6 }, () => t.http.post(`/api/claims/${target}/retraction`).send({ reason: 'twice is once too many' }))),
        ]);
        expect(claims.map((r) => r.status)).toEqual(Array(12).fill(201));
        expect(retractions.map((r) => r.status).sort()).toEqual([200, 422, 422, 422, 422, 422]);
        const events = (await t.http.get(`/api/questions/${q}/events`).expect(200)).body as RecordedEventJson[];
        for (const answer of [...claims, ...retractions.filter((r) => r.status === 200)]) {
          const last = events.find((e) => e.id === answer.body.eventIds.at(-1))!;
          expect(answer.body.position).toBe(last.position);
          expect(answer.body.revision).toBe(last.revision);
        }
        expect(events.filter((e) => e.type === 'ClaimRetracted')).toHaveLength(1);
        expect(firstChainBreak(events.map(recordedEventFromJson))).toBeNull();
      });
    });

    describe('provenance: the first three posts of the reference debate', () => {
      it('records who said what, when and where, and chains every event', async () => {
        const post = async (title: string, author: string, issued: string) =>
          registerSource({ kind: 'forum-post', title, authors: [author], issued, identifiers: { url: 'https://waisworld.org/' } });
        const silviaPost = await post('Soviet Red Cross and the Spanish Communists: What was the Connection?', 'Silvia Ribelles de la Vega', '2021-02-10');
        const prestonPost = await post('Soviet Red Cross and the Spanish Communists', 'Paul Preston', '2021-02-10');
        const volodarskyPost = await post('Soviet Red Cross', 'Boris Volodarsky', '2021-02-12');
        const silvia = { attributedTo: { name: 'Silvia Ribelles de la Vega', location: 'USA' }, occurredAt: '2021-02-10T03:02:00-05:00', saidIn: silviaPost };
        const eipper = { attributedTo: { name: 'John Eipper', affiliation: 'WAIS moderator' }, occurredAt: '2021-02-10T03:02:00-05:00', saidIn: silviaPost };
        const preston = { attributedTo: { name: 'Paul Preston', location: 'UK' }, occurredAt: '2021-02-10T14:19:00-05:00', saidIn: prestonPost };
        const volodarsky = { attributedTo: { name: 'Boris Volodarsky', location: 'Austria' }, occurredAt: '2021-02-12T03:13:00-05:00', saidIn: volodarskyPost };

        const q = (
          await t.http
            .post('/api/questions')
            .send({
              title: 'What was the relationship in the second half of the 1940s between the Soviet Red Cross, the Communist Party of Spain and the NKVD?',
              body: 'Some families of the "N\'X Comrades" received a 600-rouble allowance paid by the "Red Cross".',
              tags: ['soviet-red-cross', 'pce', 'nkvd'],
              provenance: silvia,
            })
            .expect(201)
        ).body.id;
        const allowance = await proposeClaim(q, { text: 'Some families of the N\'X Comrades received a 600-rouble allowance from the "Red Cross".', kind: 'background', provenance: silvia });
        const infiltrated = await proposeClaim(q, { text: 'The Soviet Red Cross was an integrated, "infiltrated" branch of the Soviet government.', kind: 'hypothesis', provenance: eipper });
        const budget = (
          await t.http
            .post(`/api/questions/${q}/claims`)
            .send({
              text: 'The allowance was a budgetary device: the NKVD did not normally pay welfare to foreigners who were not its employees.',
              kind: 'hypothesis',
              respondsTo: { claimId: allowance, relation: 'supports' },
              provenance: preston,
            })
            .expect(201)
        ).body.id;
        await t.http.post(`/api/claims/${budget}/stances`).send({ stance: 'endorse', confidence: 0.3, provenance: preston }).expect(201);
        const founded = await proposeClaim(q, {
          text: 'The Office of External Relations of the Soviet Red Cross was always headed by a Cheka–OGPU–NKVD–KGB appointee.',
          kind: 'answer',
          respondsTo: { claimId: infiltrated, relation: 'supports' },
          provenance: volodarsky,
        });
        expect(founded).toBeDefined();

        const events = (await t.http.get(`/api/questions/${q}/events`).expect(200)).body as RecordedEventJson[];
        expect(events.map((e) => e.type)).toEqual([
          'QuestionOpened',
          'ClaimProposed',
          'ClaimProposed',
          'ClaimProposed',
          'ClaimsRelated',
          'StanceRecorded',
          'ClaimProposed',
          'ClaimsRelated',
        ]);
        const expected = [silvia, silvia, eipper, preston, preston, preston, volodarsky, volodarsky];
        events.forEach((event, i) => {
          const m = event.metadata as Record<string, unknown>;
          expect(m.recordedBy).toEqual(t.admin);
          expect(m.attributedTo).toEqual(expected[i].attributedTo);
          expect(m.occurredAt).toBe(new Date(expected[i].occurredAt).toISOString());
          expect(m.saidIn).toBe(expected[i].saidIn);
          expect(Date.parse(m.recordedAt as string)).toBeGreaterThan(Date.parse('2026-01-01'));
          for (const key of ['commandId', 'correlationId', 'causationId', 'hash', 'prevHash']) expect(typeof m[key]).toBe('string');
          expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
          expect(event.revision).toBe(String(i));
          expect(event.position).toMatch(/^\d+$/);
        });
        expect(events[3].metadata.commandId).toBe(events[4].metadata.commandId);
        expect(firstChainBreak(events.map(recordedEventFromJson))).toBeNull();

        // Any edit of a stored event breaks the chain at that event.
        const tampered = events.map(recordedEventFromJson);
        tampered[3] = { ...tampered[3], data: { ...tampered[3].data, text: 'The NKVD paid directly.' } };
        expect(firstChainBreak(tampered)).toMatchObject({ revision: '3', problem: expect.stringContaining('hash does not match the content') });
        const reordered = events.map(recordedEventFromJson);
        [reordered[1], reordered[2]] = [reordered[2], reordered[1]];
        expect(firstChainBreak(reordered)).not.toBeNull();
      });

      it('never takes recordedBy from the body', async () => {
        await refused(
          () => t.http.post('/api/questions').send({ title: 'x', provenance: { recordedBy: { id: 'mallory', name: 'Mallory' } } }),
          400,
          ['provenance.recordedBy'],
        );
      });
    });
  });
}
