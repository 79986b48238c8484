import { commandAnswersProjection, type CommandAnswer } from '../../../../projections/commands/command-answers.projection';
import type { ProjectionRunner } from '../../../projection-runtime/projection-runner';
import type { CommandContext } from '../../provenance/provenance';
import { IdempotencyKeyReusedError } from '../write-errors';
import type { WriteResult } from './write-types';

/** What was answered to a command id, as far as the store holds it; undefined if it never ran. */
export type AnswerLookup = (commandId: string) => Promise<CommandAnswer | undefined>;

/**
 * Looks answers up in the running command-answers view, after catching up with the store: a retry
 * may come right after its first attempt was appended.
 */
export function answersFromRunner(runner: Pick<ProjectionRunner, 'catchUp' | 'view'>): AnswerLookup {
  return async (commandId) => {
    await runner.catchUp();
    return runner.view(commandAnswersProjection).byCommandId.get(commandId);
  };
}

/**
 * A command sent with an idempotency key (its context carries the request's hash) is carried out
 * once: sent again, it gets its first answer back, marked replayed; sent again with another request
 * under the same key, it is refused.
 */
export class Idempotency {
  constructor(private readonly lookup: AnswerLookup) {}

  /** Whether the command must go alone: its answer depends on what was stored before it. */
  static isKeyed(context: CommandContext): boolean {
    return context.requestHash !== undefined;
  }

  /** The first answer to the same command, undefined if it has not run (or carries no key). */
  async earlierAnswer(context: CommandContext): Promise<WriteResult | undefined> {
    if (context.requestHash === undefined) return undefined;
    const record = await this.lookup(context.commandId);
    if (!record) return undefined;
    if (record.requestHash !== context.requestHash) throw new IdempotencyKeyReusedError();
    const { subjectId: id, stream, revision, position, eventIds } = record;
    return { id, stream, revision, position, eventIds: [...eventIds], replayed: true };
  }
}
