import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseSigningKey } from '../ledger/integrity/signing-key';
import { CACHE_VARIABLES, readCacheSettings, type CacheSettings } from './cache-settings';
import { readConsensusSettings, type ConsensusSettings } from './consensus-settings';

export type StoreKind = 'sqlite' | 'eventstoredb';
export type SqliteDurabilitySetting = 'FULL' | 'NORMAL';

/** The whole runtime configuration, validated. Everything comes from environment variables. */
export interface LedgerConfig {
  port: number;
  host: string;
  store: StoreKind;
  dataDir: string;
  sqliteDurability: SqliteDurabilitySetting;
  eventStoreConnectionString?: string;
  bodyLimitBytes: number;
  /** Presets the first admin's bearer token (for automation); otherwise one is generated and printed once. */
  adminToken?: string;
  /** Whether reads need no token. */
  publicRead: boolean;
  /** Writes allowed per minute per principal, counted by each instance. */
  writesPerMinute: number;
  /** Origins allowed by CORS; empty: no cross-origin access. */
  corsOrigins: string[];
  /** The projection runner writes a snapshot of its views after this many events. */
  snapshotEvery: number;
  /** How long a read waits for the projections to reach the position it needs, before 503. */
  readTimeoutMs: number;
  /** What an empty ledger is seeded with at start: the reference debate, nothing, or a debate file. */
  seed: 'reference' | 'none' | { file: string };
  /** Evidence base scores, label thresholds and iteration limits of the consensus semantics. */
  consensus: ConsensusSettings;
  /** The read side's caches' bounds in bytes and idle time (src/config/cache-settings.ts). */
  caches: CacheSettings;
  /**
   * The PEM of the Ed25519 key the ledger signs its checkpoints with (LEDGER_SIGNING_KEY, the PEM
   * itself or a file holding it); otherwise `signing-key.pem` in the data directory, made on first use.
   */
  signingKey?: string;
}

export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');

