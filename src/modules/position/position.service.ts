import type { Position as PositionRow, PrismaClient } from '../../generated/prisma/client.ts';
import { groupBy } from '../../db/group-by.ts';
import type { IdSource } from '../../db/pages.ts';
import { auditFieldsOf } from '../../graphql/audited.interface.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import { actorInclude, toActor, type ActorRow } from '../actor/actor.service.ts';
import type { Actor } from '../actor/actor.type.ts';
import { Position } from './position.type.ts';

export const positionIds: IdSource = { name: 'positions', table: 'Position', childColumn: 'id' };
export const heldPositionIds: IdSource = { name: 'actor.positions', table: 'PositionHolder', parentColumn: 'actorId', childColumn: 'positionId' };

export function toPosition(row: PositionRow): Position {
  return Object.assign(new Position(), auditFieldsOf(row), {
    rowId: row.id,
    deploymentRowId: row.deploymentId,
    meetingRowId: row.meetingId,
    id: encodeGlobalId('Position', row.id),
    stance: row.stance,
    summary: row.summary,
    topic: row.topic,
    statedOn: row.statedOn,
  });
}

export async function findPositions(prisma: PrismaClient, ids: readonly number[]): Promise<Position[]> {
  const rows = await prisma.position.findMany({ where: { id: { in: [...ids] } } });
  return rows.map(toPosition);
}

/** Holders of each position, one query for all of them. */
export async function findHoldersByPosition(prisma: PrismaClient, positionIds: readonly number[]): Promise<Map<number, Actor[]>> {
  const rows = await prisma.positionHolder.findMany({
    where: { positionId: { in: [...positionIds] } },
    include: { actor: { include: actorInclude } },
    orderBy: [{ positionId: 'asc' }, { actorId: 'asc' }],
  });
  return groupActors(rows);
}

/** Addressees of each position, one query for all of them. */
export async function findAddresseesByPosition(prisma: PrismaClient, positionIds: readonly number[]): Promise<Map<number, Actor[]>> {
  const rows = await prisma.positionAddressee.findMany({
    where: { positionId: { in: [...positionIds] } },
    include: { actor: { include: actorInclude } },
    orderBy: [{ positionId: 'asc' }, { actorId: 'asc' }],
  });
  return groupActors(rows);
}

function groupActors(rows: { positionId: number; actor: ActorRow }[]): Map<number, Actor[]> {
  const withActors = rows.flatMap((row) => {
    const actor = toActor(row.actor);
    return actor ? [{ positionId: row.positionId, actor }] : [];
  });
  return groupBy(withActors, (row) => row.positionId, (row) => row.actor);
}
