import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');
const REGISTER = join(REPO, 'test', 'support', 'ts-register.cjs');

/** Node's arguments to run one of the bench's TypeScript files, as the tests' child processes do. */
export function nodeArgs(script: string, extra: string[] = []): string[] {
  return ['--expose-gc', ...extra, '-r', REGISTER, join(REPO, 'bench', script)];
}

/**
 * Runs one part of the benchmark in a fresh process, so that no part's heap, JIT state or open
 * files affect another, and returns the JSON it writes to the file named by BENCH_RESULT.
 */
export async function runPart<T>(part: string, options: Record<string, unknown>, nodeFlags: string[] = []): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-part-'));
  const resultFile = join(dir, 'result.json');
  try {
    const child = spawn(process.execPath, [...nodeArgs('parts/run-part.ts', nodeFlags), part], {
      cwd: REPO,
      env: { ...process.env, BENCH_RESULT: resultFile, BENCH_OPTIONS: JSON.stringify(options) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const code = await exited(child);
    if (code !== 0) throw new Error(`bench part ${part} exited with ${code}`);
    return JSON.parse(readFileSync(resultFile, 'utf8')) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolvePromise(code));
  });
}

/** JSON with bigints as strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
}
