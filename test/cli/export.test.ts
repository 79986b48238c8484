import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../projections/exports';
import { ledgerWithSmallDebate, runCli, setCliTimeouts } from '../support/run-cli';

setCliTimeouts();

let env: Record<string, string>;
let questionId: string;
let remove: () => void;

beforeAll(async () => {
  ({ env, questionId, remove } = await ledgerWithSmallDebate());
});
afterAll(() => remove());

// Each format's output is parsed back with a real parser in test/projections/exports; this checks
// that the command serves every format from the ledger.
describe('claims export', () => {
  // One test per format, so that each has the whole budget (setCliTimeouts) to itself.
  it.each(EXPORT_FORMATS)('writes %s to standard output', async (format) => {
    const run = await runCli(['export', questionId, '--format', format], env);
    expect(run.code, `${format}: ${run.stderr}`).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(50);
    if (['json', 'prov', 'aif', 'csl'].includes(format)) expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it('writes the Markdown report with its title and footnotes', async () => {
    const markdown = await runCli(['export', questionId, '--format', 'markdown'], env);
    expect(markdown.stdout).toContain('# What was the relationship between the Soviet Red Cross, the PCE and the NKVD?');
    expect(markdown.stdout).toMatch(/\[\^1\]/);
    expect(markdown.stdout).toMatch(/at ledger position \d+/);
  });

  it('labels the claims of the engine with the stances beside them, and says an unverified one is not established', async () => {
    const markdown = (await runCli(['export', questionId, '--format', 'markdown'], env)).stdout;
    expect(markdown).toContain('### Unverified (1)');
    expect(markdown).toContain('- **Label:** unverified (not established) · strength 0.75 · not grounded in examined evidence · undefeated · stances +0 -0');
    expect(markdown).toContain('nothing in the record confirms it: its support is only other claims');
    const json = JSON.parse((await runCli(['export', questionId, '--format', 'json'], env)).stdout);
    expect(json.claims.map((c: { label: string; grounded: boolean }) => [c.label, c.grounded])).toEqual([
      ['unverified', false],
      ['open', false],
    ]);
  });

  it('exports as of a moment with --as-of and --axis, as the API does', async () => {
    // Preston's reply was posted at 14:19 on 10 February (UTC−5); at noon it had not been said.
    const then = await runCli(['export', questionId, '--format', 'json', '--as-of', '2021-02-10T12:00:00-05:00', '--axis', 'occurred'], env);
    expect(then.code, then.stderr).toBe(0);
    const json = JSON.parse(then.stdout);
    expect(json.claims.map((c: { text: string }) => c.text)).toEqual(['Some families received a 600-rouble allowance from the "Red Cross".']);
    expect(json.consensus.asOf).toBe('2021-02-10T17:00:00.000Z');
    const markdown = await runCli(['export', questionId, '--format', 'markdown', '--as-of', '2021-02-10T12:00:00-05:00', '--axis', 'occurred'], env);
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(markdown.stdout).toMatch(/as of 2021-02-10/);
    expect(markdown.stdout).not.toContain('budgetary device');

    // A position is written @N (a bare number is a year); right after the question's last event, everything is there.
    const position = JSON.parse((await runCli(['consensus', questionId, '--format', 'json'], env)).stdout).position as string;
    const atPosition = await runCli(['export', questionId, '--format', 'json', '--as-of', `@${position}`], env);
    expect(atPosition.code, atPosition.stderr).toBe(0);
    expect(JSON.parse(atPosition.stdout).claims).toHaveLength(2);
  });

  it('refuses a bad --as-of or --axis with exit 2, naming the option', async () => {
    for (const [args, message] of [
      [['--as-of', '2021-02-30'], /^claims: --as-of: /m],
      [['--as-of', '@abc'], /^claims: --as-of: must be a position/m],
      [['--as-of', '@3', '--axis', 'occurred'], /^claims: --axis: a position is on the recorded axis/m],
      [['--axis', 'occurred'], /^claims: --as-of: is required with axis/m],
    ] as const) {
      const run = await runCli(['export', questionId, '--format', 'json', ...args], env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stdout).toBe('');
    }
  });

  it('refuses an unknown format with exit 2', async () => {
    const run = await runCli(['export', questionId, '--format', 'pdf'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Allowed choices are markdown, json, prov, aif, argdown, dot, mermaid, csl/);
  });
});
