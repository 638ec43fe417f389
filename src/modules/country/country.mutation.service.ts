import { changedBy, ChangeAction, createdBy, type Write } from '../../data/write.ts';
import { UserErrorCode, type FieldPath } from '../../data/user-errors.ts';
import { aliasesOf, changesOf, mustFind, requiredText, rowIdOf } from '../../data/checks.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import { deleteActor, mergeActors } from '../actor/actor.mutation.service.ts';
import { toCountry } from '../actor/actor.service.ts';
import type { Country } from './country.type.ts';
import type { CountryCreateInput, CountryDeleteInput, CountryMergeInput, CountryUpdateInput } from './country.input.ts';
import { isIsoCountryCode } from '../../data/iso-3166.ts';

/** An ISO code as stored (upper case); UNKNOWN_ISO_CODE when it is not an assigned one. */
function isoCodeOf(w: Write, value: string, field: FieldPath): string {
  const code = value.trim().toUpperCase();
  if (!isIsoCountryCode(code)) w.fail(field, `${JSON.stringify(value)} is not an ISO 3166-1 alpha-2 country code (two letters, such as "KR")`, UserErrorCode.UNKNOWN_ISO_CODE);
  return code;
}

async function expectIsoCodeFree(w: Write, isoCode: string, field: FieldPath, except?: number): Promise<void> {
  const holder = await w.tx.country.findUnique({ where: { isoCode }, include: { actor: true } });
  if (holder && holder.id !== except) w.fail(field, `${isoCode} is already the code of ${holder.actor.name}`, UserErrorCode.TAKEN);
}

const findCountry = (w: Write, id: number) => w.tx.country.findUnique({ where: { id }, include: { actor: true } });

export async function createCountry(w: Write, input: CountryCreateInput): Promise<Country> {
  const name = requiredText(w, input.name, ['input', 'name']);
  const isoCode = isoCodeOf(w, input.isoCode, ['input', 'isoCode']);
  w.check();
  await expectIsoCodeFree(w, isoCode, ['input', 'isoCode']);
  w.check();
  const aliases = aliasesOf(input.aliases ?? [], name);
  const actor = await w.tx.actor.create({ data: { kind: 'COUNTRY', name, aliases, ...createdBy(w.actor), country: { create: { isoCode } } } });
  await w.log(ChangeAction.CREATE, 'Country', actor.id, { name, isoCode, aliases });
  return toCountry(actor, isoCode);
}

export async function updateCountry(w: Write, input: CountryUpdateInput): Promise<Country> {
  const id = rowIdOf(w, 'Country', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => findCountry(w, id as number), 'country', ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.actor.version, `country ${found.isoCode}`);
  const name = input.name === undefined ? found.actor.name : requiredText(w, input.name ?? '', ['input', 'name']);
  const isoCode = input.isoCode == null ? found.isoCode : isoCodeOf(w, input.isoCode, ['input', 'isoCode']);
  if (input.isoCode === null) w.fail(['input', 'isoCode'], 'a country must keep an ISO code', UserErrorCode.BLANK);
  const aliases = input.aliases == null ? found.actor.aliases : aliasesOf(input.aliases, name);
  w.check();
  if (isoCode !== found.isoCode) await expectIsoCodeFree(w, isoCode, ['input', 'isoCode'], found.id);
  w.check();
  const changes = changesOf({ name: found.actor.name, isoCode: found.isoCode, aliases: found.actor.aliases }, { name, isoCode, aliases }, ['name', 'isoCode', 'aliases']);
  if (Object.keys(changes).length === 0) return toCountry(found.actor, found.isoCode);
  const actor = await w.tx.actor.update({
    where: { id: found.id },
    data: { name, aliases, ...changedBy(w.actor), ...(isoCode !== found.isoCode ? { country: { update: { isoCode } } } : {}) },
  });
  await w.log(ChangeAction.UPDATE, 'Country', found.id, { changes } as object);
  return toCountry(actor, isoCode);
}

export async function deleteCountry(w: Write, input: CountryDeleteInput): Promise<string> {
  const id = rowIdOf(w, 'Country', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => findCountry(w, id as number), 'country', ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.actor.version, `country ${found.isoCode}`);
  w.check();
  await deleteActor(w, 'Country', found.id, ['input', 'id']);
  return encodeGlobalId('Country', found.id);
}

export async function mergeCountries(w: Write, input: CountryMergeInput): Promise<{ country: Country; deletedCountryId: string }> {
  const keepId = rowIdOf(w, 'Country', input.keepId, ['input', 'keepId']);
  const duplicateId = rowIdOf(w, 'Country', input.duplicateId, ['input', 'duplicateId']);
  w.check();
  if (keepId === duplicateId) w.abort(['input', 'duplicateId'], 'the duplicate is the country to keep', UserErrorCode.SAME_RECORD);
  const keep = await findCountry(w, keepId as number);
  const duplicate = await findCountry(w, duplicateId as number);
  if (!keep) w.fail(['input', 'keepId'], 'no country has this ID', UserErrorCode.NOT_FOUND);
  if (!duplicate) w.fail(['input', 'duplicateId'], 'no country has this ID', UserErrorCode.NOT_FOUND);
  w.check();
  await mergeActors(w, 'Country', keep!.actor, duplicate!.actor, { name: duplicate!.actor.name, isoCode: duplicate!.isoCode, aliases: duplicate!.actor.aliases });
  const kept = await mustFind(w, () => findCountry(w, keep!.id), 'country', ['input', 'keepId']);
  return { country: toCountry(kept.actor, kept.isoCode), deletedCountryId: encodeGlobalId('Country', duplicate!.id) };
}
