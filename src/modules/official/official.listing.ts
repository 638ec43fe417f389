import { registerNodeType } from '../../data/global-id.ts';
import { ArgsType } from 'type-graphql';
import { Prisma, type Official as OfficialRow } from '../../generated/prisma/client.ts';
import { columnsOf, nodeSource, type NodeSource } from '../../db/pages.ts';
import { type Listing } from '../../data/listing.ts';
import { ListArgsType } from '../../graphql/list-args.ts';
import { OfficialFilter, officialWhere } from './official.filter.ts';
import { OfficialOrder, officialSortKeys, type OfficialOrderField } from './official.order.ts';
import { toOfficial } from './official.service.ts';
import type { Official } from './official.type.ts';

export const officialNodes: NodeSource<Official> = nodeSource({
  table: 'Official',
  from: Prisma.sql`"Official" AS n`,
  columns: columnsOf('n', Prisma.OfficialScalarFieldEnum),
  toNode: (row) => toOfficial(row as unknown as OfficialRow),
});
registerNodeType('Official', officialNodes);

export const officialListing: Listing<Official, OfficialFilter, OfficialOrderField> = {
  name: 'officials',
  nodes: officialNodes,
  sortKeys: officialSortKeys,
  where: officialWhere,
};

@ArgsType()
export class OfficialListArgs extends ListArgsType(OfficialFilter, OfficialOrder, 'officials') {}
