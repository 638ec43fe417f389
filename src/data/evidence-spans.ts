/** Where quotes given as evidence are in their articles: what positionCreate, evidenceCreate and the import share. */
import { refId } from './checks.ts';
import { isProblem, locateEvidence, type EvidenceSpan } from './rules.ts';
import { UserErrorCode, type FieldPath } from './user-errors.ts';
import type { Write } from './write.ts';

/** A quote that reports a position: the article (its ID), the text, and its start when it occurs more than once. */
export interface EvidenceQuote {
  articleId: string;
  text: string;
  start?: number | null;
}

export type LocatedEvidence = EvidenceSpan & { articleId: number };

/** Finds each quote in its article (EVIDENCE_NOT_IN_ARTICLE, EVIDENCE_AMBIGUOUS); the same span twice is a DUPLICATE. */
export async function locateEvidenceInputs(w: Write, inputs: readonly EvidenceQuote[], field: FieldPath): Promise<LocatedEvidence[]> {
  const out: LocatedEvidence[] = [];
  for (const [i, input] of inputs.entries()) {
    const articleId = await refId(w, 'Article', input.articleId, [...field, i, 'articleId']);
    if (articleId == null) continue;
    const article = await w.tx.article.findUnique({ where: { id: articleId }, select: { body: true } });
    if (!article) continue;
    const span = locateEvidence(article.body, input.text, input.start);
    if (isProblem(span)) {
      w.fail([...field, i, span.code === UserErrorCode.INVALID ? 'start' : 'text'], span.message, span.code);
      continue;
    }
    if (out.some((e) => e.articleId === articleId && e.start === span.start && e.end === span.end)) {
      w.fail([...field, i], 'repeats an earlier quote', UserErrorCode.DUPLICATE);
      continue;
    }
    out.push({ ...span, articleId });
  }
  return out;
}
