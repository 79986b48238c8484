import { subjectIdOf } from '../../contract/event-catalogue';
import type { Projection } from '../projection';

/** What was answered to a command sent with an idempotency key, so a retry with that key gets the same answer. */
export interface CommandAnswer {
  stream: string;
  requestHash: string;
  subjectId: string;
  eventIds: string[];
  revision: bigint;
  position: bigint;
}

export interface CommandAnswersView {
  byCommandId: Map<string, CommandAnswer>;
}

/**
 * What each command sent with an idempotency key wrote, by command id: the write side answers a
 * retried command from it (`Idempotency.earlierAnswer`, src/ledger/application/writer/idempotency.ts). Only keyed commands can be retried for
 * their first answer, and a record for every command would cost memory for every event.
 */
export const commandAnswersProjection: Projection<CommandAnswersView> = {
  name: 'command-answers',
  version: 1,
  init: () => ({ byCommandId: new Map() }),
  apply(view, event) {
    const { commandId, requestHash } = event.meta.metadata;
    if (typeof commandId !== 'string' || typeof requestHash !== 'string') return;
    const known = view.byCommandId.get(commandId);
    if (known) {
      known.eventIds.push(event.meta.id);
      known.revision = event.meta.revision;
      known.position = event.meta.position;
      return;
    }
    view.byCommandId.set(commandId, {
      stream: event.meta.stream,
      requestHash,
      subjectId: subjectIdOf(event),
      eventIds: [event.meta.id],
      revision: event.meta.revision,
      position: event.meta.position,
    });
  },
};
