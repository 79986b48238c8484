import { parseAsOf } from '../read-side/as-of-query';
import type { AsOf } from '../../projections/time-travel/as-of';
import { UsageError } from './ledger-context';

export const AS_OF_HELP =
  'as of this moment: a date or date-time (2021, 2021-02, 2021-02-11, 2021-02-11T09:00Z; a date, month or year means its end, UTC), ' +
  'or @POSITION: right after the event at that ledger position (recorded axis)';
export const AXIS_HELP = 'the time axis of --as-of: recorded (what the ledger knew then; the default) or occurred (what had been said by then in the world)';

/**
 * `--as-of` and `--axis`, checked as the API checks `asOf`, `axis` and `atPosition`. A position is
 * written `@1234`: a bare number would be read as a year (`--as-of 2021`).
 */
export function asOfOption(options: { asOf?: string; axis?: string }): AsOf | undefined {
  const position = options.asOf !== undefined && /^@/.test(options.asOf) ? options.asOf.slice(1) : undefined;
  try {
    return position !== undefined ? parseAsOf({ atPosition: position, axis: options.axis }) : parseAsOf({ asOf: options.asOf, axis: options.axis });
  } catch (error) {
    const named = (error as { problem?: { errors?: { field: string; message: string }[] } }).problem?.errors?.[0];
    if (!named) throw error;
    throw new UsageError(`--${named.field === 'axis' ? 'axis' : 'as-of'}: ${named.message}`);
  }
}
