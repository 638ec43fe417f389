import { Arg, Args, Ctx, Extensions, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { Country } from '../country/country.type.ts';
import { OfficialConnection, officialListing, OfficialListArgs, type Official } from '../../graphql/models/official.ts';
import { organizationListing, OrganizationListArgs } from './organization.listing.ts';
import { organizationMemberIds, organizationOfficialIds } from './organization.service.ts';
import { countryNodes } from '../country/country.listing.ts';
import { Organization, OrganizationConnection } from './organization.type.ts';
import { firstArgument, firstItems, listBound } from '../../graphql/list-bounds.ts';

/** The most members one can ask for (src/graphql/list-bounds.ts): there are 249 ISO 3166-1 country codes. */
const maxMembers = 250;

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, { description: 'Organizations, filtered and ordered as asked (by default all of them, in the order they were recorded).' })
  organizations(@Args(() => OrganizationListArgs) args: OrganizationListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Organization>> {
    return loaders.rootConnection(organizationListing, args);
  }

  @Extensions(listBound(maxMembers))
  @FieldResolver(() => [Country], { description: 'The member countries.' })
  async members(
    @Root() organization: Organization,
    @Arg('first', () => Int, firstArgument(maxMembers, 'members')) first: number,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Country[]> {
    return firstItems(await loaders.linked(organizationMemberIds, countryNodes).load(organization.rowId), first, maxMembers);
  }

  @FieldResolver(() => OfficialConnection, { description: 'Officials who speak for this organization.' })
  officials(
    @Root() organization: Organization,
    @Args(() => OfficialListArgs) args: OfficialListArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Connection<Official>> {
    return loaders.linkedConnection(organizationOfficialIds, officialListing, organization.rowId, args);
  }
}
