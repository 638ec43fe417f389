/**
 * Meeting: a meeting, talk or summit where officials met and positions were stated. Its
 * definition, its relations' id sources, and its writes.
 */
import { Prisma } from '../../generated/prisma/client.ts';
import type { IdSource, NodeSource } from '../../db/pages.ts';
import { changesOf, dayAndDateOf, type DeleteInputData, recordToChange, refId, refIds, snapshot } from '../checks.ts';
import { encodeGlobalId } from '../global-id.ts';
import { acceptsDay, linkedTo, overlapSql, textIn } from '../listing.ts';
import { checkedCreateValues, checkedUpdateValues, columnValuesOf, defineModel, field, ownTable, storedReportedDate, type RecordOf } from '../model.ts';
import type { ReportedDate } from '../reported-date.ts';
import { nodesOf, recordOf } from '../model-listing.ts';
import { UserErrorCode, type FieldPath } from '../user-errors.ts';
import { changedBy, ChangeAction, createdBy, type Write } from '../write.ts';

/**
 * When a meeting was held as a never-null sort key: its first day, so that a coarser date or a
 * span comes at its start; an index on `(key, id)` serves the ordering and its cursors.
 */
export const meetingDateKey = Prisma.sql`COALESCE(n."heldFrom", '-infinity'::date)`;

export const meetingModel = defineModel({
  name: 'Meeting',
  plural: 'meetings',
  description: 'A meeting, talk or summit where officials met and positions were stated.',
  filterDescription: 'Conditions on meetings. A meeting must meet every condition given; a list condition is met by any of its values.',
  ...ownTable('Meeting', Prisma.MeetingScalarFieldEnum),
  fields: {
    name: field.text({
      description: 'The name as the source gives it, e.g. "fourth meeting on Northeast Asia security".',
      create: { description: 'The name as the source gives it.' },
      update: { description: 'The new name.' },
    }),
    series: field.text({
      nullable: true,
      description: 'The recurring series the meeting belongs to, e.g. "Northeast Asia security"; null when none is stated.',
      create: { description: 'The recurring series it belongs to, when the source names one.' },
      update: { description: 'The new series; null clears it.' },
    }),
    ordinal: field.int({
      nullable: true,
      description: 'The meeting\'s number within its series (4 for "fourth"); null when not stated.',
      create: { description: 'Its number within the series (a positive integer).' },
      update: { description: 'The new ordinal; null clears it.' },
    }),
    city: field.text({
      nullable: true,
      description: 'The city where it was held; null when not stated.',
      create: { description: 'The city where it was held.' },
      update: { description: 'The new city; null clears it.' },
    }),
    // A meeting may be announced before it is held: its day may be in the future.
    date: field.day({
      nullable: true,
      description: 'The day it was held; null when not stated, or when it lasted several days or the report gives a coarser date (see heldIn).',
      create: { description: 'The day it was held (may be in the future for an announced meeting).' },
      update: { description: 'The new day; null clears it (and heldIn).' },
    }),
    heldIn: field.reportedDate({
      column: 'held',
      description:
        'When it was held, at the precision the report gives: a day, the span of a meeting of several days ("2016-07-28/2016-07-29"), a month or a year, approximate or not; null when not stated. When it names one day exactly, date is that day.',
      create: { description: 'When it was held, at the precision the report gives ("2016-07-28/2016-07-29" for two days).' },
      update: { description: 'When it was held; null clears it (and date).' },
      import: {
        description:
          'When it was held, at the precision the article gives: a span "2016-07-28/2016-07-29" for a meeting of several days, "2016-07", "2016~"; null when not stated. A day may be given as date instead; when both are given, they must agree.',
        api: 'When it was held, at the precision the article gives ("2016-07-28/2016-07-29" for two days).',
      },
    }),
  },
  filters: {
    cities: {
      argument: 'strings',
      description: 'Meetings held in any of these cities, in any case ("Beijing").',
      where: (cities: string[]) => textIn(Prisma.sql`n.city`, cities),
    },
    countries: {
      argument: 'strings',
      description: 'Meetings held in any of these countries, by ISO 3166-1 alpha-2 code ("CN"), name or alias or ID.',
      where: async (values: string[], { refs, argumentName }) => Prisma.sql`n."countryId" = ANY(${await refs.countryIds(values, argumentName)}::int[])`,
    },
    date: {
      argument: 'dateRange',
      description:
        'Meetings that may have been held on a day of this range (a meeting of several days, or a coarser date, matches every range it overlaps); meetings with no known date are left out.',
      where: (range: { from: Date | null; to: Date | null }) => overlapSql(Prisma.sql`n."heldFrom"`, Prisma.sql`n."heldUntil"`, range, meetingDateKey),
    },
    participants: {
      argument: 'ids',
      description: 'Meetings attended by any of these officials, by ID, name or alias ("Morgulov").',
      where: async (values: string[], { refs, argumentName }) =>
        linkedTo('MeetingParticipant', 'meetingId', 'officialId', await refs.officialIds(values, argumentName)),
    },
  },
  orders: {
    DATE: {
      description: 'When the meeting was held (heldIn), at its first day; meetings with no known date count as earlier than any dated one.',
      key: { sql: meetingDateKey, type: 'date', accepts: acceptsDay },
    },
    NAME: { description: 'The name, by Unicode code point.', key: { sql: Prisma.sql`n.name`, type: 'text' } },
  },
  extras: (row) => ({ countryRowId: row.countryId as number | null }),
});

