import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.ts';
import { mutate } from '../../graphql/mutation.ts';
import { CountryCreateInput, CountryDeleteInput, CountryMergeInput, CountryUpdateInput } from './country.input.ts';
import { createCountry, deleteCountry, mergeCountries, updateCountry } from './country.mutation.service.ts';
import { CountryCreatePayload, CountryDeletePayload, CountryMergePayload, CountryUpdatePayload } from './country.payload.ts';

@Resolver()
export class CountryMutationResolver {
  @Mutation(() => CountryCreatePayload, { nullable: true, description: 'Records a country. Needs an EDITOR key.' })
  countryCreate(@Arg('input', () => CountryCreateInput, { description: 'The country.' }) input: CountryCreateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => createCountry(w, input), (country) => ({ country }));
  }

  @Mutation(() => CountryUpdatePayload, { nullable: true, description: 'Changes a country\'s name, ISO code or aliases. Needs an EDITOR key.' })
  countryUpdate(@Arg('input', () => CountryUpdateInput, { description: 'The changes.' }) input: CountryUpdateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => updateCountry(w, input), (country) => ({ country }));
  }

  @Mutation(() => CountryDeletePayload, { nullable: true, description: 'Deletes a country that no position names. Recorded in the change log. Needs an EDITOR key.' })
  countryDelete(@Arg('input', () => CountryDeleteInput, { description: 'The country to delete.' }) input: CountryDeleteInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => deleteCountry(w, input), (deletedCountryId) => ({ deletedCountryId }));
  }

  @Mutation(() => CountryMergePayload, {
    nullable: true,
    description: 'Merges a duplicate country into another in one transaction: every relation moves to the kept one, the duplicate is deleted. Recorded in the change log. Needs an EDITOR key.',
  })
  countryMerge(@Arg('input', () => CountryMergeInput, { description: 'The country to keep and its duplicate.' }) input: CountryMergeInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => mergeCountries(w, input), (result) => result);
  }
}
