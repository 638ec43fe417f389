import { changedBy, ChangeAction, createdBy, type Write } from '../../data/write.ts';
import { UserErrorCode, type FieldPath } from '../../data/user-errors.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import { changesOf, mustFind, optionalText, refId, refIds, requiredText, rowIdOf, snapshot } from '../../data/checks.ts';
import type { MeetingCreateInput, MeetingDeleteInput, MeetingUpdateInput } from './meeting.input.ts';
import { toMeeting } from './meeting.service.ts';
import type { Meeting } from './meeting.type.ts';

function ordinalOf(w: Write, value: number | null | undefined, field: FieldPath): void {
  if (value != null && !(Number.isInteger(value) && value > 0)) w.fail(field, `must be a positive integer, got ${value}`, UserErrorCode.INVALID);
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

export async function createMeeting(w: Write, input: MeetingCreateInput): Promise<Meeting> {
  const name = requiredText(w, input.name, ['input', 'name']);
  ordinalOf(w, input.ordinal, ['input', 'ordinal']);
  const countryId = (await refId(w, 'Country', input.countryId, ['input', 'countryId'])) ?? null;
  const participants = await refIds(w, 'Official', input.participantIds ?? [], ['input', 'participantIds']);
  const articles = await refIds(w, 'Article', input.articleIds ?? [], ['input', 'articleIds']);
  w.check();
  const data = { name, series: optionalText(input.series ?? null), ordinal: input.ordinal ?? null, city: optionalText(input.city ?? null), countryId, date: input.date ?? null };
  const row = await w.tx.meeting.create({
    data: {
      ...data,
      ...createdBy(w.actor),
      participants: { create: participants.map((officialId) => ({ officialId })) },
      articles: { create: articles.map((articleId) => ({ articleId })) },
    },
  });
  await w.log(ChangeAction.CREATE, 'Meeting', row.id, JSON.parse(JSON.stringify({ ...snapshot(row), participants, articles })));
  return toMeeting(row);
}

export async function updateMeeting(w: Write, input: MeetingUpdateInput): Promise<Meeting> {
  const id = rowIdOf(w, 'Meeting', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => w.tx.meeting.findUnique({ where: { id: id as number }, include: { participants: true, articles: true } }), 'meeting', ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.version, `meeting "${found.name}"`);
  ordinalOf(w, input.ordinal, ['input', 'ordinal']);
  const countryId = await refId(w, 'Country', input.countryId, ['input', 'countryId']);
  const next = {
    name: input.name === undefined ? found.name : requiredText(w, input.name ?? '', ['input', 'name']),
    series: input.series === undefined ? found.series : optionalText(input.series),
    ordinal: input.ordinal === undefined ? found.ordinal : input.ordinal,
    city: input.city === undefined ? found.city : optionalText(input.city),
    countryId: countryId === undefined ? found.countryId : countryId,
    date: input.date === undefined ? found.date : input.date,
  };
  const before = { ...found, participants: sorted(found.participants.map((p) => p.officialId)), articles: sorted(found.articles.map((a) => a.articleId)) };
  const participants = input.participantIds == null ? before.participants : sorted(await refIds(w, 'Official', input.participantIds, ['input', 'participantIds']));
  const articles = input.articleIds == null ? before.articles : sorted(await refIds(w, 'Article', input.articleIds, ['input', 'articleIds']));
  w.check();
  const changes = changesOf(before, { ...before, ...next, participants, articles }, ['name', 'series', 'ordinal', 'city', 'countryId', 'date', 'participants', 'articles']);
  if (Object.keys(changes).length === 0) return toMeeting(found);
  if (changes.participants) {
    await w.tx.meetingParticipant.deleteMany({ where: { meetingId: found.id, officialId: { notIn: participants } } });
    await w.tx.meetingParticipant.createMany({ data: participants.map((officialId) => ({ meetingId: found.id, officialId })), skipDuplicates: true });
  }
  if (changes.articles) {
    await w.tx.articleMeeting.deleteMany({ where: { meetingId: found.id, articleId: { notIn: articles } } });
    await w.tx.articleMeeting.createMany({ data: articles.map((articleId) => ({ meetingId: found.id, articleId })), skipDuplicates: true });
  }
  const row = await w.tx.meeting.update({ where: { id: found.id }, data: { ...next, ...changedBy(w.actor) } });
  await w.log(ChangeAction.UPDATE, 'Meeting', found.id, JSON.parse(JSON.stringify({ changes })));
  return toMeeting(row);
}

export async function deleteMeeting(w: Write, input: MeetingDeleteInput): Promise<string> {
  const id = rowIdOf(w, 'Meeting', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => w.tx.meeting.findUnique({ where: { id: id as number }, include: { participants: true, articles: true } }), 'meeting', ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.version, `meeting "${found.name}"`);
  w.check();
  const positions = await w.tx.position.count({ where: { meetingId: found.id } });
  if (positions > 0) w.abort(['input', 'id'], `${positions} position${positions === 1 ? ' was' : 's were'} stated at this meeting: change or delete ${positions === 1 ? 'it' : 'them'} first`, UserErrorCode.IN_USE);
  await w.tx.meeting.delete({ where: { id: found.id } });
  await w.log(ChangeAction.DELETE, 'Meeting', found.id, JSON.parse(JSON.stringify({ deleted: { ...snapshot(found), participants: found.participants.map((p) => p.officialId), articles: found.articles.map((a) => a.articleId) } })));
  return encodeGlobalId('Meeting', found.id);
}
