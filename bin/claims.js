#!/usr/bin/env node
// The `claims` command: runs the compiled CLI (built by `npm ci` / `npm run build`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!existsSync(compiled)) {
  console.error('claims: the CLI is not built yet; run `npm run build` first');
  process.exit(1);
}
require(compiled).runCli(process.argv);
