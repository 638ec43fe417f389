/**
 * A ReportedDate ("2016", "2016-07", "2016-07-28", "2016-07~", "2016-07-28/2016-07-29") as the
 * span of days it may mean, for the timeline: a day is a point, a month or a year a span.
 */
export interface DaySpan {
  start: Date;
  /** The last day it may mean (equal to start for one day). */
  end: Date;
  approximate: boolean;
}

function bounds(date: string): { start: Date; end: Date } | null {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[3]) {
    const day = new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3])));
    return { start: day, end: day };
  }
  if (match[2]) {
    const month = Number(match[2]) - 1;
    return { start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 0)) };
  }
  return { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year, 11, 31)) };
}

export function daySpanOf(reported: string): DaySpan | null {
  const approximate = reported.includes('~');
  const [from = '', to] = reported.replaceAll('~', '').split('/');
  const first = bounds(from);
  const last = to === undefined ? first : bounds(to);
  return first && last ? { start: first.start, end: last.end, approximate } : null;
}

export const isOneDay = (span: DaySpan) => span.start.getTime() === span.end.getTime();
