import type { Meeting as MeetingRow, PrismaClient } from '../../generated/prisma/client.ts';
import type { IdSource } from '../../db/pages.ts';
import { auditFieldsOf } from '../../graphql/audited.interface.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import { Meeting } from './meeting.type.ts';

export const meetingIds: IdSource = { name: 'meetings', table: 'Meeting', childColumn: 'id' };
export const meetingArticleIds: IdSource = { name: 'meeting.articles', table: 'ArticleMeeting', parentColumn: 'meetingId', childColumn: 'articleId' };
export const meetingPositionIds: IdSource = { name: 'meeting.positions', table: 'Position', parentColumn: 'meetingId', childColumn: 'id' };

export function toMeeting(row: MeetingRow): Meeting {
  return Object.assign(new Meeting(), auditFieldsOf(row), {
    rowId: row.id,
    countryRowId: row.countryId,
    id: encodeGlobalId('Meeting', row.id),
    name: row.name,
    series: row.series,
    ordinal: row.ordinal,
    city: row.city,
    date: row.date,
  });
}

export async function findMeetings(prisma: PrismaClient, ids: readonly number[]): Promise<Meeting[]> {
  const rows = await prisma.meeting.findMany({ where: { id: { in: [...ids] } } });
  return rows.map(toMeeting);
}

// A plain list in the schema, not a connection.
export const meetingParticipantIds: IdSource = { name: 'meeting.participants', table: 'MeetingParticipant', parentColumn: 'meetingId', childColumn: 'officialId' };
