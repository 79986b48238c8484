import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LedgerAuditSnapshot } from './ledger-audit';

/** What the verification worker is asked: the SQLite file, and the last position to verify. */
export interface VerificationRequest {
  filename: string;
  keepsRecordedAt: boolean;
  upTo: bigint;
}

/** Its answer: the audit of every event up to `upTo` when all verified, or why not. */
export type VerificationVerdict = { clean: true; events: number; audit: LedgerAuditSnapshot } | { clean: false; reason: string };

export interface ParallelVerification {
  verdict: Promise<VerificationVerdict>;
  /** Stops the worker (a rebuild abandoned, the process stopping); the verdict then says so. */
  cancel(): Promise<void>;
}

/**
 * Verifies the log of a SQLite ledger on another thread, from the first event to `upTo`, while the
 * caller folds the same events: the three SHA-256 calls an event costs (its content, its leaf, the
 * tree's nodes) and reading its metadata again run on a second core instead of in the fold.
 * Never throws: a worker that cannot start or fails answers `clean: false`, and the caller verifies
 * the way it always did.
 */
export function verifyInWorker(request: VerificationRequest): ParallelVerification {
  let worker: Worker;
  try {
    worker = startWorker(request);
  } catch (error) {
    return { verdict: Promise.resolve({ clean: false, reason: `the verification worker could not start: ${(error as Error).message}` }), cancel: async () => undefined };
  }
  let settled = false;
  const verdict = new Promise<VerificationVerdict>((resolve) => {
    const settle = (v: VerificationVerdict) => {
      if (settled) return;
      settled = true;
      resolve(v);
    };
    worker.once('message', (message: VerificationVerdict) => settle(message));
    worker.once('error', (error) => settle({ clean: false, reason: `the verification worker failed: ${error.message}` }));
    worker.once('exit', (code) => settle({ clean: false, reason: `the verification worker stopped (exit code ${code}) before its verdict` }));
  });
  return {
    verdict,
    cancel: async () => {
      if (!settled) await worker.terminate();
    },
  };
}

function startWorker(request: VerificationRequest): Worker {
  const compiled = join(__dirname, 'verification-worker.js');
  if (existsSync(compiled)) return new Worker(compiled, { workerData: request });
  // Running from the TypeScript sources (the tests, the bench): this thread compiles the worker's
  // modules with SWC (a dev dependency, present wherever the sources run as TypeScript), and the
  // worker loads them from that text. SWC's native module is never loaded in the worker: loaded
  // and unloaded in one worker after another, it brought the process down.
  const sources = workerSources();
  const bootstrap = `
    const Module = require('node:module');
    const { workerData } = require('node:worker_threads');
    Module._extensions['.ts'] = function (module, filename) {
      const code = workerData.sources[filename];
      if (code === undefined) throw new Error('the verification worker has no compiled source for ' + filename);
      module._compile(code, filename);
    };
    require(${JSON.stringify(join(__dirname, 'verification-worker.ts'))});
  `;
  return new Worker(bootstrap, { eval: true, workerData: { ...request, sources } });
}

let compiledSources: Record<string, string> | undefined;

/** The worker's module and every module of this repository it requires, compiled to CommonJS (once per process). */
function workerSources(): Record<string, string> {
  if (compiledSources) return compiledSources;
  const { transformSync } = createRequire(__filename)('@swc/core') as typeof import('@swc/core');
  const sources: Record<string, string> = {};
  const pending = [join(__dirname, 'verification-worker.ts')];
  while (pending.length > 0) {
    const filename = pending.pop()!;
    if (sources[filename] !== undefined) continue;
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
      filename,
      module: { type: 'commonjs' },
      jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true } },
    });
    sources[filename] = code;
    for (const [, specifier] of code.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
      const path = resolve(dirname(filename), specifier!);
      const file = [`${path}.ts`, join(path, 'index.ts')].find((candidate) => existsSync(candidate));
      if (file) pending.push(file);
    }
  }
  compiledSources = sources;
  return sources;
}
