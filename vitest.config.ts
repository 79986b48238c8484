import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC, not esbuild, compiles the tests: Nest's dependency injection needs the decorator
// metadata that esbuild does not emit.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    globals: true,
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
