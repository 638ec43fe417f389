import type { Official as OfficialRow, PrismaClient } from '../../generated/prisma/client.ts';
import { groupBy } from '../../db/group-by.ts';
import type { IdSource } from '../../db/pages.ts';
import { auditFieldsOf } from '../../graphql/audited.interface.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import { Official } from './official.type.ts';

export const officialIds: IdSource = { name: 'officials', table: 'Official', childColumn: 'id' };
export const officialMeetingIds: IdSource = { name: 'official.meetings', table: 'MeetingParticipant', parentColumn: 'officialId', childColumn: 'meetingId' };
export const officialPositionIds: IdSource = { name: 'official.positions', table: 'PositionSpeaker', parentColumn: 'officialId', childColumn: 'positionId' };

export function toOfficial(row: OfficialRow): Official {
  return Object.assign(new Official(), auditFieldsOf(row), {
    rowId: row.id,
    countryRowId: row.countryId,
    organizationRowId: row.organizationId,
    id: encodeGlobalId('Official', row.id),
    name: row.name,
    title: row.title,
    aliases: row.aliases,
  });
}

export async function findOfficials(prisma: PrismaClient, ids: readonly number[]): Promise<Official[]> {
  const rows = await prisma.official.findMany({ where: { id: { in: [...ids] } } });
  return rows.map(toOfficial);
}

/** Participants of each meeting, one query for all of them. */
export async function findParticipantsByMeeting(prisma: PrismaClient, meetingIds: readonly number[]): Promise<Map<number, Official[]>> {
  const rows = await prisma.meetingParticipant.findMany({
    where: { meetingId: { in: [...meetingIds] } },
    include: { official: true },
    orderBy: [{ meetingId: 'asc' }, { officialId: 'asc' }],
  });
  return groupBy(rows, (row) => row.meetingId, (row) => toOfficial(row.official));
}

/** Speakers of each position, one query for all of them. */
export async function findSpeakersByPosition(prisma: PrismaClient, positionIds: readonly number[]): Promise<Map<number, Official[]>> {
  const rows = await prisma.positionSpeaker.findMany({
    where: { positionId: { in: [...positionIds] } },
    include: { official: true },
    orderBy: [{ positionId: 'asc' }, { officialId: 'asc' }],
  });
  return groupBy(rows, (row) => row.positionId, (row) => toOfficial(row.official));
}

