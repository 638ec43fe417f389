import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.ts';
import { mutate } from '../../graphql/mutation.ts';
import { EvidenceCreateInput, EvidenceDeleteInput } from './evidence.input.ts';
import { createEvidence, deleteEvidence } from './evidence.mutation.service.ts';
import { EvidenceCreatePayload, EvidenceDeletePayload } from './evidence.payload.ts';

@Resolver()
export class EvidenceMutationResolver {
  @Mutation(() => EvidenceCreatePayload, { nullable: true, description: 'Adds a quote from an article to a position as evidence (its offsets are computed). Needs an EDITOR key.' })
  evidenceCreate(@Arg('input', () => EvidenceCreateInput, { description: 'The position and the quote.' }) input: EvidenceCreateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => createEvidence(w, input), (result) => result);
  }

  @Mutation(() => EvidenceDeletePayload, { nullable: true, description: 'Removes evidence from its position (never the last one). Recorded in the change log. Needs an EDITOR key.' })
  evidenceDelete(@Arg('input', () => EvidenceDeleteInput, { description: 'The evidence to remove.' }) input: EvidenceDeleteInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => deleteEvidence(w, input), (result) => result);
  }
}
