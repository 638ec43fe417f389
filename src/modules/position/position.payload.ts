import { Field, ID, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutation.ts';
import { Position } from './position.type.ts';

@ObjectType('PositionCreatePayload', { description: 'The result of positionCreate.' })
export class PositionCreatePayload extends MutationPayload {
  @Field(() => Position, { nullable: true, description: 'The position created, with its evidence; null when there are userErrors.' })
  position?: Position | null;
}

@ObjectType('PositionUpdatePayload', { description: 'The result of positionUpdate.' })
export class PositionUpdatePayload extends MutationPayload {
  @Field(() => Position, { nullable: true, description: 'The position as changed; null when there are userErrors.' })
  position?: Position | null;
}

@ObjectType('PositionDeletePayload', { description: 'The result of positionDelete.' })
export class PositionDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The ID of the position deleted; null when there are userErrors.' })
  deletedPositionId?: string | null;
}
