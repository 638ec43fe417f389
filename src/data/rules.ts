/**
 * Rules of the data shared by the mutations and the article import: where evidence lies in an
 * article, what a day is, what counts as the future, how aliases merge.
 */
import { createHash } from 'node:crypto';
import { UserErrorCode } from './user-errors.ts';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Where a quote lies in the body: `body.slice(start, end) === text` (UTF-16 offsets, as JavaScript strings). */
export interface EvidenceSpan {
  text: string;
  start: number;
  end: number;
}

export interface Problem {
  code: UserErrorCode;
  message: string;
}

export const isProblem = (value: unknown): value is Problem => typeof value === 'object' && value !== null && 'code' in value && 'message' in value;

/**
 * Locates evidence text in an article body. Without `start` the text must occur exactly once
 * (EVIDENCE_AMBIGUOUS otherwise: give its start); with `start` it must be there.
 */
export function locateEvidence(body: string, text: string, start?: number | null): EvidenceSpan | Problem {
  if (text.length === 0) return { code: UserErrorCode.BLANK, message: 'the evidence text is empty' };
  const shown = text.length > 60 ? `"${text.slice(0, 57)}..."` : `"${text}"`;
  const occurrences: number[] = [];
  for (let at = body.indexOf(text); at >= 0; at = body.indexOf(text, at + 1)) occurrences.push(at);
  if (start != null) {
    if (!Number.isInteger(start) || start < 0) return { code: UserErrorCode.INVALID, message: `start must be a non-negative integer, got ${start}` };
    if (body.slice(start, start + text.length) !== text) {
      const where = occurrences.length ? `it occurs at ${occurrences.join(', ')}` : 'it does not occur in the body';
      return { code: UserErrorCode.EVIDENCE_NOT_IN_ARTICLE, message: `text ${shown} is not at start ${start} of the article body (${where})` };
    }
    return { text, start, end: start + text.length };
  }
  if (occurrences.length === 0) return { code: UserErrorCode.EVIDENCE_NOT_IN_ARTICLE, message: `text ${shown} does not occur in the article body` };
  if (occurrences.length > 1) {
    return {
      code: UserErrorCode.EVIDENCE_AMBIGUOUS,
      message: `text ${shown} occurs ${occurrences.length} times in the article body (at ${occurrences.join(', ')}): give its start`,
    };
  }
  const at = occurrences[0] as number;
  return { text, start: at, end: at + text.length };
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instants the graph stores and returns: from 0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999Z (UTC). PostgreSQL has no year 0 (JavaScript's year 0 is 1 BC, which
 * PostgreSQL refuses as 22008), and the API writes dates with four-digit years (RFC 3339), so
 * years 1 to 9999 are what can be both stored and given back as they were sent.
 */
export const earliestStorable = new Date('0001-01-01T00:00:00.000Z');
export const latestStorable = new Date('9999-12-31T23:59:59.999Z');

/** Whether an instant (or a day at midnight UTC) lies in the range above. */
export function isStorableDate(value: Date): boolean {
  const time = value.getTime();
  return Number.isFinite(time) && time >= earliestStorable.getTime() && time <= latestStorable.getTime();
}

/** Why an instant (or a day) cannot be stored, for a message; null when it can. */
export function dateProblem(value: Date, kind: 'date' | 'dateTime'): string | null {
  if (isStorableDate(value)) return null;
  const shown = Number.isFinite(value.getTime()) ? (kind === 'date' ? value.toISOString().slice(0, 10) : value.toISOString()) : 'an invalid date';
  return kind === 'date'
    ? `${shown} is outside the dates the graph stores (0001-01-01 to 9999-12-31)`
    : `${shown} is outside the instants the graph stores (0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z)`;
}

/** 'YYYY-MM-DD' as midnight UTC (how a PostgreSQL `date` comes back), or null when not a real, storable date. */
export function parseDay(value: string): Date | null {
  if (!DAY.exec(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value || !isStorableDate(date) ? null : date;
}

/**
 * Control characters a text may hold: tab, line feed and carriage return (article bodies are
 * pasted with Windows line ends, and evidence offsets must match the body as sent). Every other
 * C0 or C1 control character (NUL, which PostgreSQL cannot store in text, escape, backspace...) is
 * refused, as are unpaired UTF-16 surrogates, which have no UTF-8 encoding and would be stored
 * as U+FFFD, silently changing the text and its offsets.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are the ones refused
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text cannot be stored as it is, for a message; null when it can. */
export function textProblem(value: string): string | null {
  const control = FORBIDDEN_CONTROL.exec(value);
  if (control) {
    const code = `U+${(control[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
    return `contains the control character ${code} at offset ${control.index} (only tab, line feed and carriage return are allowed)`;
  }
  const lone = LONE_SURROGATE.exec(value);
  if (lone) return `contains an unpaired UTF-16 surrogate at offset ${lone.index} (not valid Unicode)`;
  return null;
}

/** Whether a text is an absolute http(s) URL (an article's address). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * The UTC day of a Date of years 0 to 9999, "2016-07-28", written from its calendar fields; null
 * for other years and for an invalid Date. `toISOString().slice(0, 10)` costs ~1.2 µs a date
 * against ~0.13 µs, and the API writes every date it answers with this (a deep traversal,
 * hundreds; docs/benchmarks.md).
 */
export function calendarDay(date: Date): string | null {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return null;
  return `${String(year).padStart(4, '0')}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
}

/** The UTC day of a Date, "2016-07-28": `calendarDay`, and `toISOString`'s for other years (a RangeError for an invalid Date). */
export const formatDay = (date: Date): string => calendarDay(date) ?? date.toISOString().slice(0, 10);

/**
 * The latest day it is anywhere on Earth (UTC+14) at `now`: a statement dated later than that is
 * in the future everywhere. (Comparing with the UTC date would refuse a statement made this
 * morning in Beijing, where it is already tomorrow in UTC terms.)
 */
export function latestToday(now: Date = new Date()): Date {
  return parseDay(formatDay(new Date(now.getTime() + 14 * 3_600_000))) as Date;
}

/** Whether a day (midnight UTC) is after today in every time zone. */
export function isFutureDay(day: Date, now: Date = new Date()): boolean {
  return day.getTime() > latestToday(now).getTime();
}

/** Whether an instant is in the future (a minute of tolerance for clocks). */
export function isFutureInstant(instant: Date, now: Date = new Date()): boolean {
  return instant.getTime() > now.getTime() + 60_000;
}

/** A name as stored: trimmed, inner runs of white space made one space. */
export function normalizeText(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** Union of alias lists, in order, without duplicates and without the name itself; null when nothing is new. */
export function mergeAliases(existing: readonly string[], incoming: readonly string[], name: string): string[] | null {
  const merged = [...existing];
  for (const alias of incoming) if (alias !== name && !merged.includes(alias)) merged.push(alias);
  return merged.length === existing.length ? null : merged;
}

/** Aliases as given, normalized and without duplicates or the name. */
export function cleanAliases(aliases: readonly string[], name: string): string[] {
  return mergeAliases([], aliases.map(normalizeText).filter(Boolean), name) ?? [];
}
