import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { ROOT } from './run-service';

/**
 * Each CLI run starts a Node process that compiles the sources on the fly: about a second here, many
 * more on a loaded machine. The budgets are there to catch a hang, not to time the machine, so the
 * CLI test files take three minutes per test and per hook.
 */
export function setCliTimeouts(): void {
  vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });
}

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
