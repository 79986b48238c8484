import type { INestApplicationContext } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type LedgerConfig } from '../config/ledger-config';
import { checkDataDir } from '../config/start-checks';
import { createEventStore, SQLITE_FILE_NAME } from '../event-store/create-event-store';
import type { EventStore } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';

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
 * The configuration, checked as the server checks it, with the ledger named on standard error
 * (standard output stays the command's own, for exports piped elsewhere).
 */
function openLedgerConfig(options: LedgerOptions & { readOnly?: boolean }): LedgerConfig {
  const config = loadConfig(process.env);
  // A command that only reads asks nothing of the directory but the ledger in it (below).
  if (!options.readOnly) checkDataDir(config.dataDir, config.store === 'sqlite' ? SQLITE_FILE_NAME : undefined);
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
  return config;
}

/**
 * The ledger without HTTP: the same modules, configuration and store as the server, so a command run
 * here is the same command the API runs. For the commands that write or need every projection
 * (import, accounts, rebuild, questions). Nest and the application's modules are loaded here, when
 * such a command runs, not when the CLI starts: a read command never loads them.
 */
export async function withLedger<T>(work: (app: INestApplicationContext, config: LedgerConfig) => Promise<T>, options: LedgerOptions = {}): Promise<T> {
  const config = openLedgerConfig(options);
  // Before any decorated class is defined (see withNest in main.ts).
  await import('reflect-metadata');
  const [{ NestFactory }, { AppModule }] = await Promise.all([import('@nestjs/core'), import('../app.module')]);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    return await work(app, config);
  } finally {
    await app.close();
  }
}

/**
 * The store alone, opened read-only, for the commands that read (consensus, replay, export,
 * questions): no projections are restored or caught up, nothing is written (no snapshot, no
 * checkpoint, not even SQLite's own files left behind: see SqliteEventStore's `readonly`); the
 * command folds the few streams it needs (question-reader.ts). What start-up on a large ledger costs.
 */
export async function withStore<T>(work: (store: EventStore, config: LedgerConfig) => Promise<T>): Promise<T> {
  const config = openLedgerConfig({ readOnly: true });
  const store =
    config.store === 'sqlite' ? new SqliteEventStore({ filename: join(config.dataDir, SQLITE_FILE_NAME), readonly: true }) : await createEventStore(config);
  try {
    return await work(store, config);
  } finally {
    await store.close();
  }
}
