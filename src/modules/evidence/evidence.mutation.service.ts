import { changedBy, ChangeAction, createdBy, type Write } from '../../data/write.ts';
import { UserErrorCode, type FieldPath } from '../../data/user-errors.ts';
import { isProblem, locateEvidence, type EvidenceSpan } from '../../data/rules.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import { mustFind, refId, rowIdOf } from '../../data/checks.ts';
import { positionRecordOf } from '../../data/models/position.ts';
import type { PositionRecord as Position } from '../../data/models/position.ts';
import type { EvidenceCreateInput, EvidenceDeleteInput, EvidenceInput } from './evidence.input.ts';
import { toEvidence } from './evidence.service.ts';
import type { Evidence } from './evidence.type.ts';

export type LocatedEvidence = EvidenceSpan & { articleId: number };

/** Finds each quote in its article (EVIDENCE_NOT_IN_ARTICLE, EVIDENCE_AMBIGUOUS); the same span twice is a DUPLICATE. */
export async function locateEvidenceInputs(w: Write, inputs: readonly EvidenceInput[], field: FieldPath): Promise<LocatedEvidence[]> {
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

export async function createEvidence(w: Write, input: EvidenceCreateInput): Promise<{ evidence: Evidence; position: Position }> {
  const positionId = await refId(w, 'Position', input.positionId, ['input', 'positionId']);
  const [span] = await locateEvidenceInputs(w, [input], ['input']);
  // locateEvidenceInputs reports fields as ["input", 0, "text"]: lift them to ["input", "text"].
  for (const e of w.errors) if (e.field?.[0] === 'input' && e.field[1] === '0') e.field.splice(1, 1);
  w.check();
  const located = span as LocatedEvidence;
  const existing = await w.tx.evidence.findUnique({
    where: { positionId_articleId_start_end: { positionId: positionId as number, articleId: located.articleId, start: located.start, end: located.end } },
  });
  if (existing) w.abort(['input', 'text'], `this quote is already evidence of the position (${encodeGlobalId('Evidence', existing.id)})`, UserErrorCode.DUPLICATE);
  const row = await w.tx.evidence.create({ data: { positionId: positionId as number, articleId: located.articleId, text: located.text, start: located.start, end: located.end, ...createdBy(w.actor) } });
  const position = await w.tx.position.update({ where: { id: positionId as number }, data: changedBy(w.actor) });
  await w.log(ChangeAction.CREATE, 'Evidence', row.id, { positionId: row.positionId, articleId: row.articleId, text: row.text, start: row.start, end: row.end });
  return { evidence: toEvidence(row), position: positionRecordOf(position) };
}

export async function deleteEvidence(w: Write, input: EvidenceDeleteInput): Promise<{ deletedEvidenceId: string; position: Position }> {
  const id = rowIdOf(w, 'Evidence', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => w.tx.evidence.findUnique({ where: { id: id as number } }), 'evidence', ['input', 'id']);
  const remaining = await w.tx.evidence.count({ where: { positionId: found.positionId, id: { not: found.id } } });
  if (remaining === 0) w.abort(['input', 'id'], 'this is the position\'s only evidence: a position nobody can verify does not stay; delete the position instead (positionDelete)', UserErrorCode.EVIDENCE_REQUIRED);
  await w.tx.evidence.delete({ where: { id: found.id } });
  const position = await w.tx.position.update({ where: { id: found.positionId }, data: changedBy(w.actor) });
  await w.log(ChangeAction.DELETE, 'Evidence', found.id, { deleted: { positionId: found.positionId, articleId: found.articleId, text: found.text, start: found.start, end: found.end } });
  return { deletedEvidenceId: encodeGlobalId('Evidence', found.id), position: positionRecordOf(position) };
}
