/**
 * Dates as reports give them: to a year, a month or a day, possibly approximate ("around"), or a
 * span ("a two-day meeting"). Written in a subset of EDTF, the Extended Date/Time Format of ISO
 * 8601-2 (level 0 and the `~` qualifier of level 1): `2016`, `2016-07`, `2016-07-28`, `2016-07~`,
 * and an interval of two of those, `2016-07-28/2016-07-29`. Stored as the first and the last day
 * the date may mean, its precision and whether it is approximate; compared by those days.
 */
import { formatDay } from './rules.ts';

export type DatePrecision = 'YEAR' | 'MONTH' | 'DAY';

export interface ReportedDate {
  /** The first day the date may mean (1 July for "2016-07"). */
  start: Date;
  /** The last day it may mean, included (31 July for "2016-07"). */
  end: Date;
  /** The precision of its start (a span keeps the precision its first bound is given at). */
  precision: DatePrecision;
  /** Said to be approximate ("around July 2016"). */
  approximate: boolean;
  /** The date as written, normalized: `2016-07`, `2016-07-28/2016-07-29`, `2016~`. */
  text: string;
}

const boundPattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(~)?$/;

interface Bound {
  start: Date;
  end: Date;
  precision: DatePrecision;
  approximate: boolean;
  text: string;
}

function parseBound(text: string): Bound | string {
  const match = boundPattern.exec(text);
  if (!match) return `"${text}" is not a date: write 2016, 2016-07 or 2016-07-28 (with ~ after it when approximate)`;
  const [, y, m, d, tilde] = match;
  const year = Number(y);
  if (year < 1) return `"${text}": the year must be from 0001 to 9999`;
  const month = m === undefined ? null : Number(m);
  if (month !== null && (month < 1 || month > 12)) return `"${text}": there is no month ${m}`;
  const day = d === undefined ? null : Number(d);
  const utc = (yy: number, mm: number, dd: number) => {
    const date = new Date(Date.UTC(2000, mm - 1, dd));
    date.setUTCFullYear(yy);
    return date;
  };
  const daysIn = (yy: number, mm: number) => {
    const next = utc(yy, mm + 1, 1);
    return new Date(next.getTime() - 86_400_000).getUTCDate();
  };
  const approximate = tilde === '~';
  if (month === null) return { start: utc(year, 1, 1), end: utc(year, 12, 31), precision: 'YEAR', approximate, text };
  if (day === null) return { start: utc(year, month, 1), end: utc(year, month, daysIn(year, month)), precision: 'MONTH', approximate, text };
  if (day < 1 || day > daysIn(year, month)) return `"${text}": there is no day ${d} in ${y}-${m}`;
  const date = utc(year, month, day);
  return { start: date, end: date, precision: 'DAY', approximate, text };
}

/** Reads a reported date; a string is what is wrong with it. */
export function parseReportedDate(text: string): ReportedDate | string {
  const trimmed = text.trim();
  const parts = trimmed.split('/');
  if (parts.length > 2) return `"${text}" has more than one "/": an interval is two dates, 2016-07-28/2016-07-29`;
  const first = parseBound(parts[0]!);
  if (typeof first === 'string') return first;
  if (parts.length === 1) return first;
  const last = parseBound(parts[1]!);
  if (typeof last === 'string') return last;
  if (last.end < first.start) return `"${text}" ends before it starts`;
  return {
    start: first.start,
    end: last.end,
    precision: first.precision,
    approximate: first.approximate || last.approximate,
    text: `${first.text}/${last.text}`,
  };
}

/** Whether `date` is the last day of its month (proleptic Gregorian, as Date counts). */
function isLastDayOfMonth(date: Date): boolean {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 1 ? (leap ? 29 : 28) : month === 3 || month === 5 || month === 8 || month === 10 ? 30 : 31;
  return date.getUTCDate() === days;
}

const isLastDayOfYear = (date: Date) => date.getUTCMonth() === 11 && date.getUTCDate() === 31;

/** `date` written at `precision`: 2016, 2016-07 or 2016-07-28. */
const writtenAt = (date: Date, precision: DatePrecision) => formatDay(date).slice(0, precision === 'YEAR' ? 4 : precision === 'MONTH' ? 7 : 10);

/**
 * A reported date from the columns that store it (the text is derived from them). Computed from
 * the calendar, not by parsing texts back: every position and meeting read builds one.
 */
export function reportedDateOf(start: Date, end: Date, precision: DatePrecision, approximate: boolean): ReportedDate {
  const first = writtenAt(start, precision);
  // One period at the start's precision (the year, the month or the day of `first`) ends on `end`.
  const isSingle =
    precision === 'DAY'
      ? end.getTime() === start.getTime()
      : end.getUTCFullYear() === start.getUTCFullYear() &&
        (precision === 'YEAR' ? isLastDayOfYear(end) : end.getUTCMonth() === start.getUTCMonth() && isLastDayOfMonth(end));
  const tilde = approximate ? '~' : '';
  if (isSingle) return { start, end, precision, approximate, text: `${first}${tilde}` };
  // The end written at the precision that names exactly its last day.
  const last = writtenAt(end, isLastDayOfYear(end) ? 'YEAR' : isLastDayOfMonth(end) ? 'MONTH' : 'DAY');
  return { start, end, precision, approximate, text: `${first}${tilde}/${last}${tilde}` };
}

/** A single day, as a reported date. */
export function reportedDay(day: Date): ReportedDate {
  return reportedDateOf(day, day, 'DAY', false);
}

/** The day a reported date names, when it names exactly one day and is not approximate. */
export function exactDayOf(date: ReportedDate | null): Date | null {
  return date && !date.approximate && date.precision === 'DAY' && date.start.getTime() === date.end.getTime() ? date.start : null;
}

/** Whether two reported dates may mean a common day. */
export function overlaps(a: ReportedDate, b: ReportedDate): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * Whether `finer` says more precisely what `coarser` says: a date within a coarse one ("2016-07-28"
 * for "2016-07"). Not for a span, whose days are all meant ("2016-07-29" is one day of a two-day
 * meeting, not its date), nor for an approximate date.
 */
export function refines(coarser: ReportedDate, finer: ReportedDate): boolean {
  return !coarser.text.includes('/') && !finer.approximate && coarser.text !== finer.text && contains(coarser, finer);
}

/** Whether every day `inner` may mean is one `outer` may mean ("2016-07-28" is in "2016-07"). */
export function contains(outer: ReportedDate, inner: ReportedDate): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Whether a value is a reported date (the change log writes it as its text). */
export function isReportedDate(value: unknown): value is ReportedDate {
  return typeof value === 'object' && value !== null && 'precision' in value && 'text' in value && 'start' in value;
}

/**
 * A day field and a reported-date field of one input as one value (a statement's statedOn and
 * statedIn, a meeting's date and heldIn): a day is a reported date of that day, and a reported
 * date gives the day when it names one day exactly. Undefined when the input gives neither
 * (nothing changes); a message naming both when they disagree.
 */
export function dayAndDate(
  day: Date | null | undefined,
  date: ReportedDate | null | undefined,
  names: { day: string; date: string },
): { day: Date | null; date: ReportedDate | null } | string | undefined {
  if (day === undefined && date === undefined) return undefined;
  if (date != null && day != null && exactDayOf(date)?.getTime() !== day.getTime()) {
    return `${names.day} ${formatDay(day)} and ${names.date} ${date.text} disagree: give one of them, or the same day in both`;
  }
  const value = date ?? (day != null ? reportedDay(day) : null);
  return { day: exactDayOf(value), date: value };
}
