import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The page is built into dist/web, beside the compiled server, which serves it (src/http/web-app.ts).
 * Everything is bundled: no CDN. `base: '/'` because the page's own URLs are paths like
 * /questions/:id, and its assets must load from any of them.
 */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // The budget is on the gzip size the bench measures (≤ 300 KB); the map's library is most of it.
    chunkSizeWarningLimit: 900,
    sourcemap: false,
  },
  server: {
    // `npx vite --config web/vite.config.ts` for development, with the API of a running ledger.
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000', '/docs': 'http://127.0.0.1:3000' },
  },
});
