/**
 * Country: a sovereign state, an Actor row (name, aliases, audit columns) with a Country row (its
 * ISO 3166-1 alpha-2 code). Its definition, its relations' id sources, and its writes.
 */
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { columnsOf, fetchNodesWhere, type IdSource, type NodeRow, type NodeSource } from '../../db/pages.ts';
import {
  aliasesOf,
  changesOf,
  type DeleteInputData,
  type MergeInputData,
  mustFind,
  type RecordOfType,
  recordsToMerge,
  recordToChange,
  requiredText,
} from '../checks.ts';
import { encodeGlobalId } from '../global-id.ts';
import { isIsoCountryCode } from '../iso-3166.ts';
import { nameOrAliasContains } from '../listing.ts';
import { defineModel, field, type RecordOf } from '../model.ts';
import { nodesOf, recordOf } from '../model-listing.ts';
import { UserErrorCode, type FieldPath } from '../user-errors.ts';
import { changedBy, ChangeAction, createdBy, type Write } from '../write.ts';
import { deleteActor, mergeActors } from './actor-writes.ts';
import { namedWhere } from './names.ts';

export const countryModel = defineModel({
  name: 'Country',
  plural: 'countries',
  description: 'A sovereign state, identified by its ISO 3166-1 alpha-2 code.',
  filterDescription: 'Conditions on countries; a country must meet every condition given.',
  table: 'Country',
  // The Country row `n` with its Actor row `a` (name, aliases, audit columns).
  from: Prisma.sql`"Country" AS n JOIN "Actor" AS a ON a.id = n.id`,
  columns: [...columnsOf('a', Prisma.ActorScalarFieldEnum), { name: 'isoCode', sql: Prisma.sql`n."isoCode"` }],
  fields: {
    name: field.text({
      description: 'The common English name, e.g. "South Korea".',
      create: { description: 'The common English name, e.g. "South Korea".' },
      update: { description: 'The new name.' },
    }),
    isoCode: field.text({
      description: 'The ISO 3166-1 alpha-2 code, upper case, e.g. "KR".',
      create: { description: 'The ISO 3166-1 alpha-2 code, e.g. "KR" (any case; stored upper case). Must be an assigned code and not yet recorded.' },
      update: { description: 'The corrected ISO 3166-1 alpha-2 code.' },
    }),
    aliases: field.names({
      description: 'Other names the sources use for this country, e.g. "Seoul" for South Korea.',
      create: { description: 'Other names the sources use, e.g. "Seoul". Defaults to none.' },
      update: { description: 'The new list of aliases (replaces the old one).' },
    }),
  },
  filters: {
    name: {
      argument: 'text',
      description: 'Countries whose name or one of its aliases contains this text, in any case ("korea", "Seoul").',
      where: (text: string) => nameOrAliasContains(Prisma.sql`a.name`, Prisma.sql`a.aliases`, text),
    },
  },
  orders: {
    NAME: { description: 'The common English name, by Unicode code point.', key: { sql: Prisma.sql`a.name`, type: 'text' } },
    ISO_CODE: { description: 'The ISO 3166-1 alpha-2 code.', key: { sql: Prisma.sql`n."isoCode"`, type: 'bpchar', accepts: (key) => /^[A-Z]{2}$/.test(key) } },
  },
});

export type CountryRecord = RecordOf<typeof countryModel>;

/** How countries are read. */
export const countryNodes: NodeSource<CountryRecord> = nodesOf(countryModel);

/** A row with the Actor columns and `isoCode` as a Country record. */
export function countryRecordOf(row: object): CountryRecord {
  return recordOf(countryModel, row as NodeRow);
}

export const countryOfficialIds: IdSource = { name: 'country.officials', table: 'Official', parentColumn: 'countryId', childColumn: 'id' };
export const countryOrganizationIds: IdSource = {
  name: 'country.organizations',
  table: 'OrganizationMembership',
  parentColumn: 'countryId',
  childColumn: 'organizationId',
};
export const hostedDeploymentIds: IdSource = { name: 'country.hostedDeployments', table: 'Deployment', parentColumn: 'hostId', childColumn: 'id' };

/** The country with this ISO code (upper case), or null; one statement. */
export async function countryWithIsoCode(prisma: PrismaClient, isoCode: string): Promise<CountryRecord | null> {
  const [country] = await fetchNodesWhere(prisma, countryNodes, Prisma.sql`n."isoCode" = ${isoCode}`);
  return country ?? null;
}

// ---------------------------------------------------------------------------------------------
// Writes

export interface CountryCreateInputData {
  name: string;
  isoCode: string;
  aliases?: string[] | null;
}

export interface CountryUpdateInputData {
  id: string;
  expectedVersion?: number | null;
  name?: string | null;
  isoCode?: string | null;
  aliases?: string[] | null;
}

/** An ISO code as stored (upper case); UNKNOWN_ISO_CODE when it is not an assigned one. */
function isoCodeOf(w: Write, value: string, field: FieldPath): string {
  const code = value.trim().toUpperCase();
  if (!isIsoCountryCode(code))
    w.fail(field, `${JSON.stringify(value)} is not an ISO 3166-1 alpha-2 country code (two letters, such as "KR")`, UserErrorCode.UNKNOWN_ISO_CODE);
  return code;
}

