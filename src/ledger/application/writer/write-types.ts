import type { LedgerEvent } from '../../../../contract/event-catalogue';
import type { Decider } from '../../decider';

/** The aggregate a command is about: its rules and the stream its events go to. */
export interface WriteTarget<Command, Event extends LedgerEvent, State> {
  decider: Decider<Command, Event, State>;
  stream: string;
}

export interface WriteOptions {
  /** The revision the client read (If-Match): a stale one is a conflict, never retried silently. */
  expectedRevision?: bigint;
}

export interface WriteResult {
  /** What the write is about: the new or changed question, claim, relation, evidence or source. */
  id: string;
  stream: string;
  revision: bigint;
  position: bigint;
  eventIds: string[];
  /** True when this is the first answer to the same command, replayed: nothing was appended now. */
  replayed?: boolean;
}

/** An aggregate as far as the writer has read (or written) its stream. */
export interface LoadedAggregate<State> {
  state: State;
  /** null while the stream has no events. */
  revision: bigint | null;
  /** The hash of the last event, the next event's prevHash (the genesis hash for none). */
  lastHash: string;
  /** The hash formula of the last event (1 for none): a later one may not be older. */
  lastVersion?: number;
}
