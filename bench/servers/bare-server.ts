/**
 * The baseline of the HTTP write benchmark: a bare Nest application (Express, JSON body parsing,
 * no logger) with one POST route that answers 201 with a small JSON, on 127.0.0.1 and a free port.
 * Prints one JSON line with the port.
 */
import 'reflect-metadata';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import { LedgerExpressAdapter } from '../../src/http/express-platform';

@Controller('echo')
class EchoController {
  @Post()
  echo(@Body() body: { text?: string }) {
    return { id: '00000000-0000-4000-8000-000000000000', received: typeof body?.text === 'string' ? body.text.length : 0 };
  }
}

@Module({ controllers: [EchoController] })
class BareModule {}

async function main(): Promise<void> {
  // BENCH_BARE_ADAPTER=ledger: the same bare application on the ledger's Express adapter
  // (src/http/express-platform.ts), to tell what the platform gives from what the ledger costs.
  const app =
    process.env.BENCH_BARE_ADAPTER === 'ledger'
      ? await NestFactory.create(BareModule, new LedgerExpressAdapter(), { logger: false })
      : await NestFactory.create(BareModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = (app.getHttpServer() as Server).address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
