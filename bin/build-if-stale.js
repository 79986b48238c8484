#!/usr/bin/env node
// `npm start` runs this first: it builds (server and web page) only when a source is newer than the
// last build, so starting an unchanged checkout costs a walk over file times, not a compilation.
// `npm run build` always builds and leaves the stamp this compares against. `--dry-run` only says
// whether a build is due (the bench times the check with it).
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.build-stamp');
// What the build reads: the sources of the event contract, the server, the projections and the page, and their settings.
const inputs = ['contract', 'src', 'projections', 'web', 'schemas', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

function newestChange(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestChange(join(path, entry)));
  }
  return newest;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...inputs.map((input) => newestChange(join(root, input))));
if (process.argv.includes('--dry-run')) {
  console.log(changed > built ? 'stale' : 'up to date');
} else if (changed > built) {
  console.log(built === 0 ? 'claims-ledger: building (first start)…' : 'claims-ledger: sources changed since the last build; building…');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
