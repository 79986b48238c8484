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
  });

  it('labels the claims of the engine with the stances beside them, and says an unverified one is not established', async () => {
    const markdown = (await runCli(['export', questionId, '--format', 'markdown'], env)).stdout;
    expect(markdown).toContain('### Unverified (1)');
    expect(markdown).toContain('- **Label:** unverified (not established) · strength 0.75 · not grounded in examined evidence · undefeated · stances +0 −0');
    expect(markdown).toContain('nothing in the record confirms it: its support is only other claims');
    const json = JSON.parse((await runCli(['export', questionId, '--format', 'json'], env)).stdout);
    expect(json.claims.map((c: { label: string; grounded: boolean }) => [c.label, c.grounded])).toEqual([
      ['unverified', false],
      ['open', false],
    ]);
  });

  it('refuses an unknown format with exit 2', async () => {
    const run = await runCli(['export', questionId, '--format', 'pdf'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Allowed choices are markdown, json, prov, aif, argdown, dot, mermaid, csl/);
  });
});
