import { Field, ID, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutation.ts';
import { Country } from './country.type.ts';

@ObjectType('CountryCreatePayload', { description: 'The result of countryCreate.' })
export class CountryCreatePayload extends MutationPayload {
  @Field(() => Country, { nullable: true, description: 'The country created; null when there are userErrors.' })
  country?: Country | null;
}

@ObjectType('CountryUpdatePayload', { description: 'The result of countryUpdate.' })
export class CountryUpdatePayload extends MutationPayload {
  @Field(() => Country, { nullable: true, description: 'The country as changed; null when there are userErrors.' })
  country?: Country | null;
}

@ObjectType('CountryDeletePayload', { description: 'The result of countryDelete.' })
export class CountryDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The ID of the country deleted; null when there are userErrors.' })
  deletedCountryId?: string | null;
}

@ObjectType('CountryMergePayload', { description: 'The result of countryMerge.' })
export class CountryMergePayload extends MutationPayload {
  @Field(() => Country, { nullable: true, description: 'The country kept, with everything of the duplicate; null when there are userErrors.' })
  country?: Country | null;

  @Field(() => ID, { nullable: true, description: 'The ID of the duplicate, now deleted; null when there are userErrors.' })
  deletedCountryId?: string | null;
}
