import { toLedgerEvent, type LedgerEvent } from '../../../../contract/event-catalogue';
import type { EventStore } from '../../../event-store/event-store.port';
import { chainProblem } from '../../integrity/ledger-audit';
import { GENESIS_HASH, hashVersionOf } from '../../provenance/hash-chain';
import { BrokenStreamError } from '../write-errors';
import type { AggregateCache } from './aggregate-cache';
import type { LoadedAggregate, WriteTarget } from './write-types';

/**
 * Reads an aggregate from its stream, verifying each event's link in the hash chain as it goes (as
 * the projections do): a decision is never made on an event that fails. Starts from the cached
 * aggregate when there is one, which is a prefix of the stream, and reads only what came after it.
 */
export class AggregateLoader {
  constructor(
    private readonly store: Pick<EventStore, 'readStream' | 'keepsRecordedAt'>,
    private readonly cache: AggregateCache,
  ) {}

  async load<Command, Event extends LedgerEvent, State>(target: WriteTarget<Command, Event, State>): Promise<LoadedAggregate<State>> {
    const cached = this.cache.get<State>(target.stream);
    let { state, revision, lastHash, lastVersion = 1 } = cached ?? { state: target.decider.initialState, revision: null, lastHash: GENESIS_HASH };
    for await (const recorded of this.store.readStream(target.stream, { from: revision === null ? 0n : revision + 1n })) {
      const head = revision === null ? undefined : { revision, hash: lastHash, version: lastVersion };
      const problem = chainProblem(recorded, head, this.store.keepsRecordedAt);
      if (problem !== undefined) throw new BrokenStreamError(target.stream, recorded.position, recorded.id, problem);
      const event = toLedgerEvent(recorded);
      if (event) state = target.decider.evolve(state, event as Event);
      revision = recorded.revision;
      lastHash = recorded.metadata.hash as string;
      lastVersion = hashVersionOf(recorded.metadata) as number;
    }
    return { state, revision, lastHash, lastVersion };
  }
}
