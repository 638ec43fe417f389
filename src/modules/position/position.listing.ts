import { ArgsType } from 'type-graphql';
import { Prisma, type Position as PositionRow } from '../../generated/prisma/client.ts';
import { columnsOf, nodeSource, type NodeSource } from '../../db/pages.ts';
import { type Listing } from '../../data/listing.ts';
import { ListArgsType } from '../../graphql/list-args.ts';
import { PositionFilter, positionWhere } from './position.filter.ts';
import { PositionOrder, positionSortKeys, type PositionOrderField } from './position.order.ts';
import { toPosition } from './position.service.ts';
import type { Position } from './position.type.ts';

/** Position rows: every column of the model (as Prisma reads them), mapped by the service's toPosition. */
export const positionNodes: NodeSource<Position> = nodeSource({
  table: 'Position',
  from: Prisma.sql`"Position" AS n`,
  columns: columnsOf('n', Prisma.PositionScalarFieldEnum),
  toNode: (row) => toPosition(row as unknown as PositionRow),
  dates: ['statedOn'],
});

export const positionListing: Listing<Position, PositionFilter, PositionOrderField> = {
  name: 'positions',
  nodes: positionNodes,
  sortKeys: positionSortKeys,
  where: positionWhere,
};

@ArgsType()
export class PositionListArgs extends ListArgsType(PositionFilter, PositionOrder, 'positions') {}
