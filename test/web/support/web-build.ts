import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../../..');
export const WEB_DIST = join(ROOT, 'dist/web');

function newest(dir: string): number {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

/** The newest modification time of the page's sources: its own, and what it shares with the server. */
function sourcesTime(): number {
  return Math.max(
    newest(join(ROOT, 'web/src')),
    newest(join(ROOT, 'contract')),
    newest(join(ROOT, 'projections')),
    statSync(join(ROOT, 'web/index.html')).mtimeMs,
    statSync(join(ROOT, 'web/vite.config.ts')).mtimeMs,
  );
}

const isFresh = (index: string) => existsSync(index) && statSync(index).mtimeMs >= sourcesTime();

/**
 * Held while one test file builds the page: vitest runs files in parallel, and two that found the
 * page stale built into the same dist/web at once (Vite empties it first), so one file's server
 * could serve a page half written. A directory, because creating one either succeeds or fails at
 * once; one left by a process that died mid-build is taken over when it is older than any build.
 */
const LOCK = join(ROOT, 'dist/.web-build.lock');
const LOCK_STALE_MS = 5 * 60_000;
const LOCK_POLL_MS = 200;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withBuildLock(build: () => void): void {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let age = 0;
      try {
        age = Date.now() - statSync(LOCK).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      else sleep(LOCK_POLL_MS);
    }
  }
  try {
    build();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * The page as `npm run build` makes it (dist/web): built again when missing or older than its
 * sources or what it imports from contract/ and projections/, so that the browser tests always test
 * the page the sources describe. One test file builds at a time; the others then find it fresh.
 */
export async function ensureWebBuild(): Promise<void> {
  const index = join(WEB_DIST, 'index.html');
  if (isFresh(index)) return;
  withBuildLock(() => {
    // Another file may have built it while this one waited for the lock.
    if (isFresh(index)) return;
    // In a process of its own, as `npm run build` builds it: inside vitest NODE_ENV is 'test', and Vite
    // then bundled React's development build (index 480 KB where the page makes 257 KB), which the
    // browser tests and the bench's figures then weighed.
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'web/vite.config.ts'), '--logLevel', 'warn'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'inherit',
    });
  });
}
