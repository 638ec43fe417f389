import { registerNodeType } from '../../data/global-id.ts';
import { ArgsType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import { columnsOf, nodeSource, type NodeSource } from '../../db/pages.ts';
import { type Listing } from '../../data/listing.ts';
import { ListArgsType } from '../../graphql/list-args.ts';
import { toOrganization } from '../actor/actor.service.ts';
import { OrganizationFilter, organizationWhere } from './organization.filter.ts';
import { OrganizationOrder, organizationSortKeys, type OrganizationOrderField } from './organization.order.ts';
import type { Organization } from './organization.type.ts';

type ActorColumns = Parameters<typeof toOrganization>[0];

/** Organization rows: the Organization table `n` with its Actor row `a`. */
export const organizationNodes: NodeSource<Organization> = nodeSource({
  table: 'Organization',
  from: Prisma.sql`"Organization" AS n JOIN "Actor" AS a ON a.id = n.id`,
  columns: Prisma.sql`${columnsOf('a', Prisma.ActorScalarFieldEnum)}, n.acronym`,
  toNode: (row) => toOrganization(row as unknown as ActorColumns, row.acronym as string | null),
});
registerNodeType('Organization', organizationNodes);

export const organizationListing: Listing<Organization, OrganizationFilter, OrganizationOrderField> = {
  name: 'organizations',
  nodes: organizationNodes,
  sortKeys: organizationSortKeys,
  where: organizationWhere,
};

@ArgsType()
export class OrganizationListArgs extends ListArgsType(OrganizationFilter, OrganizationOrder, 'organizations') {}
