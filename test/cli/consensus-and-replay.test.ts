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
    expect(table.stdout).toMatch(/label\s+strength\s+grounded/);
    expect(table.stdout).toMatch(/accepted\s+0\.75/);
    const markdown = await runCli(['consensus', questionId, '--format', 'markdown'], env);
    expect(markdown.stdout).toContain('| label | strength | grounded | kind | claim | why |');
    const unknown = await runCli(['consensus', 'ffffffff'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no question ffffffff');
  });
});

describe('claims replay', () => {
  it('steps through the debate, waiting for Enter after each event', async () => {
    const run = await runCli(['replay', questionId, '--step'], env, '\n\n\n\n\n\n');
    expect(run.code).toBe(0);
    expect(run.stdout.match(/^#\d+ /gm)).toHaveLength(4);
    expect(run.stderr.match(/Enter for the next event/g)).toHaveLength(4);
    expect(run.stdout).toContain('4 events replayed.');
  });
});

describe('claims rebuild', () => {
  it('rebuilds every projection from the log, and the consensus reads the same after', async () => {
    const before = (await runCli(['consensus', questionId, '--format', 'json'], env)).stdout;
    const run = await runCli(['rebuild'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^rebuilt every projection from 7 events/);
    expect((await runCli(['consensus', questionId, '--format', 'json'], env)).stdout).toBe(before);
  });
});
