export interface Sentence {
  /** Offsets in the text (UTF-16 code units, as the API counts evidence offsets and String.prototype.slice does). */
  start: number;
  end: number;
}

/**
 * The sentences of `text` (Unicode's sentence boundaries, through Intl.Segmenter; a line break
 * ends one too), each without the blanks around it, so that text.slice(start, end) is the
 * sentence's words exactly as the body has them. Segments of blanks only are left out.
 * The rules know no abbreviations: "Mr. Kong" is cut after "Mr."; a mouse selection can still
 * quote any span.
 */
export function sentencesOf(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const { segment, index } of new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text)) {
    const words = segment.trim();
    if (!words) continue;
    const start = index + segment.length - segment.trimStart().length;
    sentences.push({ start, end: start + words.length });
  }
  return sentences;
}
