// @module-tag any-database
/** Dates at the precision reports give them (src/data/reported-date.ts): reading, writing back, comparing. */
import { describe, expect, it } from 'vitest';
import { contains, dayAndDate, exactDayOf, overlaps, parseReportedDate, refines, reportedDateOf, type ReportedDate } from '../../src/data/reported-date.ts';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
function parsed(text: string): ReportedDate {
  const date = parseReportedDate(text);
  if (typeof date === 'string') throw new Error(date);
  return date;
}
const span = (text: string) => {
  const date = parsed(text);
  return [date.start.toISOString().slice(0, 10), date.end.toISOString().slice(0, 10), date.precision, date.approximate];
};

describe('a reported date', () => {
  it('means every day of its year, month or day, or of its interval', () => {
    expect(span('2016')).toEqual(['2016-01-01', '2016-12-31', 'YEAR', false]);
    expect(span('2016-02')).toEqual(['2016-02-01', '2016-02-29', 'MONTH', false]);
    expect(span('2015-02')).toEqual(['2015-02-01', '2015-02-28', 'MONTH', false]);
    expect(span('2016-07-28')).toEqual(['2016-07-28', '2016-07-28', 'DAY', false]);
    expect(span('2016-07~')).toEqual(['2016-07-01', '2016-07-31', 'MONTH', true]);
    expect(span('2016-07-28/2016-07-29')).toEqual(['2016-07-28', '2016-07-29', 'DAY', false]);
    expect(span('2016-07-28/2016-08')).toEqual(['2016-07-28', '2016-08-31', 'DAY', false]);
  });

  it('is written back from its columns as it was given', () => {
    const leapYears = ['2000-02', '1900-02/2000', '2016-02-29', '2015-02-28/2016-02', '2016-12-31', '9999-12'];
    for (const text of ['2016', '2016-07', '2016-07-28', '2016~', '2016-07-28/2016-07-29', '2016-07-28/2016-08', '2015/2016', '0001-01-01', ...leapYears]) {
      const date = parsed(text);
      expect(reportedDateOf(date.start, date.end, date.precision, date.approximate).text).toBe(text);
    }
  });

  it('refuses what is not a date, naming what is wrong', () => {
    expect(parseReportedDate('July 2016')).toMatch(/is not a date: write 2016, 2016-07 or 2016-07-28/);
    expect(parseReportedDate('2016-7')).toMatch(/is not a date/);
    expect(parseReportedDate('2016-13')).toBe('"2016-13": there is no month 13');
    expect(parseReportedDate('2015-02-29')).toBe('"2015-02-29": there is no day 29 in 2015-02');
    expect(parseReportedDate('0000')).toMatch(/year must be from 0001/);
    expect(parseReportedDate('2016-07-29/2016-07-28')).toBe('"2016-07-29/2016-07-28" ends before it starts');
    expect(parseReportedDate('2016/2017/2018')).toMatch(/more than one "\/"/);
  });

  it('is compared by the days it may mean', () => {
    expect(overlaps(parsed('2017-03'), parsed('2017-03-20'))).toBe(true);
    expect(overlaps(parsed('2017-03'), parsed('2017-04-01'))).toBe(false);
    expect(contains(parsed('2017'), parsed('2017-03'))).toBe(true);
    expect(contains(parsed('2017-03-20'), parsed('2017-03'))).toBe(false);
    // A finer date says more of a coarse one; a day of a span does not shorten the span.
    expect(refines(parsed('2017-03'), parsed('2017-03-20'))).toBe(true);
    expect(refines(parsed('2016-07-28/2016-07-29'), parsed('2016-07-29'))).toBe(false);
    expect(refines(parsed('2017-03'), parsed('2017-03-20~'))).toBe(false);
    expect(exactDayOf(parsed('2017-03-20'))).toEqual(day('2017-03-20'));
    expect(exactDayOf(parsed('2017-03-20~'))).toBeNull();
    expect(exactDayOf(parsed('2017-03'))).toBeNull();
  });

  it('and a day given with it must agree; one gives the other', () => {
    const names = { day: 'statedOn', date: 'statedIn' };
    expect(dayAndDate(undefined, undefined, names)).toBeUndefined();
    expect(dayAndDate(day('2017-03-20'), undefined, names)).toEqual({ day: day('2017-03-20'), date: parsed('2017-03-20') });
    expect(dayAndDate(undefined, parsed('2017-03'), names)).toEqual({ day: null, date: parsed('2017-03') });
    expect(dayAndDate(day('2017-03-20'), parsed('2017-03-20'), names)).toEqual({ day: day('2017-03-20'), date: parsed('2017-03-20') });
    expect(dayAndDate(day('2017-03-20'), parsed('2017-03'), names)).toBe(
      'statedOn 2017-03-20 and statedIn 2017-03 disagree: give one of them, or the same day in both',
    );
    expect(dayAndDate(null, null, names)).toEqual({ day: null, date: null });
  });
});
