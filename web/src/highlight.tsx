import type { ReactNode } from 'react';
import { sentencesOf, type Sentence } from './sentences';

export interface Span {
  start: number;
  end: number;
  /** Renders a piece of the span's text; `depth` is how many spans cover it (2 where one is inside another). */
  render: (text: string, key: string, depth: number) => ReactNode;
}

/**
 * `text` with its spans (offsets in `text`) rendered by their `render` and the rest as plain text.
 * Spans may nest or overlap (a clause quoted by one position inside a sentence quoted by another):
 * the text is cut at every span's ends, and each piece is rendered by the narrowest span covering
 * it, so no character shows twice and no link is put inside another.
 */
export function highlighted(text: string, spans: readonly Span[]): ReactNode[] {
  const cuts = [...new Set([0, text.length, ...spans.flatMap((span) => [span.start, span.end])])]
    .filter((cut) => cut >= 0 && cut <= text.length)
    .sort((a, b) => a - b);
  const out: ReactNode[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] as number;
    const to = cuts[i + 1] as number;
    const covering = spans.filter((span) => span.start <= from && span.end >= to);
    const narrowest = covering.reduce<Span | undefined>((best, span) => (!best || span.end - span.start < best.end - best.start ? span : best), undefined);
    out.push(narrowest ? narrowest.render(text.slice(from, to), String(from), covering.length) : text.slice(from, to));
  }
  return out;
}

/** The paragraph of `body` (between line breaks) around the offsets [start, end). */
export function paragraphAround(body: string, start: number, end: number): { text: string; offset: number } {
  const from = body.lastIndexOf('\n', start - 1) + 1;
  const next = body.indexOf('\n', end);
  const to = next === -1 ? body.length : next;
  return { text: body.slice(from, to), offset: from };
}

/**
 * The context of the offsets [start, end) in `body`: their paragraph (paragraphAround), narrowed
 * to the sentences they are in and `around` sentences either side when the paragraph has more
 * (an article without line breaks is one paragraph). `cutBefore` and `cutAfter` tell whether words
 * of the paragraph were left out at either end.
 */
export function contextAround(body: string, start: number, end: number, around = 1): { text: string; offset: number; cutBefore: boolean; cutAfter: boolean } {
  const paragraph = paragraphAround(body, start, end);
  const sentences = sentencesOf(paragraph.text);
  const first = sentences.findIndex((sentence) => sentence.end > start - paragraph.offset);
  const last = sentences.findLastIndex((sentence) => sentence.start < end - paragraph.offset);
  if (first === -1 || last === -1) return { ...paragraph, cutBefore: false, cutAfter: false };
  const from = (sentences[Math.max(0, first - around)] as Sentence).start;
  const to = (sentences[Math.min(sentences.length - 1, last + around)] as Sentence).end;
  return {
    text: paragraph.text.slice(from, to),
    offset: paragraph.offset + from,
    cutBefore: paragraph.text.slice(0, from).trim() !== '',
    cutAfter: paragraph.text.slice(to).trim() !== '',
  };
}
