/**
 * Official: a person who speaks for a country, an organization, or both. Its definition, its
 * relations' id sources, and its writes (one record per person; merging a duplicate into it).
 */
import { Prisma, type Official as OfficialRow } from '../../generated/prisma/client.ts';
import type { IdSource, NodeSource } from '../../db/pages.ts';
import { changesOf, type DeleteInputData, type MergeInputData, recordsToMerge, recordToChange, refId, snapshot } from '../checks.ts';
import { encodeGlobalId } from '../global-id.ts';
import { nameOrAliasContains } from '../listing.ts';
import { checkedCreateValues, checkedUpdateValues, defineModel, field, ownTable, updatableFieldsOf, type RecordOf } from '../model.ts';
import { nodesOf, recordOf } from '../model-listing.ts';
import { UserErrorCode } from '../user-errors.ts';
import { changedBy, ChangeAction, createdBy, type Write } from '../write.ts';
import { aliasesWith, namedWhere } from './names.ts';

export const officialModel = defineModel({
  name: 'Official',
  plural: 'officials',
  description: 'A person who speaks for a country, an organization, or both.',
  filterDescription: 'Conditions on officials. An official must meet every condition given; a list condition is met by any of its values.',
  ...ownTable('Official', Prisma.OfficialScalarFieldEnum),
  fields: {
    name: field.text({
      description: 'The full name, e.g. "Igor Morgulov".',
      create: { description: 'The full name, e.g. "Igor Morgulov".' },
      update: { description: 'The new name.' },
    }),
    title: field.text({
      nullable: true,
      description: 'The title exactly as the source states it; null when none is stated.',
      create: { description: 'The title exactly as the source states it; leave out when none is stated.' },
      update: { description: 'The new title; null clears it.' },
    }),
    aliases: field.names({
      description: 'Other names the sources use for this official, e.g. a surname alone.',
      create: { description: 'Other names the sources use, e.g. the surname alone. Defaults to none.' },
      update: { description: 'The new list of aliases (replaces the old one).' },
    }),
  },
  filters: {
    countries: {
      argument: 'strings',
      description: 'Officials who speak for any of these countries, by ISO 3166-1 alpha-2 code ("RU"), name or alias ("Russia", "Moscow") or ID.',
      where: async (values: string[], { refs, argumentName }) => Prisma.sql`n."countryId" = ANY(${await refs.countryIds(values, argumentName)}::int[])`,
    },
    organizations: {
      argument: 'strings',
      description: 'Officials who speak for any of these organizations, by acronym ("NATO"), name or alias or ID.',
      where: async (values: string[], { refs, argumentName }) =>
        Prisma.sql`n."organizationId" = ANY(${await refs.organizationIds(values, argumentName)}::int[])`,
    },
    name: {
      argument: 'text',
      description: 'Officials whose name or one of its aliases contains this text, in any case ("morgulov").',
      where: (text: string) => nameOrAliasContains(Prisma.sql`n.name`, Prisma.sql`n.aliases`, text),
    },
  },
  orders: {
    NAME: { description: 'The full name, by Unicode code point.', key: { sql: Prisma.sql`n.name`, type: 'text' } },
  },
  extras: (row) => ({ countryRowId: row.countryId as number | null, organizationRowId: row.organizationId as number | null }),
});

export type OfficialRecord = RecordOf<typeof officialModel> & { countryRowId: number | null; organizationRowId: number | null };

/** How officials are read (with the row ids of their country and organization). */
export const officialNodes = nodesOf(officialModel) as NodeSource<OfficialRecord>;

/** An Official row (as Prisma or the node source reads it) as its record. */
export const officialRecordOf = (row: object): OfficialRecord => recordOf(officialModel, row as Record<string, unknown>) as OfficialRecord;

