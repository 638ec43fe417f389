import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars.ts';
import { EvidenceInput } from '../evidence/evidence.input.ts';
import { Stance } from './stance.enum.ts';

@InputType('PositionCreateInput', { description: 'A position to record, with the evidence that reports it.' })
export class PositionCreateInput {
  @Field(() => Stance, { description: 'The kind of stance taken.' })
  stance!: Stance;

  @Field(() => String, { description: 'A faithful paraphrase of what was said.' })
  summary!: string;

  @Field(() => [ID], { description: 'Who holds it: Countries or Organizations, at least one (several for a joint statement).' })
  holderIds!: string[];

  @Field(() => [EvidenceInput], { description: 'What reports it: at least one exact quote from an article.' })
  evidence!: EvidenceInput[];

  @Field(() => ID, { nullable: true, description: 'The deployment it is about. Give exactly one of deploymentId and topic.' })
  deploymentId?: string | null;

  @Field(() => String, { nullable: true, description: 'What it is about when not a deployment, e.g. "Six Party Talks". Give exactly one of deploymentId and topic.' })
  topic?: string | null;

  @Field(() => ID, { nullable: true, description: 'The meeting where it was stated.' })
  meetingId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day it was stated; not in the future.' })
  statedOn?: Date | null;

  @Field(() => [ID], { nullable: true, description: 'The officials who voiced it; each must speak for one of the holders. Defaults to none.' })
  speakerIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The Countries or Organizations it calls on or is directed at. Defaults to none.' })
  addresseeIds?: string[] | null;
}

@InputType('PositionUpdateInput', { description: 'Changes to a position; fields left out stay as they are, nullable fields set to null are cleared. Evidence changes through evidenceCreate and evidenceDelete.' })
export class PositionUpdateInput {
  @Field(() => ID, { description: 'The position to change.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the update fails with VERSION_CONFLICT if the position has changed since.' })
  expectedVersion?: number | null;

  @Field(() => Stance, { nullable: true, description: 'The corrected stance.' })
  stance?: Stance | null;

  @Field(() => String, { nullable: true, description: 'The new summary.' })
  summary?: string | null;

  @Field(() => ID, { nullable: true, description: 'The deployment it is about; null when it is about a topic instead (then give topic).' })
  deploymentId?: string | null;

  @Field(() => String, { nullable: true, description: 'The topic it is about; null when it is about a deployment instead (then give deploymentId).' })
  topic?: string | null;

  @Field(() => ID, { nullable: true, description: 'The meeting where it was stated; null clears it.' })
  meetingId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day it was stated; null clears it.' })
  statedOn?: Date | null;

  @Field(() => [ID], { nullable: true, description: 'The new list of holders (replaces the old one; at least one).' })
  holderIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The new list of speakers (replaces the old one).' })
  speakerIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The new list of addressees (replaces the old one).' })
  addresseeIds?: string[] | null;
}

@InputType('PositionDeleteInput', { description: 'A position to delete, with its evidence.' })
export class PositionDeleteInput {
  @Field(() => ID, { description: 'The position to delete.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the delete fails with VERSION_CONFLICT if the position has changed since.' })
  expectedVersion?: number | null;
}
