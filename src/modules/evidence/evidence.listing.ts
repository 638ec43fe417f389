import { registerNodeType } from '../../data/global-id.ts';
import { Prisma, type Evidence as EvidenceRow } from '../../generated/prisma/client.ts';
import { columnsOf, nodeSource, type NodeSource } from '../../db/pages.ts';
import { toEvidence } from './evidence.service.ts';
import type { Evidence } from './evidence.type.ts';

export const evidenceNodes: NodeSource<Evidence> = nodeSource({
  table: 'Evidence',
  from: Prisma.sql`"Evidence" AS n`,
  columns: columnsOf('n', Prisma.EvidenceScalarFieldEnum),
  toNode: (row) => toEvidence(row as unknown as EvidenceRow),
});
registerNodeType('Evidence', evidenceNodes);
