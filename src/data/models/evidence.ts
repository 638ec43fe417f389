/**
 * Evidence: an exact span of one article's body that reports a position. Its definition and its
 * writes (a quote added to or removed from a position, which keeps at least one).
 */
import { Prisma } from '../../generated/prisma/client.ts';
import type { NodeSource } from '../../db/pages.ts';
import { mustFind, refId, rowIdOf, snapshot } from '../checks.ts';
import { locateEvidenceInputs, type EvidenceQuote, type LocatedEvidence } from '../evidence-spans.ts';
import { encodeGlobalId } from '../global-id.ts';
import { defineModel, field, ownTable, type RecordOf } from '../model.ts';
import { nodesOf, recordOf } from '../model-listing.ts';
import { UserErrorCode } from '../user-errors.ts';
import { changedBy, ChangeAction, createdBy, type Write } from '../write.ts';
import { positionRecordOf, type PositionRecord } from './position.ts';

export const evidenceModel = defineModel({
  name: 'Evidence',
  plural: 'evidence',
  description: "An exact span of one article's body that reports a position: `text` equals `article.body` sliced from `start` to `end`.",
  ...ownTable('Evidence', Prisma.EvidenceScalarFieldEnum),
  fields: {
    text: field.text({ description: 'The quoted text, exactly as it appears in the article.' }),
    start: field.int({
      description: "Offset of the first character of the quote in the article body (UTF-16 code units, as JavaScript's String.prototype.slice counts).",
    }),
    end: field.int({ description: 'Offset just past the last character of the quote in the article body.' }),
  },
  filters: {},
  orders: {},
  extras: (row) => ({ articleRowId: row.articleId as number, positionRowId: row.positionId as number }),
});

export type EvidenceRecord = RecordOf<typeof evidenceModel> & { articleRowId: number; positionRowId: number };

export const evidenceNodes = nodesOf(evidenceModel) as NodeSource<EvidenceRecord>;

/** An Evidence row as its record. */
export const evidenceRecordOf = (row: object): EvidenceRecord => recordOf(evidenceModel, row as Record<string, unknown>) as EvidenceRecord;

// ---------------------------------------------------------------------------------------------
// Writes

export interface EvidenceCreateInputData extends EvidenceQuote {
  positionId: string;
}

export interface EvidenceDeleteInputData {
  id: string;
}

export async function createEvidence(w: Write, input: EvidenceCreateInputData): Promise<{ evidence: EvidenceRecord; position: PositionRecord }> {
  const positionId = await refId(w, 'Position', input.positionId, ['input', 'positionId']);
  const [span] = await locateEvidenceInputs(w, [input], ['input']);
  // locateEvidenceInputs reports fields as ["input", 0, "text"]: lift them to ["input", "text"].
  for (const e of w.errors) if (e.field?.[0] === 'input' && e.field[1] === '0') e.field.splice(1, 1);
  w.check();
  const located = span as LocatedEvidence;
  const existing = await w.tx.evidence.findUnique({
    where: { positionId_articleId_start_end: { positionId: positionId as number, articleId: located.articleId, start: located.start, end: located.end } },
  });
  if (existing)
    w.abort(['input', 'text'], `this quote is already evidence of the position (${encodeGlobalId('Evidence', existing.id)})`, UserErrorCode.DUPLICATE);
  const row = await w.tx.evidence.create({
    data: { positionId: positionId as number, articleId: located.articleId, text: located.text, start: located.start, end: located.end, ...createdBy(w.actor) },
  });
  const position = await w.tx.position.update({ where: { id: positionId as number }, data: changedBy(w.actor) });
  await w.log(
    ChangeAction.CREATE,
    'Evidence',
    row.id,
    snapshot({ positionId: row.positionId, articleId: row.articleId, text: row.text, start: row.start, end: row.end }),
  );
  return { evidence: evidenceRecordOf(row), position: positionRecordOf(position) };
}

export async function deleteEvidence(w: Write, input: EvidenceDeleteInputData): Promise<{ deletedEvidenceId: string; position: PositionRecord }> {
  const id = rowIdOf(w, 'Evidence', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => w.tx.evidence.findUnique({ where: { id: id as number } }), 'evidence', ['input', 'id']);
  const remaining = await w.tx.evidence.count({ where: { positionId: found.positionId, id: { not: found.id } } });
  if (remaining === 0)
    w.abort(
      ['input', 'id'],
      "this is the position's only evidence: a position nobody can verify does not stay; delete the position instead (positionDelete)",
      UserErrorCode.EVIDENCE_REQUIRED,
    );
  await w.tx.evidence.delete({ where: { id: found.id } });
  const position = await w.tx.position.update({ where: { id: found.positionId }, data: changedBy(w.actor) });
  await w.log(ChangeAction.DELETE, 'Evidence', found.id, {
    deleted: snapshot({ positionId: found.positionId, articleId: found.articleId, text: found.text, start: found.start, end: found.end }),
  });
  return { deletedEvidenceId: encodeGlobalId('Evidence', found.id), position: positionRecordOf(position) };
}
