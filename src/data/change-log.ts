import type { ChangeLog as ChangeLogRow, Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { maxRowId } from '../db/pages.ts';
import { InvalidArgument } from './invalid-argument.ts';
import { decodeGlobalId, encodeGlobalId, nodesOfType } from './global-id.ts';
import { decodeApiKeyId, encodeApiKeyId } from './api-keys.ts';

const cursorPrefix = 'changelog:';
export const encodeChangeLogCursor = (id: number) => Buffer.from(`${cursorPrefix}${id}`, 'utf8').toString('base64url');

function decodeChangeLogCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith(cursorPrefix) ? Number(text.slice(cursorPrefix.length)) : NaN;
  if (!Number.isSafeInteger(id) || id < 1 || encodeChangeLogCursor(id) !== cursor)
    throw new InvalidArgument(`Argument "after" is not a valid cursor: ${JSON.stringify(cursor)}`, 'after');
  return id;
}

function entityGlobalId(entityType: string, entityId: number): string {
  if (entityType === 'ApiKey') return encodeApiKeyId(entityId);
  return nodesOfType(entityType) ? encodeGlobalId(entityType, entityId) : `${entityType}:${entityId}`;
}

/** An entry of the change log as the API shows it: global IDs of the record changed and of itself. */
export interface ChangeLogRecord {
  rowId: number;
  id: string;
  at: Date;
  actor: string | null;
  action: ChangeLogRow['action'];
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
}

export function toChangeLogEntry(row: ChangeLogRow): ChangeLogRecord {
  return {
    rowId: row.id,
    id: Buffer.from(`ChangeLogEntry:${row.id}`, 'utf8').toString('base64'),
    at: row.at,
    actor: row.actor,
    action: row.action,
    entityType: row.entityType,
    entityId: entityGlobalId(row.entityType, row.entityId),
    details: (row.details ?? {}) as Record<string, unknown>,
  };
}

export interface ChangeLogArgs {
  first?: number | null;
  after?: string | null;
  entityId?: string | null;
}

/** A page of the change log, newest first, optionally of one record only. */
export async function changeLogPage(prisma: PrismaClient, args: ChangeLogArgs) {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 100) throw new InvalidArgument(`Argument "first" must be between 1 and 100, got ${first}`, 'first');
  const where: Prisma.ChangeLogWhereInput = {};
  if (args.after != null) where.id = { lt: decodeChangeLogCursor(args.after) };
  if (args.entityId != null) {
    const apiKeyId = decodeApiKeyId(args.entityId);
    if (apiKeyId !== null) Object.assign(where, { entityType: 'ApiKey', entityId: apiKeyId });
    else {
      const { typeName, rowId } = decodeGlobalId(args.entityId, 'entityId');
      // An ID beyond the integer range names no record, so no entry is about it.
      Object.assign(where, { entityType: typeName, entityId: rowId <= maxRowId ? rowId : { in: [] } });
    }
  }
  const rows = await prisma.changeLog.findMany({ where, orderBy: { id: 'desc' }, take: first + 1 });
  const nodes = rows.slice(0, first).map(toChangeLogEntry);
  const edges = nodes.map((node) => ({ cursor: encodeChangeLogCursor(node.rowId), node }));
  const countWhere = { ...where, id: undefined };
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: args.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      return prisma.changeLog.count({ where: countWhere });
    },
  };
}
