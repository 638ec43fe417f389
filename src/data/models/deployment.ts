/**
 * Deployment: a weapon system placed, or to be placed, somewhere by someone. Its definition, its
 * relations' id sources, and its writes (one record per system and host country).
 */
import { Prisma } from '../../generated/prisma/client.ts';
import { DeploymentStatus } from '../../generated/prisma/enums.ts';
import type { IdSource, NodeSource } from '../../db/pages.ts';
import { changesOf, type DeleteInputData, type MergeInputData, recordsToMerge, recordToChange, refId, snapshot } from '../checks.ts';
import { encodeGlobalId } from '../global-id.ts';
import { acceptsDay, containsPattern, linkedTo } from '../listing.ts';
import {
  checkedCreateValues,
  checkedUpdateValues,
  columnValuesOf,
  defineModel,
  enumListFilter,
  field,
  ownTable,
  updatableFieldsOf,
  type EnumDefinition,
  type RecordOf,
} from '../model.ts';
import type { ReportedDate } from '../reported-date.ts';
import { nodesOf, recordOf } from '../model-listing.ts';
import { UserErrorCode } from '../user-errors.ts';
import { aliasesWith } from './names.ts';
import { changedBy, ChangeAction, createdBy, type Write } from '../write.ts';

export { DeploymentStatus };

export const deploymentStatusEnum: EnumDefinition<DeploymentStatus> = {
  name: 'DeploymentStatus',
  description: 'How far a deployment has gone, as the latest source states it.',
  values: {
    UNKNOWN: 'No report recorded says how far it has gone.',
    PROPOSED: 'Indicated, threatened or considered, but not agreed.',
    ANNOUNCED: 'Agreed and announced; not yet being installed.',
    UNDER_CONSTRUCTION: 'Being installed or moved into place.',
    OPERATIONAL: 'In place and operating.',
    WITHDRAWN: 'Cancelled or removed.',
  },
};

