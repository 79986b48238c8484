#!/usr/bin/env node
// The last step of `npm run build`: marks the moment the build finished, for bin/build-if-stale.js.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, '.build-stamp'), `${new Date().toISOString()}\n`);
