import { cslDateParts, formatOccurred, isPartialDate, occurredBy, occurredPeriod, occurredStart } from '../../../projections/dates/occurred';

describe('occurredAt as the record gives it', () => {
  it('reads a year, a month and a day as the whole period, and an instant as itself', () => {
    expect(occurredPeriod('1947')).toMatchObject({ precision: 'year', start: Date.parse('1947-01-01T00:00:00Z'), end: Date.parse('1947-12-31T23:59:59.999Z') });
    expect(occurredPeriod('1948-02')).toMatchObject({ precision: 'month', month: 2, end: Date.parse('1948-02-29T23:59:59.999Z') });
    expect(occurredPeriod('1947-12')).toMatchObject({ precision: 'month', end: Date.parse('1947-12-31T23:59:59.999Z') });
    expect(occurredPeriod('1947-02-10')).toMatchObject({ precision: 'day', day: 10, end: Date.parse('1947-02-10T23:59:59.999Z') });
    expect(occurredPeriod('2021-02-10T08:02:00.000Z')).toMatchObject({ precision: 'instant', start: Date.parse('2021-02-10T08:02:00Z'), end: Date.parse('2021-02-10T08:02:00Z') });
    expect(occurredPeriod('0047-03')).toMatchObject({ year: 47, start: Date.parse('0047-03-01T00:00:00Z') });
    expect(occurredPeriod('not a date')).toBeUndefined();
    expect(isPartialDate('1947-02')).toBe(true);
    expect(isPartialDate('1947-02-10T00:00:00.000Z')).toBe(false);
  });

  it('counts something said in a period as said by a time only once the whole period has passed', () => {
    expect(occurredBy('1947-02', Date.parse('1947-02-10T23:59:59.999Z'))).toBe(false);
    expect(occurredBy('1947-02', Date.parse('1947-02-28T23:59:59.999Z'))).toBe(true);
    expect(occurredBy('1947-02-10T16:30:00.000Z', Date.parse('1947-02-10T16:30:00.000Z'))).toBe(true);
    expect(occurredBy('1947-02-10T16:30:00.000Z', Date.parse('1947-02-10T16:29:59.999Z'))).toBe(false);
  });

  it('sorts by the start, gives CSL date parts at the precision given, and prints partial dates as given', () => {
    expect(['1947-02-10T16:30:00.000Z', '1947-02', '1947'].sort((a, b) => occurredStart(a) - occurredStart(b))).toEqual(['1947', '1947-02', '1947-02-10T16:30:00.000Z']);
    expect(cslDateParts('1947')).toEqual([[1947]]);
    expect(cslDateParts('1947-02')).toEqual([[1947, 2]]);
    expect(cslDateParts('1947-02-10T16:30:00.000Z')).toEqual([[1947, 2, 10]]);
    expect(formatOccurred('1947-02')).toBe('1947-02');
    expect(formatOccurred('2021-02-10T08:02:00.000Z')).toBe('2021-02-10 08:02 UTC');
    expect(formatOccurred('2021-02-10T08:02:30.000Z')).toBe('2021-02-10 08:02:30 UTC');
  });
});
