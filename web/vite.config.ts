import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * `<link rel="modulepreload">` in index.html for the map's chunk (and the chunks it imports), which
 * the page loads with a dynamic import (web/src/features/map/load-map.ts): the browser then fetches
 * and compiles cytoscape while it runs the shell and asks the API for the question, instead of only
 * once React has rendered the map's tab. Vite preloads an entry's static imports by itself, not these.
 */
function preloadMapChunk(): Plugin {
  return {
    name: 'claims-ledger:preload-map-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [output] : []));
        const map = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/features/map/ArgumentMap.tsx'));
        if (!map) throw new Error('preload-map-chunk: no chunk for web/src/features/map/ArgumentMap.tsx (is it still loaded with import()?)');
        const entry = new Set(chunks.filter((chunk) => chunk.isEntry).flatMap((chunk) => [chunk.fileName, ...chunk.imports]));
        const files = [map.fileName, ...map.imports].filter((file) => !entry.has(file));
        return files.map((file): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' }));
      },
    },
  };
}

/**
 * The page is built into dist/web, beside the compiled server, which serves it (src/http/web-app.ts).
 * Everything is bundled: no CDN. `base: '/'` because the page's own URLs are paths like
 * /questions/:id, and its assets must load from any of them.
 */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), preloadMapChunk()],
  // The map's layout worker (web/src/features/map/layout.worker.ts) is a module, like the page.
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // The budget is on the gzip size the bench measures (≤ 300 KB); the map's chunk (cytoscape) is most of it.
    chunkSizeWarningLimit: 600,
    sourcemap: false,
  },
  server: {
    // `npx vite --config web/vite.config.ts` for development, with the API of a running ledger.
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000', '/docs': 'http://127.0.0.1:3000' },
  },
});
