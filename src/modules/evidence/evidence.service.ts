import type { Evidence as EvidenceRow, PrismaClient } from '../../generated/prisma/client.ts';
import { groupBy } from '../../db/group-by.ts';
import { auditFieldsOf } from '../../graphql/audited.interface.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import { Evidence } from './evidence.type.ts';

export function toEvidence(row: EvidenceRow): Evidence {
  return Object.assign(new Evidence(), auditFieldsOf(row), {
    rowId: row.id,
    articleRowId: row.articleId,
    positionRowId: row.positionId,
    id: encodeGlobalId('Evidence', row.id),
    text: row.text,
    start: row.start,
    end: row.end,
  });
}

export async function findEvidence(prisma: PrismaClient, ids: readonly number[]): Promise<Evidence[]> {
  const rows = await prisma.evidence.findMany({ where: { id: { in: [...ids] } } });
  return rows.map(toEvidence);
}

/** Evidence of each position, in article and text order, one query for all of them. */
export async function findEvidenceByPosition(prisma: PrismaClient, positionIds: readonly number[]): Promise<Map<number, Evidence[]>> {
  const rows = await prisma.evidence.findMany({
    where: { positionId: { in: [...positionIds] } },
    orderBy: [{ positionId: 'asc' }, { articleId: 'asc' }, { start: 'asc' }],
  });
  return groupBy(rows, (row) => row.positionId, toEvidence);
}
