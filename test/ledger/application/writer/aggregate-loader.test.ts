import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LedgerEvent } from '../../../../contract/event-catalogue';
import type { SqliteEventStore } from '../../../../src/event-store/sqlite/sqlite-event-store';
import { BrokenStreamError } from '../../../../src/ledger/application/write-errors';
import { AggregateCache } from '../../../../src/ledger/application/writer/aggregate-cache';
import { AggregateLoader } from '../../../../src/ledger/application/writer/aggregate-loader';
import { sealEvents } from '../../../../src/ledger/application/writer/sealer';
import { GENESIS_HASH } from '../../../../src/ledger/provenance/hash-chain';
import { questionDecider } from '../../../../src/ledger/question/question.decider';
import { context, memoryStore, openQuestion, proposeClaim, questionTarget } from './writer-fixtures';

let store: SqliteEventStore;
afterEach(() => store?.close());

/** Decides and appends a command the way the writer does, returning the new head. */
async function write(stream: string, events: LedgerEvent[], head: { revision: bigint | null; lastHash: string }) {
  const sealed = sealEvents(events, stream, head, context());
  const appended = await store.append(stream, sealed.events, { expectedRevision: head.revision ?? 'no_stream' });
  return { revision: appended.nextRevision, lastHash: sealed.lastHash };
}

describe('AggregateLoader', () => {
  it('folds the stream through the decider, verified, up to its last event', async () => {
    store = memoryStore();
    const target = questionTarget('q1');
    const opened = questionDecider.decide(openQuestion('q1', 'Who kept the lists?'), questionDecider.initialState);
    const head = await write(target.stream, opened, { revision: null, lastHash: GENESIS_HASH });
    const state = questionDecider.evolve(questionDecider.initialState, opened[0]!);
    await write(target.stream, questionDecider.decide(proposeClaim('q1', 'c1'), state), head);
    const loaded = await new AggregateLoader(store, new AggregateCache()).load(target);
    expect(loaded.revision).toBe(1n);
    expect(loaded.state.title).toBe('Who kept the lists?');
    expect(loaded.state.claims.has('c1')).toBe(true);
  });

  it('answers an empty stream with the initial state and no revision', async () => {
    store = memoryStore();
    const loaded = await new AggregateLoader(store, new AggregateCache()).load(questionTarget('none'));
    expect(loaded).toMatchObject({ revision: null, lastHash: GENESIS_HASH, state: questionDecider.initialState });
  });

  it('starts from the cached aggregate and reads only the events after it', async () => {
    store = memoryStore();
    const target = questionTarget('q2');
    const opened = questionDecider.decide(openQuestion('q2'), questionDecider.initialState);
    const head = await write(target.stream, opened, { revision: null, lastHash: GENESIS_HASH });
    const cache = new AggregateCache();
    const state = questionDecider.evolve(questionDecider.initialState, opened[0]!);
    cache.remember(target.stream, state, head.revision, head.lastHash);
    await write(target.stream, questionDecider.decide(proposeClaim('q2', 'c1'), state), head);
    const read = vi.spyOn(store, 'readStream');
    const loaded = await new AggregateLoader(store, cache).load(target);
    expect(read).toHaveBeenCalledWith(target.stream, { from: 1n });
    expect(loaded.revision).toBe(1n);
    expect(loaded.state.claims.has('c1')).toBe(true);
  });

  it('refuses a stream with an event that fails verification, naming the stream and the event', async () => {
    store = memoryStore();
    const target = questionTarget('q3');
    const opened = questionDecider.decide(openQuestion('q3'), questionDecider.initialState);
    await write(target.stream, opened, { revision: null, lastHash: GENESIS_HASH });
    // An event appended by something that does not seal: no hash, chained to nothing.
    const unsealed = { id: '00000000-0000-4000-8000-000000000001', type: 'ClaimProposed', data: { questionId: 'q3', claimId: 'c9' }, metadata: {} };
    await store.append(target.stream, [unsealed], { expectedRevision: 0n });
    const error = await new AggregateLoader(store, new AggregateCache()).load(target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokenStreamError);
    expect(error).toMatchObject({ stream: target.stream, eventId: unsealed.id });
    expect((error as BrokenStreamError).problem).toMatch(/no hash/);
  });
});
