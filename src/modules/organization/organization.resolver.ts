import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { Country } from '../country/country.type.ts';
import { officialListing, OfficialListArgs } from '../official/official.listing.ts';
import { OfficialConnection, type Official } from '../official/official.type.ts';
import { organizationListing, OrganizationListArgs } from './organization.listing.ts';
import { organizationOfficialIds } from './organization.service.ts';
import { Organization, OrganizationConnection } from './organization.type.ts';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, { description: 'Organizations, filtered and ordered as asked (by default all of them, in the order they were recorded).' })
  organizations(@Args(() => OrganizationListArgs) args: OrganizationListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Organization>> {
    return loaders.rootConnection(organizationListing, args);
  }

  @FieldResolver(() => [Country], { description: 'The member countries.' })
  members(@Root() organization: Organization, @Ctx() { loaders }: GraphQLContext): Promise<Country[]> {
    return loaders.organizationMembers.load(organization.rowId);
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