export const deploymentModel = defineModel({
  name: 'Deployment',
  plural: 'deployments',
  description: 'A weapon system placed, or to be placed, somewhere by someone.',
  filterDescription: 'Conditions on deployments. A deployment must meet every condition given; a list condition is met by any of its values.',
  ...ownTable('Deployment', Prisma.DeploymentScalarFieldEnum),
  fields: {
    name: field.text({
      description: 'A descriptive name, e.g. "THAAD battery in Seongju".',
      create: { description: 'A descriptive name, e.g. "THAAD battery in Seongju".' },
      update: { description: 'The new name.' },
    }),
    system: field.text({
      nullable: true,
      description: 'The short name of the weapon system, e.g. "THAAD"; null when the source names none.',
      create: { description: 'The short name of the weapon system, e.g. "THAAD". One deployment per system and host country.' },
      update: { description: 'The new system; null clears it.' },
    }),
    systemName: field.text({
      nullable: true,
      description: 'The full name of the weapon system, e.g. "Terminal High Altitude Area Defense"; null when not stated.',
      create: { description: 'The full name of the weapon system.' },
      update: { description: 'The new full name of the system; null clears it.' },
    }),
    status: field.enum(deploymentStatusEnum, {
      default: 'UNKNOWN',
      description:
        'How far the deployment has gone: the latest change of its statusHistory (by date; undated changes count as earlier than dated ones), or the last one an editor set; UNKNOWN when no report says.',
      create: { description: 'How far it has gone (the first change of its history); UNKNOWN when no report says.' },
      update: { description: 'The current status, as an editor corrects it: recorded in its history, undated.' },
    }),
    aliases: field.names({
      description: 'Other names reports give it ("the U.S. missile defense system in Romania"); the import matches by them too.',
      create: { description: 'Other names reports give it.' },
      update: { description: 'The new list of other names (replaces the old one).' },
    }),
    location: field.text({
      nullable: true,
      description: 'Where, within the host country, as the source states it; null when not stated.',
      create: { description: 'Where, within the host country.' },
      update: { description: 'The new location; null clears it.' },
    }),
    announcedOn: field.day({
      nullable: true,
      notInFuture: true,
      description: 'The day the deployment was announced; null when the source gives no day.',
      create: { description: 'The day it was announced; not in the future.' },
      update: { description: 'The new announcement day; null clears it.' },
    }),
  },
  filters: {
    systems: {
      argument: 'strings',
      description: 'Deployments of any of these weapon systems, by short name in any case ("THAAD").',
      where: async (values: string[], { refs, argumentName }) => Prisma.sql`n.system = ANY(${await refs.systems(values, argumentName)}::text[])`,
    },
    hosts: {
      argument: 'strings',
      description:
        'Deployments placed in any of these countries (any of their hosts), by ISO 3166-1 alpha-2 code ("KR"), name or alias ("South Korea", "Seoul") or ID.',
      where: async (values: string[], { refs, argumentName }) =>
        linkedTo('DeploymentHostCountry', 'deploymentId', 'countryId', await refs.countryIds(values, argumentName)),
    },
    operators: {
      argument: 'strings',
      description:
        'Deployments operated by any of these countries or organizations, by ISO 3166-1 alpha-2 code ("US"), acronym ("NATO"), name or alias ("Washington") or ID.',
      where: async (values: string[], { refs, argumentName }) => Prisma.sql`n."operatorId" = ANY(${await refs.actorIds(values, argumentName)}::int[])`,
    },
    statuses: enumListFilter(deploymentStatusEnum, Prisma.sql`n.status`, 'Deployments in any of these states.'),
    location: {
      argument: 'text',
      description: 'Deployments whose location contains this text, in any case ("Seongju").',
      where: (text: string) => Prisma.sql`n.location ILIKE ${containsPattern(text)}`,
    },
  },
  orders: {
    NAME: { description: 'The descriptive name, by Unicode code point.', key: { sql: Prisma.sql`n.name`, type: 'text' } },
    ANNOUNCED_ON: {
      description: 'The day the deployment was announced; deployments with no known day count as earlier than any dated one.',
      key: { sql: Prisma.sql`COALESCE(n."announcedOn", '-infinity'::date)`, type: 'date', accepts: acceptsDay },
    },
  },
  extras: (row) => ({ operatorRowId: row.operatorId as number | null, hostRowId: row.hostId as number | null }),
});

export type DeploymentRecord = RecordOf<typeof deploymentModel> & { operatorRowId: number | null; hostRowId: number | null };

/** How deployments are read (with the row ids of their operator and host). */
export const deploymentNodes = nodesOf(deploymentModel) as NodeSource<DeploymentRecord>;

/** A Deployment row (as Prisma or the node source reads it) as its record. */
export const deploymentRecordOf = (row: object): DeploymentRecord => recordOf(deploymentModel, row as Record<string, unknown>) as DeploymentRecord;

export const operatedDeploymentIds: IdSource = { name: 'actor.operatedDeployments', table: 'Deployment', parentColumn: 'operatorId', childColumn: 'id' };
export const deploymentPositionIds: IdSource = {
  name: 'deployment.positions',
  table: 'PositionDeployment',
  parentColumn: 'deploymentId',
  childColumn: 'positionId',
  onePerPair: true,
};
export const deploymentHostIds: IdSource = { name: 'deployment.hosts', table: 'DeploymentHostCountry', parentColumn: 'deploymentId', childColumn: 'countryId' };
export const deploymentStatusChangeIds: IdSource = {
  name: 'deployment.statusHistory',
  table: 'DeploymentStatusChange',
  parentColumn: 'deploymentId',
  childColumn: 'id',
};