export type MeetingRecord = RecordOf<typeof meetingModel> & { countryRowId: number | null };

/** How meetings are read (with the row id of their host country). */
export const meetingNodes = nodesOf(meetingModel) as NodeSource<MeetingRecord>;

/** A Meeting row (as Prisma or the node source reads it) as its record. */
export const meetingRecordOf = (row: object): MeetingRecord => recordOf(meetingModel, row as Record<string, unknown>) as MeetingRecord;

export const meetingArticleIds: IdSource = { name: 'meeting.articles', table: 'ArticleMeeting', parentColumn: 'meetingId', childColumn: 'articleId' };
export const meetingPositionIds: IdSource = { name: 'meeting.positions', table: 'Position', parentColumn: 'meetingId', childColumn: 'id' };
// A plain list in the schema, not a connection.
export const meetingParticipantIds: IdSource = {
  name: 'meeting.participants',
  table: 'MeetingParticipant',
  parentColumn: 'meetingId',
  childColumn: 'officialId',
};

// ---------------------------------------------------------------------------------------------
// Writes

type Input = Record<string, unknown>;
type FieldsOf = Pick<MeetingRecord, 'name' | 'series' | 'ordinal' | 'city' | 'date' | 'heldIn'>;

/** A write's date and heldIn, one from the other (dayAndDateOf). */
function heldOf(w: Write, input: Input, current: { date: Date | null; heldIn: ReportedDate | null }) {
  const dates = dayAndDateOf(w, input, { day: 'date', date: 'heldIn' }, { day: current.date, date: current.heldIn });
  return { date: dates.day, heldIn: dates.date };
}

export interface MeetingRelationsInput {
  countryId?: string | null;
  participantIds?: string[] | null;
  articleIds?: string[] | null;
}

export interface MeetingUpdateRelationsInput extends MeetingRelationsInput {
  id: string;
  expectedVersion?: number | null;
}

