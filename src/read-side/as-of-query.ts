import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { Request } from 'express';
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

/** `?asOf=&axis=` or `?atPosition=` of a read, parsed (a 400 naming the parameter when not valid): `@AsOfQuery() asOf: AsOf | undefined`. */
export const AsOfQuery = createParamDecorator((_: unknown, context: ExecutionContext): AsOf | undefined => {
  const { asOf, axis, atPosition } = context.switchToHttp().getRequest<Request>().query;
  const text = (name: string, value: unknown) => {
    if (value === undefined || typeof value === 'string') return value;
    throw bad(name, 'must be given once');
  };
  return parseAsOf({ asOf: text('asOf', asOf), axis: text('axis', axis), atPosition: text('atPosition', atPosition) });
});

/** What the API docs say of `asOf`, `axis` and `atPosition`; `what` is what the read gives as of then. */
export const ApiAsOfQueries = (what: string) =>
  applyDecorators(
    ApiQuery({ name: 'asOf', required: false, schema: { type: 'string' }, description: `${what} as of this ISO-8601 date or date-time (a date, month or year means its end, UTC); default now` }),
    ApiQuery({ name: 'axis', required: false, enum: ['recorded', 'occurred'], description: 'recorded: what the ledger knew then (default); occurred: what had been said by then' }),
    ApiQuery({ name: 'atPosition', required: false, schema: { type: 'string', pattern: '^\\d+$' }, description: `${what} right after this global position (recorded axis); not with asOf` }),
  );
