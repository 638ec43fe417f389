/**
 * Organization: an international organization or alliance, an Actor row (name, aliases, audit
 * columns) with an Organization row (its acronym) and its member countries. Its definition, its
 * relations' id sources, and its writes.
 */
import { Prisma } from '../../generated/prisma/client.ts';
import { columnsOf, type IdSource, type NodeRow, type NodeSource } from '../../db/pages.ts';
import { changesOf, type DeleteInputData, type MergeInputData, mustFind, type RecordOfType, recordsToMerge, recordToChange, refIds } from '../checks.ts';
import { encodeGlobalId } from '../global-id.ts';
import { containsPattern, nameOrAliasContains } from '../listing.ts';
import { checkedCreateValues, checkedUpdateValues, defineModel, field, type RecordOf } from '../model.ts';
import { nodesOf, recordOf } from '../model-listing.ts';
import { UserErrorCode, type FieldPath } from '../user-errors.ts';
import { changedBy, ChangeAction, createdBy, type Write } from '../write.ts';
import { namedWhere } from './names.ts';
import { deleteActor, mergeActors } from './actor-writes.ts';

export const organizationModel = defineModel({
  name: 'Organization',
  plural: 'organizations',
  description: 'An international organization or alliance (NATO, the EU, the UN) that holds positions of its own.',
  filterDescription: 'Conditions on organizations; an organization must meet every condition given.',
  table: 'Organization',
  // The Organization row `n` with its Actor row `a` (name, aliases, audit columns).
  from: Prisma.sql`"Organization" AS n JOIN "Actor" AS a ON a.id = n.id`,
  columns: [...columnsOf('a', Prisma.ActorScalarFieldEnum), { name: 'acronym', sql: Prisma.sql`n.acronym` }],
  fields: {
    name: field.text({
      description: 'The full English name, e.g. "North Atlantic Treaty Organization".',
      create: { description: 'The full English name, e.g. "North Atlantic Treaty Organization".' },
      update: { description: 'The new name.' },
    }),
    acronym: field.text({
      nullable: true,
      description: 'The acronym, e.g. "NATO"; null when the organization has none.',
      create: { description: 'The acronym, e.g. "NATO"; unique. Leave out when it has none.' },
      update: { description: 'The new acronym; null removes it.' },
    }),
    aliases: field.names({
      description: 'Other names the sources use for this organization.',
      create: { description: 'Other names the sources use. Defaults to none.' },
      update: { description: 'The new list of aliases (replaces the old one).' },
    }),
  },
  filters: {
    name: {
      argument: 'text',
      description: 'Organizations whose name, acronym or one of its aliases contains this text, in any case ("atlantic", "NATO").',
      where: (text: string) => Prisma.sql`${nameOrAliasContains(Prisma.sql`a.name`, Prisma.sql`a.aliases`, text)} OR n.acronym ILIKE ${containsPattern(text)}`,
    },
  },
  orders: {
    NAME: { description: 'The full English name, by Unicode code point.', key: { sql: Prisma.sql`a.name`, type: 'text' } },
  },
});

export type OrganizationRecord = RecordOf<typeof organizationModel>;

/** How organizations are read. */
export const organizationNodes: NodeSource<OrganizationRecord> = nodesOf(organizationModel);

/** A row with the Actor columns and `acronym` as an Organization record. */
export function organizationRecordOf(row: object): OrganizationRecord {
  return recordOf(organizationModel, row as NodeRow);
}

export const organizationOfficialIds: IdSource = {
  name: 'organization.officials',
  table: 'Official',
  parentColumn: 'organizationId',
  childColumn: 'id',
};
// A plain list in the schema, not a connection.
export const organizationMemberIds: IdSource = {
  name: 'organization.members',
  table: 'OrganizationMembership',
  parentColumn: 'organizationId',
  childColumn: 'countryId',
};

// ---------------------------------------------------------------------------------------------
// Writes

/** What `organizationCreate` and `organizationUpdate` take besides the definition's fields. */
export interface OrganizationRelationsInput {
  memberIds?: string[] | null;
}

export interface OrganizationUpdateRelationsInput extends OrganizationRelationsInput {
  id: string;
  expectedVersion?: number | null;
}

type Input = Record<string, unknown>;

const findOrganization = (w: Write, id: number) => w.tx.organization.findUnique({ where: { id }, include: { actor: true, members: true } });

/** An organization as a change finds it: with its actor row (name, aliases, version) and members. */
const organizationToChange = (w: Write): RecordOfType<NonNullable<Awaited<ReturnType<typeof findOrganization>>>> => ({
  find: (id) => findOrganization(w, id),
  label: (found) => `organization ${found.acronym ?? found.actor.name}`,
  version: (found) => found.actor.version,
});

/** The organization recorded with this acronym, with its Actor row. */
export function findOrganizationByAcronym(w: Write, acronym: string) {
  return w.tx.organization.findUnique({ where: { acronym }, include: { actor: true } });
}

/**
 * The recorded organizations a name with aliases designates (names.ts), oldest first. For an
 * organization with an acronym, only those without one: one with another acronym is another
 * organization.
 */
