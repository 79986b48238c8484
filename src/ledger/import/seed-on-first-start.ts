import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type LedgerConfig } from '../../config/ledger-config';
import { ACCOUNTS_STREAM } from '../../../contract/accounts.events';
import { Accounts, type AdminAtStart } from '../../accounts/accounts.service';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import type { DebateFile } from './debate-file';
import { DebateImporter } from './debate-importer';
import { projectRoot } from '../../config/project-root';
import { describeProblem, parseDebateText, validateDebate } from './validate-debate';

export const REFERENCE_DEBATE = 'examples/wais-soviet-red-cross.yaml';

/** A debate file read and validated whole: what an empty ledger is seeded with. */
export interface Seed {
  path: string;
  file: DebateFile;
}

/** How many of a bad seed file's problems the refusal lists. */
const PROBLEMS_SHOWN = 5;

/**
 * Reads and validates the debate named by LEDGER_SEED (undefined for `none`), writing nothing: a
 * missing, unreadable or invalid file is a ConfigError naming LEDGER_SEED, so that the server refuses
 * to start before it creates anything (its admin, its first token).
 */
export async function readSeed(config: Pick<LedgerConfig, 'seed'>): Promise<Seed | undefined> {
  if (config.seed === 'none') return undefined;
  const path = config.seed === 'reference' ? join(projectRoot(), REFERENCE_DEBATE) : config.seed.file;
  const advice = 'name a valid debate file, or set LEDGER_SEED=none';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : code === 'EACCES' ? 'not readable' : (error as Error).message;
    throw new ConfigError([`LEDGER_SEED: ${path} cannot be read (${why}); ${advice}`]);
  }
  const parsed = parseDebateText(text, path);
  const { file, problems } = parsed.document === undefined ? { file: undefined, problems: parsed.problems } : await validateDebate(parsed.document);
  if (!file) {
    const shown = problems.slice(0, PROBLEMS_SHOWN).map((p) => `\n      ${describeProblem(p)}`).join('');
    const more = problems.length > PROBLEMS_SHOWN ? `\n      … and ${problems.length - PROBLEMS_SHOWN} more (claims import ${path} lists them all)` : '';
    throw new ConfigError([`LEDGER_SEED: ${path} is not a valid debate file (${problems.length} problem${problems.length === 1 ? '' : 's'}; ${advice}):${shown}${more}`]);
  }
  return { path, file };
}

/** Whether the ledger is waiting for its seed: one is configured and nothing but accounts is stored. */
export async function wantsSeed(app: INestApplicationContext, config: Pick<LedgerConfig, 'seed'>): Promise<boolean> {
  return config.seed !== 'none' && !(await hasLedgerContent(app.get<EventStore>(EVENT_STORE)));
}

/** How this process's start came by its admin, for the seed to know who imports it. */
export interface FirstStart {
  admin: AdminAtStart;
  /** The store held nothing when this process began its start (no SQLite file, or an empty store). */
  emptyAtStart: boolean;
}

/** Whether the store holds no event at all: looked at before the admin is made. */
export async function storeIsEmpty(app: INestApplicationContext): Promise<boolean> {
  return (await app.get<EventStore>(EVENT_STORE).headPosition()) === null;
}

/**
 * A newcomer's first start shows a real debate at once: an empty ledger is seeded with the reference
 * debate (or the file named by LEDGER_SEED), through the same importer as `claims import`. `seed`, when
 * given, was read by readSeed before anything was written; otherwise it is read here, before the admin
 * is created.
 *
 * Several instances starting at once on one empty store (`start`, from main.ts): the instance that
 * made the admin imports the seed. One whose own admin was refused because another's landed first,
 * or that found an admin in a store that was empty when it began, knows another instance is making
 * this first start, and leaves the seed to it. One that found an admin in a store that was not empty
 * when it began imports the seed (it may be resuming a first start interrupted before its seed); if
 * another instance is importing at the same moment (a start begun just after the other's admin was
 * stored), every entry's command id is derived from the debate and the entry's key, so each entry is
 * still stored once, and this instance says it found entries already stored.
 */
export async function seedOnFirstStart(app: INestApplicationContext, config: LedgerConfig, logger: LoggerService, seed?: Seed, start?: FirstStart): Promise<void> {
  if (!(await wantsSeed(app, config))) return;
  const { path, file } = seed ?? (await readSeed(config))!;
  if (start && (start.admin.how === 'created-meanwhile' || (start.admin.how === 'found' && start.emptyAtStart))) {
    logger.log(`the ledger was empty: another instance starting at the same time made its admin and seeds it with ${path}`);
    return;
  }
  const importer = start?.admin.admin ?? (await app.get(Accounts).ensureAdmin(config));
  const summary = await app.get(DebateImporter).import(file, { id: importer.id, name: importer.name, role: importer.role });
  // An entry stored by another instance at the same moment may be answered here as appended (the
  // store takes the same event ids at the same place as a retry): the counts are this import's view.
  const shared = summary.alreadyPresent > 0 ? `; ${summary.alreadyPresent} of its ${summary.entries} entries were found already stored, by another instance seeding it at the same time` : '';
  logger.log(`the ledger was empty: seeded it with ${path} (${summary.events} events${shared}; set LEDGER_SEED=none to start empty)`);
}

/** Anything besides accounts (which the first start creates itself) means the ledger is in use. */
async function hasLedgerContent(store: EventStore): Promise<boolean> {
  for await (const event of store.readAll()) if (event.stream !== ACCOUNTS_STREAM) return true;
  return false;
}
