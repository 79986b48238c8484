import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import { loadConfig, type LedgerConfig } from '../config/ledger-config';
import { checkDataDir } from '../config/start-checks';
import { SQLITE_FILE_NAME } from '../event-store/create-event-store';

/** A usage error (bad arguments): exit code 2. */
export class UsageError extends Error {}

export interface LedgerOptions {
  /**
   * Whether the command may create a ledger where there is none (import, principal add, token
   * create). Read commands never do: run from the wrong folder, they say so instead of answering
   * from a new, empty ledger.
   */
  create?: boolean;
}

/**
 * The ledger without HTTP: the same modules, configuration and store as the server, so a command run
 * here is the same command the API runs. Which ledger is named on standard error (standard output
 * stays the command's own, for exports piped elsewhere).
 */
export async function withLedger<T>(work: (app: INestApplicationContext, config: LedgerConfig) => Promise<T>, options: LedgerOptions = {}): Promise<T> {
  const config = loadConfig(process.env);
  checkDataDir(config.dataDir, config.store === 'sqlite' ? SQLITE_FILE_NAME : undefined);
  if (config.store === 'sqlite') {
    const exists = existsSync(join(config.dataDir, SQLITE_FILE_NAME));
    if (!exists && !options.create) {
      throw new UsageError(
        `no ledger in ${config.dataDir} (LEDGER_DATA_DIR); set LEDGER_DATA_DIR to the data directory of your ledger, or create one with claims import`,
      );
    }
    console.error(`claims: ${exists ? 'ledger' : 'new ledger'} in ${config.dataDir} (LEDGER_DATA_DIR)`);
  } else {
    console.error(`claims: ledger on EventStoreDB (EVENTSTORE_CONNECTION_STRING); projection snapshots in ${config.dataDir} (LEDGER_DATA_DIR)`);
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    return await work(app, config);
  } finally {
    await app.close();
  }
}
