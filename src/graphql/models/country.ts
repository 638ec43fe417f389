/** Country in the schema: the type, list, filter and mutations derived from its definition, the lookup by ISO code, and its relations. */
import { Arg, Ctx, InputType, Query, Resolver } from 'type-graphql';
import {
  countryModel,
  countryOfficialIds,
  countryOrganizationIds,
  countryWithIsoCode,
  createCountry,
  deleteCountry,
  hostedDeploymentIds,
  mergeCountries,
  updateCountry,
  type CountryCreateInputData,
  type CountryRecord,
  type CountryUpdateInputData,
} from '../../data/models/country.ts';
import { Audited } from '../audited.interface.ts';
import type { GraphQLContext } from '../context.ts';
import { officialSchema } from './official.ts';
import { deploymentSchema } from './deployment.ts';
import { organizationSchema } from './organization.ts';
import { connectionRelations } from '../model-schema.ts';
import { badUserInput } from '../errors.ts';
import { ModelInputFields, modelSchema, mutationResolver, NodeObjectType } from '../model-schema.ts';
import { Node } from '../node.interface.ts';
import { Actor } from '../actor.interface.ts';

/** The type's values are the records the data layer reads. */
export const Country = NodeObjectType<CountryRecord>(countryModel, [Node, Actor, Audited]);
export type Country = CountryRecord;

export const countrySchema = modelSchema(countryModel, Country);

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
}

/** Country's connections to other nodes. */
export const CountryRelations = connectionRelations(Country, {
  officials: { description: 'Officials who speak for this country.', target: () => officialSchema, ids: countryOfficialIds },
  hostedDeployments: { description: 'Deployments placed in this country, by whoever operates them.', target: () => deploymentSchema, ids: hostedDeploymentIds },
  organizations: { description: 'Organizations this country is a member of.', target: () => organizationSchema, ids: countryOrganizationIds },
});

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

export const CountryMutationResolver = mutationResolver(countryModel, Country, {
  create: { description: 'Records a country.', input: CountryCreateInput, run: createCountry },
  update: { description: "Changes a country's name, ISO code or aliases.", input: CountryUpdateInput, run: updateCountry },
  delete: {
    description: 'Deletes a country that no position names. Recorded in the change log.',
    input: {
      description: 'A country to delete.',
      id: 'The country to delete. Refused (IN_USE) while positions name it as holder or addressee; its officials, deployments and meetings lose their reference to it.',
    },
    run: deleteCountry,
  },
  merge: {
    description:
      'Merges a duplicate country into another in one transaction: every relation moves to the kept one, the duplicate is deleted. Recorded in the change log.',
    input: {
      description: 'Two records of the same country: the duplicate is merged into the one kept.',
      duplicateId:
        'The duplicate: its positions, officials, deployments, meetings and memberships move to the kept country, its name and aliases become aliases of it, and it is deleted.',
    },
    run: mergeCountries,
  },
});
