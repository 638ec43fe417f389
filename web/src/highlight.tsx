import type { ReactNode } from 'react';

export interface Span {
  start: number;
  end: number;
  render: (text: string) => ReactNode;
}

/**
 * `text` with each span rendered by its `render` and the rest as plain text. Spans are offsets in
 * `text`; one overlapping an earlier one starts where that one ends, so no character shows twice.
 */
export function highlighted(text: string, spans: readonly Span[]): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(span.start, at);
    const end = Math.min(span.end, text.length);
    if (end <= start) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(span.render(text.slice(start, end)));
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** The paragraph of `body` (between blank-line or line breaks) around the offsets [start, end). */
export function paragraphAround(body: string, start: number, end: number): { text: string; offset: number } {
  const from = body.lastIndexOf('\n', start - 1) + 1;
  const next = body.indexOf('\n', end);
  const to = next === -1 ? body.length : next;
  return { text: body.slice(from, to), offset: from };
}
