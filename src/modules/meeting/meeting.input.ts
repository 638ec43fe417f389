import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars.ts';

@InputType('MeetingCreateInput', { description: 'A meeting to record.' })
export class MeetingCreateInput {
  @Field(() => String, { description: 'The name as the source gives it.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The recurring series it belongs to, when the source names one.' })
  series?: string | null;

  @Field(() => Int, { nullable: true, description: 'Its number within the series (a positive integer).' })
  ordinal?: number | null;

  @Field(() => String, { nullable: true, description: 'The city where it was held.' })
  city?: string | null;

  @Field(() => ID, { nullable: true, description: 'The host country.' })
  countryId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day it was held (may be in the future for an announced meeting).' })
  date?: Date | null;

  @Field(() => [ID], { nullable: true, description: 'The officials who took part. Defaults to none.' })
  participantIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The articles that report it. Defaults to none.' })
  articleIds?: string[] | null;
}

@InputType('MeetingUpdateInput', { description: 'Changes to a meeting; fields left out stay as they are, nullable fields set to null are cleared.' })
export class MeetingUpdateInput {
  @Field(() => ID, { description: 'The meeting to change.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the update fails with VERSION_CONFLICT if the meeting has changed since.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'The new name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'The new series; null clears it.' })
  series?: string | null;

  @Field(() => Int, { nullable: true, description: 'The new ordinal; null clears it.' })
  ordinal?: number | null;

  @Field(() => String, { nullable: true, description: 'The new city; null clears it.' })
  city?: string | null;

  @Field(() => ID, { nullable: true, description: 'The new host country; null clears it.' })
  countryId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The new day; null clears it.' })
  date?: Date | null;

  @Field(() => [ID], { nullable: true, description: 'The new list of participants (replaces the old one).' })
  participantIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The new list of articles that report it (replaces the old one).' })
  articleIds?: string[] | null;
}

@InputType('MeetingDeleteInput', { description: 'A meeting to delete.' })
export class MeetingDeleteInput {
  @Field(() => ID, { description: 'The meeting to delete. Refused (IN_USE) while positions say they were stated there.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the delete fails with VERSION_CONFLICT if the meeting has changed since.' })
  expectedVersion?: number | null;
}
