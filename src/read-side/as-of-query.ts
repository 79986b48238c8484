import { parseStrictDate } from '../dates/strict-date';
import { problem, ProblemError } from '../http/problem-details';
import type { AsOf } from '../../projections/time-travel/as-of';

const bad = (field: string, message: string) => new ProblemError(problem(400, 'validation', `${field} ${message}`, [{ field, message }]));

/** `?asOf=<date>&axis=occurred|recorded` or `?atPosition=<position>`; undefined means now. */
export function parseAsOf(query: { asOf?: string; axis?: string; atPosition?: string }): AsOf | undefined {
  const { asOf, axis, atPosition } = query;
  if (axis !== undefined && axis !== 'occurred' && axis !== 'recorded') throw bad('axis', 'must be occurred or recorded');
  if (atPosition !== undefined) {
    if (asOf !== undefined) throw bad('atPosition', 'cannot be combined with asOf');
    if (axis === 'occurred') throw bad('axis', 'a position is on the recorded axis');
    if (!/^\d{1,20}$/.test(atPosition)) throw bad('atPosition', 'must be a position (a whole number)');
    return { axis: 'recorded', position: BigInt(atPosition) };
  }
  if (asOf === undefined) {
    if (axis !== undefined) throw bad('asOf', 'is required with axis');
    return undefined;
  }
  // "As of 11 February" includes all of 11 February: a date (or a month, or a year) means the end of it, UTC.
  const parsed = parseStrictDate(asOf);
  if (!parsed.ok) throw bad('asOf', parsed.reason);
  const time = parsed.date.end;
  return axis === 'occurred' ? { axis: 'occurred', time } : { axis: 'recorded', time };
}
