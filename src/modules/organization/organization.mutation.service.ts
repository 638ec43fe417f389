import { changedBy, ChangeAction, createdBy, type Write } from '../../data/write.ts';
import { UserErrorCode, type FieldPath } from '../../data/user-errors.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import { aliasesOf, changesOf, mustFind, optionalText, refIds, requiredText, rowIdOf } from '../../data/checks.ts';
import { deleteActor, mergeActors } from '../actor/actor.mutation.service.ts';
import { toOrganization } from '../actor/actor.service.ts';
import type { OrganizationCreateInput, OrganizationDeleteInput, OrganizationMergeInput, OrganizationUpdateInput } from './organization.input.ts';
import type { Organization } from './organization.type.ts';

const findOrganization = (w: Write, id: number) => w.tx.organization.findUnique({ where: { id }, include: { actor: true, members: true } });

async function expectAcronymFree(w: Write, acronym: string | null, field: FieldPath, except?: number): Promise<void> {
  if (acronym === null) return;
  const holder = await w.tx.organization.findUnique({ where: { acronym }, include: { actor: true } });
  if (holder && holder.id !== except) w.fail(field, `${acronym} is already the acronym of ${holder.actor.name}`, UserErrorCode.TAKEN);
}

const memberIdsOf = (w: Write, ids: readonly string[], field: FieldPath): Promise<number[]> => refIds(w, 'Country', ids, field);

export async function createOrganization(w: Write, input: OrganizationCreateInput): Promise<Organization> {
  const name = requiredText(w, input.name, ['input', 'name']);
  const acronym = optionalText(input.acronym ?? null);
  const members = await memberIdsOf(w, input.memberIds ?? [], ['input', 'memberIds']);
  await expectAcronymFree(w, acronym, ['input', 'acronym']);
  w.check();
  const aliases = aliasesOf(input.aliases ?? [], name);
  const actor = await w.tx.actor.create({
    data: {
      kind: 'ORGANIZATION',
      name,
      aliases,
      ...createdBy(w.actor),
      organization: { create: { acronym, members: { create: members.map((countryId) => ({ countryId })) } } },
    },
  });
  await w.log(ChangeAction.CREATE, 'Organization', actor.id, { name, acronym, aliases, members });
  return toOrganization(actor, acronym);
}

export async function updateOrganization(w: Write, input: OrganizationUpdateInput): Promise<Organization> {
  const id = rowIdOf(w, 'Organization', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => findOrganization(w, id as number), 'organization', ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.actor.version, `organization ${found.acronym ?? found.actor.name}`);
  const name = input.name === undefined ? found.actor.name : requiredText(w, input.name ?? '', ['input', 'name']);
  const acronym = input.acronym === undefined ? found.acronym : optionalText(input.acronym);
  const aliases = input.aliases == null ? found.actor.aliases : aliasesOf(input.aliases, name);
  const oldMembers = found.members.map((m) => m.countryId).sort((a, b) => a - b);
  const members = input.memberIds == null ? oldMembers : (await memberIdsOf(w, input.memberIds, ['input', 'memberIds'])).sort((a, b) => a - b);
  if (acronym !== found.acronym) await expectAcronymFree(w, acronym, ['input', 'acronym'], found.id);
  w.check();
  const changes = changesOf({ name: found.actor.name, acronym: found.acronym, aliases: found.actor.aliases, members: oldMembers }, { name, acronym, aliases, members }, ['name', 'acronym', 'aliases', 'members']);
  if (Object.keys(changes).length === 0) return toOrganization(found.actor, found.acronym);
  if (changes.members) {
    await w.tx.organizationMembership.deleteMany({ where: { organizationId: found.id, countryId: { notIn: members } } });
    await w.tx.organizationMembership.createMany({ data: members.map((countryId) => ({ organizationId: found.id, countryId })), skipDuplicates: true });
  }
  const actor = await w.tx.actor.update({ where: { id: found.id }, data: { name, aliases, ...changedBy(w.actor), organization: { update: { acronym } } } });
  await w.log(ChangeAction.UPDATE, 'Organization', found.id, { changes } as object);
  return toOrganization(actor, acronym);
}

export async function deleteOrganization(w: Write, input: OrganizationDeleteInput): Promise<string> {
  const id = rowIdOf(w, 'Organization', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => findOrganization(w, id as number), 'organization', ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.actor.version, `organization ${found.acronym ?? found.actor.name}`);
  w.check();
  await deleteActor(w, 'Organization', found.id, ['input', 'id']);
  return encodeGlobalId('Organization', found.id);
}

export async function mergeOrganizations(w: Write, input: OrganizationMergeInput): Promise<{ organization: Organization; deletedOrganizationId: string }> {
  const keepId = rowIdOf(w, 'Organization', input.keepId, ['input', 'keepId']);
  const duplicateId = rowIdOf(w, 'Organization', input.duplicateId, ['input', 'duplicateId']);
  w.check();
  if (keepId === duplicateId) w.abort(['input', 'duplicateId'], 'the duplicate is the organization to keep', UserErrorCode.SAME_RECORD);
  const keep = await findOrganization(w, keepId as number);
  const duplicate = await findOrganization(w, duplicateId as number);
  if (!keep) w.fail(['input', 'keepId'], 'no organization has this ID', UserErrorCode.NOT_FOUND);
  if (!duplicate) w.fail(['input', 'duplicateId'], 'no organization has this ID', UserErrorCode.NOT_FOUND);
  w.check();
  const k = keep!;
  const d = duplicate!;
  await mergeActors(w, 'Organization', k.actor, d.actor, { name: d.actor.name, acronym: d.acronym, aliases: d.actor.aliases });
  // The duplicate is gone, so its acronym is free for the kept organization, if that has none.
  if (k.acronym === null && d.acronym !== null) await w.tx.organization.update({ where: { id: k.id }, data: { acronym: d.acronym } });
  const kept = await mustFind(w, () => findOrganization(w, k.id), 'organization', ['input', 'keepId']);
  return { organization: toOrganization(kept.actor, kept.acronym), deletedOrganizationId: encodeGlobalId('Organization', d.id) };
}
