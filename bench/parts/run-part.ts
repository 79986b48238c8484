/**
 * The entry point of a bench part's child process: `node -r test/support/ts-register.cjs
 * bench/parts/run-part.ts <part>`, options in BENCH_OPTIONS, the result written to BENCH_RESULT.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { toJson } from '../lib/child';

type Part = (options: never) => Promise<unknown>;

/**
 * Each part's module is loaded only in its own process: loading every part's (Nest, autocannon,
 * playwright-core…) added 47 MiB of heap and 75 MiB of resident set to the
 * process whose resident set row 8 reports.
 */
const PARTS: Record<string, () => Promise<Part>> = {
  write: async () => (await import('./write')).writeBench,
  ledger: async () => (await import('./ledger')).ledgerBench,
  sized: async () => (await import('./sized')).sizedBench,
  clique: async () => (await import('./clique')).cliqueBench,
  web: async () => (await import('./web')).webBench,
  cli: async () => (await import('./cli')).cliBench,
  start: async () => (await import('./start')).startBench,
  instances: async () => (await import('./instances')).instancesBench,
};

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const load = PARTS[name];
  if (!load) throw new Error(`unknown bench part "${name}"; parts: ${Object.keys(PARTS).join(', ')}`);
  const part = await load();
  const result = await part(JSON.parse(process.env.BENCH_OPTIONS ?? '{}') as never);
  writeFileSync(process.env.BENCH_RESULT!, toJson(result));
  // Open handles (a subscription's timer, a socket in keep-alive) must not keep the part alive.
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
