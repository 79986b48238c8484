import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { LedgerConfig } from '../config/ledger-config';

type Middleware = (req: Request, res: Response, next: (error?: unknown) => void) => void;
interface HeaderTarget {
  setHeader(name: string, value: string): unknown;
  removeHeader(name: string): unknown;
}

/**
 * The web page's policy (src/http/web-app.ts): its own bundled scripts only (no inline script, no
 * eval), its own styles plus inline style attributes (React's `style`, uPlot's and cytoscape's sizes),
 * images from itself, data: and blob: (the map's PNG and SVG exports), requests and event streams to
 * its own origin. Helmet's `upgrade-insecure-requests` is left out: on a ledger served over plain HTTP
 * on a local network it would send the page's own requests to an https:// that is not there.
 */
const WEB_PAGE_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
  'upgrade-insecure-requests': null,
};

/**
 * Helmet's headers everywhere (the web page with its own policy, above); the API docs page keeps them but without a content security policy,
 * which Swagger UI's bundled scripts and styles do not satisfy. CORS only for configured origins.
 */
export function useSecurityHeaders(app: INestApplication, config: Pick<LedgerConfig, 'corsOrigins'>): void {
  const api = fixedHeadersOf(helmet());
  const docs = fixedHeadersOf(helmet({ contentSecurityPolicy: false }));
  const page = fixedHeadersOf(helmet({ contentSecurityPolicy: { directives: WEB_PAGE_CSP } }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    (req.path.startsWith('/docs') ? docs : /^\/(api|health|problems)(\/|$)/.test(req.path) ? api : page)(res);
    next();
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-Correlation-Id', 'X-Causation-Id'],
      exposedHeaders: ['ETag', 'Retry-After', 'Link'],
    });
  }
}

/**
 * What a helmet middleware does to every response, worked out once: without per-request directives
 * (none are configured) it sets the same headers each time, and setting them in one step spares every
 * request a chain of a dozen middlewares.
 */
export function fixedHeadersOf(middleware: Middleware): (res: HeaderTarget) => void {
  // In the order the middleware did them; `undefined` removes the header.
  const steps: [name: string, value: string | undefined][] = [];
  let finished = false;
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => steps.push([name, String(value)]),
    removeHeader: (name: string) => steps.push([name, undefined]),
  };
  middleware({ method: 'GET', url: '/', headers: {} } as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('the security headers middleware did not finish at once: its headers are not fixed');
  return (res) => {
    for (const [name, value] of steps) {
      if (value === undefined) res.removeHeader(name);
      else res.setHeader(name, value);
    }
  };
}