function ordinalOf(w: Write, value: number | null | undefined, field: FieldPath): void {
  if (value != null && !(Number.isInteger(value) && value > 0)) w.fail(field, `must be a positive integer, got ${value}`, UserErrorCode.INVALID);
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

/** Records a new meeting with its links (the caller has checked the values and logs the change). */
export function insertMeeting(w: Write, data: Omit<Prisma.MeetingUncheckedCreateInput, 'createdBy' | 'updatedBy'>) {
  return w.tx.meeting.create({ data: { ...data, ...createdBy(w.actor) } });
}

export async function createMeeting(w: Write, input: MeetingRelationsInput & Input): Promise<MeetingRecord> {
  const values = { ...(checkedCreateValues(w, meetingModel, input) as Required<FieldsOf>) };
  Object.assign(values, heldOf(w, input, { date: null, heldIn: null }));
  ordinalOf(w, input.ordinal as number | null | undefined, ['input', 'ordinal']);
  const countryId = (await refId(w, 'Country', input.countryId, ['input', 'countryId'])) ?? null;
  const participants = await refIds(w, 'Official', input.participantIds ?? [], ['input', 'participantIds']);
  const articles = await refIds(w, 'Article', input.articleIds ?? [], ['input', 'articleIds']);
  w.check();
  const row = await insertMeeting(w, {
    ...(columnValuesOf(meetingModel, values) as Pick<Prisma.MeetingUncheckedCreateInput, 'name'>),
    countryId,
    participants: { create: participants.map((officialId) => ({ officialId })) },
    articles: { create: articles.map((articleId) => ({ articleId })) },
  });
  await w.log(ChangeAction.CREATE, 'Meeting', row.id, { ...snapshot(row), participants, articles });
  return meetingRecordOf(row);
}

export async function updateMeeting(w: Write, input: MeetingUpdateRelationsInput & Input): Promise<MeetingRecord> {
  const found = await recordToChange(w, 'Meeting', input, {
    find: (id) => w.tx.meeting.findUnique({ where: { id }, include: { participants: true, articles: true } }),
    label: (found) => `meeting "${found.name}"`,
  });
  ordinalOf(w, input.ordinal as number | null | undefined, ['input', 'ordinal']);
  const countryId = await refId(w, 'Country', input.countryId, ['input', 'countryId']);
  const values = { ...(checkedUpdateValues(w, meetingModel, input, found) as Required<FieldsOf>) };
  const heldIn = storedReportedDate(found, 'held');
  Object.assign(values, heldOf(w, input, { date: found.date, heldIn }));
  const next = { ...values, countryId: countryId === undefined ? found.countryId : countryId };
  const before = {
    ...found,
    heldIn,
    participants: sorted(found.participants.map((p) => p.officialId)),
    articles: sorted(found.articles.map((a) => a.articleId)),
  };
  const participants =
    input.participantIds == null ? before.participants : sorted(await refIds(w, 'Official', input.participantIds, ['input', 'participantIds']));
  const articles = input.articleIds == null ? before.articles : sorted(await refIds(w, 'Article', input.articleIds, ['input', 'articleIds']));
  w.check();
  const changes = changesOf(before, { ...before, ...next, participants, articles }, [
    'name',
    'series',
    'ordinal',
    'city',
    'countryId',
    'date',
    'heldIn',
    'participants',
    'articles',
  ]);
  if (Object.keys(changes).length === 0) return meetingRecordOf(found);
  if (changes.participants) {
    await w.tx.meetingParticipant.deleteMany({ where: { meetingId: found.id, officialId: { notIn: participants } } });
    await w.tx.meetingParticipant.createMany({ data: participants.map((officialId) => ({ meetingId: found.id, officialId })), skipDuplicates: true });
  }
  if (changes.articles) {
    await w.tx.articleMeeting.deleteMany({ where: { meetingId: found.id, articleId: { notIn: articles } } });
    await w.tx.articleMeeting.createMany({ data: articles.map((articleId) => ({ meetingId: found.id, articleId })), skipDuplicates: true });
  }
  const row = await w.tx.meeting.update({
    where: { id: found.id },
    data: { ...(columnValuesOf(meetingModel, next) as Prisma.MeetingUncheckedUpdateInput), ...changedBy(w.actor) },
  });
  await w.log(ChangeAction.UPDATE, 'Meeting', found.id, { changes });
  return meetingRecordOf(row);
}

/** Deletes a meeting; refused (IN_USE) while positions say they were stated there. */
export async function deleteMeeting(w: Write, input: DeleteInputData): Promise<string> {
  const found = await recordToChange(w, 'Meeting', input, {
    find: (id) => w.tx.meeting.findUnique({ where: { id }, include: { participants: true, articles: true } }),
    label: (found) => `meeting "${found.name}"`,
  });
  w.check();
  const positions = await w.tx.position.count({ where: { meetingId: found.id } });
  if (positions > 0)
    w.abort(
      ['input', 'id'],
      `${positions} position${positions === 1 ? ' was' : 's were'} stated at this meeting: change or delete ${positions === 1 ? 'it' : 'them'} first`,
      UserErrorCode.IN_USE,
    );
  await w.tx.meeting.delete({ where: { id: found.id } });
  await w.log(ChangeAction.DELETE, 'Meeting', found.id, {
    deleted: { ...snapshot(found), participants: found.participants.map((p) => p.officialId), articles: found.articles.map((a) => a.articleId) },
  });
  return encodeGlobalId('Meeting', found.id);
}
