import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventStoreUnavailableError, InvalidAppendError, WrongExpectedRevisionError } from '../../../../src/event-store/event-store.errors';
import type { NewEvent } from '../../../../src/event-store/event-store.port';
import type { SqliteEventStore } from '../../../../src/event-store/sqlite/sqlite-event-store';
import { eventIdFor } from '../../../../src/ledger/application/derived-ids';
import { WriteConflictError } from '../../../../src/ledger/application/write-errors';
import { AggregateCache } from '../../../../src/ledger/application/writer/aggregate-cache';
import { AggregateLoader } from '../../../../src/ledger/application/writer/aggregate-loader';
import { BatchCommitter } from '../../../../src/ledger/application/writer/batch-committer';
import { ReferenceChecks } from '../../../../src/ledger/application/writer/reference-checks';
import { sealEvents } from '../../../../src/ledger/application/writer/sealer';
import { DomainRuleError } from '../../../../src/ledger/domain-error';
import { context, memoryStore, openQuestion, pending, proposeClaim, questionTarget } from './writer-fixtures';

let store: SqliteEventStore;
afterEach(() => store?.close());

function committer(maxAttempts?: number) {
  const cache = new AggregateCache();
  const parts = { cache, loader: new AggregateLoader(store, cache), references: new ReferenceChecks(store) };
  return { ...parts, committer: new BatchCommitter(store, cache, parts.loader, parts.references, sealEvents, maxAttempts) };
}

/** Opens question `id` through the committer: what every test starts from. */
async function opened(c: BatchCommitter, id: string) {
  const open = pending(questionTarget(id), openQuestion(id));
  await c.commit(questionTarget(id).stream, [open.write]);
  return open.settled;
}

