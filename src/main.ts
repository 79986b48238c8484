import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { ConfigError, loadConfig } from './config/ledger-config';
import { createApp } from './create-app';
import { seedOnFirstStart } from './ledger/import/seed-on-first-start';
import { Accounts } from './accounts/accounts.service';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const logger = new Logger('claims-ledger');
  const app = await createApp(config);
  await app.init();
  await app.get(Accounts).ensureAdmin(config, (message) => logger.warn(message));
  await seedOnFirstStart(app, config, logger);
  await app.listen(config.port, config.host);
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
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
