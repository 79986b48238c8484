import { describe, expect, it } from 'vitest';
import { parseStrictDate } from '../../src/dates/strict-date';
import { instantOf } from '../../src/ledger/provenance/provenance';

const reasonOf = (text: string) => {
  const parsed = parseStrictDate(text);
  return parsed.ok ? undefined : parsed.reason;
};

describe('the one strict date parser', () => {
  it('reads partial dates at their precision, with the period they cover', () => {
    expect(parseStrictDate('1947')).toMatchObject({ ok: true, date: { precision: 'year', year: 1947, start: new Date('1947-01-01T00:00:00Z'), end: new Date('1947-12-31T23:59:59.999Z') } });
    expect(parseStrictDate('1947-02')).toMatchObject({ ok: true, date: { precision: 'month', month: 2, end: new Date('1947-02-28T23:59:59.999Z') } });
    expect(parseStrictDate('1948-02')).toMatchObject({ ok: true, date: { end: new Date('1948-02-29T23:59:59.999Z') } });
    expect(parseStrictDate('1947-12')).toMatchObject({ ok: true, date: { end: new Date('1947-12-31T23:59:59.999Z') } });
    expect(parseStrictDate('2000-02-29')).toMatchObject({ ok: true, date: { precision: 'day', day: 29 } });
    expect(parseStrictDate('0001-01-01')).toMatchObject({ ok: true, date: { start: new Date('0001-01-01T00:00:00Z') } });
    expect(parseStrictDate('0099')).toMatchObject({ ok: true, date: { year: 99, start: new Date('0099-01-01T00:00:00Z') } });
  });

  it('reads date-times with a zone as instants', () => {
    expect(instantOf('2021-02-12T03:13:00-08:00')).toBe('2021-02-12T11:13:00.000Z');
    expect(instantOf('2021-02-12T03:13-05:00')).toBe('2021-02-12T08:13:00.000Z');
    expect(instantOf('2021-02-12 03:13Z')).toBe('2021-02-12T03:13:00.000Z');
    expect(instantOf('2021-02-10T03:13:00.5Z')).toBe('2021-02-10T03:13:00.500Z');
    expect(instantOf('2021-02-10t03:13:00.123456789z')).toBe('2021-02-10T03:13:00.123Z');
    expect(instantOf('2021-12-31T23:30:00-01:00')).toBe('2022-01-01T00:30:00.000Z');
  });

  it('refuses a time without a zone, impossible dates, BC and expanded years, and the other ISO 8601 forms, saying why', () => {
    expect(reasonOf('2021-02-12 03:13')).toMatch(/zone/);
    expect(reasonOf('2021-02-12T03:13:00')).toMatch(/zone/);
    for (const impossible of ['2021-02-30', '2021-02-29', '1900-02-29', '2021-04-31', '2021-13', '2021-00', '2021-01-00', '2021-02-10T24:00Z', '2021-02-10T23:60Z', '2021-12-31T23:59:60Z']) {
      expect(reasonOf(impossible), impossible).toBeDefined();
    }
    for (const historical of ['-0430', '-000430-01-01', '+002021-01-01', '0000', '0000-06-01']) expect(reasonOf(historical), historical).toMatch(/before 1 AD/);
    for (const other of ['2021-W07', '2021-W07-3', '2021-041', '20210210T031300Z', '2021-02-10T03:13:00,5Z', '2021-02-10T03Z', '20210210', 'last Tuesday', '', ' 2021', '2021-02-10T03:13:00+25:00']) {
      expect(reasonOf(other), other).toBeDefined();
    }
    expect(instantOf('2021-02-30')).toBeUndefined();
  });
});
