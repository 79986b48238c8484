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

  it('refuses an unknown format with exit 2', async () => {
    const run = await runCli(['export', questionId, '--format', 'pdf'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Allowed choices are markdown, json, prov, aif, argdown, dot, mermaid, csl/);
  });
});
