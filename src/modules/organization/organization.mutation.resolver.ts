import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.ts';
import { mutate } from '../../graphql/mutation.ts';
import { OrganizationCreateInput, OrganizationDeleteInput, OrganizationMergeInput, OrganizationUpdateInput } from './organization.input.ts';
import { createOrganization, deleteOrganization, mergeOrganizations, updateOrganization } from './organization.mutation.service.ts';
import { OrganizationCreatePayload, OrganizationDeletePayload, OrganizationMergePayload, OrganizationUpdatePayload } from './organization.payload.ts';

@Resolver()
export class OrganizationMutationResolver {
  @Mutation(() => OrganizationCreatePayload, { nullable: true, description: 'Records an organization. Needs an EDITOR key.' })
  organizationCreate(@Arg('input', () => OrganizationCreateInput, { description: 'The organization.' }) input: OrganizationCreateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => createOrganization(w, input), (organization) => ({ organization }));
  }

  @Mutation(() => OrganizationUpdatePayload, { nullable: true, description: 'Changes an organization\'s name, acronym, aliases or members. Needs an EDITOR key.' })
  organizationUpdate(@Arg('input', () => OrganizationUpdateInput, { description: 'The changes.' }) input: OrganizationUpdateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => updateOrganization(w, input), (organization) => ({ organization }));
  }

  @Mutation(() => OrganizationDeletePayload, { nullable: true, description: 'Deletes an organization that no position names. Recorded in the change log. Needs an EDITOR key.' })
  organizationDelete(@Arg('input', () => OrganizationDeleteInput, { description: 'The organization to delete.' }) input: OrganizationDeleteInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => deleteOrganization(w, input), (deletedOrganizationId) => ({ deletedOrganizationId }));
  }

  @Mutation(() => OrganizationMergePayload, {
    nullable: true,
    description: 'Merges a duplicate organization into another in one transaction: every relation moves to the kept one, the duplicate is deleted. Recorded in the change log. Needs an EDITOR key.',
  })
  organizationMerge(@Arg('input', () => OrganizationMergeInput, { description: 'The organization to keep and its duplicate.' }) input: OrganizationMergeInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => mergeOrganizations(w, input), (result) => result);
  }
}
