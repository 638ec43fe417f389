/** Country in the schema: the type, list, filter and mutations derived from its definition, the lookup by ISO code, and its relations. */
import { Arg, Args, Ctx, FieldResolver, InputType, Query, Resolver, Root } from 'type-graphql';
import { countryModel, countryOfficialIds, countryOrganizationIds, countryWithIsoCode, createCountry, deleteCountry, hostedDeploymentIds, mergeCountries, updateCountry, type CountryCreateInputData, type CountryRecord, type CountryUpdateInputData } from '../../data/models/country.ts';
import { deploymentListing, DeploymentListArgs } from './deployment.ts';
import { DeploymentConnection, type Deployment } from './deployment.ts';
import { officialListing, OfficialListArgs } from './official.ts';
import { OfficialConnection, type Official } from './official.ts';
import { Audited } from '../audited.interface.ts';
import type { Connection } from '../connection.ts';
import type { GraphQLContext } from '../context.ts';
import { badUserInput } from '../errors.ts';
import { DeleteInputType, MergeInputType, ModelInputFields, modelSchema, mutationResolver, NodeObjectType, rootListResolver } from '../model-schema.ts';
import { Node } from '../node.interface.ts';
import { Actor } from '../actor.interface.ts';
import { organizationListing, OrganizationConnection, OrganizationListArgs, type Organization } from './organization.ts';

/** The type's values are the records the data layer reads. */
export const Country = NodeObjectType<CountryRecord>(countryModel, [Node, Actor, Audited]);
export type Country = CountryRecord;

const schema = modelSchema(countryModel, Country);
export const countryListing = schema.listing;
export const CountryConnection = schema.Connection;
export const CountryListArgs = schema.ListArgs;
export type CountryListArgs = InstanceType<typeof CountryListArgs>;
export const CountryFilter = schema.Filter;
export type CountryFilter = InstanceType<typeof CountryFilter>;

export const CountryListResolver = rootListResolver(
  schema,
  'Countries, filtered and ordered as asked (by default all of them, in the order they were recorded).',
);

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => Country, { nullable: true, description: 'The country with this ISO 3166-1 alpha-2 code (any case), or null if none is recorded.' })
  async country(
    @Arg('isoCode', () => String, { description: 'An ISO 3166-1 alpha-2 code such as "RU".' }) isoCode: string,
    @Ctx() { prisma }: GraphQLContext,
  ): Promise<Country | null> {
    if (!/^[A-Za-z]{2}$/.test(isoCode)) {
      throw badUserInput(`Argument "isoCode" must be two letters (ISO 3166-1 alpha-2), got ${JSON.stringify(isoCode)}`, 'isoCode');
    }
    return countryWithIsoCode(prisma, isoCode.toUpperCase());
  }

  @FieldResolver(() => OfficialConnection, { description: 'Officials who speak for this country.' })
  officials(
    @Root() country: CountryRecord,
    @Args(() => OfficialListArgs) args: OfficialListArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Connection<Official>> {
    return loaders.linkedConnection(countryOfficialIds, officialListing, country.rowId, args);
  }

  @FieldResolver(() => DeploymentConnection, { description: 'Deployments placed in this country, by whoever operates them.' })
  hostedDeployments(
    @Root() country: CountryRecord,
    @Args(() => DeploymentListArgs) args: DeploymentListArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Connection<Deployment>> {
    return loaders.linkedConnection(hostedDeploymentIds, deploymentListing, country.rowId, args);
  }

  @FieldResolver(() => OrganizationConnection, { description: 'Organizations this country is a member of.' })
  organizations(
    @Root() country: CountryRecord,
    @Args(() => OrganizationListArgs) args: OrganizationListArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Connection<Organization>> {
    return loaders.linkedConnection(countryOrganizationIds, organizationListing, country.rowId, args);
  }
}

@InputType('CountryCreateInput', { description: 'A country to record.' })
export class CountryCreateInput extends ModelInputFields(countryModel, 'create') implements CountryCreateInputData {
  // The definition's fields, typed.
  declare name: string;
  declare isoCode: string;
  declare aliases?: string[] | null;
}

@InputType('CountryUpdateInput', { description: 'Changes to a country; fields left out stay as they are.' })
export class CountryUpdateInput extends ModelInputFields(countryModel, 'update') implements CountryUpdateInputData {
  declare name?: string | null;
  declare isoCode?: string | null;
  declare aliases?: string[] | null;
}

export const CountryDeleteInput = DeleteInputType(countryModel, {
  description: 'A country to delete.',
  idDescription: 'The country to delete. Refused (IN_USE) while positions name it as holder or addressee; its officials, deployments and meetings lose their reference to it.',
});

export const CountryMergeInput = MergeInputType(countryModel, {
  description: 'Two records of the same country: the duplicate is merged into the one kept.',
  duplicateDescription: 'The duplicate: its positions, officials, deployments, meetings and memberships move to the kept country, its name and aliases become aliases of it, and it is deleted.',
});

export const CountryMutationResolver = mutationResolver(countryModel, Country, {
  create: {
    description: 'Records a country. Needs an EDITOR key.',
    input: CountryCreateInput,
    inputDescription: 'The country.',
    run: (w, input: CountryCreateInput) => createCountry(w, input),
  },
  update: {
    description: "Changes a country's name, ISO code or aliases. Needs an EDITOR key.",
    input: CountryUpdateInput,
    inputDescription: 'The changes.',
    run: (w, input: CountryUpdateInput) => updateCountry(w, input),
  },
  delete: {
    description: 'Deletes a country that no position names. Recorded in the change log. Needs an EDITOR key.',
    input: CountryDeleteInput,
    inputDescription: 'The country to delete.',
    run: (w, input) => deleteCountry(w, input),
  },
  merge: {
    description:
      'Merges a duplicate country into another in one transaction: every relation moves to the kept one, the duplicate is deleted. Recorded in the change log. Needs an EDITOR key.',
    input: CountryMergeInput,
    inputDescription: 'The country to keep and its duplicate.',
    run: (w, input) => mergeCountries(w, input),
  },
});
