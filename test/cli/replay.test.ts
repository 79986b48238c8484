import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerWithSmallDebate, runCli, setCliTimeouts } from '../support/run-cli';

setCliTimeouts();

let env: Record<string, string>;
let questionId: string;
let remove: () => void;
let allowanceId: string;
let budgetId: string;

beforeAll(async () => {
  ({ env, questionId, remove } = await ledgerWithSmallDebate());
  const claims = JSON.parse((await runCli(['consensus', questionId, '--format', 'json'], env)).stdout).claims as { id: string; text: string }[];
  allowanceId = claims.find((c) => c.text.startsWith('Some families'))!.id;
  budgetId = claims.find((c) => c.text.startsWith('The allowance'))!.id;
});
afterAll(() => remove());

interface Step {
  step: number;
  position: string;
  type: string;
  by: string;
  summary: string;
  claimId: string | null;
  status: { from: string | null; to: string };
  changes: { claimId: string; from: string | null; to: string | null; reading: string | null }[];
}

describe('claims replay', () => {
  it('tells each event with its text, which claims changed label and why', async () => {
    const run = await runCli(['replay', questionId], { ...env, COLUMNS: '200' });
    expect(run.code, run.stderr).toBe(0);
    const events = run.stdout.split(/\n(?=#\d+ )/);
    expect(events).toHaveLength(4);
    expect(events[0]).toMatch(/^#1 {2}2021-02-10 08:02 UTC {2}Silvia Ribelles de la Vega\n {4}opened the question “What was the relationship between the Soviet Red Cross, the PCE and the NKVD\?” \[soviet-red-cross\]/);
    expect(events[0]).toContain('question: new → open');
    expect(events[1]).toContain(`proposed claim ${allowanceId.slice(0, 8)} (background): “Some families received a 600-rouble allowance from the "Red Cross".”`);
    expect(events[1]).toMatch(new RegExp(`${allowanceId.slice(0, 8)} new → open\\n {8}why: .*asserted by Silvia Ribelles de la Vega`));
    expect(events[2]).toMatch(/^#3 {2}2021-02-10 19:19 UTC {2}Paul Preston\n {4}proposed claim \w{8} \(hypothesis\): “The allowance was a budgetary device\.”/);
    // The relation: Preston's claim supports Silvia's, which becomes unverified (supported only by a claim), and says why.
    expect(events[3]).toContain(`claim ${budgetId.slice(0, 8)} “The allowance was a budgetary device.” supports claim ${allowanceId.slice(0, 8)} “Some families received`);
    expect(events[3]).toMatch(new RegExp(`${allowanceId.slice(0, 8)} open → unverified {2}“Some families received[^\\n]*\\n {8}why: [^\\n]*nothing in the record confirms it: its support is only other claims`));
    // The question's own status did not move (its answer is a hypothesis nothing supports): not mentioned.
    expect(events[3]).not.toContain('question:');
    expect(run.stdout.trimEnd().endsWith('4 events replayed.')).toBe(true);
  });

  it('steps on Enter and quits on q, read from standard input', async () => {
    const run = await runCli(['replay', questionId, '--step'], env, '\n\nq\n\n');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.match(/^#\d+ /gm)).toEqual(['#1 ', '#2 ', '#3 ']);
    expect(run.stderr.match(/Enter for the next event/g)).toHaveLength(3);
    expect(run.stdout).toContain('Stopped after 3 events (q).');
    expect(run.stdout).not.toContain('events replayed');
  });

  it('goes on to the end when standard input ends, without waiting', async () => {
    const run = await runCli(['replay', questionId, '--step'], env, '\n');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.match(/^#\d+ /gm)).toHaveLength(4);
    expect(run.stdout).toContain('4 events replayed.');
  });

  it('prints one JSON object per event with --json, the changes with their readings', async () => {
    const run = await runCli(['replay', questionId, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const steps = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Step);
    expect(steps.map((s) => [s.step, s.type, s.by])).toEqual([
      [1, 'QuestionOpened', 'Silvia Ribelles de la Vega'],
      [2, 'ClaimProposed', 'Silvia Ribelles de la Vega'],
      [3, 'ClaimProposed', 'Paul Preston'],
      [4, 'ClaimsRelated', 'Paul Preston'],
    ]);
    expect(steps[1]).toMatchObject({ claimId: allowanceId, changes: [{ claimId: allowanceId, from: null, to: 'open' }] });
    expect(steps[3]!.changes).toEqual([{ claimId: allowanceId, text: expect.stringMatching(/^Some families/), from: 'open', to: 'unverified', reading: expect.stringContaining('its support is only other claims') }]);
    expect(steps[0]!.status).toEqual({ from: null, to: 'open' });
    expect(steps[3]!.status).toEqual({ from: 'open', to: 'open' });
    expect(steps.map((s) => BigInt(s.position))).toEqual([...steps.map((s) => BigInt(s.position))].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('stops at a moment with --as-of, a date on the occurred axis or a position', async () => {
    const noon = await runCli(['replay', questionId, '--json', '--as-of', '2021-02-10T12:00:00-05:00', '--axis', 'occurred'], env);
    expect(noon.code, noon.stderr).toBe(0);
    const steps = noon.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Step);
    expect(steps.map((s) => s.type)).toEqual(['QuestionOpened', 'ClaimProposed']);
    const atPosition = await runCli(['replay', questionId, '--json', '--as-of', `@${steps[1]!.position}`], env);
    expect(atPosition.stdout.trimEnd().split('\n')).toHaveLength(2);
  });
});

describe('stepping on a terminal', () => {
  it('takes single keys: Enter or space for the next event, q, Esc or Ctrl-C to quit, other keys ignored; raw mode is undone', async () => {
    const { PassThrough } = await import('node:stream');
    const { stepReader } = await import('../../src/cli/step-reader');
    const raw: boolean[] = [];
    const terminal = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (on: boolean) => raw.push(on) }) as unknown as NodeJS.ReadStream;
    const reader = stepReader(terminal);
    expect(raw).toEqual([true]);
    const answers: string[] = [];
    for (const keys of ['x\r', ' ', 'q', '\x1b', '\x03']) {
      const answer = reader.next();
      terminal.write(keys);
      answers.push(await answer);
    }
    reader.close();
    expect(answers).toEqual(['next', 'next', 'quit', 'quit', 'quit']);
    expect(raw).toEqual([true, false]);
  });
});
