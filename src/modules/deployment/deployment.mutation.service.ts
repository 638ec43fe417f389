import type { Prisma } from '../../generated/prisma/client.ts';
import { changedBy, ChangeAction, createdBy, type Write } from '../../data/write.ts';
import { UserErrorCode } from '../../data/user-errors.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import { changesOf, mustFind, optionalText, pastDay, refId, requiredText, rowIdOf, snapshot } from '../../data/checks.ts';
import type { DeploymentCreateInput, DeploymentDeleteInput, DeploymentUpdateInput } from './deployment.input.ts';
import { toDeployment } from './deployment.service.ts';
import type { Deployment } from './deployment.type.ts';

/** One record per deployment: the same system (or, without one, the same name) in the same host country is a duplicate. */
async function expectNoDuplicate(w: Write, d: { name: string; system: string | null; hostId: number | null }, except?: number): Promise<void> {
  const where: Prisma.DeploymentWhereInput = d.system !== null ? { system: d.system, hostId: d.hostId } : { system: null, name: d.name, hostId: d.hostId };
  const same = await w.tx.deployment.findFirst({ where: { ...where, ...(except ? { id: { not: except } } : {}) } });
  if (same) {
    const what = d.system !== null ? `a ${d.system} deployment` : `a deployment named "${d.name}"`;
    w.fail(['input', d.system !== null ? 'system' : 'name'], `${what} in the same host country is already recorded (${encodeGlobalId('Deployment', same.id)})`, UserErrorCode.DUPLICATE);
  }
}

export async function createDeployment(w: Write, input: DeploymentCreateInput): Promise<Deployment> {
  const name = requiredText(w, input.name, ['input', 'name']);
  pastDay(w, input.announcedOn, ['input', 'announcedOn']);
  const operatorId = (await refId(w, ['Country', 'Organization'], input.operatorId, ['input', 'operatorId'])) ?? null;
  const hostId = (await refId(w, 'Country', input.hostId, ['input', 'hostId'])) ?? null;
  w.check();
  const data = {
    name,
    status: input.status,
    system: optionalText(input.system ?? null),
    systemName: optionalText(input.systemName ?? null),
    location: optionalText(input.location ?? null),
    operatorId,
    hostId,
    announcedOn: input.announcedOn ?? null,
  };
  await expectNoDuplicate(w, data);
  w.check();
  const row = await w.tx.deployment.create({ data: { ...data, ...createdBy(w.actor) } });
  await w.log(ChangeAction.CREATE, 'Deployment', row.id, JSON.parse(JSON.stringify(snapshot(row))));
  return toDeployment(row);
}

export async function updateDeployment(w: Write, input: DeploymentUpdateInput): Promise<Deployment> {
  const id = rowIdOf(w, 'Deployment', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => w.tx.deployment.findUnique({ where: { id: id as number } }), 'deployment', ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.version, `deployment "${found.name}"`);
  if (input.announcedOn !== undefined) pastDay(w, input.announcedOn, ['input', 'announcedOn']);
  if (input.status === null) w.fail(['input', 'status'], 'a deployment must keep a status', UserErrorCode.BLANK);
  const operatorId = await refId(w, ['Country', 'Organization'], input.operatorId, ['input', 'operatorId']);
  const hostId = await refId(w, 'Country', input.hostId, ['input', 'hostId']);
  const next = {
    name: input.name === undefined ? found.name : requiredText(w, input.name ?? '', ['input', 'name']),
    status: input.status ?? found.status,
    system: input.system === undefined ? found.system : optionalText(input.system),
    systemName: input.systemName === undefined ? found.systemName : optionalText(input.systemName),
    location: input.location === undefined ? found.location : optionalText(input.location),
    operatorId: operatorId === undefined ? found.operatorId : operatorId,
    hostId: hostId === undefined ? found.hostId : hostId,
    announcedOn: input.announcedOn === undefined ? found.announcedOn : input.announcedOn,
  };
  w.check();
  if (next.name !== found.name || next.system !== found.system || next.hostId !== found.hostId) {
    await expectNoDuplicate(w, next, found.id);
    w.check();
  }
  const changes = changesOf(found, { ...found, ...next }, ['name', 'status', 'system', 'systemName', 'location', 'operatorId', 'hostId', 'announcedOn']);
  if (Object.keys(changes).length === 0) return toDeployment(found);
  const row = await w.tx.deployment.update({ where: { id: found.id }, data: { ...next, ...changedBy(w.actor) } });
  await w.log(ChangeAction.UPDATE, 'Deployment', found.id, JSON.parse(JSON.stringify({ changes })));
  return toDeployment(row);
}

export async function deleteDeployment(w: Write, input: DeploymentDeleteInput): Promise<string> {
  const id = rowIdOf(w, 'Deployment', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => w.tx.deployment.findUnique({ where: { id: id as number } }), 'deployment', ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.version, `deployment "${found.name}"`);
  w.check();
  const positions = await w.tx.position.count({ where: { deploymentId: found.id } });
  if (positions > 0) w.abort(['input', 'id'], `${positions} position${positions === 1 ? ' is' : 's are'} about this deployment: change or delete ${positions === 1 ? 'it' : 'them'} first`, UserErrorCode.IN_USE);
  await w.tx.deployment.delete({ where: { id: found.id } });
  await w.log(ChangeAction.DELETE, 'Deployment', found.id, JSON.parse(JSON.stringify({ deleted: snapshot(found) })));
  return encodeGlobalId('Deployment', found.id);
}
