import { KeyedLock } from './keyed-lock';

/** A queued job: the queue answers it with `reject` if committing its batch throws. */
export interface QueuedJob {
  reject(error: unknown): void;
}

export interface GroupCommitOptions<Job extends QueuedJob> {
  /** Commits a batch of jobs of one key, answering each; what it throws is every job's answer. */
  commit(key: string, batch: Job[]): Promise<void>;
  /** A job that must be committed on its own (its answer depends on exactly what precedes it). */
  alone(job: Job): boolean;
  /** Jobs known to be on their way (requests received, not yet queued): worth waiting a turn for. */
  incoming?: () => number;
  /** At most this many jobs share one batch. */
  maxBatch?: number;
  /** How many turns of the event loop a batch waits at most for more jobs to join it. */
  maxGatheringTurns?: number;
}

export const MAX_BATCH = 100;
export const MAX_GATHERING_TURNS = 8;

/**
 * Per-key queues whose jobs are committed in batches, one batch at a time per key: jobs queued
 * while a batch is being committed form the next one. A batch is either one job that must go alone
 * or a run of consecutive jobs that may share, in arrival order.
 */
export class GroupCommitQueue<Job extends QueuedJob> {
  private readonly locks = new KeyedLock();
  private readonly queues = new Map<string, Job[]>();
  private readonly maxBatch: number;
  private readonly maxGatheringTurns: number;

  constructor(private readonly options: GroupCommitOptions<Job>) {
    this.maxBatch = options.maxBatch ?? MAX_BATCH;
    this.maxGatheringTurns = options.maxGatheringTurns ?? MAX_GATHERING_TURNS;
    if (!Number.isInteger(this.maxBatch) || this.maxBatch < 1) throw new RangeError(`maxBatch: must be a positive integer, got ${this.maxBatch}`);
  }

  /** Jobs waiting for their key, not yet taken into a batch. */
  waiting(key: string): number {
    return this.queues.get(key)?.length ?? 0;
  }

  enqueue(key: string, job: Job): void {
    const queue = this.queues.get(key) ?? [];
    queue.push(job);
    this.queues.set(key, queue);
    void this.locks.run(key, () => this.flush(key));
  }

  /** Takes what is queued on the key: one job that must go alone, or a batch of the others. */
  private async flush(key: string): Promise<void> {
    // Turns of the event loop let the jobs already received join the batch: the store's sync to
    // disk is the slow part of a write, and a batch shares one. It waits while each turn brings
    // more, or while jobs announced by `incoming` are still on their way (requests reach the writer
    // over several turns of the request pipeline), a few turns at most.
    for (let turn = 0, queued = -1; turn < this.maxGatheringTurns; turn++) {
      const waiting = this.waiting(key);
      if (waiting >= this.maxBatch) break;
      if (waiting === queued && waiting >= (this.options.incoming?.() ?? 0)) break;
      queued = waiting;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const queue = this.queues.get(key);
    if (!queue || queue.length === 0) return;
    const { alone } = this.options;
    let take = 1;
    if (!alone(queue[0]!)) while (take < queue.length && take < this.maxBatch && !alone(queue[take]!)) take++;
    const batch = queue.splice(0, take);
    if (queue.length === 0) this.queues.delete(key);
    await this.options.commit(key, batch).catch((error: unknown) => batch.forEach((job) => job.reject(error)));
  }
}
