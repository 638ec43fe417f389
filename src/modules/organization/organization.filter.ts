import { Field, InputType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import { allOf, containsPattern, nameOrAliasContains, textArgument } from '../../data/listing.ts';

@InputType('OrganizationFilter', { description: 'Conditions on organizations; an organization must meet every condition given.' })
export class OrganizationFilter {
  @Field(() => String, { nullable: true, description: 'Organizations whose name, acronym or one of its aliases contains this text, in any case ("atlantic", "NATO").' })
  name?: string | null;
}

/** Validates an organization filter and compiles it to a condition over the Organization row `n` and its Actor row `a`. */
export async function organizationWhere(filter: OrganizationFilter): Promise<Prisma.Sql> {
  if (filter.name == null) return allOf([]);
  const text = textArgument(filter.name, 'filter.name');
  return Prisma.sql`${nameOrAliasContains(Prisma.sql`a.name`, Prisma.sql`a.aliases`, text)} OR n.acronym ILIKE ${containsPattern(text)}`;
}
