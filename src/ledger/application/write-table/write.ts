import type { CommandContext } from '../../provenance/provenance';
import type { WriteInputs, WriteName } from './write-inputs';

export type { WriteInputs, WriteName } from './write-inputs';

/** Writes that name no existing entity outside their input: they create one, or their input names it. */
export type UnaddressedWrite = 'OpenQuestion' | 'RelateClaims' | 'RegisterSource';

/** The id a write is about (the `:id` of its route), for the writes that have one. */
export type SubjectArgs<N extends WriteName> = N extends UnaddressedWrite ? [] : [subjectId: string];

/**
 * One write on the command bus: its name, its input, who sends it and the revision they read. Every
 * write is this one class, handled by one handler (write-handler.ts) through the table of rules.
 */
export class Write<N extends WriteName = WriteName> {
  constructor(
    readonly name: N,
    readonly input: WriteInputs[N],
    readonly context: CommandContext,
    readonly ifMatch?: bigint,
    /** The entity named by the route (`:id`); absent for the unaddressed writes. */
    readonly subjectId?: string,
  ) {}
}

/** The entity a write is about; a write sent without one (a programming error, not a client's) says which. */
export function subjectOf(write: Write): string {
  if (write.subjectId === undefined) throw new Error(`${write.name} needs the id of what it is about (subjectId)`);
  return write.subjectId;
}
