import { ThrottlerStorageService } from '@nestjs/throttler';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WriteLimitStorage } from '../../src/accounts/write-limit-storage';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('WriteLimitStorage', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    { blockDuration: 0, seed: 1 },
    { blockDuration: 0, seed: 2 },
    { blockDuration: 5_000, seed: 3 },
    { blockDuration: 5_000, seed: 4 },
  ])('answers as the library’s in-memory storage does, hit by hit (block duration $blockDuration ms, seed $seed)', async ({ blockDuration, seed }) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let now = Date.UTC(2026, 0, 1);
    vi.setSystemTime(now);
    const library = new ThrottlerStorageService();
    const ours = new WriteLimitStorage(() => now);
    const next = random(seed);
    const keys = ['writes:principal:a', 'writes:principal:b'];
    let blocked = 0;
    for (let i = 0; i < 3_000; i++) {
      // Bursts and pauses, sometimes longer than the window, so hits expire, limits are reached and windows restart.
      now += next() < 0.02 ? Math.floor(next() * 70_000) : Math.floor(next() * 400);
      vi.setSystemTime(now);
      const key = keys[Math.floor(next() * keys.length)]!;
      const expected = await library.increment(key, 60_000, 40, blockDuration, 'writes');
      const actual = await ours.increment(key, 60_000, 40, blockDuration, 'writes');
      // Not blocked, timeToBlockExpire is only how long ago an old block ended, which the guard never reads
      // and which depends on when each storage forgets idle keys (the library on a timer, this one on a request).
      const meaningful = (r: typeof actual) => (r.isBlocked ? r : { ...r, timeToBlockExpire: undefined });
      expect(meaningful(actual), `hit ${i} on ${key}`).toEqual(meaningful(expected));
      if (actual.isBlocked) blocked++;
    }
    library.onApplicationShutdown();
    // The sequence reached the limit, or it would not have compared the interesting answers.
    expect(blocked).toBeGreaterThan(0);
  });

  it('counts 200,000 hits in one window exactly, without overflowing the stack (the library’s Math.min over every hit did)', async () => {
    let now = 0;
    const storage = new WriteLimitStorage(() => now);
    for (let i = 0; i < 200_000; i++) {
      now += 0.1;
      storage.incrementNow('k', 60_000, 1_000_000, 0, 'writes');
    }
    const record = storage.incrementNow('k', 60_000, 200_001, 0, 'writes');
    expect(record.totalHits).toBe(200_001);
    expect(record.isBlocked).toBe(false);
    const refused = storage.incrementNow('k', 60_000, 200_001, 0, 'writes');
    expect(refused).toMatchObject({ isBlocked: true, totalHits: 200_002, timeToBlockExpire: 41 });
  });

  it('forgets a principal once its window and hits have expired', () => {
    let now = 1_000;
    const storage = new WriteLimitStorage(() => now);
    storage.incrementNow('a', 60_000, 1, 0, 'writes');
    expect(storage.incrementNow('a', 60_000, 1, 0, 'writes').isBlocked).toBe(true);
    now += 61_000;
    expect(storage.incrementNow('a', 60_000, 1, 0, 'writes')).toMatchObject({ isBlocked: false, totalHits: 1 });
    now += 121_000;
    // The sweep on this hit drops 'a'; a fresh key answers as new.
    expect(storage.incrementNow('b', 60_000, 1, 0, 'writes').totalHits).toBe(1);
    expect((storage as unknown as { records: Map<string, unknown> }).records.has('a')).toBe(false);
  });
});
