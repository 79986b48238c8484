/**
 * The real application for the HTTP write benchmark, started as `npm start` starts it (createApp,
 * init, the admin principal, listen) on 127.0.0.1 and a free port, with a fresh store in a temporary
 * directory and no seed. Prints one JSON line: the port, a question to post claims to, and a token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/ledger-config';
import { createApp } from '../../src/create-app';
import { Accounts } from '../../src/accounts/accounts.service';

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  const token = randomBytes(24).toString('hex');
  const config = loadConfig({
    LEDGER_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LEDGER_SEED: 'none',
    LEDGER_ADMIN_TOKEN: token,
    // The benchmark is one client writing as fast as it can; the default limit would answer 429.
    LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
  });
  const app = await createApp(config, { logger: false });
  await app.init();
  await app.get(Accounts).ensureAdmin(config, () => undefined);
  await app.listen(0, '127.0.0.1');
  const address = (app.getHttpServer() as Server).address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const response = await fetch(`http://127.0.0.1:${port}/api/questions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ title: 'Who paid the allowance to the families on the list?', body: 'A benchmark question.', tags: ['bench'] }),
  });
  if (response.status !== 201) throw new Error(`opening the question answered ${response.status}: ${await response.text()}`);
  const { id: questionId } = (await response.json()) as { id: string };
  process.stdout.write(`${JSON.stringify({ port, questionId, token })}\n`);
  const stop = async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