/** A change of a deployment's status, as a report gives it: when, and the quote that says so. */
export const deploymentStatusChangeModel = defineModel({
  name: 'DeploymentStatusChange',
  plural: 'deployment status changes',
  description:
    "A change of a deployment's status as a report gives it: the status, when (at the report's precision), and the quote of the article that says so.",
  ...ownTable('DeploymentStatusChange', Prisma.DeploymentStatusChangeScalarFieldEnum),
  fields: {
    status: field.enum(deploymentStatusEnum, { description: 'The status from then on.' }),
    on: field.reportedDate({ column: 'on', description: 'When, at the precision the report gives; null when it does not say.' }),
    quote: field.text({ nullable: true, column: 'text', description: 'The exact text of the article that says so; null for a change recorded by hand.' }),
  },
  filters: {},
  orders: {},
  extras: (row) => ({ articleRowId: row.articleId as number | null }),
});

export type DeploymentStatusChangeRecord = RecordOf<typeof deploymentStatusChangeModel> & { articleRowId: number | null };
export const deploymentStatusChangeNodes = nodesOf(deploymentStatusChangeModel) as NodeSource<DeploymentStatusChangeRecord>;
/** A status history in order: by date, undated changes first, then as recorded. */
export const statusHistoryOrder = Prisma.sql`COALESCE(n."onFrom", '-infinity'::date), n.id`;

/** What a status change records besides its status. */
export interface StatusReport {
  status: DeploymentStatus;
  on: ReportedDate | null;
  /** The article that says so, and the quote, located in it, when it has one. */
  evidence: { articleId: number; text?: string; start?: number; end?: number } | null;
}

/**
 * Adds a change to a deployment's history (unless the same article already reported the same
 * status on the same date: an editor's corrections are all kept), and sets its current status to the latest change, or, for an
 * editor's correction (`current`), to this one. Returns whether anything was added.
 */
export async function recordStatusChange(w: Write, deploymentId: number, report: StatusReport, { current = false } = {}): Promise<boolean> {
  const on = columnValuesOf(deploymentStatusChangeModel, { on: report.on });
  // An article reports a change once (importing it again adds nothing); an editor's every correction is a change.
  if (report.evidence) {
    const same = await w.tx.deploymentStatusChange.findFirst({
      where: {
        deploymentId,
        status: report.status,
        articleId: report.evidence.articleId,
        onFrom: (on.onFrom as Date | null) ?? null,
        onUntil: (on.onUntil as Date | null) ?? null,
      },
    });
    if (same) return false;
  }
  await w.tx.deploymentStatusChange.create({
    data: { deploymentId, status: report.status, ...on, ...(report.evidence ?? {}), ...createdBy(w.actor) },
  });
  if (current) await w.tx.deployment.update({ where: { id: deploymentId }, data: { status: report.status } });
  else await refreshStatus(w, deploymentId);
  return true;
}

/** Sets a deployment's status to the latest change of its history (UNKNOWN without one). */
export async function refreshStatus(w: Write, deploymentId: number): Promise<DeploymentStatus> {
  const [latest] = await w.tx.$queryRaw<Array<{ status: DeploymentStatus }>>`
    SELECT n.status::text AS status FROM "DeploymentStatusChange" AS n WHERE n."deploymentId" = ${deploymentId}
    ORDER BY COALESCE(n."onFrom", '-infinity'::date) DESC, n.id DESC LIMIT 1`;
  const status = latest?.status ?? 'UNKNOWN';
  await w.tx.deployment.updateMany({ where: { id: deploymentId, status: { not: status } }, data: { status } });
  return status;
}

// ---------------------------------------------------------------------------------------------
// Writes

type Input = Record<string, unknown>;

export interface DeploymentReferencesInput {
  operatorId?: string | null;
  hostId?: string | null;
}

export interface DeploymentUpdateReferencesInput extends DeploymentReferencesInput {
  id: string;
  expectedVersion?: number | null;
}

const operatorTypes = ['Country', 'Organization'] as const;

/**
 * The identity of a deployment: its system in its host country, or, when the system is unknown,
 * its name there. One record per identity: deploymentCreate and deploymentUpdate refuse a second
 * one (DUPLICATE), the import matches the one recorded, and an import document may not declare
 * two. `H` is how the host is named: a row id in the database, a key in a document.
 */
