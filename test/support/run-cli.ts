import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './run-service';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `claims …` (src/cli/main.ts, compiled on the fly) with the given environment. */
export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<CliRun> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'test/support/ts-register.cjs'), join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  if (input !== undefined) child.stdin.write(input);
  child.stdin.end();
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** A fresh data directory with the small test debate imported through the CLI. */
export async function ledgerWithSmallDebate(): Promise<{ env: Record<string, string>; questionId: string; remove(): void }> {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  const env = { LEDGER_DATA_DIR: directory };
  const imported = await runCli(['import', join(ROOT, 'test/fixtures/small-debate.yaml')], env);
  const questionId = /question (\S+)/.exec(imported.stdout)?.[1];
  if (!questionId) throw new Error(`the test debate did not import: ${imported.stderr}`);
  return { env, questionId, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
