import type { Official as OfficialRow } from '../../generated/prisma/client.ts';
import { changedBy, ChangeAction, createdBy, type Write } from '../../data/write.ts';
import { UserErrorCode, type FieldPath } from '../../data/user-errors.ts';
import { mergeAliases } from '../../data/rules.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import { aliasesOf, changesOf, mustFind, optionalText, requiredText, rowIdOf, snapshot } from '../../data/checks.ts';
import type { OfficialCreateInput, OfficialDeleteInput, OfficialMergeInput, OfficialUpdateInput } from './official.input.ts';
import { toOfficial } from './official.service.ts';
import type { Official } from './official.type.ts';

/** A country or organization reference: undefined (not given), null (none), or an existing row id. */
async function referenceOf(w: Write, kind: 'Country' | 'Organization', id: string | null | undefined, field: FieldPath): Promise<number | null | undefined> {
  if (id === undefined || id === null) return id;
  const rowId = rowIdOf(w, kind, id, field);
  if (rowId === null) return undefined;
  const exists = kind === 'Country' ? await w.tx.country.findUnique({ where: { id: rowId }, select: { id: true } }) : await w.tx.organization.findUnique({ where: { id: rowId }, select: { id: true } });
  if (!exists) w.fail(field, `no ${kind.toLowerCase()} has this ID`, UserErrorCode.NOT_FOUND);
  return rowId;
}

/** One record per person: the same name within the same country (or organization) is a duplicate. */
async function expectNoDuplicate(w: Write, name: string, countryId: number | null, organizationId: number | null, except?: number): Promise<void> {
  const same = await w.tx.official.findFirst({ where: { name, countryId, organizationId, ...(except ? { id: { not: except } } : {}) } });
  if (same) w.fail(['input', 'name'], `${name} is already recorded (${encodeGlobalId('Official', same.id)}) for the same country and organization`, UserErrorCode.DUPLICATE);
}

export async function createOfficial(w: Write, input: OfficialCreateInput): Promise<Official> {
  const name = requiredText(w, input.name, ['input', 'name']);
  const countryId = (await referenceOf(w, 'Country', input.countryId, ['input', 'countryId'])) ?? null;
  const organizationId = (await referenceOf(w, 'Organization', input.organizationId, ['input', 'organizationId'])) ?? null;
  w.check();
  await expectNoDuplicate(w, name, countryId, organizationId);
  w.check();
  const data = { name, title: optionalText(input.title ?? null), aliases: aliasesOf(input.aliases ?? [], name), countryId, organizationId };
  const row = await w.tx.official.create({ data: { ...data, ...createdBy(w.actor) } });
  await w.log(ChangeAction.CREATE, 'Official', row.id, data);
  return toOfficial(row);
}

const fields = ['name', 'title', 'aliases', 'countryId', 'organizationId'] as const;

export async function updateOfficial(w: Write, input: OfficialUpdateInput): Promise<Official> {
  const id = rowIdOf(w, 'Official', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => w.tx.official.findUnique({ where: { id: id as number } }), 'official', ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.version, `official ${found.name}`);
  const name = input.name === undefined ? found.name : requiredText(w, input.name ?? '', ['input', 'name']);
  const countryId = await referenceOf(w, 'Country', input.countryId, ['input', 'countryId']);
  const organizationId = await referenceOf(w, 'Organization', input.organizationId, ['input', 'organizationId']);
  const next = {
    name,
    title: input.title === undefined ? found.title : optionalText(input.title),
    aliases: input.aliases == null ? found.aliases : aliasesOf(input.aliases, name),
    countryId: countryId === undefined ? found.countryId : countryId,
    organizationId: organizationId === undefined ? found.organizationId : organizationId,
  };
  w.check();
  if (next.name !== found.name || next.countryId !== found.countryId || next.organizationId !== found.organizationId) {
    await expectNoDuplicate(w, next.name, next.countryId, next.organizationId, found.id);
    w.check();
  }
  const changes = changesOf(found, { ...found, ...next }, fields);
  if (Object.keys(changes).length === 0) return toOfficial(found);
  const row = await w.tx.official.update({ where: { id: found.id }, data: { ...next, ...changedBy(w.actor) } });
  await w.log(ChangeAction.UPDATE, 'Official', found.id, { changes } as object);
  return toOfficial(row);
}

