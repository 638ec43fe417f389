import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs, type Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { Country } from '../country/country.type.ts';
import { OfficialConnection, type Official } from '../official/official.type.ts';
import { organizationIds, organizationOfficialIds } from './organization.service.ts';
import { Organization, OrganizationConnection } from './organization.type.ts';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, { description: 'All organizations, in the order they were recorded.' })
  organizations(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Organization>> {
    return loaders.rootConnection(organizationIds, args, loaders.organization);
  }

  @FieldResolver(() => [Country], { description: 'The member countries.' })
  members(@Root() organization: Organization, @Ctx() { loaders }: GraphQLContext): Promise<Country[]> {
    return loaders.organizationMembers.load(organization.rowId);
  }

  @FieldResolver(() => OfficialConnection, { description: 'Officials who speak for this organization.' })
  officials(
    @Root() organization: Organization,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Connection<Official>> {
    return loaders.linkedConnection(organizationOfficialIds, organization.rowId, args, loaders.official);
  }
}
