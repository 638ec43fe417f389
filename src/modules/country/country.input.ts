import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('CountryCreateInput', { description: 'A country to record.' })
export class CountryCreateInput {
  @Field(() => String, { description: 'The common English name, e.g. "South Korea".' })
  name!: string;

  @Field(() => String, { description: 'The ISO 3166-1 alpha-2 code, e.g. "KR" (any case; stored upper case). Must be an assigned code and not yet recorded.' })
  isoCode!: string;

  @Field(() => [String], { nullable: true, description: 'Other names the sources use, e.g. "Seoul". Defaults to none.' })
  aliases?: string[] | null;
}

@InputType('CountryUpdateInput', { description: 'Changes to a country; fields left out stay as they are.' })
export class CountryUpdateInput {
  @Field(() => ID, { description: 'The country to change.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the update fails with VERSION_CONFLICT if the country has changed since.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'The new name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'The corrected ISO 3166-1 alpha-2 code.' })
  isoCode?: string | null;

  @Field(() => [String], { nullable: true, description: 'The new list of aliases (replaces the old one).' })
  aliases?: string[] | null;
}

@InputType('CountryDeleteInput', { description: 'A country to delete.' })
export class CountryDeleteInput {
  @Field(() => ID, { description: 'The country to delete. Refused (IN_USE) while positions name it as holder or addressee; its officials, deployments and meetings lose their reference to it.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the delete fails with VERSION_CONFLICT if the country has changed since.' })
  expectedVersion?: number | null;
}

@InputType('CountryMergeInput', { description: 'Two records of the same country: the duplicate is merged into the one kept.' })
export class CountryMergeInput {
  @Field(() => ID, { description: 'The country to keep.' })
  keepId!: string;

  @Field(() => ID, { description: 'The duplicate: its positions, officials, deployments, meetings and memberships move to the kept country, its name and aliases become aliases of it, and it is deleted.' })
  duplicateId!: string;
}