/** Every variable the ledger reads, with its default and what it accepts; the README's table mirrors this. */
export const CONFIG_VARIABLES = {
  PORT: { default: '3000', accepts: 'a TCP port, 0–65535' },
  HOST: { default: '127.0.0.1', accepts: 'an interface address to listen on' },
  LEDGER_STORE: { default: 'sqlite', accepts: 'sqlite, eventstoredb' },
  LEDGER_DATA_DIR: { default: './data', accepts: 'a directory for the embedded store' },
  LEDGER_SQLITE_DURABILITY: { default: 'FULL', accepts: 'FULL, NORMAL' },
  EVENTSTORE_CONNECTION_STRING: { default: '', accepts: 'an esdb:// or esdb+discover:// connection string' },
  LEDGER_BODY_LIMIT: { default: '256kb', accepts: 'a size in bytes, or with kb / mb' },
  LEDGER_ADMIN_TOKEN: { default: '', accepts: 'a token of 32–512 printable characters, no spaces' },
  LEDGER_PUBLIC_READ: { default: 'true', accepts: 'true, false' },
  LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: { default: '300', accepts: 'a number of writes, 1 or more' },
  LEDGER_CORS_ORIGINS: { default: '', accepts: 'a comma-separated list of origins, e.g. https://example.org' },
  LEDGER_SNAPSHOT_EVERY: { default: '50000', accepts: 'a number of events, 1 or more' },
  LEDGER_READ_TIMEOUT_MS: { default: '5000', accepts: 'milliseconds, 1 or more' },
  LEDGER_SEED: { default: 'reference', accepts: 'reference, none, or the path of a debate file' },
  LEDGER_CONSENSUS_SETTINGS: { default: '', accepts: 'the path of a JSON file: semantics, baseScores, proofStandards, tolerance, maxIterations' },
  LEDGER_SIGNING_KEY: { default: '', accepts: 'an Ed25519 private key in PEM (PKCS #8), or the path of a file holding one' },
  ...CACHE_VARIABLES,
} as const;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the configuration; throws a ConfigError naming every bad variable at once. */
export function loadConfig(env: Env = process.env): LedgerConfig {
  const problems: string[] = [];
  const read = (name: keyof typeof CONFIG_VARIABLES) => {
    const value = env[name];
    return value === undefined || value === '' ? CONFIG_VARIABLES[name].default : value;
  };
  const oneOf = <T extends string>(name: keyof typeof CONFIG_VARIABLES, allowed: readonly T[]): T => {
    const value = read(name);
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`${name}: "${value}" is not allowed; use one of: ${allowed.join(', ')}`);
    return allowed[0];
  };

  const positiveInteger = (name: keyof typeof CONFIG_VARIABLES): number => {
    const text = read(name);
    const value = Number(text);
    if (/^\d+$/.test(text) && value >= 1 && Number.isSafeInteger(value)) return value;
    problems.push(`${name}: "${text}" is not allowed; use ${CONFIG_VARIABLES[name].accepts}`);
    return 1;
  };

  for (const name of Object.keys(env)) {
    if (name.startsWith('LEDGER_') && !(name in CONFIG_VARIABLES)) {
      const known = Object.keys(CONFIG_VARIABLES).filter((n) => n.startsWith('LEDGER_'));
      problems.push(`${name}: unknown variable; the ledger reads ${known.join(', ')}`);
    }
  }

  const portText = read('PORT');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    problems.push(`PORT: "${portText}" is not a TCP port; use a whole number from 0 to 65535`);
  }

  const store = oneOf('LEDGER_STORE', ['sqlite', 'eventstoredb'] as const);
  const sqliteDurability = oneOf('LEDGER_SQLITE_DURABILITY', ['FULL', 'NORMAL'] as const);

  const connection = env.EVENTSTORE_CONNECTION_STRING;
  if (connection && !/^esdb(\+discover)?:\/\//.test(connection)) {
    problems.push('EVENTSTORE_CONNECTION_STRING: must start with esdb:// or esdb+discover://');
  }
  if (store === 'eventstoredb' && !connection) {
    problems.push('EVENTSTORE_CONNECTION_STRING: required when LEDGER_STORE=eventstoredb (e.g. esdb://localhost:2113?tls=false)');
  }

  const bodyLimitText = read('LEDGER_BODY_LIMIT');
  const bodyLimitBytes = parseSize(bodyLimitText);
  if (bodyLimitBytes === undefined) {
    problems.push(`LEDGER_BODY_LIMIT: "${bodyLimitText}" is not a size; use bytes or a number with kb or mb, e.g. 256kb`);
  }

  const adminToken = env.LEDGER_ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && !/^[\x21-\x7e]{32,512}$/.test(adminToken)) {
    problems.push(`LEDGER_ADMIN_TOKEN: must be ${CONFIG_VARIABLES.LEDGER_ADMIN_TOKEN.accepts}`);
  }
  const publicRead = oneOf('LEDGER_PUBLIC_READ', ['true', 'false'] as const) === 'true';
  const writesPerMinute = positiveInteger('LEDGER_RATE_LIMIT_WRITES_PER_MINUTE');
  const corsOrigins = read('LEDGER_CORS_ORIGINS').split(',').map((o) => o.trim()).filter((o) => o.length > 0);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) problems.push(`LEDGER_CORS_ORIGINS: "${origin}" is not an origin like https://example.org`);
  }

  const snapshotEvery = positiveInteger('LEDGER_SNAPSHOT_EVERY');
  const readTimeoutMs = positiveInteger('LEDGER_READ_TIMEOUT_MS');

  const seedText = read('LEDGER_SEED');
  const seed = seedText === 'reference' || seedText === 'none' ? seedText : { file: isAbsolute(seedText) ? seedText : resolve(process.cwd(), seedText) };

  const consensus = readConsensusSettings(env.LEDGER_CONSENSUS_SETTINGS || undefined);
  problems.push(...consensus.problems);

  const signingKey = readSigningKey(env.LEDGER_SIGNING_KEY || undefined, problems);
  const caches = readCacheSettings(env, problems);

  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = read('LEDGER_DATA_DIR');
  return {
    port,
    host: read('HOST'),
    store,
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(process.cwd(), dataDir),
    sqliteDurability,
    eventStoreConnectionString: connection || undefined,
    bodyLimitBytes: bodyLimitBytes!,
    adminToken,
    publicRead,
    writesPerMinute,
    corsOrigins,
    snapshotEvery,
    readTimeoutMs,
    seed,
    consensus: consensus.settings,
    caches,
    ...(signingKey ? { signingKey } : {}),
  };
}

/** LEDGER_SIGNING_KEY: a PEM, or the path of a file holding one; the key must be an Ed25519 private key. */
function readSigningKey(value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  // A PEM in an environment file often has its line breaks written as \n.
  const inline = value.includes('-----BEGIN');
  let pem = inline ? value.replace(/\\n/g, '\n') : undefined;
  if (!inline) {
    const path = isAbsolute(value) ? value : resolve(process.cwd(), value);
    try {
      pem = readFileSync(path, 'utf8');
    } catch (error) {
      problems.push(`LEDGER_SIGNING_KEY: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); use ${CONFIG_VARIABLES.LEDGER_SIGNING_KEY.accepts}`);
      return undefined;
    }
  }
  try {
    parseSigningKey(pem!);
  } catch (error) {
    // The message names what the value is, never the key itself.
    problems.push(`LEDGER_SIGNING_KEY: ${inline ? 'the value' : 'the file'} ${(error as Error).message.replace(/ \(.*\)$/, '')}; use ${CONFIG_VARIABLES.LEDGER_SIGNING_KEY.accepts}`);
    return undefined;
  }
  return pem;
}

function parseSize(text: string): number | undefined {
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = { b: 1, kb: 1024, mb: 1024 * 1024 }[(match[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb'];
  const bytes = Number(match[1]) * unit;
  return bytes > 0 ? bytes : undefined;
}
