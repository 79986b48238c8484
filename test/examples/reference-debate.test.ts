import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/accounts/accounts.service';
import { DebateImporter, type ImportSummary } from '../../src/ledger/import/debate-importer';
import { parseDebateText, validateDebate } from '../../src/ledger/import/validate-debate';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The reference debate's computed consensus against what the thread supports (docs/reference-debate.md
 * gives the reasoning claim by claim).
 */
describe('the reference debate (examples/wais-soviet-red-cross.yaml)', () => {
  let t: TestApp;
  let ids: ImportSummary['ids'];

  beforeAll(async () => {
    t = await startTestApp();
    const path = join(__dirname, '../../examples/wais-soviet-red-cross.yaml');
    const { file, problems } = await validateDebate(parseDebateText(readFileSync(path, 'utf8'), path).document);
    expect(problems).toEqual([]);
    const admin = await t.app.get(Accounts).principal(t.admin.id);
    ids = (await t.app.get(DebateImporter).import(file!, { id: admin.id, name: admin.name, role: admin.role })).ids;
  });

  afterAll(async () => {
    await t?.close();
  });

  const consensusOf = async (questionKey: string) => {
    const body = (await t.http.get(`/api/questions/${ids[questionKey]}/consensus`).expect(200)).body as {
      status: string;
      converged: boolean;
      claims: { id: string; label: string; strength: number | null; grounded: string | null; explanation: { summary: string } }[];
    };
    const claim = (key: string) => body.claims.find((c) => c.id === ids[key])!;
    return { ...body, claim };
  };

  it('answers the main question: Volodarsky’s structural claim stands, unopposed and supported by the archives', async () => {
    const main = await consensusOf('q-main');
    expect(main.status).toBe('answered');
    expect(main.converged).toBe(true);
    const office = main.claim('bv-external-relations-office');
    expect(office).toMatchObject({ label: 'accepted', grounded: 'in' });
    expect(office.strength).toBeGreaterThan(0.99);
    expect(office.explanation.summary).toMatch(/GARF|R-9501/);
    expect(main.claim('je-infiltrated').label).toBe('accepted');
    expect(main.claim('bv-covert-arm').label).toBe('accepted');
  });

  it('sets aside “the Red Cross must have known”, which Volodarsky’s reply undercuts', async () => {
    const main = await consensusOf('q-main');
    expect(main.claim('sr-red-cross-aware')).toMatchObject({ label: 'rejected', grounded: 'out' });
    expect(main.claim('sr-red-cross-aware').strength).toBeLessThan(0.1);
    expect(main.claim('bv-knowledge-irrelevant').label).toBe('accepted');
  });

  it('keeps Preston’s budgetary hypothesis accepted on the evidence, apart from his own low confidence in it', async () => {
    const main = await consensusOf('q-main');
    const preston = (await t.http.get(`/api/claims/${ids['pp-budgetary-device']}`).expect(200)).body as { stances: { confidence: number; participant: { name: string } }[] };
    expect(main.claim('pp-budgetary-device').label).toBe('accepted');
    expect(preston.stances).toContainEqual(expect.objectContaining({ participant: expect.objectContaining({ name: 'Paul Preston' }), confidence: 0.3 }));
  });

  it('leaves disputed and unexamined claims as the thread leaves them: contested and open', async () => {
    const main = await consensusOf('q-main');
    expect(main.claim('sr-red-army-foreign-units').label).toBe('contested');
    expect(main.claim('bv-icrc-1928')).toMatchObject({ label: 'open', strength: 0.5 });
  });

  it('finds the spies question contested: the CIA report weighs against the spy hypothesis', async () => {
    const spies = await consensusOf('q-spies');
    expect(spies.status).toBe('contested');
    expect(spies.claim('sr-spy-hypothesis').label).toBe('contested');
  });

  it('answers the archives follow-ups', async () => {
    expect((await consensusOf('q-archives')).status).toBe('answered');
    expect((await consensusOf('q-individual-files')).status).toBe('answered');
  });
});
