import { subjectIdOf } from '../../src/ledger/event-catalogue';
import type { Projection } from '../projection';

/** What was answered to a command, so a retry with the same idempotency key gets the same answer. */
export interface CommandRecord {
  stream: string;
  requestHash: string | null;
  subjectId: string;
  eventIds: string[];
  revision: bigint;
  position: bigint;
}

/**
 * Which question each claim, relation and piece of evidence belongs to, and what each command wrote.
 * The write side uses it to route `/api/claims/:id` and friends to their question's stream.
 */
export interface StreamLocatorView {
  questionOfClaim: Map<string, string>;
  questionOfEvidence: Map<string, string>;
  commands: Map<string, CommandRecord>;
}

export const streamLocator: Projection<StreamLocatorView> = {
  name: 'stream-locator',
  version: 1,
  init: () => ({ questionOfClaim: new Map(), questionOfEvidence: new Map(), commands: new Map() }),
  apply(view, event) {
    if (event.type === 'ClaimProposed') view.questionOfClaim.set(event.data.claimId, event.data.questionId);
    if (event.type === 'EvidenceAttached') view.questionOfEvidence.set(event.data.evidenceId, event.data.questionId);
    const commandId = event.meta.metadata.commandId;
    if (typeof commandId !== 'string') return;
    const known = view.commands.get(commandId);
    if (known) {
      known.eventIds.push(event.meta.id);
      known.revision = event.meta.revision;
      known.position = event.meta.position;
      return;
    }
    view.commands.set(commandId, {
      stream: event.meta.stream,
      requestHash: typeof event.meta.metadata.requestHash === 'string' ? event.meta.metadata.requestHash : null,
      subjectId: subjectIdOf(event),
      eventIds: [event.meta.id],
      revision: event.meta.revision,
      position: event.meta.position,
    });
  },
};
