import { spawn } from 'node:child_process';
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
