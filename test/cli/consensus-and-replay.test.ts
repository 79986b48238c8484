import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerWithSmallDebate, runCli, setCliTimeouts } from '../support/run-cli';

setCliTimeouts();

let env: Record<string, string>;
let questionId: string;
let remove: () => void;

beforeAll(async () => {
  ({ env, questionId, remove } = await ledgerWithSmallDebate());
});
afterAll(() => remove());

/** The claims of a question as `claims consensus --format json` gives them. */
async function claimsOf(question: string, environment: Record<string, string>): Promise<{ id: string; text: string; label: string }[]> {
  return JSON.parse((await runCli(['consensus', question, '--format', 'json'], environment)).stdout).claims;
}

describe('claims consensus', () => {
  it('prints the consensus as JSON, now and as of a date on the occurred axis', async () => {
    const now = await runCli(['consensus', questionId.slice(0, 8), '--format', 'json'], env);
    expect(now.code).toBe(0);
    const view = JSON.parse(now.stdout);
    expect(view).toMatchObject({ questionId, axis: 'recorded' });
    expect(view.claims.map((c: { text: string }) => c.text)).toEqual([
      'Some families received a 600-rouble allowance from the "Red Cross".',
      'The allowance was a budgetary device.',
    ]);
    // Preston's reply was posted at 14:19 on 10 February (UTC−5); at noon it had not been said.
    const before = JSON.parse((await runCli(['consensus', questionId, '--format', 'json', '--as-of', '2021-02-10T12:00:00-05:00', '--axis', 'occurred'], env)).stdout);
    expect(before.claims).toHaveLength(1);
    expect(before.claims[0].label).toBe('open');
  });

  it('prints a table and a Markdown table, and refuses an unknown question with exit 2', async () => {
    const table = await runCli(['consensus', questionId], env);
    expect(table.stdout).toMatch(/label\s+strength\s+grounded\s+stances\s+kind\s+claim/);
    // Supported only by another claim: unverified, not established, with no stances taken.
    expect(table.stdout).toMatch(/unverified\s+0\.75\s+no\s+\+0 −0\s+background\s+Some families/);
    expect(table.stdout).toContain('open and unverified mean not established: nothing in the record confirms the claim.');
    const markdown = await runCli(['consensus', questionId, '--format', 'markdown'], env);
    expect(markdown.stdout).toContain('| label | strength | grounded | stances | kind | claim | reading |');
    expect(markdown.stdout).toMatch(/\| unverified \| 0\.75 \| no \| \+0 −0 \| background \| .* \| .*asserted by Silvia Ribelles de la Vega; nothing in the record confirms it: its support is only other claims/);
    const unknown = await runCli(['consensus', 'ffffffff'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no question ffffffff');
  });

  it('shows each claim with the start of its id and, under it, why it has its label; --wide shows whole texts', async () => {
    const claims = await claimsOf(questionId, env);
    const allowance = claims.find((c) => c.text.startsWith('Some families'))!;
    const table = await runCli(['consensus', questionId], { ...env, COLUMNS: '100' });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^id\s+label\s+strength\s+grounded\s+stances\s+kind\s+claim$/m);
    expect(table.stdout).toMatch(new RegExp(`^${allowance.id.slice(0, 8)}  unverified\\s+0\\.75\\s+no\\s+\\+0 −0\\s+background\\s+Some families`, 'm'));
    expect(table.stdout).toMatch(/^ {10}why: “Some families received.*asserted by Silvia/m);
    // Every line fits the width; the long reading is cut with "…".
    for (const line of table.stdout.split('\n').slice(3, -4)) expect([...line].length, line).toBeLessThanOrEqual(100);
    expect(table.stdout).toMatch(/why: .*…$/m);

    const wide = await runCli(['consensus', questionId, '--wide'], { ...env, COLUMNS: '100' });
    expect(wide.code, wide.stderr).toBe(0);
    const whole = wide.stdout.replace(/\n\s+/g, ' ');
    const reading = JSON.parse((await runCli(['consensus', questionId, '--format', 'json'], env)).stdout).claims.find((c: { id: string }) => c.id === allowance.id).reading as string;
    expect(whole).toContain(`why: ${reading}`);
    expect(wide.stdout).not.toMatch(/…$/m);
  });

  it('explains one claim with --claim, as of a date too, and refuses a claim the question does not have', async () => {
    const [allowance] = await claimsOf(questionId, env);
    const run = await runCli(['consensus', questionId, '--claim', allowance!.id.slice(0, 6)], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('label: unverified (not established: nothing in the record confirms it) · stances +0 −0');
    expect(run.stdout).toContain('strength: 0.75 (base 0.50)');
    expect(run.stdout).toMatch(/contributions \(Shapley values; they add up to strength − base = \+0\.25\):\n\s+\+0\.25 {2}claim supports, strength 0\.50: The allowance was a budgetary device\./);

    const then = await runCli(['consensus', questionId, '--claim', allowance!.id, '--as-of', '2021-02-10T12:00:00-05:00', '--axis', 'occurred'], env);
    expect(then.code, then.stderr).toBe(0);
    expect(then.stdout).toContain('label: open (not established: nothing in the record confirms it)');
    expect(then.stdout).toContain('none: nothing bears on it, so it keeps its base score');

    const unknown = await runCli(['consensus', questionId, '--claim', 'zzzz'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--claim: the question has no claim zzzz');
  });
});

/**
 * A debate with an examined archival file, a cited reference nobody has read, rival answers and
 * stances: what the small debate lacks.
 */
const EVIDENCE_DEBATE = `
format: claims-ledger/debate@1
debate: evidence-test-debate
title: A test debate with evidence and stances
entries:
  - key: post-1
    command: RegisterSource
    kind: forum-post
    title: "Soviet Red Cross and the Spanish Communists: What was the Connection?"
    authors: [Silvia Ribelles de la Vega]
    issued: 2021-02-10
  - key: garf
    command: RegisterSource
    kind: archival
    title: Records of the Union of Red Cross and Red Crescent Societies of the USSR
    authors: [Union of Red Cross and Red Crescent Societies of the USSR]
    identifiers: { archive: { repository: GARF, fond: R-9501, opis: "17" } }
    reliability: B
  - key: q
    command: OpenQuestion
    by: { name: Silvia Ribelles de la Vega, location: USA }
    at: 2021-02-10T03:02:00-05:00
    in: post-1
    title: Why would the Red Cross pay the families?
  - key: allowance
    command: ProposeClaim
    by: { name: Silvia Ribelles de la Vega }
    at: 2021-02-10T03:02:00-05:00
    question: q
    text: Some families received a 600-rouble allowance from the "Red Cross".
    kind: background
  - key: budget
    command: ProposeClaim
    by: { name: Paul Preston }
    at: 2021-02-10T14:19:00-05:00
    question: q
    text: The allowance was a budgetary device.
    kind: answer
    respondsTo: { claim: allowance, relation: supports }
  - key: deniability
    command: ProposeClaim
    by: { name: John Eipper }
    at: 2021-02-11T09:00:00-05:00
    question: q
    text: The Red Cross paid so that the NKVD could deny any link with the families.
    kind: answer
  - key: rivals
    command: RelateClaims
    by: { name: John Eipper }
    at: 2021-02-11T09:00:00-05:00
    from: budget
    to: deniability
    relation: competes
  - key: garf-file
    command: AttachEvidence
    by: { name: Boris Volodarsky }
    at: 2021-02-12T03:13:00-05:00
    claim: allowance
    source: garf
    stance: supports
    locator: op. 17
    credibility: 2
    verification: examined
  - key: garf-cited
    command: AttachEvidence
    by: { name: Boris Volodarsky }
    at: 2021-02-12T03:13:00-05:00
    claim: budget
    source: garf
    stance: supports
    locator: op. 18
  - { key: s1, command: RecordStance, by: { name: Paul Preston }, claim: allowance, stance: endorse, confidence: 0.9 }
  - { key: s2, command: RecordStance, by: { name: Boris Volodarsky }, claim: allowance, stance: endorse, confidence: 0.6 }
  - { key: s3, command: RecordStance, by: { name: John Eipper }, claim: allowance, stance: dispute, confidence: 0.4 }
`;

describe('claims consensus on a debate with evidence and stances', () => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  const evidenceEnv = { LEDGER_DATA_DIR: join(directory, 'ledger') };
  let question: string;
  let claims: { id: string; text: string; label: string }[];

  beforeAll(async () => {
    const file = join(directory, 'evidence-debate.yaml');
    writeFileSync(file, EVIDENCE_DEBATE);
    const imported = await runCli(['import', file], evidenceEnv);
    expect(imported.code, imported.stderr).toBe(0);
    question = /question (\S+)/.exec(imported.stdout)![1]!;
    claims = await claimsOf(question, evidenceEnv);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('shows the stances beside each label, in the table and in the Markdown table', async () => {
    // The third is a rival of the second with nothing for or against it: a rival explanation is
    // something said against a claim, so neither is open, and no examined evidence tells them apart.
    expect(claims.map((c) => c.label)).toEqual(['corroborated', 'contested', 'contested']);
    const table = await runCli(['consensus', question], evidenceEnv);
    expect(table.stdout).toMatch(/corroborated\s+0\.93\s+yes 0\.86\s+\+2 −1\s+background\s+Some families/);
    expect(table.stdout).toMatch(/contested\s+0\.50\s+no\s+\+0 −0\s+answer\s+The allowance was a budgetary device\./);
    const markdown = await runCli(['consensus', question, '--format', 'markdown'], evidenceEnv);
    expect(markdown.stdout).toMatch(/\| corroborated \| 0\.93 \| yes \| \+2 −1 \| background \| Some families .* \| .*is corroborated under the preponderance of evidence: it rests on Records of the Union/);
  });

  it('explains a claim: contributions that add up to strength − base, grounds, what would change it, stances', async () => {
    const allowance = claims[0]!;
    const json = await runCli(['consensus', question, '--claim', allowance.id.slice(0, 8), '--format', 'json'], evidenceEnv);
    expect(json.code, json.stderr).toBe(0);
    const explanation = JSON.parse(json.stdout) as {
      claimId: string;
      label: string;
      base: number;
      strength: number;
      method: string;
      contributions: { kind: string; role: string; effect: number }[];
      grounds: { verifiedBy: string }[];
      stances: { endorse: number; dispute: number };
    };
    expect(explanation).toMatchObject({ claimId: allowance.id, label: 'corroborated', method: 'exact', stances: { endorse: 2, dispute: 1 } });
    expect(explanation.contributions.map((c) => [c.kind, c.role])).toEqual([
      ['evidence', 'support'],
      ['claim', 'support'],
    ]);
    const total = explanation.contributions.reduce((sum, c) => sum + c.effect, 0);
    expect(total).toBeCloseTo(explanation.strength - explanation.base, 9);
    expect(explanation.grounds.map((g) => g.verifiedBy)).toEqual(['Boris Volodarsky']);

    const text = await runCli(['consensus', question, '--claim', allowance.id.slice(0, 8)], evidenceEnv);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('label: corroborated · stances +2 −1');
    expect(text.stdout).toMatch(/grounded: yes \(its support rests on examined evidence, which alone carries it to 0\.\d\d\)/);
    expect(text.stdout).toContain('examined by Boris Volodarsky on 2021-02-12');
    expect(text.stdout).toContain('stances: endorsed by 2, disputed by 1 (confidence-weighted agreement +0.37); stances never move the strength');
    // The printed shares add up to the printed change from the base score.
    const change = /they add up to strength − base = ([+−]?\d\.\d\d)\)/.exec(text.stdout)![1]!;
    const shares = [...text.stdout.matchAll(/^ {2}([+−]\d\.\d\d) {2}(?:evidence|claim) /gm)].map((m) => number(m[1]!));
    expect(shares).toHaveLength(2);
    // Each share is rounded to two places, so their sum may differ from the change by a rounding step.
    expect(Math.abs(shares.reduce((a, b) => a + b, 0) - number(change))).toBeLessThanOrEqual(0.01 + 1e-9);
    expect(text.stdout).toMatch(new RegExp(`^ {2}${change.replace(/[+.]/g, '\\$&')} {2}in all$`, 'm'));
  });

  it('says what would change a claim resting on a reference nobody has examined', async () => {
    const budget = claims[1]!;
    const run = await runCli(['consensus', question, '--claim', budget.id], evidenceEnv);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('label: contested · stances +0 −0');
    expect(run.stdout).toContain('explains the same thing, and no examined evidence tells them apart');
    expect(run.stdout).toMatch(/what would change it:\n {2}- Examining Records of the Union of Red Cross and Red Crescent Societies of the USSR \(op\. 18\)/);
  });
});

const number = (text: string) => Number(text.replace('−', '-'));

// claims replay: test/cli/replay.test.ts.

describe('claims rebuild', () => {
  it('rebuilds every projection from the log, and the consensus reads the same after', async () => {
    const before = (await runCli(['consensus', questionId, '--format', 'json'], env)).stdout;
    const run = await runCli(['rebuild'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^rebuilt every projection from 7 events/);
    expect((await runCli(['consensus', questionId, '--format', 'json'], env)).stdout).toBe(before);
  });
});
