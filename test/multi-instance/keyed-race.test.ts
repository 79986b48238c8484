import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import type { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { AggregateCache } from '../../src/ledger/application/writer/aggregate-cache';
import { AggregateLoader } from '../../src/ledger/application/writer/aggregate-loader';
import { BatchCommitter, type Seal } from '../../src/ledger/application/writer/batch-committer';
import { ReferenceChecks } from '../../src/ledger/application/writer/reference-checks';
import { sealEvents } from '../../src/ledger/application/writer/sealer';
import { firstChainBreak } from '../support/chain-check';
import { context, memoryStore, openQuestion, pending, proposeClaim, questionTarget } from '../ledger/application/writer/writer-fixtures';

let store: SqliteEventStore;
afterEach(() => store?.close());

/** One instance's writer: its own cache of aggregates over the shared store, sealing with its own clock. */
function instance(seal: Seal = sealEvents) {
  const cache = new AggregateCache();
  return { cache, committer: new BatchCommitter(store, cache, new AggregateLoader(store, cache), new ReferenceChecks(store), seal) };
}

/**
 * The race the HTTP suites provoke, step by step: two instances carry out the same keyed command
 * (one Idempotency-Key, so the same command id and event ids), one after the other, the second on a
 * cached aggregate from before the first. The store recognises the second append as a retry of the
 * first and writes nothing; what the second sealed (at its own instant, so another hash) is not what
 * is stored, and its next write must not chain to it.
 */
describe('one keyed command carried out by two instances', () => {
  it('answers both with the stored write, and the next write chains to the stored head, not the one sealed', async () => {
    store = memoryStore();
    const a = instance();
    // b's clock is a second ahead of a's: the same event sealed by each has another hash.
    const b = instance((events, stream, at, ctx) => sealEvents(events, stream, at, ctx, new Date(Date.now() + 1_000)));
    const target = questionTarget('q1');

    const opened = pending(target, openQuestion('q1'));
    await b.committer.commit(target.stream, [opened.write]);
    expect((await opened.settled).status).toBe('fulfilled');
    // b has the question cached at revision 0; a carries out the keyed command first.
    const keyed = context({ requestHash: 'sha256-of-the-request' });
    const onA = pending(target, proposeClaim('q1', 'k'), keyed);
    await a.committer.commit(target.stream, [onA.write]);
    const first = await onA.settled;
    expect(first.status).toBe('fulfilled');

    // b, on its cache at revision 0, decides the same command again: the store answers it as a retry.
    const onB = pending(target, proposeClaim('q1', 'k'), keyed);
    await b.committer.commit(target.stream, [onB.write]);
    const second = await onB.settled;
    expect(second).toEqual(first);

    // b's next write must land after the stored event, chained to the stored hash.
    const next = pending(target, proposeClaim('q1', 'after'));
    await b.committer.commit(target.stream, [next.write]);
    expect(await next.settled).toMatchObject({ status: 'fulfilled', value: { revision: 2n } });

    const events: RecordedEvent[] = [];
    for await (const event of store.readStream(target.stream)) events.push(event);
    expect(events.map((e) => e.type)).toEqual(['QuestionOpened', 'ClaimProposed', 'ClaimProposed']);
    expect(firstChainBreak(events)).toBeNull();
  });
});
