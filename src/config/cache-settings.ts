/**
 * The read side's caches and their bounds (docs/performance.md, "Caches and their bounds"). Each
 * cache is an LRU bounded by an estimate of the bytes it holds; an entry larger than its cache's
 * whole bound is not kept at all, and an entry nobody used for the idle time is dropped, so that
 * the memory a big read took comes back when nobody reads.
 */
export interface CacheSettings {
  /** The current-consensus engines of the questions read (their graph and last result). */
  consensusBytes: number;
  /** Folded timelines, for the questions whose timeline was asked for. */
  timelineBytes: number;
  /** Per-question views kept by time travel to start later looks back from. */
  timeTravelBytes: number;
  /** An entry of any of them not used for this long is dropped; 0 keeps entries until evicted by size. */
  idleMs: number;
}

export const DEFAULT_CACHE_SETTINGS: CacheSettings = {
  consensusBytes: 256 * 1024 * 1024,
  timelineBytes: 64 * 1024 * 1024,
  timeTravelBytes: 64 * 1024 * 1024,
  idleMs: 300_000,
};

const SIZE = 'a size in bytes, or with kb, mb or gb (1 byte or more)';

/** The variables, with their defaults and what they accept (merged into CONFIG_VARIABLES). */
export const CACHE_VARIABLES = {
  LEDGER_CACHE_CONSENSUS_BYTES: { default: '256mb', accepts: SIZE },
  LEDGER_CACHE_TIMELINE_BYTES: { default: '64mb', accepts: SIZE },
  LEDGER_CACHE_TIME_TRAVEL_BYTES: { default: '64mb', accepts: SIZE },
  LEDGER_CACHE_IDLE_SECONDS: { default: '300', accepts: 'a number of seconds, 0 (never idle) or more' },
} as const;

type Env = Record<string, string | undefined>;

/** Reads the cache settings, adding a problem naming the variable for each bad value. */
export function readCacheSettings(env: Env, problems: string[]): CacheSettings {
  const read = (name: keyof typeof CACHE_VARIABLES) => {
    const value = env[name];
    return value === undefined || value === '' ? CACHE_VARIABLES[name].default : value;
  };
  const size = (name: keyof typeof CACHE_VARIABLES): number => {
    const text = read(name);
    const bytes = parseCacheSize(text);
    if (bytes !== undefined) return bytes;
    problems.push(`${name}: "${text}" is not allowed; use ${CACHE_VARIABLES[name].accepts}`);
    return 1;
  };
  const idleText = read('LEDGER_CACHE_IDLE_SECONDS');
  const idleSeconds = /^\d+(\.\d+)?$/.test(idleText) ? Number(idleText) : NaN;
  if (!Number.isFinite(idleSeconds)) problems.push(`LEDGER_CACHE_IDLE_SECONDS: "${idleText}" is not allowed; use ${CACHE_VARIABLES.LEDGER_CACHE_IDLE_SECONDS.accepts}`);
  return {
    consensusBytes: size('LEDGER_CACHE_CONSENSUS_BYTES'),
    timelineBytes: size('LEDGER_CACHE_TIMELINE_BYTES'),
    timeTravelBytes: size('LEDGER_CACHE_TIME_TRAVEL_BYTES'),
    idleMs: Number.isFinite(idleSeconds) ? Math.round(idleSeconds * 1000) : DEFAULT_CACHE_SETTINGS.idleMs,
  };
}

/** "512", "64kb", "256mb", "1gb" (any case) in bytes; undefined for anything else or 0. */
export function parseCacheSize(text: string): number | undefined {
  const match = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb' | 'gb'];
  const bytes = Number(match[1]) * unit;
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}
