import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.ts';
import { mutate } from '../../graphql/mutation.ts';
import { OfficialCreateInput, OfficialDeleteInput, OfficialMergeInput, OfficialUpdateInput } from './official.input.ts';
import { createOfficial, deleteOfficial, mergeOfficials, updateOfficial } from './official.mutation.service.ts';
import { OfficialCreatePayload, OfficialDeletePayload, OfficialMergePayload, OfficialUpdatePayload } from './official.payload.ts';

@Resolver()
export class OfficialMutationResolver {
  @Mutation(() => OfficialCreatePayload, { nullable: true, description: 'Records an official. Needs an EDITOR key.' })
  officialCreate(@Arg('input', () => OfficialCreateInput, { description: 'The official.' }) input: OfficialCreateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => createOfficial(w, input), (official) => ({ official }));
  }

  @Mutation(() => OfficialUpdatePayload, { nullable: true, description: 'Changes an official\'s name, title, aliases, country or organization. Needs an EDITOR key.' })
  officialUpdate(@Arg('input', () => OfficialUpdateInput, { description: 'The changes.' }) input: OfficialUpdateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => updateOfficial(w, input), (official) => ({ official }));
  }

  @Mutation(() => OfficialDeletePayload, { nullable: true, description: 'Deletes an official. Recorded in the change log. Needs an EDITOR key.' })
  officialDelete(@Arg('input', () => OfficialDeleteInput, { description: 'The official to delete.' }) input: OfficialDeleteInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => deleteOfficial(w, input), (deletedOfficialId) => ({ deletedOfficialId }));
  }

  @Mutation(() => OfficialMergePayload, {
    nullable: true,
    description: 'Merges a duplicate official into another in one transaction: the positions and meetings move to the kept one, the duplicate is deleted. Recorded in the change log. Needs an EDITOR key.',
  })
  officialMerge(@Arg('input', () => OfficialMergeInput, { description: 'The official to keep and their duplicate.' }) input: OfficialMergeInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => mergeOfficials(w, input), (result) => result);
  }
}