/** The country recorded with this ISO code (upper case), with its Actor row. */
export function findCountryByIsoCode(w: Write, isoCode: string) {
  return w.tx.country.findUnique({ where: { isoCode }, include: { actor: true } });
}

/** The recorded countries a name with aliases designates (names.ts), oldest first. */
export function findNamedCountries(w: Write, name: string, aliases: readonly string[]) {
  return w.tx.actor.findMany({ where: { kind: 'COUNTRY', OR: namedWhere(name, aliases) }, include: { country: true }, orderBy: { id: 'asc' } });
}

/** Records a new country (the caller has checked the values and logs the change); its Actor row. */
export function insertCountry(w: Write, data: { name: string; isoCode: string; aliases: string[] }) {
  return w.tx.actor.create({
    data: { kind: 'COUNTRY', name: data.name, aliases: data.aliases, ...createdBy(w.actor), country: { create: { isoCode: data.isoCode } } },
  });
}

async function expectIsoCodeFree(w: Write, isoCode: string, field: FieldPath, except?: number): Promise<void> {
  const holder = await findCountryByIsoCode(w, isoCode);
  if (holder && holder.id !== except) w.fail(field, `${isoCode} is already the code of ${holder.actor.name}`, UserErrorCode.TAKEN);
}

const findCountry = (w: Write, id: number) => w.tx.country.findUnique({ where: { id }, include: { actor: true } });

/** A country as a change finds it: with its actor row, which holds its name, aliases and version. */
const countryToChange = (w: Write): RecordOfType<NonNullable<Awaited<ReturnType<typeof findCountry>>>> => ({
  find: (id) => findCountry(w, id),
  label: (found) => `country ${found.isoCode}`,
  version: (found) => found.actor.version,
});

// The checks are the model's own (not checkedCreateValues/checkedUpdateValues): an ISO code is
// checked against ISO 3166 rather than for blankness, and null aliases in an update keep them.

export async function createCountry(w: Write, input: CountryCreateInputData): Promise<CountryRecord> {
  const name = requiredText(w, input.name, ['input', 'name']);
  const isoCode = isoCodeOf(w, input.isoCode, ['input', 'isoCode']);
  w.check();
  await expectIsoCodeFree(w, isoCode, ['input', 'isoCode']);
  w.check();
  const aliases = aliasesOf(input.aliases ?? [], name);
  const actor = await insertCountry(w, { name, isoCode, aliases });
  await w.log(ChangeAction.CREATE, 'Country', actor.id, { name, isoCode, aliases });
  return countryRecordOf({ ...actor, isoCode });
}

export async function updateCountry(w: Write, input: CountryUpdateInputData): Promise<CountryRecord> {
  const found = await recordToChange(w, 'Country', input, countryToChange(w));
  const name = input.name === undefined ? found.actor.name : requiredText(w, input.name ?? '', ['input', 'name']);
  const isoCode = input.isoCode == null ? found.isoCode : isoCodeOf(w, input.isoCode, ['input', 'isoCode']);
  if (input.isoCode === null) w.fail(['input', 'isoCode'], 'a country must keep an ISO code', UserErrorCode.BLANK);
  const aliases = input.aliases == null ? found.actor.aliases : aliasesOf(input.aliases, name);
  w.check();
  if (isoCode !== found.isoCode) await expectIsoCodeFree(w, isoCode, ['input', 'isoCode'], found.id);
  w.check();
  const changes = changesOf({ name: found.actor.name, isoCode: found.isoCode, aliases: found.actor.aliases }, { name, isoCode, aliases }, [
    'name',
    'isoCode',
    'aliases',
  ]);
  if (Object.keys(changes).length === 0) return countryRecordOf({ ...found.actor, isoCode: found.isoCode });
  const actor = await w.tx.actor.update({
    where: { id: found.id },
    data: { name, aliases, ...changedBy(w.actor), ...(isoCode !== found.isoCode ? { country: { update: { isoCode } } } : {}) },
  });
  await w.log(ChangeAction.UPDATE, 'Country', found.id, { changes });
  return countryRecordOf({ ...actor, isoCode });
}

export async function deleteCountry(w: Write, input: DeleteInputData): Promise<string> {
  const found = await recordToChange(w, 'Country', input, countryToChange(w));
  w.check();
  await deleteActor(w, 'Country', found.id, ['input', 'id']);
  return encodeGlobalId('Country', found.id);
}

export async function mergeCountries(w: Write, input: MergeInputData): Promise<{ kept: CountryRecord; deletedId: string }> {
  const { keep, duplicate } = await recordsToMerge(w, 'Country', input, (id) => findCountry(w, id));
  await mergeActors(w, 'Country', keep.actor, duplicate.actor, { name: duplicate.actor.name, isoCode: duplicate.isoCode, aliases: duplicate.actor.aliases });
  const kept = await mustFind(w, () => findCountry(w, keep.id), 'country', ['input', 'keepId']);
  return { kept: countryRecordOf({ ...kept.actor, isoCode: kept.isoCode }), deletedId: encodeGlobalId('Country', duplicate.id) };
}
