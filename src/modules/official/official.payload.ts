import { Field, ID, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutation.ts';
import { Official } from './official.type.ts';

@ObjectType('OfficialCreatePayload', { description: 'The result of officialCreate.' })
export class OfficialCreatePayload extends MutationPayload {
  @Field(() => Official, { nullable: true, description: 'The official created; null when there are userErrors.' })
  official?: Official | null;
}

@ObjectType('OfficialUpdatePayload', { description: 'The result of officialUpdate.' })
export class OfficialUpdatePayload extends MutationPayload {
  @Field(() => Official, { nullable: true, description: 'The official as changed; null when there are userErrors.' })
  official?: Official | null;
}

@ObjectType('OfficialDeletePayload', { description: 'The result of officialDelete.' })
export class OfficialDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The ID of the official deleted; null when there are userErrors.' })
  deletedOfficialId?: string | null;
}

@ObjectType('OfficialMergePayload', { description: 'The result of officialMerge.' })
export class OfficialMergePayload extends MutationPayload {
  @Field(() => Official, { nullable: true, description: 'The official kept, with everything of the duplicate; null when there are userErrors.' })
  official?: Official | null;

  @Field(() => ID, { nullable: true, description: 'The ID of the duplicate, now deleted; null when there are userErrors.' })
  deletedOfficialId?: string | null;
}
