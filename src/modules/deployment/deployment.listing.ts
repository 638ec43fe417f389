import { registerNodeType } from '../../data/global-id.ts';
import { ArgsType } from 'type-graphql';
import { Prisma, type Deployment as DeploymentRow } from '../../generated/prisma/client.ts';
import { columnsOf, nodeSource, type NodeSource } from '../../db/pages.ts';
import { type Listing } from '../../data/listing.ts';
import { ListArgsType } from '../../graphql/list-args.ts';
import { DeploymentFilter, deploymentWhere } from './deployment.filter.ts';
import { DeploymentOrder, deploymentSortKeys, type DeploymentOrderField } from './deployment.order.ts';
import { toDeployment } from './deployment.service.ts';
import type { Deployment } from './deployment.type.ts';

export const deploymentNodes: NodeSource<Deployment> = nodeSource({
  table: 'Deployment',
  from: Prisma.sql`"Deployment" AS n`,
  columns: columnsOf('n', Prisma.DeploymentScalarFieldEnum),
  toNode: (row) => toDeployment(row as unknown as DeploymentRow),
  dates: ['announcedOn'],
});
registerNodeType('Deployment', deploymentNodes);

export const deploymentListing: Listing<Deployment, DeploymentFilter, DeploymentOrderField> = {
  name: 'deployments',
  nodes: deploymentNodes,
  sortKeys: deploymentSortKeys,
  where: deploymentWhere,
};

@ArgsType()
export class DeploymentListArgs extends ListArgsType(DeploymentFilter, DeploymentOrder, 'deployments') {}
