import { subjectIdOf, type LedgerEvent } from '../../../../contract/event-catalogue';
import { WrongExpectedRevisionError } from '../../../event-store/event-store.errors';
import type { AppendResult, EventStore, NewEvent } from '../../../event-store/event-store.port';
import { validateAppend } from '../../../event-store/validate-append';
import type { CommandContext } from '../../provenance/provenance';
import { isStoreFailure, retriesExhausted, staleRevision } from '../write-errors';
import type { AggregateCache } from './aggregate-cache';
import type { AggregateLoader } from './aggregate-loader';
import type { ReferenceChecks } from './reference-checks';
import { sealEvents, type SealedEvents } from './sealer';
import type { LoadedAggregate, WriteOptions, WriteResult, WriteTarget } from './write-types';

/** How many times a batch is decided and appended again when other writers keep moving its stream. */
export const MAX_ATTEMPTS = 5;

/** How decided events are sealed: `sealEvents`, or a wrapper around it. */
export type Seal = (events: LedgerEvent[], stream: string, at: LoadedAggregate<unknown>, context: CommandContext) => SealedEvents;

/** One command waiting for its answer. */
export interface PendingWrite {
  target: WriteTarget<unknown, LedgerEvent, unknown>;
  command: unknown;
  context: CommandContext;
  options: WriteOptions;
  resolve(result: WriteResult): void;
  reject(error: unknown): void;
}

/** The batch's append failed (nothing of it was written); `members` are the commands still unanswered. */
class BatchAppendError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly members: PendingWrite[],
  ) {
    super((cause as Error)?.message ?? String(cause));
  }
}

/**
 * Decides a batch of commands of one stream on the evolving state, seals their events and appends
 * them in one transaction, answering each command with its own events or its own error. On a
 * conflict with another process it reloads and decides again, a bounded number of times.
 */
export class BatchCommitter {
  constructor(
    private readonly store: Pick<EventStore, 'append' | 'readStream'>,
    private readonly cache: AggregateCache,
    private readonly loader: AggregateLoader,
    private readonly references: ReferenceChecks,
    private readonly seal: Seal = sealEvents,
    private readonly maxAttempts = MAX_ATTEMPTS,
  ) {}

  /**
   * Appends the batch; when its append fails for a reason that is not the store's (one command's
   * events refused, say), nothing of it was written, and each command is tried again alone, so that
   * the one at fault gets its own error and the others commit. A failure of the store itself, or a
   * conflict that outlasted the retries, is every command's answer (thrown).
   */
  async commit(stream: string, batch: PendingWrite[], expectedRevision?: bigint): Promise<void> {
    try {
      await this.commitOnce(stream, batch, expectedRevision);
    } catch (error) {
      if (!(error instanceof BatchAppendError)) throw error;
      if (error.members.length === 1 || isStoreFailure(error.cause)) throw error.cause;
      for (const p of error.members) {
        await this.commitOnce(stream, [p], expectedRevision).catch((alone: unknown) => p.reject(alone instanceof BatchAppendError ? alone.cause : alone));
      }
    }
  }

