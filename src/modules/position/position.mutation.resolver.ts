import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.ts';
import { mutate } from '../../graphql/mutation.ts';
import { PositionCreateInput, PositionDeleteInput, PositionUpdateInput } from './position.input.ts';
import { createPosition, deletePosition, updatePosition } from './position.mutation.service.ts';
import { PositionCreatePayload, PositionDeletePayload, PositionUpdatePayload } from './position.payload.ts';

@Resolver()
export class PositionMutationResolver {
  @Mutation(() => PositionCreatePayload, { nullable: true, description: 'Records a position with the evidence that reports it. Needs an EDITOR key.' })
  positionCreate(@Arg('input', () => PositionCreateInput, { description: 'The position.' }) input: PositionCreateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => createPosition(w, input), (position) => ({ position }));
  }

  @Mutation(() => PositionUpdatePayload, { nullable: true, description: 'Changes a position (a corrected stance, summary, target, holders…). Needs an EDITOR key.' })
  positionUpdate(@Arg('input', () => PositionUpdateInput, { description: 'The changes.' }) input: PositionUpdateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => updatePosition(w, input), (position) => ({ position }));
  }

  @Mutation(() => PositionDeletePayload, { nullable: true, description: 'Deletes a position and its evidence. Recorded in the change log. Needs an EDITOR key.' })
  positionDelete(@Arg('input', () => PositionDeleteInput, { description: 'The position to delete.' }) input: PositionDeleteInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => deletePosition(w, input), (deletedPositionId) => ({ deletedPositionId }));
  }
}