describe('BatchCommitter', () => {
  it('decides a batch on the evolving state and appends it in one transaction, each command answered with its own events', async () => {
    store = memoryStore();
    const { committer: c } = committer();
    expect((await opened(c, 'q1')).status).toBe('fulfilled');
    const append = vi.spyOn(store, 'append');
    const writes = ['c1', 'c2', 'c3'].map((claimId) => pending(questionTarget('q1'), proposeClaim('q1', claimId)));
    await c.commit('question-q1', writes.map((w) => w.write));
    const answers = await Promise.all(writes.map((w) => w.settled));
    expect(append).toHaveBeenCalledTimes(1);
    expect(append.mock.calls[0]![1]).toHaveLength(3);
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value.revision : a.reason))).toEqual([1n, 2n, 3n]);
    expect(answers.map((a) => a.status === 'fulfilled' && a.value.id)).toEqual(['c1', 'c2', 'c3']);
    expect(new Set(answers.map((a) => a.status === 'fulfilled' && a.value.position)).size).toBe(3);
  });

  it('answers a command the decider refuses alone, and appends the rest', async () => {
    store = memoryStore();
    const { committer: c } = committer();
    await opened(c, 'q1');
    const writes = [pending(questionTarget('q1'), proposeClaim('q1', 'c1')), pending(questionTarget('q1'), proposeClaim('q1', 'c1')), pending(questionTarget('q1'), proposeClaim('q1', 'c2'))];
    await c.commit('question-q1', writes.map((w) => w.write));
    const [first, again, other] = await Promise.all(writes.map((w) => w.settled));
    expect(first.status).toBe('fulfilled');
    expect(again).toMatchObject({ status: 'rejected', reason: { code: 'claim-exists' } });
    expect(other).toMatchObject({ status: 'fulfilled', value: { revision: 2n } });
  });

  it('refuses a command whose provenance names an unregistered source, before deciding it', async () => {
    store = memoryStore();
    const { committer: c } = committer();
    await opened(c, 'q1');
    const w = pending(questionTarget('q1'), proposeClaim('q1', 'c1'), context({ provenance: { saidIn: 'nowhere' } }));
    await c.commit('question-q1', [w.write]);
    const answer = await w.settled;
    expect(answer).toMatchObject({ status: 'rejected', reason: { code: 'unknown-source', field: 'provenance.saidIn' } });
    expect((answer as { reason: unknown }).reason).toBeInstanceOf(DomainRuleError);
  });

  it('reloads and decides again when another process appended behind its cache', async () => {
    store = memoryStore();
    const mine = committer();
    await opened(mine.committer, 'q1');
    // Another process (its own committer and cache) proposes a claim on the same question.
    const theirs = committer();
    const other = pending(questionTarget('q1'), proposeClaim('q1', 'theirs'));
    await theirs.committer.commit('question-q1', [other.write]);
    expect((await other.settled).status).toBe('fulfilled');
    const w = pending(questionTarget('q1'), proposeClaim('q1', 'mine'));
    await mine.committer.commit('question-q1', [w.write]);
    expect(await w.settled).toMatchObject({ status: 'fulfilled', value: { revision: 2n } });
    // A command refused on the stale cache is decided again on what is stored.
    const dup = pending(questionTarget('q1'), proposeClaim('q1', 'theirs'));
    const fresh = committer();
    await fresh.committer.commit('question-q1', [dup.write]);
    expect(await dup.settled).toMatchObject({ status: 'rejected', reason: { code: 'claim-exists' } });
  });

  it('answers a stale If-Match with a conflict naming both revisions, without retrying', async () => {
    store = memoryStore();
    const { committer: c } = committer();
    await opened(c, 'q1');
    const first = pending(questionTarget('q1'), proposeClaim('q1', 'c1'));
    await c.commit('question-q1', [first.write]);
    const append = vi.spyOn(store, 'append');
    const stale = pending(questionTarget('q1'), proposeClaim('q1', 'c2'), context(), 0n);
    const error = await c.commit('question-q1', [stale.write], 0n).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteConflictError);
    expect(error).toMatchObject({ expected: 0n, actual: 1n });
    expect(append).not.toHaveBeenCalled();
  });

  it('gives up with a conflict after its attempts when other writers keep moving the stream', async () => {
    store = memoryStore();
    const { committer: c } = committer(3);
    await opened(c, 'q1');
    const append = vi.spyOn(store, 'append').mockRejectedValue(new WrongExpectedRevisionError('question-q1', 0n, 9n));
    const w = pending(questionTarget('q1'), proposeClaim('q1', 'c1'));
    const error = await c.commit('question-q1', [w.write]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteConflictError);
    expect((error as Error).message).toMatch(/3 attempts/);
    expect(append).toHaveBeenCalledTimes(3);
  });

  it('isolates a poisoned batch: an append refused because of one command is retried without it', async () => {
    store = memoryStore();
    const { committer: c } = committer();
    await opened(c, 'q1');
    const writes = ['c1', 'c2', 'c3'].map((claimId) => pending(questionTarget('q1'), proposeClaim('q1', claimId)));
    const poisoned = eventIdFor(writes[1]!.write.context.commandId, 0);
    const realAppend = store.append.bind(store);
    const append = vi.spyOn(store, 'append').mockImplementation((stream, events: readonly NewEvent[], options) => {
      if (events.some((e) => e.id === poisoned)) return Promise.reject(new InvalidAppendError('events[1].data: refused'));
      return realAppend(stream, events, options);
    });
    await c.commit('question-q1', writes.map((w) => w.write));
    const answers = await Promise.all(writes.map((w) => w.settled));
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((answers[1] as { reason: unknown }).reason).toBeInstanceOf(InvalidAppendError);
    expect(append).toHaveBeenCalledTimes(4);
  });

  it('throws a failure of the store itself for the whole batch, without splitting it', async () => {
    store = memoryStore();
    const { committer: c } = committer();
    await opened(c, 'q1');
    const outage = new EventStoreUnavailableError('disk gone');
    const append = vi.spyOn(store, 'append').mockRejectedValue(outage);
    const writes = ['c1', 'c2'].map((claimId) => pending(questionTarget('q1'), proposeClaim('q1', claimId)));
    await expect(c.commit('question-q1', writes.map((w) => w.write))).rejects.toBe(outage);
    expect(append).toHaveBeenCalledTimes(1);
  });
});
