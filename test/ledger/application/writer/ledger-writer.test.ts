import { afterEach, describe, expect, it, vi } from 'vitest';
import { commandAnswersProjection } from '../../../../projections/commands/command-answers.projection';
import { NO_OTHER_VIEWS } from '../../../../projections/projection';
import type { SqliteEventStore } from '../../../../src/event-store/sqlite/sqlite-event-store';
import { LedgerWriter } from '../../../../src/ledger/application/writer/ledger-writer';
import { IdempotencyKeyReusedError, InvalidCommandError } from '../../../../src/ledger/application/write-errors';
import { projectedEvent } from '../../../../src/projection-runtime/projected-event';
import type { ProjectionRunner } from '../../../../src/projection-runtime/projection-runner';
import { context, memoryStore, openQuestion, proposeClaim, questionTarget } from './writer-fixtures';

let store: SqliteEventStore;
afterEach(() => store?.close());

/**
 * The writer built with plain constructors: a store in memory, and in place of the projection
 * runner the command-answers projection fed the stored events on catch-up.
 */
function writer() {
  const view = commandAnswersProjection.init();
  const runner = {
    catchUp: async () => {
      view.byCommandId.clear();
      for await (const recorded of store.readAll()) {
        const event = projectedEvent(recorded);
        if (event) commandAnswersProjection.apply(view, event, NO_OTHER_VIEWS);
      }
    },
    view: () => view,
  };
  return new LedgerWriter(store, runner as unknown as ProjectionRunner);
}

describe('LedgerWriter, composed of its parts', () => {
  it('appends commands sent together in one batch, each answered with its own revision', async () => {
    store = memoryStore();
    const w = writer();
    await w.execute(questionTarget('q1'), openQuestion('q1'), context());
    const append = vi.spyOn(store, 'append');
    const answers = await Promise.all(['c1', 'c2', 'c3'].map((id) => w.execute(questionTarget('q1'), proposeClaim('q1', id), context())));
    expect(append).toHaveBeenCalledTimes(1);
    expect(answers.map((a) => a.revision)).toEqual([1n, 2n, 3n]);
  });

  it('answers a command sent again under its idempotency key with its first answer, and refuses the key with another request', async () => {
    store = memoryStore();
    const w = writer();
    await w.execute(questionTarget('q1'), openQuestion('q1'), context());
    const keyed = context({ requestHash: 'hash-1' });
    const first = await w.execute(questionTarget('q1'), proposeClaim('q1', 'c1'), keyed);
    const append = vi.spyOn(store, 'append');
    const again = await w.execute(questionTarget('q1'), proposeClaim('q1', 'c1'), keyed);
    expect(append).not.toHaveBeenCalled();
    expect(again).toEqual({ ...first, replayed: true });
    await expect(w.execute(questionTarget('q1'), proposeClaim('q1', 'c1'), { ...keyed, requestHash: 'hash-2' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('refuses a context it cannot seal before the command joins a batch', async () => {
    store = memoryStore();
    const w = writer();
    const error = await w.execute(questionTarget('q1'), openQuestion('q1'), context({ provenance: { occurredAt: '2021-W07' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCommandError);
  });

  it('checks references in the store', async () => {
    store = memoryStore();
    const w = writer();
    expect(await w.exists('question-q1')).toBe(false);
    await w.execute(questionTarget('q1'), openQuestion('q1'), context());
    expect(await w.exists('question-q1')).toBe(true);
    await expect(w.requireSource('s1', 'sourceId')).rejects.toMatchObject({ code: 'unknown-source', field: 'sourceId' });
  });
});