export async function deleteOfficial(w: Write, input: OfficialDeleteInput): Promise<string> {
  const id = rowIdOf(w, 'Official', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => w.tx.official.findUnique({ where: { id: id as number }, include: { spokenPositions: true, meetings: true } }), 'official', ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.version, `official ${found.name}`);
  w.check();
  const positions = found.spokenPositions.map((s) => s.positionId);
  const meetings = found.meetings.map((m) => m.meetingId);
  if (positions.length) await w.tx.position.updateMany({ where: { id: { in: positions } }, data: changedBy(w.actor) });
  if (meetings.length) await w.tx.meeting.updateMany({ where: { id: { in: meetings } }, data: changedBy(w.actor) });
  await w.tx.official.delete({ where: { id: found.id } });
  await w.log(ChangeAction.DELETE, 'Official', found.id, JSON.parse(JSON.stringify({ deleted: snapshot(found), detached: { spokenPositions: positions, meetings } })));
  return encodeGlobalId('Official', found.id);
}

export async function mergeOfficials(w: Write, input: OfficialMergeInput): Promise<{ official: Official; deletedOfficialId: string }> {
  const keepId = rowIdOf(w, 'Official', input.keepId, ['input', 'keepId']);
  const duplicateId = rowIdOf(w, 'Official', input.duplicateId, ['input', 'duplicateId']);
  w.check();
  if (keepId === duplicateId) w.abort(['input', 'duplicateId'], 'the duplicate is the official to keep', UserErrorCode.SAME_RECORD);
  const keep = await w.tx.official.findUnique({ where: { id: keepId as number } });
  const duplicate = await w.tx.official.findUnique({ where: { id: duplicateId as number }, include: { spokenPositions: true, meetings: true } });
  if (!keep) w.fail(['input', 'keepId'], 'no official has this ID', UserErrorCode.NOT_FOUND);
  if (!duplicate) w.fail(['input', 'duplicateId'], 'no official has this ID', UserErrorCode.NOT_FOUND);
  w.check();
  const k = keep as OfficialRow;
  const d = duplicate!;
  const touch = changedBy(w.actor);
  const positions = d.spokenPositions.map((s) => s.positionId);
  const meetings = d.meetings.map((m) => m.meetingId);
  if (positions.length) {
    await w.tx.positionSpeaker.createMany({ data: positions.map((positionId) => ({ positionId, officialId: k.id })), skipDuplicates: true });
    await w.tx.position.updateMany({ where: { id: { in: positions } }, data: touch });
  }
  if (meetings.length) {
    await w.tx.meetingParticipant.createMany({ data: meetings.map((meetingId) => ({ meetingId, officialId: k.id })), skipDuplicates: true });
    await w.tx.meeting.updateMany({ where: { id: { in: meetings } }, data: touch });
  }
  await w.tx.official.delete({ where: { id: d.id } });
  const aliases = mergeAliases(k.aliases, [d.name, ...d.aliases], k.name);
  const filled = {
    ...(k.title === null && d.title !== null ? { title: d.title } : {}),
    ...(k.countryId === null && d.countryId !== null ? { countryId: d.countryId } : {}),
    ...(k.organizationId === null && d.organizationId !== null ? { organizationId: d.organizationId } : {}),
  };
  const row = await w.tx.official.update({ where: { id: k.id }, data: { ...filled, ...(aliases ? { aliases } : {}), ...touch } });
  await w.log(ChangeAction.MERGE, 'Official', k.id, JSON.parse(JSON.stringify({ mergedFrom: d.id, duplicate: snapshot(d), moved: { spokenPositions: positions, meetings }, filled, aliasesAdded: aliases ? aliases.filter((a) => !k.aliases.includes(a)) : [] })));
  return { official: toOfficial(row), deletedOfficialId: encodeGlobalId('Official', d.id) };
}
