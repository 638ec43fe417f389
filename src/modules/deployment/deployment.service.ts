import type { Deployment as DeploymentRow, PrismaClient } from '../../generated/prisma/client.ts';
import type { IdSource } from '../../db/pages.ts';
import { auditFieldsOf } from '../../graphql/audited.interface.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import { Deployment } from './deployment.type.ts';

export const deploymentIds: IdSource = { name: 'deployments', table: 'Deployment', childColumn: 'id' };
export const operatedDeploymentIds: IdSource = { name: 'actor.operatedDeployments', table: 'Deployment', parentColumn: 'operatorId', childColumn: 'id' };
export const deploymentPositionIds: IdSource = { name: 'deployment.positions', table: 'Position', parentColumn: 'deploymentId', childColumn: 'id' };

export function toDeployment(row: DeploymentRow): Deployment {
  return Object.assign(new Deployment(), auditFieldsOf(row), {
    rowId: row.id,
    operatorRowId: row.operatorId,
    hostRowId: row.hostId,
    id: encodeGlobalId('Deployment', row.id),
    name: row.name,
    system: row.system,
    systemName: row.systemName,
    status: row.status,
    location: row.location,
    announcedOn: row.announcedOn,
  });
}

export async function findDeployments(prisma: PrismaClient, ids: readonly number[]): Promise<Deployment[]> {
  const rows = await prisma.deployment.findMany({ where: { id: { in: [...ids] } } });
  return rows.map(toDeployment);
}
