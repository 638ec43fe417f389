import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('OrganizationCreateInput', { description: 'An organization to record.' })
export class OrganizationCreateInput {
  @Field(() => String, { description: 'The full English name, e.g. "North Atlantic Treaty Organization".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The acronym, e.g. "NATO"; unique. Leave out when it has none.' })
  acronym?: string | null;

  @Field(() => [String], { nullable: true, description: 'Other names the sources use. Defaults to none.' })
  aliases?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The member countries. Defaults to none.' })
  memberIds?: string[] | null;
}

@InputType('OrganizationUpdateInput', { description: 'Changes to an organization; fields left out stay as they are.' })
export class OrganizationUpdateInput {
  @Field(() => ID, { description: 'The organization to change.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the update fails with VERSION_CONFLICT if the organization has changed since.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'The new name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'The new acronym; null removes it.' })
  acronym?: string | null;

  @Field(() => [String], { nullable: true, description: 'The new list of aliases (replaces the old one).' })
  aliases?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The new list of member countries (replaces the old one).' })
  memberIds?: string[] | null;
}

@InputType('OrganizationDeleteInput', { description: 'An organization to delete.' })
export class OrganizationDeleteInput {
  @Field(() => ID, { description: 'The organization to delete. Refused (IN_USE) while positions name it as holder or addressee; its officials and deployments lose their reference to it.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the delete fails with VERSION_CONFLICT if the organization has changed since.' })
  expectedVersion?: number | null;
}

@InputType('OrganizationMergeInput', { description: 'Two records of the same organization: the duplicate is merged into the one kept.' })
export class OrganizationMergeInput {
  @Field(() => ID, { description: 'The organization to keep.' })
  keepId!: string;

  @Field(() => ID, { description: 'The duplicate: its positions, officials, deployments and members move to the kept organization, its name and aliases become aliases of it (and its acronym the kept one\'s, if that has none), and it is deleted.' })
  duplicateId!: string;
}
