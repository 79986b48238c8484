/**
 * The entry point of a bench part's child process: `node -r test/support/ts-register.cjs
 * bench/parts/run-part.ts <part>`, options in BENCH_OPTIONS, the result written to BENCH_RESULT.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { toJson } from '../lib/child';
import { cliBench } from './cli';
import { cliqueBench } from './clique';
import { instancesBench } from './instances';
import { ledgerBench } from './ledger';
import { sizedBench } from './sized';
import { startBench } from './start';
import { webBench } from './web';
import { writeBench } from './write';

const PARTS: Record<string, (options: never) => Promise<unknown>> = {
  write: writeBench,
  ledger: ledgerBench,
  sized: sizedBench,
  clique: cliqueBench,
  web: webBench,
  cli: cliBench,
  start: startBench,
  instances: instancesBench,
};

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const part = PARTS[name];
  if (!part) throw new Error(`unknown bench part "${name}"; parts: ${Object.keys(PARTS).join(', ')}`);
  const result = await part(JSON.parse(process.env.BENCH_OPTIONS ?? '{}') as never);
  writeFileSync(process.env.BENCH_RESULT!, toJson(result));
  // Open handles (a subscription's timer, a socket in keep-alive) must not keep the part alive.
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
