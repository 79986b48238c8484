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
      claims: {
        id: string;
        label: string;
        strength: number | null;
        grounded: boolean;
        reading: string;
        leads: { sourceTitle: string | null }[];
        wouldChange: string[];
        stances: { endorse: number; dispute: number };
      }[];
    };
    const claim = (key: string) => body.claims.find((c) => c.id === ids[key])!;
    return { ...body, claim };
  };

  // Every reference in the thread is a participant's citation that nobody in the ledger has read
  // (imports attach evidence as `cited`): the record confirms nothing yet, and the labels say so.
  it('answers nothing yet: every claim of the main question is asserted, none confirmed by examined evidence', async () => {
    const main = await consensusOf('q-main');
    expect(main.status).toBe('unverified');
    expect(main.converged).toBe(true);
    expect(main.claims.filter((c) => c.label === 'corroborated')).toEqual([]);
    for (const c of main.claims) expect(c.grounded).toBe(false);
    const office = main.claim('bv-external-relations-office');
    expect(office.label).toBe('unverified');
    expect(office.reading).toMatch(/asserted by Boris Volodarsky; nothing in the record confirms it: the references given for it \(.*GARF/);
    expect(office.leads.length).toBeGreaterThan(0);
    expect(office.wouldChange.join(' ')).toMatch(/^Examining .*GARF/);
  });

  it('leaves what nobody argued over open, and a claim undercut by a bare reply open: an undercut of unsupported claim changes nothing', async () => {
    const main = await consensusOf('q-main');
    expect(main.claim('bv-icrc-1928')).toMatchObject({ label: 'open', strength: 0.5 });
    expect(main.claim('sr-red-cross-aware')).toMatchObject({ label: 'open', strength: 0.5 });
    expect(main.claim('sr-red-cross-aware').reading).toMatch(/nothing in the record confirms it/);
  });

  it('shows Preston’s own low confidence in his budgetary hypothesis beside its label, apart from its strength', async () => {
    const main = await consensusOf('q-main');
    const preston = (await t.http.get(`/api/claims/${ids['pp-budgetary-device']}`).expect(200)).body as { stances: { confidence: number; participant: { name: string } }[] };
    expect(main.claim('pp-budgetary-device').label).not.toBe('corroborated');
    expect(preston.stances).toContainEqual(expect.objectContaining({ participant: expect.objectContaining({ name: 'Paul Preston' }), confidence: 0.3 }));
  });

  it('keeps a claim disputed by a bare reply contested, never refuted', async () => {
    const main = await consensusOf('q-main');
    expect(main.claim('sr-red-army-foreign-units').label).toBe('contested');
    const archives = await consensusOf('q-archives');
    expect(archives.claim('sr-archives-inaccessible').label).toBe('contested');
    expect(archives.status).toBe('unverified');
  });

  it('does not let the unread CIA report weigh against the spy hypothesis: a cited reference is a lead, not evidence', async () => {
    const spies = await consensusOf('q-spies');
    expect(spies.claim('sr-spy-hypothesis').label).toBe('unverified');
    expect(spies.status).toBe('open');
  });
});
