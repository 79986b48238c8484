import type { CommandContext } from '../../provenance/provenance';
import type { Actor } from '../../question/question.commands';
import type { Participant } from '../../../../contract/question.events';

/** Moderators and admins may change anyone's claims and evidence; the decider checks everyone else's ownership. */
export function actorOf(context: CommandContext): Actor {
  const role = context.principal.role;
  return { principalId: context.principal.id, moderator: role === 'moderator' || role === 'admin' };
}

export function ownerOf(context: CommandContext) {
  return { id: context.principal.id, name: context.principal.name };
}

/** Whose stance it is: the historical author when one is named, else the principal sending it. */
export function participantOf(context: CommandContext): Participant {
  const attributed = context.provenance.attributedTo;
  return attributed ? { id: `attributed:${attributed.name}`, name: attributed.name } : ownerOf(context);
}
