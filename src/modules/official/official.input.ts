import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('OfficialCreateInput', { description: 'An official to record.' })
export class OfficialCreateInput {
  @Field(() => String, { description: 'The full name, e.g. "Igor Morgulov".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The title exactly as the source states it; leave out when none is stated.' })
  title?: string | null;

  @Field(() => [String], { nullable: true, description: 'Other names the sources use, e.g. the surname alone. Defaults to none.' })
  aliases?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The country the official speaks for.' })
  countryId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The organization the official speaks for.' })
  organizationId?: string | null;
}

@InputType('OfficialUpdateInput', { description: 'Changes to an official; fields left out stay as they are, fields set to null are cleared.' })
export class OfficialUpdateInput {
  @Field(() => ID, { description: 'The official to change.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the update fails with VERSION_CONFLICT if the official has changed since.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'The new name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'The new title; null clears it.' })
  title?: string | null;

  @Field(() => [String], { nullable: true, description: 'The new list of aliases (replaces the old one).' })
  aliases?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The new country; null clears it.' })
  countryId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The new organization; null clears it.' })
  organizationId?: string | null;
}

@InputType('OfficialDeleteInput', { description: 'An official to delete.' })
export class OfficialDeleteInput {
  @Field(() => ID, { description: 'The official to delete: they are removed from the speakers of positions and the participants of meetings (the positions and meetings stay).' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the delete fails with VERSION_CONFLICT if the official has changed since.' })
  expectedVersion?: number | null;
}

@InputType('OfficialMergeInput', { description: 'Two records of the same person: the duplicate is merged into the one kept.' })
export class OfficialMergeInput {
  @Field(() => ID, { description: 'The official to keep.' })
  keepId!: string;

  @Field(() => ID, {
    description: 'The duplicate: the positions they voiced and meetings they attended move to the kept official, their name and aliases become aliases of it (and their title, country and organization fill in what the kept one lacks), and they are deleted.',
  })
  duplicateId!: string;
}
