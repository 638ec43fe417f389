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

/** 'YYYY-MM-DD' as midnight UTC (how a PostgreSQL `date` comes back), or null when not a real date. */
export function parseDay(value: string): Date | null {
  if (!DAY.exec(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

export const formatDay = (date: Date): string => date.toISOString().slice(0, 10);

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
