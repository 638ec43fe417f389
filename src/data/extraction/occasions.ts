/**
 * When and where a statement was made: the day a sentence gives (a date, or a weekday resolved
 * against the dateline or the publication date), and numbered meetings ("the fourth meeting on
 * Northeast Asia security held in Moscow").
 */
import { formatDay } from '../rules.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)`;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

const monthOf = (word: string) => MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;
const pad = (n: number) => String(n).padStart(2, '0');

function validDay(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? formatDay(d) : null;
}

/** A day given in full ("July 28, 2016"), or a month and day in the year of `reference` (not after it). */
function explicitDayIn(text: string, reference: string | null): string | null {
  const full = new RegExp(String.raw`\b${MONTH}\s+(\d{1,2}),?\s+(\d{4})\b`, 'u').exec(text);
  if (full) return validDay(Number(full[3]), monthOf(full[1] as string), Number(full[2]));
  if (reference === null) return null;
  const short = new RegExp(String.raw`\b(?:on|On)\s+${MONTH}\s+(\d{1,2})\b`, 'u').exec(text);
  if (!short) return null;
  const year = Number(reference.slice(0, 4));
  const day = validDay(year, monthOf(short[1] as string), Number(short[2]));
  return day !== null && day > reference ? validDay(year - 1, monthOf(short[1] as string), Number(short[2])) : day;
}

/**
 * The day the article is written from: its dateline ("BEIJING, Sept. 6 (Xinhua) --"), else its
 * publication day, else the first full date of its text (a photo caption's "July 28, 2016").
 */
export function referenceDayOf(body: string, publishedAt: string | null): string | null {
  const published = publishedAt === null ? null : publishedAt.slice(0, 10);
  const dateline = new RegExp(String.raw`^[A-Z][A-Z .'-]+,\s+${MONTH}\s+(\d{1,2})\b`, 'u').exec(body);
  if (dateline && published !== null) {
    const year = Number(published.slice(0, 4));
    const day = validDay(year, monthOf(dateline[1] as string), Number(dateline[2]));
    if (day !== null) return day > published ? validDay(year - 1, monthOf(dateline[1] as string), Number(dateline[2])) : day;
  }
  return published ?? explicitDayIn(body, null);
}

/** The day a sentence says something happened: a date, or a weekday on or before the reference day. */
export function dayIn(text: string, reference: string | null): string | null {
  const explicit = explicitDayIn(text, reference);
  if (explicit !== null) return explicit;
  if (reference === null) return null;
  const weekday = /\b(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/u.exec(text);
  if (!weekday) return null;
  const target = WEEKDAYS.indexOf((weekday[1] as string).toLowerCase());
  const ref = new Date(`${reference}T00:00:00Z`);
  const back = (ref.getUTCDay() - target + 7) % 7;
  return formatDay(new Date(ref.getTime() - back * 86_400_000));
}

/** A month a sentence gives with its year ("agreed on the deployment in July 2016"): "2016-07". */
export function monthIn(text: string): string | null {
  const m = new RegExp(String.raw`\b(?:in|In|since|Since)\s+${MONTH}\s+(\d{4})\b`, 'u').exec(text);
  return m ? `${m[2] as string}-${pad(monthOf(m[1] as string))}` : null;
}

export interface MeetingMention {
  key: string;
  name: string;
  series: string;
  ordinal: number | null;
  city: string | null;
}

/** "a fourth meeting on Northeast Asia security held in Moscow". */
export function meetingIn(text: string): MeetingMention | null {
  const m = new RegExp(
    String.raw`\b(?:a|the)\s+(?:(${ORDINALS.join('|')})\s+)?((?:round\s+of\s+)?(?:meeting|consultations?|talks|dialogue)\s+on\s+([A-Z][\w-]*(?:\s+[\w-]+){0,4}?))\s+held\s+in\s+([A-Z][a-z]+)`,
    'u',
  ).exec(text);
  if (!m) return null;
  const ordinal = m[1] ? ORDINALS.indexOf(m[1]) + 1 : null;
  const series = m[3] as string;
  const name = `${m[1] ? `${m[1]} ` : ''}${m[2] as string}`;
  const key = `${series}${ordinal === null ? '' : `-${ordinal}`}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return { key, name, series, ordinal, city: m[4] ?? null };
}
