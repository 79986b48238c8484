import { occurredBy, occurredPeriod } from '../../../projections/dates/occurred';
import type { Moment } from '../api/client';
import type { Axis, Provenance } from '../api/types';

/** The moment of a page state: none (now), or a date on an axis. */
export function momentOf(state: { asOf: string | null; axis: Axis }): Moment {
  return state.asOf ? { asOf: state.asOf, axis: state.axis } : undefined;
}

/**
 * The last millisecond an `asOf` names, as the API reads it: a bare date (or month, or year) means
 * the end of it, UTC; an instant is itself.
 */
export function asOfEnd(asOf: string): number {
  const period = occurredPeriod(asOf);
  return period ? period.end : Number.NaN;
}

/**
 * Whether something recorded with this provenance is part of the record as of the moment, by the
 * rules the server applies to events (projections/time-travel/as-of.ts): recorded by then, or, on the
 * occurred axis, certainly said by then (a partial date counts once all of it lies by then).
 * `position` (when known) decides a moment given as a position.
 */
export function includedAt(provenance: Provenance, moment: Moment, position?: string): boolean {
  if (!moment) return true;
  if ('atPosition' in moment) return position === undefined || BigInt(position) <= BigInt(moment.atPosition);
  const end = asOfEnd(moment.asOf);
  if (moment.axis === 'occurred') return occurredBy(provenance.occurredAt, end);
  return Date.parse(provenance.recordedAt) <= end;
}
