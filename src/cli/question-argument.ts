import type { INestApplicationContext } from '@nestjs/common';
import { ProjectionRunner } from '../projection-runtime/projection-runner';
import { questionsProjection } from '../../projections/questions/questions.projection';
import { parseAsOf } from '../read-side/as-of-query';
import type { AsOf } from '../../projections/time-travel/as-of';
import { UsageError } from './ledger-context';

/** A question named by its id, or by the start of its id when that is unambiguous. */
export async function resolveQuestion(app: INestApplicationContext, given: string): Promise<string> {
  const runner = app.get(ProjectionRunner);
  await runner.readyForRead();
  const ids = [...runner.view(questionsProjection).questions.keys()];
  if (ids.includes(given)) return given;
  const matches = ids.filter((id) => id.startsWith(given.toLowerCase()));
  if (matches.length === 1) return matches[0];
  throw new UsageError(matches.length === 0 ? `no question ${given}` : `${given} names ${matches.length} questions; give more of the id`);
}

/** `--as-of` and `--axis`, checked as the API checks them. */
export function asOfOption(options: { asOf?: string; axis?: string }): AsOf | undefined {
  try {
    return parseAsOf({ asOf: options.asOf, axis: options.axis });
  } catch (error) {
    throw new UsageError(`--${(error as { problem?: { errors?: { field: string }[] } }).problem?.errors?.[0]?.field === 'axis' ? 'axis' : 'as-of'}: ${(error as Error).message}`);
  }
}