export type DeploymentIdentity<H> = { system: string; host: H } | { system: null; name: string; host: H };

export function deploymentIdentity<H>(d: { name: string; system: string | null; host: H }): DeploymentIdentity<H> {
  return d.system !== null ? { system: d.system, host: d.host } : { system: null, name: d.name, host: d.host };
}

/** The identity as words, e.g. `THAAD in KR`, `"Aegis Ashore site" in an unknown country`. */
export function describeDeploymentIdentity(identity: DeploymentIdentity<string | number | null>): string {
  const host = identity.host ?? 'an unknown country';
  return identity.system !== null ? `${identity.system} in ${host}` : `"${identity.name}" in ${host}`;
}

/** What the import and the mutations know of a deployment when they look for the one recorded. */
export interface DeploymentDescription {
  name: string;
  aliases?: readonly string[];
  system: string | null;
  location?: string | null;
  hostIds: readonly number[];
}

/**
 * The recorded deployment (the first recorded, other than `except`) that `d` describes: in a host
 * country they share (or both without one), of the same system, or, failing a system, known by
 * one of the same names (its name or an alias); and not placed at another location.
 */
export async function findSameDeployment(w: Write, d: DeploymentDescription, except?: number) {
  const names = [d.name, ...(d.aliases ?? [])].map((name) => name.toLowerCase());
  const hosts = d.hostIds.length > 0 ? { hosts: { some: { countryId: { in: [...d.hostIds] } } } } : { hosts: { none: {} } };
  const candidates = await w.tx.deployment.findMany({
    where: { ...hosts, ...(except ? { id: { not: except } } : {}), ...(d.system !== null ? { system: d.system } : {}) },
    orderBy: { id: 'asc' },
  });
  const knownAs = (c: { name: string; aliases: string[] }) => [c.name, ...c.aliases].some((name) => names.includes(name.toLowerCase()));
  const placedApart = (c: { location: string | null }) => c.location !== null && d.location != null && c.location.toLowerCase() !== d.location.toLowerCase();
  const bySystem = d.system !== null ? candidates.find((c) => !placedApart(c)) : undefined;
  if (bySystem) return bySystem;
  if (d.system !== null) {
    // A report that names the system may describe a deployment recorded without one, under a name.
    const unnamed = await w.tx.deployment.findMany({ where: { ...hosts, system: null, ...(except ? { id: { not: except } } : {}) }, orderBy: { id: 'asc' } });
    return unnamed.find((c) => knownAs(c) && !placedApart(c)) ?? null;
  }
  return candidates.find((c) => knownAs(c) && !placedApart(c)) ?? null;
}

/** One record per deployment identity: a second one is a DUPLICATE. */
async function expectNoDuplicate(
  w: Write,
  d: { name: string; system: string | null; hostId: number | null; location?: string | null },
  except?: number,
): Promise<void> {
  const same = await findSameDeployment(w, { ...d, hostIds: d.hostId === null ? [] : [d.hostId] }, except);
  if (same) {
    const what = d.system !== null ? `a ${d.system} deployment` : `a deployment named "${d.name}"`;
    w.fail(
      ['input', d.system !== null ? 'system' : 'name'],
      `${what} in the same host country is already recorded (${encodeGlobalId('Deployment', same.id)})`,
      UserErrorCode.DUPLICATE,
    );
  }
}

/** Records a new deployment (the caller has checked the values and logs the change). */
export function insertDeployment(w: Write, data: Omit<Prisma.DeploymentUncheckedCreateInput, 'createdBy' | 'updatedBy'>) {
  return w.tx.deployment.create({ data: { ...data, ...createdBy(w.actor) } });
}

