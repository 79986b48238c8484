import { Inject, Injectable, Optional } from '@nestjs/common';
import type { LedgerEvent } from '../../../../contract/event-catalogue';
import { EVENT_STORE, type EventStore } from '../../../event-store/event-store.port';
import { ProjectionRunner } from '../../../projection-runtime/projection-runner';
import type { CommandContext } from '../../provenance/provenance';
import { IncomingWrites } from '../incoming-writes';
import { IdempotencyKeyReusedError } from '../write-errors';
import { AggregateCache } from './aggregate-cache';
import { AggregateLoader } from './aggregate-loader';
import { BatchCommitter, type PendingWrite } from './batch-committer';
import { GroupCommitQueue } from './group-commit-queue';
import { answersFromRunner, Idempotency } from './idempotency';
import { ReferenceChecks } from './reference-checks';
import { checkContext, sealEvents, type SealedEvents } from './sealer';
import type { LoadedAggregate, WriteOptions, WriteResult, WriteTarget } from './write-types';

/**
 * The shell around the functional core, composed of parts that each do one job: commands queue per
 * stream and go out in batches (GroupCommitQueue); a command with an idempotency key is answered
 * from its first answer when there is one (Idempotency); a batch is decided on the cached or loaded
 * and verified aggregate (AggregateCache, AggregateLoader), sealed (sealEvents), appended with the
 * expected revision and retried on a conflict with another process (BatchCommitter).
 */
@Injectable()
export class LedgerWriter {
  private readonly references: ReferenceChecks;
  private readonly idempotency: Idempotency;
  private readonly committer: BatchCommitter;
  private readonly queue: GroupCommitQueue<PendingWrite>;

  constructor(@Inject(EVENT_STORE) store: EventStore, runner: ProjectionRunner, @Optional() incoming?: IncomingWrites) {
    const cache = new AggregateCache();
    this.references = new ReferenceChecks(store);
    this.idempotency = new Idempotency(answersFromRunner(runner));
    this.committer = new BatchCommitter(store, cache, new AggregateLoader(store, cache), this.references, (...args) => this.seal(...args));
    this.queue = new GroupCommitQueue<PendingWrite>({
      // A command naming a revision (If-Match) or an idempotency key is judged on exactly what
      // precedes it, so it is carried out alone.
      alone: (p) => p.options.expectedRevision !== undefined || Idempotency.isKeyed(p.context),
      commit: (stream, batch) => this.commit(stream, batch),
      incoming: () => incoming?.pending ?? 0,
    });
  }

  /**
   * Carries out one command. Commands queued on the same stream while another is being written go
   * out together: decided one after another on the evolving state, appended in one transaction (one
   * fsync for all of them), each answered with its own events. A command naming a revision (If-Match)
   * or an idempotency key is carried out alone.
   */
  execute<Command, Event extends LedgerEvent, State>(
    target: WriteTarget<Command, Event, State>,
    command: Command,
    context: CommandContext,
    options: WriteOptions = {},
  ): Promise<WriteResult> {
    // What can be judged of the command alone is judged before it joins a batch: a refusal here
    // is its own answer and never reaches the commands it would have been appended with.
    try {
      checkContext(context);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<WriteResult>((resolve, reject) => {
      this.queue.enqueue(target.stream, { target: target as WriteTarget<unknown, LedgerEvent, unknown>, command, context, options, resolve, reject });
    });
  }

  /** Whether a stream has any event: how the shell checks references to other aggregates. */
  exists(stream: string): Promise<boolean> {
    return this.references.exists(stream);
  }

  requireSource(sourceId: string, field: string): Promise<void> {
    return this.references.requireSource(sourceId, field);
  }

  /**
   * Seals one command's events. A method of the writer, not only of the committer, so that the
   * application tests (test/ledger/group-commit.test.ts) can make one command's sealing fail.
   */
  private seal(events: LedgerEvent[], stream: string, at: LoadedAggregate<unknown>, context: CommandContext): SealedEvents {
    return sealEvents(events, stream, at, context);
  }

  private async commit(stream: string, batch: PendingWrite[]): Promise<void> {
    const [first] = batch;
    if (batch.length === 1 && Idempotency.isKeyed(first!.context)) {
      const earlier = await this.idempotency.earlierAnswer(first!.context);
      if (earlier) return first!.resolve(earlier);
      return this.commitKeyed(stream, first!);
    }
    await this.committer.commit(stream, batch, first!.options.expectedRevision);
  }

  /**
   * A keyed command no answer was found for may still be carried out meanwhile by another instance
   * on the same store (a client retrying on another instance behind a load balancer): its append
   * then conflicts, and deciding again on the stream that now holds the command's own events refuses
   * it (the claim it creates exists already). So a keyed command that fails looks for its first
   * answer once more, after reading the store on, and gets that answer rather than the refusal.
   */
  private async commitKeyed(stream: string, write: PendingWrite): Promise<void> {
    const answerOrRefuse = async (error: unknown) => {
      try {
        const earlier = await this.idempotency.earlierAnswer(write.context);
        if (earlier) return write.resolve(earlier);
      } catch (lookup) {
        // The key was used with another request meanwhile: that is the answer; a failed look-up is not.
        if (lookup instanceof IdempotencyKeyReusedError) return write.reject(lookup);
      }
      write.reject(error);
    };
    try {
      await this.committer.commit(stream, [{ ...write, reject: (error) => void answerOrRefuse(error) }], write.options.expectedRevision);
    } catch (error) {
      await answerOrRefuse(error);
    }
  }
}
