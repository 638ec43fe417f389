/**
 * Where quotes given as evidence are in their articles: what positionCreate, evidenceCreate and
 * the import share. A quote is located in the body (exactly once, or at its given start) and must
 * not repeat an earlier quote of the same position in the same article.
 */
import { refId } from './checks.ts';
import { isProblem, locateEvidence, type EvidenceSpan, type Problem } from './rules.ts';
import { UserErrorCode, type FieldPath } from './user-errors.ts';
import type { Write } from './write.ts';

/** A quote that reports a position: the article (its ID), the text, and its start when it occurs more than once. */
export interface EvidenceQuote {
  articleId: string;
  text: string;
  start?: number | null;
}

export type LocatedEvidence = EvidenceSpan & { articleId: number };

/** Why a quote cannot be evidence, and which part of it is at fault: its start, its text, or the whole quote (a repeat). */
export type QuoteProblem = Problem & { part: 'start' | 'text' | 'quote' };

/**
 * Locates a quote in an article body (EVIDENCE_NOT_IN_ARTICLE, EVIDENCE_AMBIGUOUS, INVALID for a
 * bad start); the same span as one of `earlier` (quotes of the same position in the same article)
 * is a DUPLICATE, worded by `repeated`.
 */
export function locateQuote(
  body: string,
  text: string,
  start: number | null | undefined,
  earlier: readonly EvidenceSpan[],
  repeated: string,
): EvidenceSpan | QuoteProblem {
  const span = locateEvidence(body, text, start);
  if (isProblem(span)) return { ...span, part: span.code === UserErrorCode.INVALID ? 'start' : 'text' };
  if (earlier.some((e) => e.start === span.start && e.end === span.end)) return { code: UserErrorCode.DUPLICATE, message: repeated, part: 'quote' };
  return span;
}

export const isQuoteProblem = (value: EvidenceSpan | QuoteProblem): value is QuoteProblem => 'part' in value;

/** Finds each quote in its article (EVIDENCE_NOT_IN_ARTICLE, EVIDENCE_AMBIGUOUS); the same span twice is a DUPLICATE. */
export async function locateEvidenceInputs(w: Write, inputs: readonly EvidenceQuote[], field: FieldPath): Promise<LocatedEvidence[]> {
  const out: LocatedEvidence[] = [];
  for (const [i, input] of inputs.entries()) {
    const articleId = await refId(w, 'Article', input.articleId, [...field, i, 'articleId']);
    if (articleId == null) continue;
    const article = await w.tx.article.findUnique({ where: { id: articleId }, select: { body: true } });
    if (!article) continue;
    const span = locateQuote(
      article.body,
      input.text,
      input.start,
      out.filter((e) => e.articleId === articleId),
      'repeats an earlier quote',
    );
    if (isQuoteProblem(span)) {
      w.fail(span.part === 'quote' ? [...field, i] : [...field, i, span.part], span.message, span.code);
      continue;
    }
    out.push({ ...span, articleId });
  }
  return out;
}