export const officialMeetingIds: IdSource = { name: 'official.meetings', table: 'MeetingParticipant', parentColumn: 'officialId', childColumn: 'meetingId' };
export const officialPositionIds: IdSource = {
  name: 'official.positions',
  table: 'PositionSpeaker',
  parentColumn: 'officialId',
  childColumn: 'positionId',
  onePerPair: true,
};

// ---------------------------------------------------------------------------------------------
// Writes

type Input = Record<string, unknown>;

export interface OfficialReferencesInput {
  countryId?: string | null;
  organizationId?: string | null;
}

export interface OfficialUpdateReferencesInput extends OfficialReferencesInput {
  id: string;
  expectedVersion?: number | null;
  aliases?: string[] | null;
}

type FieldsOf = Pick<OfficialRecord, 'name' | 'title' | 'aliases'>;

/** One record per person: the same name within the same country (or organization) is a duplicate. */
async function expectNoDuplicate(w: Write, name: string, countryId: number | null, organizationId: number | null, except?: number): Promise<void> {
  const same = await w.tx.official.findFirst({ where: { name, countryId, organizationId, ...(except ? { id: { not: except } } : {}) } });
  if (same)
    w.fail(
      ['input', 'name'],
      `${name} is already recorded (${encodeGlobalId('Official', same.id)}) for the same country and organization`,
      UserErrorCode.DUPLICATE,
    );
}

/** What an official is matched by: a name with aliases, among those who speak for the same country. */
export interface OfficialByName {
  name: string;
  aliases: readonly string[];
  countryId: number | null;
  organizationId: number | null;
}

/**
 * The recorded official a name (with aliases, names.ts) designates, within the country they speak
 * for (an official of no country, within their organization): the one with that very name first,
 * else the only one known by it; `ambiguous` when several are known by it and none has the name.
 */
export async function findNamedOfficial(w: Write, o: OfficialByName): Promise<{ found: OfficialRow } | { ambiguous: OfficialRow[] } | null> {
  const scope: Prisma.OfficialWhereInput =
    o.countryId !== null
      ? { countryId: o.countryId }
      : o.organizationId !== null
        ? { organizationId: o.organizationId }
        : { countryId: null, organizationId: null };
  const candidates = await w.tx.official.findMany({ where: { ...scope, OR: namedWhere(o.name, o.aliases) }, orderBy: { id: 'asc' } });
  const found = candidates.find((c) => c.name === o.name) ?? (candidates.length === 1 ? candidates[0]! : null);
  if (found) return { found };
  return candidates.length > 1 ? { ambiguous: candidates } : null;
}

/** Records a new official (the caller has checked the values and logs the change). */
export function insertOfficial(
  w: Write,
  data: { name: string; title: string | null; aliases: string[]; countryId: number | null; organizationId: number | null },
): Promise<OfficialRow> {
  return w.tx.official.create({ data: { ...data, ...createdBy(w.actor) } });
}

export async function createOfficial(w: Write, input: OfficialReferencesInput & Input): Promise<OfficialRecord> {
  const values = checkedCreateValues(w, officialModel, input) as Required<FieldsOf>;
  const countryId = (await refId(w, 'Country', input.countryId, ['input', 'countryId'])) ?? null;
  const organizationId = (await refId(w, 'Organization', input.organizationId, ['input', 'organizationId'])) ?? null;
  w.check();
  await expectNoDuplicate(w, values.name, countryId, organizationId);
  w.check();
  const data = { ...values, countryId, organizationId };
  const row = await insertOfficial(w, data);
  await w.log(ChangeAction.CREATE, 'Official', row.id, data);
  return officialRecordOf(row);
}

