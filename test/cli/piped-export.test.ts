import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli, setCliTimeouts } from '../support/run-cli';
import { ROOT } from '../support/run-service';

setCliTimeouts();

const PIPE_CAPACITY = 64 * 1024;
const CLAIMS = 150;

const directory = mkdtempSync(join(tmpdir(), 'ledger-cli-pipe-'));
const env = { LEDGER_DATA_DIR: join(directory, 'data') };
let questionId: string;

/** A debate whose JSON export is several times the capacity of a pipe. */
function bigDebate(): string {
  const filler = 'The allowance was paid through the Red Cross so that the families would not know where it came from. ';
  return stringify({
    format: 'claims-ledger/debate@1',
    debate: 'piped-export-test',
    title: 'A debate too big for one pipe buffer',
    entries: [
      { key: 'q', command: 'OpenQuestion', title: 'Who paid the families of the Spanish communists in Moscow?' },
      ...Array.from({ length: CLAIMS }, (_, i) => ({
        key: `c${i}`,
        command: 'ProposeClaim',
        question: 'q',
        kind: 'answer',
        text: `Claim ${i}: ${filler.repeat(3)}`,
      })),
    ],
  });
}

/** Runs a shell command line (a real OS pipe between its processes), from the project root. */
function sh(commandLine: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('sh', ['-c', commandLine], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const claims = `"${process.execPath}" -r ./test/support/ts-register.cjs src/cli/main.ts`;

beforeAll(async () => {
  const file = join(directory, 'big-debate.yaml');
  writeFileSync(file, bigDebate());
  const imported = await runCli(['import', file], env);
  questionId = /question (\S+)/.exec(imported.stdout)?.[1] ?? '';
  if (!questionId) throw new Error(`the big debate did not import: ${imported.stderr}`);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('claims export into a pipe', () => {
  it('is written whole before the process exits, however slowly the reader reads', async () => {
    // The whole export, written to a file (a file is written synchronously: never cut).
    const toFile = join(directory, 'export.json');
    const written = await sh(`${claims} export ${questionId} --format json > "${toFile}"`);
    expect(written.code, written.stderr).toBe(0);
    const whole = readFileSync(toFile);
    expect(whole.length).toBeGreaterThan(3 * PIPE_CAPACITY);

    // The same export piped into a reader that starts late (the writer has filled the pipe by
    // then), reads all of standard input, and parses it.
    const reader = `"${process.execPath}" -e '
      const chunks = [];
      setTimeout(() => {
        process.stdin.on("data", (c) => chunks.push(c)).on("end", () => {
          const bytes = Buffer.concat(chunks);
          const view = JSON.parse(bytes.toString("utf8"));
          console.log(JSON.stringify({ bytes: bytes.length, claims: view.claims.length }));
        });
      }, 500);
    '`;
    const piped = await sh(`${claims} export ${questionId} --format json | ${reader}`);
    expect(piped.code, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout)).toEqual({ bytes: whole.length, claims: CLAIMS });
    // Which ledger it read is on standard error, never in the exported JSON.
    expect(piped.stderr).toContain(`ledger in ${env.LEDGER_DATA_DIR} (LEDGER_DATA_DIR)`);
  });

  it('stops quietly when the reader goes away early', async () => {
    const run = await sh(`${claims} export ${questionId} --format json | head -c 100 > /dev/null; echo "exit $?"`);
    expect(run.stdout.trim()).toBe('exit 0');
    expect(run.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });
});
