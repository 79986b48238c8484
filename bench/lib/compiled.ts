import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { transformSync } from '@swc/core';
import { REPO } from './child';

/**
 * The server and the CLI compiled to JavaScript, as `npm run build` makes them for `npm start` and
 * `npx claims` (SWC here, the same transform the tests run the sources with: seconds instead of
 * tsc's minute, and `dist/` is left alone). Timing the TypeScript compiled on the fly would time the
 * compiler. The build goes inside the repository, so that its `require`s find node_modules.
 * Returns the folder the compiled `src/`, `projections/` and `contract/` are in.
 */
export function compileSources(name: string): string {
  const build = join(REPO, 'bench', '.scratch', name);
  rmSync(build, { recursive: true, force: true });
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(REPO, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const { code } = transformSync(readFileSync(join(REPO, path), 'utf8'), {
          filename: path,
          module: { type: 'commonjs' },
          jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true } },
        });
        const out = join(build, path.replace(/\.ts$/, '.js'));
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, code);
      } else if (entry.name.endsWith('.json')) {
        mkdirSync(join(build, dir), { recursive: true });
        copyFileSync(join(REPO, path), join(build, path));
      }
    }
  };
  // Every folder of TypeScript the server's and the CLI's modules import from (contract/ holds the event types).
  for (const folder of ['src', 'projections', 'contract']) if (existsSync(join(REPO, folder))) walk(folder);
  return build;
}
