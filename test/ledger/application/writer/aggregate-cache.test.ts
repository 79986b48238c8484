import { describe, expect, it } from 'vitest';
import { AggregateCache } from '../../../../src/ledger/application/writer/aggregate-cache';
import { CURRENT_HASH_VERSION } from '../../../../src/ledger/provenance/hash-chain';

describe('AggregateCache', () => {
  it('gives back what was remembered, as written under the current hash formula', () => {
    const cache = new AggregateCache(10);
    cache.remember('question-1', { title: 'T' }, 3n, 'a'.repeat(64));
    expect(cache.get('question-1')).toEqual({ state: { title: 'T' }, revision: 3n, lastHash: 'a'.repeat(64), lastVersion: CURRENT_HASH_VERSION });
    expect(cache.get('question-2')).toBeUndefined();
  });

  it('forgets a stream another writer moved on', () => {
    const cache = new AggregateCache(10);
    cache.remember('question-1', {}, 0n, 'a'.repeat(64));
    cache.forget('question-1');
    expect(cache.get('question-1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('past its capacity, drops the stream remembered least recently', () => {
    const cache = new AggregateCache(2);
    cache.remember('a', 'A', 0n, 'h');
    cache.remember('b', 'B', 0n, 'h');
    cache.remember('a', 'A2', 1n, 'h');
    cache.remember('c', 'C', 0n, 'h');
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.state).toBe('A2');
    expect(cache.get('c')?.state).toBe('C');
  });

  it('refuses a capacity that is not a positive integer, naming it', () => {
    expect(() => new AggregateCache(0)).toThrow(/capacity/);
  });
});
