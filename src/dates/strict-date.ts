/**
 * The one date and time parser for every input the ledger takes (request bodies, query strings such
 * as `asOf`, debate files). It reads exactly these forms (RFC 3339 and the calendar forms of ISO 8601):
 *
 * - `YYYY`, `YYYY-MM`, `YYYY-MM-DD`: a year, a month or a day (partial dates);
 * - `YYYY-MM-DDThh:mm`, `…:ss`, `…:ss.fff` (up to 9 fraction digits; `T`, `t` or a space) followed by
 *   a zone, `Z` or `±hh:mm`: an instant. A time without a zone names no instant and is refused.
 *
 * Impossible dates (`2021-02-30`, `2021-13`, `24:00`, a leap second) are refused, never rolled over.
 * Years are 0001–9999: years before 1 AD (BC, or astronomical year numbers such as `0000` and
 * `-0430`) and expanded years (`+002021`) are refused by name. So are the ISO 8601 forms JavaScript
 * reads differently or not at all: week (`2021-W07`), ordinal (`2021-041`), basic (`20210210T0313Z`)
 * and comma fractions.
 */
export type StrictDate =
  | { precision: 'year'; year: number; start: Date; end: Date }
  | { precision: 'month'; year: number; month: number; start: Date; end: Date }
  | { precision: 'day'; year: number; month: number; day: number; start: Date; end: Date }
  | { precision: 'instant'; instant: Date; start: Date; end: Date };

export type StrictDateResult = { ok: true; date: StrictDate } | { ok: false; reason: string };

export const DATE_FORMS = 'YYYY, YYYY-MM, YYYY-MM-DD, or YYYY-MM-DDThh:mm[:ss[.fff]] with a zone (Z or ±hh:mm)';

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:\d{2})?$/;


/** Date.UTC without its two-digit-year rule (years 0–99 are read as 1900–1999). */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second, ms));
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

function lastDayOf(year: number, month: number): number {
  return new Date(utc(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1).getTime() - 86_400_000).getUTCDate();
}

const refuse = (reason: string): StrictDateResult => ({ ok: false, reason });

export function parseStrictDate(text: unknown): StrictDateResult {
  if (typeof text !== 'string') return refuse(`must be a date: ${DATE_FORMS}`);
  if (/^[+-]\d/.test(text) || /^0000(?!\d)/.test(text)) {
    return refuse('years before 1 AD (BC or astronomical years such as 0000 or -0430) and expanded years (+YYYYYY) are not supported: give a year from 0001 to 9999');
  }
  if (/^\d{4}-?W\d/.test(text)) return refuse(`a week date is not supported: use ${DATE_FORMS}`);
  if (/^\d{4}-?\d{3}$/.test(text) && !/^\d{4}-\d{2}$/.test(text)) return refuse(`an ordinal or basic date is not supported: use ${DATE_FORMS}`);

  const partial = PARTIAL.exec(text);
  if (partial) {
    const year = Number(partial[1]);
    if (partial[2] === undefined) return { ok: true, date: { precision: 'year', year, start: utc(year, 1, 1), end: new Date(utc(year + 1, 1, 1).getTime() - 1) } };
    const month = Number(partial[2]);
    if (month < 1 || month > 12) return refuse(`${text} has no month ${partial[2]}`);
    const next = month === 12 ? utc(year + 1, 1, 1) : utc(year, month + 1, 1);
    if (partial[3] === undefined) return { ok: true, date: { precision: 'month', year, month, start: utc(year, month, 1), end: new Date(next.getTime() - 1) } };
    const day = Number(partial[3]);
    if (day < 1 || day > lastDayOf(year, month)) return refuse(`${text} is not a day of the calendar (${year}-${partial[2]} has ${lastDayOf(year, month)} days)`);
    const start = utc(year, month, day);
    return { ok: true, date: { precision: 'day', year, month, day, start, end: new Date(start.getTime() + 86_400_000 - 1) } };
  }

  const m = DATE_TIME.exec(text);
  if (!m) return refuse(`must be a date: ${DATE_FORMS}`);
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  if (zone === undefined) return refuse('a time needs a zone: add Z (UTC) or an offset such as -05:00');
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return refuse(`${text} has no month ${mo}`);
  if (day < 1 || day > lastDayOf(year, month)) return refuse(`${text} is not a day of the calendar (${y}-${mo} has ${lastDayOf(year, month)} days)`);
  if (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59)) return refuse(`${text} is not a time of day (00:00:00 to 23:59:59)`);
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const [oh, om] = zone.slice(1).split(':').map(Number);
    if (oh > 23 || om > 59) return refuse(`${zone} is not a zone offset`);
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const local = utc(year, month, day, Number(h), Number(mi), Number(s ?? 0), ms);
  const instant = new Date(local.getTime() - offsetMinutes * 60_000);
  if (instant.getUTCFullYear() < 1 || instant.getUTCFullYear() > 9999) return refuse('the instant falls outside the years 0001–9999');
  return { ok: true, date: { precision: 'instant', instant, start: instant, end: instant } };
}
