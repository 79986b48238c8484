import type { CommandContext } from '../../provenance/provenance';
import type { Actor } from '../../question/question.commands';
import type { Participant } from '../../question/question.events';

/** What every write command carries besides its body: who sends it, and the revision they read. */
export type WriteArgs<Body> = [body: Body, context: CommandContext, ifMatch?: bigint];

export abstract class WriteCommand<Body> {
  constructor(
    readonly body: Body,
    readonly context: CommandContext,
    readonly ifMatch?: bigint,
  ) {}
}

/**
 * Until accounts and roles exist (issue 6), the one configured principal may change anything, as a
 * moderator would; the decider already enforces ownership for everyone else.
 */
export function actorOf(context: CommandContext): Actor {
  return { principalId: context.principal.id, moderator: true };
}

export function ownerOf(context: CommandContext) {
  return { id: context.principal.id, name: context.principal.name };
}

/** Whose stance it is: the historical author when one is named, else the principal sending it. */
export function participantOf(context: CommandContext): Participant {
  const attributed = context.provenance.attributedTo;
  return attributed ? { id: `attributed:${attributed.name}`, name: attributed.name } : ownerOf(context);
}
