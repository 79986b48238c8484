import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config/ledger-config';
import { checkDataDir, checkPort, listenError, StartError } from './config/start-checks';
import { createApp } from './create-app';
import { SQLITE_FILE_NAME } from './event-store/create-event-store';
import { readSeed, seedOnFirstStart, storeIsEmpty, wantsSeed } from './ledger/import/seed-on-first-start';
import { Accounts } from './accounts/accounts.service';
import { ProjectionRunner } from './projection-runtime/projection-runner';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Whatever can stop the start is checked before anything is written: the data directory, the
  // port, and the seed file of a new ledger. A refusal is one line; the next start is a first start.
  checkDataDir(config.dataDir, config.store === 'sqlite' ? SQLITE_FILE_NAME : undefined);
  await checkPort(config.host, config.port);
  const newLedger = config.store === 'sqlite' && !existsSync(join(config.dataDir, SQLITE_FILE_NAME));
  let seed = newLedger ? await readSeed(config) : undefined;

  const logger = new Logger('claims-ledger');
  const app = await createApp(config);
  // An existing ledger's views are restored and brought up to date while the server already listens:
  // /health answers at once (saying the read models are catching up) and reads wait for them.
  if (!newLedger) app.get(ProjectionRunner).startInBackground();
  await app.init();
  // A ledger that exists but is still empty (or on EventStoreDB): its seed is read before its admin is made.
  if (seed === undefined && (await wantsSeed(app, config))) {
    seed = await readSeed(config).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
  }
  // A first start is seeded (and its admin made) before anyone can read the empty ledger; there is
  // nothing to catch up with. An existing ledger's admin is looked for once the server listens.
  const adminFirst = newLedger || seed !== undefined;
  // Instances started at once on one empty store make one admin between them (Accounts.bootstrapAdmin);
  // the one that made it imports the seed (seedOnFirstStart).
  const adminOptions = { sayFound: (message: string) => logger.log(message) };
  if (adminFirst) {
    const emptyAtStart = newLedger || (await storeIsEmpty(app));
    const admin = await app.get(Accounts).bootstrapAdmin(config, (message) => logger.warn(message), adminOptions);
    await seedOnFirstStart(app, config, logger, seed, { admin, emptyAtStart });
  }
  await app.listen(config.port, config.host).catch((error: unknown) => {
    throw listenError(error, config.host, config.port);
  });
  const server = app.getHttpServer() as Server;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = config.store === 'sqlite' ? `data in ${config.dataDir}` : 'EventStoreDB';
  logger.log(`listening on http://${config.host}:${port} (store: ${config.store}, ${where}); API docs at /docs`);
  // Stop taking requests, let those in flight finish their appends, then close the store.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: finishing requests in flight, then closing the store`);
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(force);
    await app.close();
    logger.log('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  // On an existing ledger this waits for the accounts view, i.e. for the read models to catch up
  // (a stop meanwhile ends that wait: nothing to report then).
  if (!adminFirst) {
    await app
      .get(Accounts)
      .ensureAdmin(config, (message) => logger.warn(message), adminOptions)
      .catch((error: unknown) => {
        if (!stopping) throw error;
      });
  }
}

main().catch((error) => {
  // What the operator must fix is said in one line (a ConfigError lists each bad variable); anything
  // else is a fault, shown whole.
  console.error(error instanceof ConfigError || error instanceof StartError ? error.message : error);
  process.exit(1);
});