export async function updateOfficial(w: Write, input: OfficialUpdateReferencesInput & Input): Promise<OfficialRecord> {
  const found = await recordToChange(w, 'Official', input, {
    find: (id) => w.tx.official.findUnique({ where: { id } }),
    label: (found) => `official ${found.name}`,
  });
  // Aliases set to null keep the old ones (they are a list: an empty list clears them).
  const values = checkedUpdateValues(w, officialModel, { ...input, aliases: input.aliases ?? undefined }, found) as Required<FieldsOf>;
  const countryId = await refId(w, 'Country', input.countryId, ['input', 'countryId']);
  const organizationId = await refId(w, 'Organization', input.organizationId, ['input', 'organizationId']);
  const next = {
    ...values,
    countryId: countryId === undefined ? found.countryId : countryId,
    organizationId: organizationId === undefined ? found.organizationId : organizationId,
  };
  w.check();
  if (next.name !== found.name || next.countryId !== found.countryId || next.organizationId !== found.organizationId) {
    await expectNoDuplicate(w, next.name, next.countryId, next.organizationId, found.id);
    w.check();
  }
  const changes = changesOf(found, { ...found, ...next }, [...updatableFieldsOf(officialModel), 'countryId', 'organizationId'] as (keyof OfficialRow)[]);
  if (Object.keys(changes).length === 0) return officialRecordOf(found);
  const row = await w.tx.official.update({ where: { id: found.id }, data: { ...next, ...changedBy(w.actor) } });
  await w.log(ChangeAction.UPDATE, 'Official', found.id, { changes });
  return officialRecordOf(row);
}

/** Deletes an official: they leave the speakers of positions and the participants of meetings (which stay). */
export async function deleteOfficial(w: Write, input: DeleteInputData): Promise<string> {
  const found = await recordToChange(w, 'Official', input, {
    find: (id) => w.tx.official.findUnique({ where: { id }, include: { spokenPositions: true, meetings: true } }),
    label: (found) => `official ${found.name}`,
  });
  w.check();
  const positions = found.spokenPositions.map((s) => s.positionId);
  const meetings = found.meetings.map((m) => m.meetingId);
  if (positions.length) await w.tx.position.updateMany({ where: { id: { in: positions } }, data: changedBy(w.actor) });
  if (meetings.length) await w.tx.meeting.updateMany({ where: { id: { in: meetings } }, data: changedBy(w.actor) });
  await w.tx.official.delete({ where: { id: found.id } });
  await w.log(ChangeAction.DELETE, 'Official', found.id, { deleted: snapshot(found), detached: { spokenPositions: positions, meetings } });
  return encodeGlobalId('Official', found.id);
}

/**
 * Merges a duplicate official into the one kept: the positions they voiced and the meetings they
 * attended move over, their name and aliases become aliases, their title, country and
 * organization fill in what the kept one lacks, and the duplicate is deleted.
 */
export async function mergeOfficials(w: Write, input: MergeInputData): Promise<{ kept: OfficialRecord; deletedId: string }> {
  const { keep: k, duplicate: d } = await recordsToMerge(
    w,
    'Official',
    input,
    (id) => w.tx.official.findUnique({ where: { id } }),
    (id) => w.tx.official.findUnique({ where: { id }, include: { spokenPositions: true, meetings: true } }),
  );
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
  const aliases = aliasesWith(k, d);
  const filled = {
    ...(k.title === null && d.title !== null ? { title: d.title } : {}),
    ...(k.countryId === null && d.countryId !== null ? { countryId: d.countryId } : {}),
    ...(k.organizationId === null && d.organizationId !== null ? { organizationId: d.organizationId } : {}),
  };
  const row = await w.tx.official.update({ where: { id: k.id }, data: { ...filled, ...(aliases ? { aliases } : {}), ...touch } });
  await w.log(ChangeAction.MERGE, 'Official', k.id, {
    mergedFrom: d.id,
    duplicate: snapshot(d),
    moved: { spokenPositions: positions, meetings },
    filled,
    aliasesAdded: aliases ? aliases.filter((a) => !k.aliases.includes(a)) : [],
  });
  return { kept: officialRecordOf(row), deletedId: encodeGlobalId('Official', d.id) };
}