export async function createDeployment(w: Write, input: DeploymentReferencesInput & Input): Promise<DeploymentRecord> {
  const values = checkedCreateValues(w, deploymentModel, input);
  const operatorId = (await refId(w, operatorTypes, input.operatorId, ['input', 'operatorId'])) ?? null;
  const hostId = (await refId(w, 'Country', input.hostId, ['input', 'hostId'])) ?? null;
  w.check();
  const data = { ...(values as Required<typeof values>), operatorId, hostId };
  await expectNoDuplicate(w, data);
  w.check();
  const row = await insertDeployment(w, { ...data, ...(hostId !== null ? { hosts: { create: [{ countryId: hostId }] } } : {}) });
  if (row.status !== 'UNKNOWN') await recordStatusChange(w, row.id, { status: row.status, on: null, evidence: null }, { current: true });
  await w.log(ChangeAction.CREATE, 'Deployment', row.id, snapshot(row));
  return deploymentRecordOf(row);
}

export async function updateDeployment(w: Write, input: DeploymentUpdateReferencesInput & Input): Promise<DeploymentRecord> {
  const found = await recordToChange(w, 'Deployment', input, {
    find: (id) => w.tx.deployment.findUnique({ where: { id } }),
    label: (found) => `deployment "${found.name}"`,
  });
  const values = checkedUpdateValues(w, deploymentModel, input, found);
  const operatorId = await refId(w, operatorTypes, input.operatorId, ['input', 'operatorId']);
  const hostId = await refId(w, 'Country', input.hostId, ['input', 'hostId']);
  const next = {
    ...(values as Required<typeof values>),
    operatorId: operatorId === undefined ? found.operatorId : operatorId,
    hostId: hostId === undefined ? found.hostId : hostId,
  };
  w.check();
  if (next.name !== found.name || next.system !== found.system || next.hostId !== found.hostId) {
    await expectNoDuplicate(w, next, found.id);
    w.check();
  }
  const changes = changesOf(found, { ...found, ...next }, [...updatableFieldsOf(deploymentModel), 'operatorId', 'hostId'] as Array<
    Extract<keyof typeof found, string>
  >);
  if (Object.keys(changes).length === 0) return deploymentRecordOf(found);
  if (changes.hostId) {
    // The first host changes; the others stay.
    if (found.hostId !== null) await w.tx.deploymentHostCountry.deleteMany({ where: { deploymentId: found.id, countryId: found.hostId } });
    if (next.hostId !== null) await w.tx.deploymentHostCountry.createMany({ data: [{ deploymentId: found.id, countryId: next.hostId }], skipDuplicates: true });
  }
  await w.tx.deployment.update({ where: { id: found.id }, data: { ...next, status: found.status, ...changedBy(w.actor) } });
  if (changes.status) await recordStatusChange(w, found.id, { status: next.status, on: null, evidence: null }, { current: true });
  const row = await w.tx.deployment.findUniqueOrThrow({ where: { id: found.id } });
  await w.log(ChangeAction.UPDATE, 'Deployment', found.id, { changes });
  return deploymentRecordOf(row);
}

export async function deleteDeployment(w: Write, input: DeleteInputData): Promise<string> {
  const found = await recordToChange(w, 'Deployment', input, {
    find: (id) => w.tx.deployment.findUnique({ where: { id } }),
    label: (found) => `deployment "${found.name}"`,
  });
  w.check();
  const positions = await w.tx.positionDeployment.count({ where: { deploymentId: found.id } });
  if (positions > 0)
    w.abort(
      ['input', 'id'],
      `${positions} position${positions === 1 ? ' is' : 's are'} about this deployment: change or delete ${positions === 1 ? 'it' : 'them'} first`,
      UserErrorCode.IN_USE,
    );
  await w.tx.deployment.delete({ where: { id: found.id } });
  await w.log(ChangeAction.DELETE, 'Deployment', found.id, { deleted: snapshot(found) });
  return encodeGlobalId('Deployment', found.id);
}

/**
 * Joins two records of one deployment (one site reported under two names): the duplicate's
 * positions, status history and host countries move to the kept one, its name and aliases become
 * aliases, its system, operator, location and dates fill what the kept one lacks, and its current
 * status follows the joined history. Refused for two systems or two locations.
 */
