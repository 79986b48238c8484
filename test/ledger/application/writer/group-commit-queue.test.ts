import { describe, expect, it } from 'vitest';
import { GroupCommitQueue } from '../../../../src/ledger/application/writer/group-commit-queue';

interface Job {
  name: string;
  alone?: boolean;
  reject(error: unknown): void;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A queue whose commits are recorded; each job's answer is its batch or the error it was rejected with. */
function recordingQueue(options: { maxBatch?: number; incoming?: () => number; fail?: (batch: Job[]) => unknown } = {}) {
  const batches: string[][] = [];
  const rejected = new Map<string, unknown>();
  let active = 0;
  let overlapped = false;
  const queue = new GroupCommitQueue<Job>({
    alone: (job) => job.alone === true,
    maxBatch: options.maxBatch,
    incoming: options.incoming,
    commit: async (key, batch) => {
      active++;
      if (active > 1) overlapped = true;
      await nextTurn();
      active--;
      const failure = options.fail?.(batch);
      if (failure) throw failure;
      batches.push(batch.map((job) => `${key}:${job.name}`));
    },
  });
  const job = (name: string, alone = false): Job => ({ name, alone, reject: (error) => rejected.set(name, error) });
  const settle = async () => {
    for (let i = 0; i < 50; i++) await nextTurn();
  };
  return { queue, batches, rejected, job, settle, overlapped: () => overlapped };
}

describe('GroupCommitQueue', () => {
  it('commits jobs queued in the same turn as one batch, in arrival order', async () => {
    const q = recordingQueue();
    for (const name of ['a', 'b', 'c']) q.queue.enqueue('s', q.job(name));
    await q.settle();
    expect(q.batches).toEqual([['s:a', 's:b', 's:c']]);
  });

  it('commits a job that must go alone by itself, and batches the runs on either side of it', async () => {
    const q = recordingQueue();
    q.queue.enqueue('s', q.job('a'));
    q.queue.enqueue('s', q.job('b'));
    q.queue.enqueue('s', q.job('keyed', true));
    q.queue.enqueue('s', q.job('c'));
    q.queue.enqueue('s', q.job('d'));
    await q.settle();
    expect(q.batches).toEqual([['s:a', 's:b'], ['s:keyed'], ['s:c', 's:d']]);
  });

  it('puts at most maxBatch jobs in one batch', async () => {
    const q = recordingQueue({ maxBatch: 2 });
    for (const name of ['a', 'b', 'c', 'd', 'e']) q.queue.enqueue('s', q.job(name));
    await q.settle();
    expect(q.batches).toEqual([['s:a', 's:b'], ['s:c', 's:d'], ['s:e']]);
  });

  it('keeps keys apart, and commits one batch at a time per key', async () => {
    const q = recordingQueue();
    q.queue.enqueue('x', q.job('a'));
    q.queue.enqueue('y', q.job('b'));
    q.queue.enqueue('x', q.job('c'));
    await q.settle();
    expect(q.batches.flat().sort()).toEqual(['x:a', 'x:c', 'y:b']);
    expect(q.batches.every((batch) => new Set(batch.map((name) => name.split(':')[0])).size === 1)).toBe(true);
    // Jobs queued on a key while its batch commits wait for it, then go out together.
    const r = recordingQueue();
    r.queue.enqueue('s', r.job('first'));
    for (let i = 0; i < 12; i++) await nextTurn();
    r.queue.enqueue('s', r.job('second'));
    r.queue.enqueue('s', r.job('third'));
    await r.settle();
    expect(r.overlapped()).toBe(false);
    expect(r.batches.flat()).toEqual(['s:first', 's:second', 's:third']);
  });

  it('waits for announced jobs still on their way, so they join the first batch', async () => {
    let announced = 3;
    const q = recordingQueue({ incoming: () => announced });
    q.queue.enqueue('s', q.job('a'));
    await nextTurn();
    await nextTurn();
    q.queue.enqueue('s', q.job('b'));
    await nextTurn();
    q.queue.enqueue('s', q.job('c'));
    announced = 0;
    await q.settle();
    expect(q.batches).toEqual([['s:a', 's:b', 's:c']]);
  });

  it('without announced jobs, does not wait for jobs that come turns later', async () => {
    const q = recordingQueue({ incoming: () => 0 });
    q.queue.enqueue('s', q.job('a'));
    for (let i = 0; i < 3; i++) await nextTurn();
    q.queue.enqueue('s', q.job('late'));
    await q.settle();
    expect(q.batches).toEqual([['s:a'], ['s:late']]);
  });

  it("answers every job of a batch whose commit throws with that error, and goes on with the next batch", async () => {
    const boom = new Error('disk full');
    const q = recordingQueue({ fail: (batch) => (batch.some((job) => job.name === 'a') ? boom : undefined) });
    q.queue.enqueue('s', q.job('a'));
    q.queue.enqueue('s', q.job('b'));
    q.queue.enqueue('s', q.job('alone', true));
    await q.settle();
    expect(q.rejected.get('a')).toBe(boom);
    expect(q.rejected.get('b')).toBe(boom);
    expect(q.rejected.has('alone')).toBe(false);
    expect(q.batches).toEqual([['s:alone']]);
  });

  it('refuses a batch size that is not a positive integer, naming it', () => {
    expect(() => new GroupCommitQueue<Job>({ alone: () => false, commit: async () => undefined, maxBatch: 0 })).toThrow(/maxBatch/);
  });
});