export function findNamedOrganizations(w: Write, name: string, aliases: readonly string[], acronym: string | null) {
  return w.tx.actor.findMany({
    where: { kind: 'ORGANIZATION', OR: namedWhere(name, aliases), ...(acronym !== null ? { organization: { is: { acronym: null } } } : {}) },
    include: { organization: true },
    orderBy: { id: 'asc' },
  });
}

/** Records a new organization with its members (the caller has checked the values and logs the change); its Actor row. */
export function insertOrganization(w: Write, data: { name: string; acronym: string | null; aliases: string[]; memberIds: readonly number[] }) {
  return w.tx.actor.create({
    data: {
      kind: 'ORGANIZATION',
      name: data.name,
      aliases: data.aliases,
      ...createdBy(w.actor),
      organization: { create: { acronym: data.acronym, members: { create: data.memberIds.map((countryId) => ({ countryId })) } } },
    },
  });
}

async function expectAcronymFree(w: Write, acronym: string | null, field: FieldPath, except?: number): Promise<void> {
  if (acronym === null) return;
  const holder = await findOrganizationByAcronym(w, acronym);
  if (holder && holder.id !== except) w.fail(field, `${acronym} is already the acronym of ${holder.actor.name}`, UserErrorCode.TAKEN);
}

const memberIdsOf = (w: Write, ids: readonly string[], field: FieldPath): Promise<number[]> => refIds(w, 'Country', ids, field);

export async function createOrganization(w: Write, input: OrganizationRelationsInput & Input): Promise<OrganizationRecord> {
  const values = checkedCreateValues(w, organizationModel, input);
  const name = values.name as string;
  const acronym = values.acronym ?? null;
  const aliases = values.aliases as string[];
  const members = await memberIdsOf(w, input.memberIds ?? [], ['input', 'memberIds']);
  await expectAcronymFree(w, acronym, ['input', 'acronym']);
  w.check();
  const actor = await insertOrganization(w, { name, acronym, aliases, memberIds: members });
  await w.log(ChangeAction.CREATE, 'Organization', actor.id, { name, acronym, aliases, members });
  return organizationRecordOf({ ...actor, acronym });
}

export async function updateOrganization(w: Write, input: OrganizationUpdateRelationsInput & Input): Promise<OrganizationRecord> {
  const found = await recordToChange(w, 'Organization', input, organizationToChange(w));
  const before = { name: found.actor.name, acronym: found.acronym, aliases: found.actor.aliases };
  // Aliases set to null stay as they are (as when left out).
  const values = checkedUpdateValues(w, organizationModel, { ...input, aliases: input.aliases ?? undefined }, before);
  const name = values.name as string;
  const acronym = values.acronym ?? null;
  const aliases = values.aliases as string[];
  const oldMembers = found.members.map((m) => m.countryId).sort((a, b) => a - b);
  const members = input.memberIds == null ? oldMembers : (await memberIdsOf(w, input.memberIds, ['input', 'memberIds'])).sort((a, b) => a - b);
  if (acronym !== found.acronym) await expectAcronymFree(w, acronym, ['input', 'acronym'], found.id);
  w.check();
  const changes = changesOf({ ...before, members: oldMembers }, { name, acronym, aliases, members }, ['name', 'acronym', 'aliases', 'members']);
  if (Object.keys(changes).length === 0) return organizationRecordOf({ ...found.actor, acronym: found.acronym });
  if (changes.members) {
    await w.tx.organizationMembership.deleteMany({ where: { organizationId: found.id, countryId: { notIn: members } } });
    await w.tx.organizationMembership.createMany({ data: members.map((countryId) => ({ organizationId: found.id, countryId })), skipDuplicates: true });
  }
  const actor = await w.tx.actor.update({ where: { id: found.id }, data: { name, aliases, ...changedBy(w.actor), organization: { update: { acronym } } } });
  await w.log(ChangeAction.UPDATE, 'Organization', found.id, { changes });
  return organizationRecordOf({ ...actor, acronym });
}

export async function deleteOrganization(w: Write, input: DeleteInputData): Promise<string> {
  const found = await recordToChange(w, 'Organization', input, organizationToChange(w));
  w.check();
  await deleteActor(w, 'Organization', found.id, ['input', 'id']);
  return encodeGlobalId('Organization', found.id);
}

export async function mergeOrganizations(w: Write, input: MergeInputData): Promise<{ kept: OrganizationRecord; deletedId: string }> {
  const { keep: k, duplicate: d } = await recordsToMerge(w, 'Organization', input, (id) => findOrganization(w, id));
  await mergeActors(w, 'Organization', k.actor, d.actor, { name: d.actor.name, acronym: d.acronym, aliases: d.actor.aliases });
  // The duplicate is gone, so its acronym is free for the kept organization, if that has none.
  if (k.acronym === null && d.acronym !== null) await w.tx.organization.update({ where: { id: k.id }, data: { acronym: d.acronym } });
  const kept = await mustFind(w, () => findOrganization(w, k.id), 'organization', ['input', 'keepId']);
  return { kept: organizationRecordOf({ ...kept.actor, acronym: kept.acronym }), deletedId: encodeGlobalId('Organization', d.id) };
}
