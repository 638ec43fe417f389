import { Field, InputType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import { conditionsOf, listArgument, nameOrAliasContains, textArgument } from '../../data/listing.ts';
import type { References } from '../../data/references.ts';

@InputType('OfficialFilter', {
  description: 'Conditions on officials. An official must meet every condition given; a list condition is met by any of its values.',
})
export class OfficialFilter {
  @Field(() => [String], { nullable: true, description: 'Officials who speak for any of these countries, by ISO 3166-1 alpha-2 code ("RU") or ID.' })
  countries?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Officials who speak for any of these organizations, by acronym ("NATO") or ID.' })
  organizations?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Officials whose name or one of its aliases contains this text, in any case ("morgulov").' })
  name?: string | null;
}

/** Validates an official filter and compiles it to a condition over the Official row `n`. */
export async function officialWhere(filter: OfficialFilter, refs: References): Promise<Prisma.Sql> {
  return conditionsOf([
    () => filter.countries != null
      ? refs.countryIds(listArgument(filter.countries, 'filter.countries'), 'filter.countries').then((ids) => Prisma.sql`n."countryId" = ANY(${ids}::int[])`)
      : null,
    () => filter.organizations != null
      ? refs
          .organizationIds(listArgument(filter.organizations, 'filter.organizations'), 'filter.organizations')
          .then((ids) => Prisma.sql`n."organizationId" = ANY(${ids}::int[])`)
      : null,
    () => filter.name != null ? nameOrAliasContains(Prisma.sql`n.name`, Prisma.sql`n.aliases`, textArgument(filter.name, 'filter.name')) : null,
  ]);
}
