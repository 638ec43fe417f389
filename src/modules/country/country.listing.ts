import { registerNodeType } from '../../data/global-id.ts';
import { ArgsType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import { columnsOf, nodeSource, type NodeSource } from '../../db/pages.ts';
import { type Listing } from '../../data/listing.ts';
import { ListArgsType } from '../../graphql/list-args.ts';
import { toCountry } from '../actor/actor.service.ts';
import { CountryFilter, countryWhere } from './country.filter.ts';
import { CountryOrder, countrySortKeys, type CountryOrderField } from './country.order.ts';
import type { Country } from './country.type.ts';

type ActorColumns = Parameters<typeof toCountry>[0];

/** Country rows: the Country table `n` with its Actor row `a` (name, aliases, audit columns). */
export const countryNodes: NodeSource<Country> = nodeSource({
  table: 'Country',
  from: Prisma.sql`"Country" AS n JOIN "Actor" AS a ON a.id = n.id`,
  columns: Prisma.sql`${columnsOf('a', Prisma.ActorScalarFieldEnum)}, n."isoCode"`,
  toNode: (row) => toCountry(row as unknown as ActorColumns, row.isoCode as string),
});
registerNodeType('Country', countryNodes);

export const countryListing: Listing<Country, CountryFilter, CountryOrderField> = {
  name: 'countries',
  nodes: countryNodes,
  sortKeys: countrySortKeys,
  where: countryWhere,
};

@ArgsType()
export class CountryListArgs extends ListArgsType(CountryFilter, CountryOrder, 'countries') {}
