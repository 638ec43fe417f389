import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs, type Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { badUserInput } from '../../graphql/errors.ts';
import { countryIds, countryOfficialIds, countryOrganizationIds, findCountryByIsoCode, hostedDeploymentIds } from './country.service.ts';
import { Country, CountryConnection } from './country.type.ts';
import { DeploymentConnection, type Deployment } from '../deployment/deployment.type.ts';
import { OfficialConnection, type Official } from '../official/official.type.ts';
import { OrganizationConnection, type Organization } from '../organization/organization.type.ts';

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => CountryConnection, { description: 'All countries, in the order they were recorded.' })
  countries(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Country>> {
    return loaders.rootConnection(countryIds, args, loaders.country);
  }

  @Query(() => Country, { nullable: true, description: 'The country with this ISO 3166-1 alpha-2 code (any case), or null if none is recorded.' })
  country(
    @Arg('isoCode', () => String, { description: 'An ISO 3166-1 alpha-2 code such as "RU".' }) isoCode: string,
    @Ctx() { prisma }: GraphQLContext,
  ): Promise<Country | null> {
    if (!/^[A-Za-z]{2}$/.test(isoCode)) {
      throw badUserInput(`Argument "isoCode" must be two letters (ISO 3166-1 alpha-2), got ${JSON.stringify(isoCode)}`, 'isoCode');
    }
    return findCountryByIsoCode(prisma, isoCode.toUpperCase());
  }

  @FieldResolver(() => OfficialConnection, { description: 'Officials who speak for this country.' })
  officials(@Root() country: Country, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Official>> {
    return loaders.linkedConnection(countryOfficialIds, country.rowId, args, loaders.official);
  }

  @FieldResolver(() => DeploymentConnection, { description: 'Deployments placed in this country, by whoever operates them.' })
  hostedDeployments(
    @Root() country: Country,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Connection<Deployment>> {
    return loaders.linkedConnection(hostedDeploymentIds, country.rowId, args, loaders.deployment);
  }

  @FieldResolver(() => OrganizationConnection, { description: 'Organizations this country is a member of.' })
  organizations(
    @Root() country: Country,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Connection<Organization>> {
    return loaders.linkedConnection(countryOrganizationIds, country.rowId, args, loaders.organization);
  }
}
