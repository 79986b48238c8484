import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { LedgerConfig } from '../config/ledger-config';

/**
 * Helmet's headers everywhere; the API docs page keeps them but without a content security policy,
 * which Swagger UI's bundled scripts and styles do not satisfy. CORS only for configured origins.
 */
export function useSecurityHeaders(app: INestApplication, config: Pick<LedgerConfig, 'corsOrigins'>): void {
  const api = helmet();
  const docs = helmet({ contentSecurityPolicy: false });
  app.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/docs') ? docs(req, res, next) : api(req, res, next)));
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-Correlation-Id', 'X-Causation-Id'],
      exposedHeaders: ['ETag', 'Retry-After'],
    });
  }
}
