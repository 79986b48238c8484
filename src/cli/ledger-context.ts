import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig, type LedgerConfig } from '../config/ledger-config';

/** A usage error (bad arguments): exit code 2. */
export class UsageError extends Error {}

/**
 * The ledger without HTTP: the same modules, configuration and store as the server, so a command run
 * here is the same command the API runs.
 */
export async function withLedger<T>(work: (app: INestApplicationContext, config: LedgerConfig) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    return await work(app, config);
  } finally {
    await app.close();
  }
}
