import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerConfig } from '../../config/ledger-config';
import { ACCOUNTS_STREAM } from '../../accounts/accounts.events';
import { Accounts } from '../../accounts/accounts.service';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { DebateImporter } from './debate-importer';
import { describeProblem, parseDebateText, projectRoot, validateDebate } from './validate-debate';

export const REFERENCE_DEBATE = 'examples/wais-soviet-red-cross.yaml';

/**
 * A newcomer's first start shows a real debate at once: an empty ledger is seeded with the reference
 * debate (or the file named by LEDGER_SEED), through the same importer as `claims import`.
 */
export async function seedOnFirstStart(app: INestApplicationContext, config: LedgerConfig, logger: LoggerService): Promise<void> {
  if (config.seed === 'none') return;
  if (await hasLedgerContent(app.get<EventStore>(EVENT_STORE))) return;
  const path = config.seed === 'reference' ? join(projectRoot(), REFERENCE_DEBATE) : config.seed.file;
  const parsed = parseDebateText(readFileSync(path, 'utf8'), path);
  const { file, problems } = parsed.document === undefined ? { file: undefined, problems: parsed.problems } : await validateDebate(parsed.document);
  if (!file) throw new Error(`LEDGER_SEED: ${path} is not a valid debate file:\n${problems.map(describeProblem).join('\n')}`);
  const admin = await app.get(Accounts).ensureAdmin(config);
  const summary = await app.get(DebateImporter).import(file, { id: admin.id, name: admin.name, role: admin.role });
  logger.log(`the ledger was empty: seeded it with ${path} (${summary.events} events; set LEDGER_SEED=none to start empty)`);
}

/** Anything besides accounts (which the first start creates itself) means the ledger is in use. */
async function hasLedgerContent(store: EventStore): Promise<boolean> {
  for await (const event of store.readAll()) if (event.stream !== ACCOUNTS_STREAM) return true;
  return false;
}
