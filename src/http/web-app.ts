import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../config/project-root';

/** Paths that belong to the server itself, never to the page (problems: the problem-type pages, src/http/openapi/problem-pages.ts). */
const SERVER_PATHS = /^\/(api|docs|health|problems)(\/|$)/;

export const WEB_NOT_BUILT = 'The web page has not been built: run `npm run build` (it builds the server and the page), then start the ledger again.';

/**
 * Serves the web page built by Vite (web/ → dist/web) at `/`: its hashed assets with a year's cache
 * (a new build has new names), any other file of the build as it is, and index.html for every other
 * GET that asks for HTML outside /api, /docs, /health and /problems, since the page's own URLs
 * (/questions/:id?claim=…) are handled in the browser. When there is no build, `/` and those URLs
 * answer 503 with the one step that fixes it.
 */
export function useWebApp(app: INestApplication, options: { dir?: string } = {}): void {
  const dir = options.dir ?? join(projectRoot(), 'dist/web');
  const index = join(dir, 'index.html');
  const assetsDir = join(dir, 'assets');
  const files = express.static(dir, {
    index: false,
    // Hashed names change with their content: a year, immutable. Anything else (index.html) is checked each time.
    setHeaders: (res, path) => res.setHeader('Cache-Control', path.startsWith(assetsDir) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    files(req, res, () => {
      // A missing asset is a 404 of its own, not the page (a stale tab asking for an old build's file).
      if (req.path.startsWith('/assets/')) {
        res.status(404).type('text/plain; charset=utf-8').send(`${req.path} is not part of this build of the page`);
        return;
      }
      if (!req.accepts('html')) return next();
      if (!existsSync(index)) {
        res.status(503).type('text/plain; charset=utf-8').send(WEB_NOT_BUILT);
        return;
      }
      // The page itself is never cached: it names the current build's assets.
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
}