export async function mergeDeployments(w: Write, input: MergeInputData): Promise<{ kept: DeploymentRecord; deletedId: string }> {
  const withLinks = { hosts: true, targetOf: { select: { positionId: true } }, statusChanges: { select: { id: true } } } as const;
  const { keep: k, duplicate: d } = await recordsToMerge(w, 'Deployment', input, (id) => w.tx.deployment.findUnique({ where: { id }, include: withLinks }));
  if (k.system !== null && d.system !== null && k.system.toLowerCase() !== d.system.toLowerCase())
    w.fail(['input', 'duplicateId'], `the duplicate is of another system (${d.system}, not ${k.system}): not the same deployment`, UserErrorCode.CONFLICT);
  if (k.location !== null && d.location !== null && k.location.toLowerCase() !== d.location.toLowerCase())
    w.fail(
      ['input', 'duplicateId'],
      `the duplicate is at another location (${d.location}, not ${k.location}): not the same deployment`,
      UserErrorCode.CONFLICT,
    );
  w.check();
  const touch = changedBy(w.actor);
  // Its positions are about the kept deployment now (once, when about both already).
  const positions = d.targetOf.map((t) => t.positionId);
  if (positions.length) {
    await w.tx.positionDeployment.createMany({ data: positions.map((positionId) => ({ positionId, deploymentId: k.id })), skipDuplicates: true });
    await w.tx.position.updateMany({ where: { deploymentId: d.id }, data: { deploymentId: k.id } });
    await w.tx.position.updateMany({ where: { id: { in: positions } }, data: touch });
  }
  const changes = d.statusChanges.map((c) => c.id);
  if (changes.length) await w.tx.deploymentStatusChange.updateMany({ where: { id: { in: changes } }, data: { deploymentId: k.id } });
  const hosts = d.hosts.map((h) => h.countryId).filter((countryId) => !k.hosts.some((h) => h.countryId === countryId));
  if (hosts.length) await w.tx.deploymentHostCountry.createMany({ data: hosts.map((countryId) => ({ deploymentId: k.id, countryId })) });
  const filled = {
    ...(k.system === null && d.system !== null ? { system: d.system } : {}),
    ...(k.systemName === null && d.systemName !== null ? { systemName: d.systemName } : {}),
    ...(k.location === null && d.location !== null ? { location: d.location } : {}),
    ...(k.operatorId === null && d.operatorId !== null ? { operatorId: d.operatorId } : {}),
    ...(k.hostId === null && d.hostId !== null ? { hostId: d.hostId } : {}),
    ...(k.announcedOn === null && d.announcedOn !== null ? { announcedOn: d.announcedOn } : {}),
  };
  await w.tx.deployment.delete({ where: { id: d.id } });
  const aliases = aliasesWith(k, d);
  await w.tx.deployment.update({ where: { id: k.id }, data: { ...filled, ...(aliases ? { aliases } : {}), ...touch } });
  await refreshStatus(w, k.id);
  const keptId = encodeGlobalId('Deployment', k.id);
  const deletedId = encodeGlobalId('Deployment', d.id);
  await w.log(ChangeAction.MERGE, 'Deployment', k.id, {
    mergedFrom: deletedId,
    duplicate: snapshot(d),
    moved: {
      positions: positions.map((id) => encodeGlobalId('Position', id)),
      statusHistory: changes.map((id) => encodeGlobalId('DeploymentStatusChange', id)),
      hosts: hosts.map((id) => encodeGlobalId('Country', id)),
    },
    filled: snapshot(filled),
    aliasesAdded: aliases ? aliases.filter((a) => !k.aliases.includes(a)) : [],
  });
  await w.log(ChangeAction.MERGE, 'Deployment', d.id, { mergedInto: keptId });
  const row = await w.tx.deployment.findUniqueOrThrow({ where: { id: k.id } });
  return { kept: deploymentRecordOf(row), deletedId };
}
