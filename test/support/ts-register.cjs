// Test support: lets a child process run the project's TypeScript directly (node -r this-file x.ts),
// compiled by SWC with decorator metadata, the same way vitest compiles the tests.
const { transformSync } = require('@swc/core');
const Module = require('node:module');
const fs = require('node:fs');

require('reflect-metadata');

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
  });
  module._compile(code, filename);
};
