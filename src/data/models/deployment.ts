/**
 * Deployment: a weapon system placed, or to be placed, somewhere by someone. Its definition, its
 * relations' id sources, and its writes (one record per system and host country).
 */
import { Prisma } from '../../generated/prisma/client.ts';
import { DeploymentStatus } from '../../generated/prisma/enums.ts';
import { columnsOf, type IdSource, type NodeSource } from '../../db/pages.ts';
import { changesOf, mustFind, refId, rowIdOf, snapshot } from '../checks.ts';
import { encodeGlobalId } from '../global-id.ts';
import { acceptsDay, containsPattern } from '../listing.ts';
import { checkedCreateValues, checkedUpdateValues, defineModel, field, updatableFieldsOf, type EnumDefinition, type RecordOf } from '../model.ts';
import { nodesOf, recordOf } from '../model-listing.ts';
import { UserErrorCode } from '../user-errors.ts';
import { changedBy, ChangeAction, createdBy, type Write } from '../write.ts';

export { DeploymentStatus };

export const deploymentStatusEnum: EnumDefinition<DeploymentStatus> = {
  name: 'DeploymentStatus',
  description: 'How far a deployment has gone, as the latest source states it.',
  values: {
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
  table: 'Deployment',
  from: Prisma.sql`"Deployment" AS n`,
  columns: columnsOf('n', Prisma.DeploymentScalarFieldEnum),
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
      description: 'How far the deployment has gone.',
      create: { description: 'How far it has gone.' },
      update: { description: 'The new status.' },
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
      description: 'Deployments placed in any of these countries, by ISO 3166-1 alpha-2 code ("KR"), name or alias ("South Korea", "Seoul") or ID.',
      where: async (values: string[], { refs, argumentName }) => Prisma.sql`n."hostId" = ANY(${await refs.countryIds(values, argumentName)}::int[])`,
    },
    operators: {
      argument: 'strings',
      description:
        'Deployments operated by any of these countries or organizations, by ISO 3166-1 alpha-2 code ("US"), acronym ("NATO"), name or alias ("Washington") or ID.',
      where: async (values: string[], { refs, argumentName }) => Prisma.sql`n."operatorId" = ANY(${await refs.actorIds(values, argumentName)}::int[])`,
    },
    statuses: {
      argument: { enumList: deploymentStatusEnum },
      description: 'Deployments in any of these states.',
      where: (statuses: string[]) => Prisma.sql`n.status = ANY(CAST(${statuses}::text[] AS "DeploymentStatus"[]))`,
    },
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
export const deploymentPositionIds: IdSource = { name: 'deployment.positions', table: 'Position', parentColumn: 'deploymentId', childColumn: 'id' };

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

export interface DeploymentDeleteInputData {
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

/** The recorded deployment with the same identity (the first recorded), other than `except`. */
export function findSameDeployment(w: Write, d: { name: string; system: string | null; hostId: number | null }, except?: number) {
  const identity = deploymentIdentity({ ...d, host: d.hostId });
  const where: Prisma.DeploymentWhereInput =
    identity.system !== null ? { system: identity.system, hostId: identity.host } : { system: null, name: identity.name, hostId: identity.host };
  return w.tx.deployment.findFirst({ where: { ...where, ...(except ? { id: { not: except } } : {}) }, orderBy: { id: 'asc' } });
}

/** One record per deployment identity: a second one is a DUPLICATE. */
async function expectNoDuplicate(w: Write, d: { name: string; system: string | null; hostId: number | null }, except?: number): Promise<void> {
  const same = await findSameDeployment(w, d, except);
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
  const row = await insertDeployment(w, data);
  await w.log(ChangeAction.CREATE, 'Deployment', row.id, snapshot(row));
  return deploymentRecordOf(row);
}

export async function updateDeployment(w: Write, input: DeploymentUpdateReferencesInput & Input): Promise<DeploymentRecord> {
  const id = rowIdOf(w, 'Deployment', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => w.tx.deployment.findUnique({ where: { id: id as number } }), 'deployment', ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.version, `deployment "${found.name}"`);
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
  const row = await w.tx.deployment.update({ where: { id: found.id }, data: { ...next, ...changedBy(w.actor) } });
  await w.log(ChangeAction.UPDATE, 'Deployment', found.id, { changes });
  return deploymentRecordOf(row);
}

export async function deleteDeployment(w: Write, input: DeploymentDeleteInputData): Promise<string> {
  const id = rowIdOf(w, 'Deployment', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => w.tx.deployment.findUnique({ where: { id: id as number } }), 'deployment', ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.version, `deployment "${found.name}"`);
  w.check();
  const positions = await w.tx.position.count({ where: { deploymentId: found.id } });
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