  /**
   * Decides the commands in turn on the evolving state and appends all their events at once. A
   * command the decider refuses is answered alone. With `expectedRevision` (a batch of one, from
   * If-Match) a stale stream is a conflict at once; otherwise a conflict reloads and tries again.
   */
  private async commitOnce(stream: string, batch: PendingWrite[], expectedRevision?: bigint): Promise<void> {
    let live: PendingWrite[] = [];
    for (const p of batch) {
      try {
        if (p.context.provenance.saidIn) await this.references.requireSource(p.context.provenance.saidIn, 'provenance.saidIn');
        live.push(p);
      } catch (error) {
        p.reject(error);
      }
    }
    const target = batch[0]!.target;
    // Optimistic: the aggregate this process cached after its own last append is trusted without
    // re-reading the stream; the append's expected revision checks it, and a writer in another
    // process makes the append fail with a wrong revision, which reloads below. A refusal is only
    // given on state read from the store. If-Match always reads: it judges the revision it names.
    let trustCache = expectedRevision === undefined;
    for (let attempt = 1; live.length > 0; ) {
      const cached = trustCache ? this.cache.get<unknown>(stream) : undefined;
      const loaded = cached ?? (await this.loader.load(target));
      // A missing aggregate is the decider's to report (404), not a stale revision.
      if (expectedRevision !== undefined && loaded.revision !== null && loaded.revision !== expectedRevision) {
        throw staleRevision(stream, expectedRevision, loaded.revision);
      }
      let at: LoadedAggregate<unknown> = loaded;
      const decided: { p: PendingWrite; events: LedgerEvent[]; sealed: NewEvent[]; revision: bigint }[] = [];
      const refused = new Set<PendingWrite>();
      let unsure = false;
      for (const p of live) {
        let events: LedgerEvent[];
        try {
          events = target.decider.decide(p.command, at.state);
        } catch (error) {
          // The cache may be behind another process's writes: decide again on what is stored.
          if (cached) {
            unsure = true;
            break;
          }
          p.reject(error);
          refused.add(p);
          continue;
        }
        // Sealing and evolving concern this command alone: if either fails, it is answered with its
        // own error and the state stays as the commands before it left it.
        let next: LoadedAggregate<unknown>;
        let sealed: SealedEvents;
        try {
          sealed = this.seal(events, stream, at, p.context);
          validateAppend(stream, sealed.events, 'any');
          let state = at.state;
          for (const event of events) state = target.decider.evolve(state, event);
          next = { state, revision: (at.revision ?? -1n) + BigInt(events.length), lastHash: sealed.lastHash };
        } catch (error) {
          p.reject(error);
          refused.add(p);
          continue;
        }
        at = next;
        decided.push({ p, events, sealed: sealed.events, revision: next.revision! });
      }
      if (unsure) {
        trustCache = false;
        continue;
      }
      live = live.filter((p) => !refused.has(p));
      if (decided.length === 0) return;
      let appended: AppendResult;
      try {
        appended = await this.store.append(stream, decided.flatMap((d) => d.sealed), { expectedRevision: loaded.revision ?? 'no_stream' });
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw new BatchAppendError(error, decided.map((d) => d.p));
        this.cache.forget(stream);
        const actual = error.actual === 'no_stream' ? null : error.actual;
        if (expectedRevision !== undefined) throw staleRevision(stream, expectedRevision, actual);
        if (attempt >= this.maxAttempts) throw retriesExhausted(stream, loaded.revision, actual, this.maxAttempts);
        attempt++;
        continue;
      }
      // A keyed command's event ids are derived from its key, so another instance carrying out the
      // same command at the same time appends the same ids, sealed at another instant (another hash).
      // The store then answers this append as a retry of that one and writes nothing: the stored
      // head is the other's, not what was sealed here. Caching this head would chain the stream's
      // next event to a hash the store does not hold; the next write reads the stored head instead.
      if (decided.some((d) => d.p.context.requestHash !== undefined)) this.cache.forget(stream);
      else this.cache.remember(stream, at.state, appended.nextRevision, at.lastHash);
      const positions = await this.positionsOf(stream, decided.flatMap((d) => d.sealed), appended, (loaded.revision ?? -1n) + 1n);
      for (const d of decided) {
        d.p.resolve({ id: subjectIdOf(d.events[0]!), stream, revision: d.revision, position: positions.get(d.sealed.at(-1)!.id)!, eventIds: d.sealed.map((e) => e.id) });
      }
      return;
    }
  }

  /** Where each appended event landed: from the store's answer where it says, else read back. */
  private async positionsOf(stream: string, events: NewEvent[], appended: AppendResult, firstRevision: bigint): Promise<Map<string, bigint>> {
    if (events.length === 1) return new Map([[events[0]!.id, appended.position]]);
    if (appended.positions?.length === events.length) return new Map(events.map((event, index) => [event.id, appended.positions![index]!]));
    const positions = new Map<string, bigint>();
    for await (const event of this.store.readStream(stream, { from: firstRevision })) positions.set(event.id, event.position);
    return positions;
  }
}
