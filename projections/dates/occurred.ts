/**
 * When something was said, as the record gives it. An event's `metadata.occurredAt` is either an
 * instant (RFC 3339, stored in UTC with milliseconds: `2021-02-10T08:02:00.000Z`) or a partial date
 * kept at the precision its source gives: a year (`1947`), a month (`1947-02`) or a day
 * (`1947-02-10`). A partial date is never widened into a precise-looking instant: views and exports
 * show it as given, and reasoning over time uses the whole period it names.
 *
 * The input was checked by the strict parser (src/dates/strict-date.ts) before it was stored; this
 * reader only interprets stored values, so it is pure and imports nothing.
 */
export type OccurredPrecision = 'year' | 'month' | 'day' | 'instant';

export interface OccurredPeriod {
  precision: OccurredPrecision;
  /** First millisecond of the period (UTC), or the instant itself. */
  start: number;
  /** Last millisecond of the period (UTC), or the instant itself. */
  end: number;
  year: number;
  /** 1–12, when the precision is month or finer. */
  month?: number;
  /** 1–31, when the precision is day or finer. */
  day?: number;
}

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function utc(year: number, monthIndex: number, day: number): number {
  // Not Date.UTC(year, …) alone: it reads years 0–99 as 1900–1999.
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(year, monthIndex, day);
  return date.getTime();
}

/** The period a stored `occurredAt` names; undefined for a value that is not a date at all. */
export function occurredPeriod(text: string): OccurredPeriod | undefined {
  const partial = PARTIAL.exec(text);
  if (partial) {
    const year = Number(partial[1]);
    if (partial[2] === undefined) return { precision: 'year', year, start: utc(year, 0, 1), end: utc(year + 1, 0, 1) - 1 };
    const month = Number(partial[2]);
    if (partial[3] === undefined) return { precision: 'month', year, month, start: utc(year, month - 1, 1), end: utc(year, month, 1) - 1 };
    const day = Number(partial[3]);
    const start = utc(year, month - 1, day);
    return { precision: 'day', year, month, day, start, end: start + 86_400_000 - 1 };
  }
  const instant = Date.parse(text);
  if (Number.isNaN(instant)) return undefined;
  const date = new Date(instant);
  return {
    precision: 'instant',
    start: instant,
    end: instant,
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
  };
}

/** Whether the stored value is a partial date (a year, a month or a day) rather than an instant. */
export function isPartialDate(text: string): boolean {
  return PARTIAL.test(text);
}

/** The first millisecond a stored `occurredAt` can mean: the key to sort by. NaN when it is no date. */
export function occurredStart(text: string): number {
  return occurredPeriod(text)?.start ?? Number.NaN;
}

/**
 * Whether something said at `text` had certainly been said by `time`: the whole period it names lies
 * at or before `time`. "February 1947" has not certainly been said by 10 February 1947.
 */
export function occurredBy(text: string, time: number): boolean {
  const period = occurredPeriod(text);
  return period !== undefined && period.end <= time;
}

/** CSL-JSON `date-parts` for the stored value: `[[1947]]`, `[[1947, 2]]`, `[[1947, 2, 10]]`. */
export function cslDateParts(text: string): number[][] | undefined {
  const period = occurredPeriod(text);
  if (!period) return undefined;
  if (period.precision === 'year') return [[period.year]];
  if (period.precision === 'month') return [[period.year, period.month!]];
  return [[period.year, period.month!, period.day!]];
}

/**
 * The value as a reader should see it: a partial date exactly as given, an instant as
 * `YYYY-MM-DD HH:mm UTC` (seconds only when it has them).
 */
export function formatOccurred(text: string): string {
  const period = occurredPeriod(text);
  if (!period) return text;
  if (period.precision !== 'instant') return text;
  const iso = new Date(period.start).toISOString();
  const seconds = iso.slice(17, 19) !== '00' ? iso.slice(16, 19) : '';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds} UTC`;
}
