import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import type { LedgerConfig } from './config/ledger-config';
import { useJsonBodies } from './http/body-parsing';
import { LedgerExpressAdapter } from './http/express-platform';
import { useIncomingWrites } from './http/incoming-writes.middleware';
import { useMethodNotAllowed } from './http/method-not-allowed';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { useSecurityHeaders } from './http/security';
import { setServerTimeouts } from './http/server-timeouts';
import { useSwagger } from './http/swagger';
import { useWebApp } from './http/web-app';
import { validationPipe } from './http/validation';
import { IncomingWrites } from './ledger/application/incoming-writes';
import { ledgerProblem } from './ledger/http/ledger-problems';
import { RESPONSE_SCHEMAS } from './response-schemas';

/**
 * Builds the HTTP application exactly as it runs; the tests use this too, so they test the real thing.
 * Here the features meet src/http, which knows none of them: their write counter, error mapping and
 * response schemas are handed to it.
 */
export async function createApp(config: LedgerConfig, options: { logger?: false | LoggerService } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), new LedgerExpressAdapter(), {
    bodyParser: false,
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  });
  useIncomingWrites(app, app.get(IncomingWrites));
  useSecurityHeaders(app, config);
  useMethodNotAllowed(app);
  useWebApp(app);
  useJsonBodies(app, config.bodyLimitBytes);
  app.useGlobalFilters(new ProblemDetailsFilter([ledgerProblem]));
  app.useGlobalPipes(validationPipe());
  useSwagger(app, RESPONSE_SCHEMAS);
  // Set on the server Nest made, before it listens (main.ts) and as the tests run it.
  setServerTimeouts(app.getHttpServer() as Server);
  return app;
}
