import { Field, InputType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import { allOf, nameOrAliasContains, textArgument } from '../../data/listing.ts';

@InputType('CountryFilter', { description: 'Conditions on countries; a country must meet every condition given.' })
export class CountryFilter {
  @Field(() => String, { nullable: true, description: 'Countries whose name or one of its aliases contains this text, in any case ("korea", "Seoul").' })
  name?: string | null;
}

/** Validates a country filter and compiles it to a condition over the Country row `n` and its Actor row `a`. */
export async function countryWhere(filter: CountryFilter): Promise<Prisma.Sql> {
  return allOf(filter.name != null ? [nameOrAliasContains(Prisma.sql`a.name`, Prisma.sql`a.aliases`, textArgument(filter.name, 'filter.name'))] : []);
}
