import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { badUserInput } from '../../graphql/errors.ts';
import { countryListing, CountryListArgs, countryNodes } from './country.listing.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { fetchNodesWhere } from '../../db/pages.ts';
import { countryOfficialIds, countryOrganizationIds, hostedDeploymentIds } from './country.service.ts';
import { Country, CountryConnection } from './country.type.ts';
import { deploymentListing, DeploymentListArgs } from '../deployment/deployment.listing.ts';
import { DeploymentConnection, type Deployment } from '../deployment/deployment.type.ts';
import { OfficialConnection, officialListing, OfficialListArgs, type Official } from '../../graphql/models/official.ts';
import { organizationListing, OrganizationListArgs } from '../organization/organization.listing.ts';
import { OrganizationConnection, type Organization } from '../organization/organization.type.ts';

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => CountryConnection, { description: 'Countries, filtered and ordered as asked (by default all of them, in the order they were recorded).' })
  countries(@Args(() => CountryListArgs) args: CountryListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Country>> {
    return loaders.rootConnection(countryListing, args);
  }

  @Query(() => Country, { nullable: true, description: 'The country with this ISO 3166-1 alpha-2 code (any case), or null if none is recorded.' })
  async country(
    @Arg('isoCode', () => String, { description: 'An ISO 3166-1 alpha-2 code such as "RU".' }) isoCode: string,
    @Ctx() { prisma }: GraphQLContext,
  ): Promise<Country | null> {
    if (!/^[A-Za-z]{2}$/.test(isoCode)) {
      throw badUserInput(`Argument "isoCode" must be two letters (ISO 3166-1 alpha-2), got ${JSON.stringify(isoCode)}`, 'isoCode');
    }
    // One statement (Prisma's findUnique with its actor would be two).
    const [country] = await fetchNodesWhere(prisma, countryNodes, Prisma.sql`n."isoCode" = ${isoCode.toUpperCase()}`);
    return country ?? null;
  }

  @FieldResolver(() => OfficialConnection, { description: 'Officials who speak for this country.' })
  officials(@Root() country: Country, @Args(() => OfficialListArgs) args: OfficialListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Official>> {
    return loaders.linkedConnection(countryOfficialIds, officialListing, country.rowId, args);
  }

  @FieldResolver(() => DeploymentConnection, { description: 'Deployments placed in this country, by whoever operates them.' })
  hostedDeployments(
    @Root() country: Country,
    @Args(() => DeploymentListArgs) args: DeploymentListArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Connection<Deployment>> {
    return loaders.linkedConnection(hostedDeploymentIds, deploymentListing, country.rowId, args);
  }

  @FieldResolver(() => OrganizationConnection, { description: 'Organizations this country is a member of.' })
  organizations(
    @Root() country: Country,
    @Args(() => OrganizationListArgs) args: OrganizationListArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Connection<Organization>> {
    return loaders.linkedConnection(countryOrganizationIds, organizationListing, country.rowId, args);
  }
}
