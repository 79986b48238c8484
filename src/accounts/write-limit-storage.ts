import type { ThrottlerStorage } from '@nestjs/throttler';

/** What `increment` answers (the library does not export the type from its entry point). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The hits of one key and throttler still inside the window: their expiry times, oldest first, from `head` on. */
interface Hits {
  expiries: number[];
  head: number;
}

interface KeyRecord {
  /** Per throttler name. */
  hits: Map<string, Hits>;
  expiresAt: number;
  isBlocked: boolean;
  blockExpiresAt: number;
}

const SWEEP_INTERVAL_MS = 60_000;

const live = (hits: Hits) => hits.expiries.length - hits.head;

/**
 * `@nestjs/throttler`'s in-memory storage, with the same answers (a sliding window of hits per key,
 * in this process's memory), but costing O(1) per request instead of O(hits in the window): the
 * library's ThrottlerStorageService copies the whole list of the window's hits on every request
 * (`filter`) and spreads it into `Math.min(...)`, so under a high limit (LEDGER_RATE_LIMIT_WRITES_PER_MINUTE
 * of thousands) a principal writing fast paid for every write of the last minute on each write, and a
 * window of more than ~100k hits would overflow the stack. Here the expiry times are kept in the order
 * they expire, so the expired ones are dropped from the front and the oldest live one is the first.
 * Idle keys are dropped in a sweep at most once a minute, done on a request (no timer to stop).
 */
export class WriteLimitStorage implements ThrottlerStorage {
  private readonly records = new Map<string, KeyRecord>();
  private nextSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  // The library's interface is asynchronous (for shared stores); this one answers at once.
  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    return Promise.resolve(this.incrementNow(key, ttl, limit, blockDuration, throttlerName));
  }

  /** The same steps as ThrottlerStorageService.increment (version 6), in the same order. */
  incrementNow(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): ThrottlerStorageRecord {
    const now = this.now();
    if (now >= this.nextSweep) {
      this.sweep(now);
      this.nextSweep = now + SWEEP_INTERVAL_MS;
    }
    let record = this.records.get(key);
    if (!record) {
      record = { hits: new Map(), expiresAt: now + ttl, blockExpiresAt: 0, isBlocked: false };
      this.records.set(key, record);
    }
    let hits = record.hits.get(throttlerName);
    if (!hits) {
      hits = { expiries: [], head: 0 };
      record.hits.set(throttlerName, hits);
    }
    prune(hits, now);
    const seconds = (at: number) => Math.ceil((at - now) / 1000);
    let timeToExpire = seconds(record.expiresAt);
    if (timeToExpire <= 0) {
      record.expiresAt = now + ttl;
      timeToExpire = seconds(record.expiresAt);
    }
    if (blockDuration <= 0) {
      const isBlocked = live(hits) >= limit;
      if (!isBlocked) add(hits, now + ttl);
      return {
        totalHits: live(hits) + (isBlocked ? 1 : 0),
        timeToExpire,
        isBlocked,
        timeToBlockExpire: isBlocked ? (live(hits) > 0 ? seconds(hits.expiries[hits.head]!) : timeToExpire) : 0,
      };
    }
    if (!record.isBlocked) add(hits, now + ttl);
    if (live(hits) > limit && !record.isBlocked) {
      record.isBlocked = true;
      record.blockExpiresAt = now + blockDuration;
    }
    const timeToBlockExpire = seconds(record.blockExpiresAt);
    if (timeToBlockExpire <= 0 && record.isBlocked) {
      record.isBlocked = false;
      hits.expiries = [];
      hits.head = 0;
      add(hits, now + ttl);
    }
    return { totalHits: live(hits), timeToExpire, isBlocked: record.isBlocked, timeToBlockExpire };
  }

  /** Keys with no live hit, no block and an expired window: nothing would tell them from new ones. */
  private sweep(now: number): void {
    for (const [key, record] of this.records) {
      if (record.isBlocked && record.blockExpiresAt > now) continue;
      if (record.expiresAt > now) continue;
      let anyLive = false;
      for (const hits of record.hits.values()) {
        prune(hits, now);
        if (live(hits) > 0) anyLive = true;
      }
      if (!anyLive) this.records.delete(key);
    }
  }
}

/** Drops the hits that have expired (at or before `now`) from the front; compacts now and then, so the array does not grow without end. */
function prune(hits: Hits, now: number): void {
  const { expiries } = hits;
  let head = hits.head;
  while (head < expiries.length && expiries[head]! <= now) head++;
  if (head === expiries.length) {
    hits.expiries = [];
    hits.head = 0;
  } else if (head > 1024 && head * 2 > expiries.length) {
    hits.expiries = expiries.slice(head);
    hits.head = 0;
  } else {
    hits.head = head;
  }
}

/** Keeps the expiry times in order: a later one (the usual case, one TTL per throttler) is appended; an earlier one (the clock stepped back, or a shorter TTL) goes in its place. */
function add(hits: Hits, expiry: number): void {
  const { expiries } = hits;
  let at = expiries.length;
  if (at === hits.head || expiries[at - 1]! <= expiry) {
    expiries.push(expiry);
    return;
  }
  let low = hits.head;
  while (low < at) {
    const middle = (low + at) >>> 1;
    if (expiries[middle]! <= expiry) low = middle + 1;
    else at = middle;
  }
  expiries.splice(at, 0, expiry);
}
