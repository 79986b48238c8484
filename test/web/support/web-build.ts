import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

/**
 * The page as `npm run build` makes it (dist/web): built again when missing or older than its
 * sources or what it imports from contract/ and projections/, so that the browser tests always test the page the sources describe.
 */
export async function ensureWebBuild(): Promise<void> {
  const index = join(WEB_DIST, 'index.html');
  // The page's own sources, and what it shares with the server (the contract, the pure readers under projections/).
  const sources = Math.max(
    newest(join(ROOT, 'web/src')),
    newest(join(ROOT, 'contract')),
    newest(join(ROOT, 'projections')),
    statSync(join(ROOT, 'web/index.html')).mtimeMs,
    statSync(join(ROOT, 'web/vite.config.ts')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  // In a process of its own, as `npm run build` builds it: inside vitest NODE_ENV is 'test', and Vite
  // then bundled React's development build (index 480 KB where the page makes 257 KB), which the
  // browser tests and the bench's figures then weighed.
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'web/vite.config.ts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
}
