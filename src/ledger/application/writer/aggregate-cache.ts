import { CURRENT_HASH_VERSION } from '../../provenance/hash-chain';
import type { LoadedAggregate } from './write-types';

/** How many streams' aggregates stay in memory by default. */
export const CACHED_STREAMS = 2_000;

/**
 * Aggregates this process loaded or wrote last, by stream, so that a busy question is not re-read
 * from its first event for each command. Bounded: past `capacity`, the stream used least recently
 * is dropped (a Map keeps insertion order, and remembering a stream moves it to the end).
 */
export class AggregateCache {
  private readonly entries = new Map<string, LoadedAggregate<unknown>>();

  constructor(private readonly capacity = CACHED_STREAMS) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity: must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get<State>(stream: string): LoadedAggregate<State> | undefined {
    return this.entries.get(stream) as LoadedAggregate<State> | undefined;
  }

  /** What this process just appended: sealed under the current hash formula, so that is the head's. */
  remember(stream: string, state: unknown, revision: bigint, lastHash: string): void {
    this.entries.delete(stream);
    this.entries.set(stream, { state, revision, lastHash, lastVersion: CURRENT_HASH_VERSION });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Another writer moved the stream on: what is cached is no longer its head. */
  forget(stream: string): void {
    this.entries.delete(stream);
  }
}
