import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.ts';
import { mutate } from '../../graphql/mutation.ts';
import { DeploymentCreateInput, DeploymentDeleteInput, DeploymentUpdateInput } from './deployment.input.ts';
import { createDeployment, deleteDeployment, updateDeployment } from './deployment.mutation.service.ts';
import { DeploymentCreatePayload, DeploymentDeletePayload, DeploymentUpdatePayload } from './deployment.payload.ts';

@Resolver()
export class DeploymentMutationResolver {
  @Mutation(() => DeploymentCreatePayload, { nullable: true, description: 'Records a deployment. Needs an EDITOR key.' })
  deploymentCreate(@Arg('input', () => DeploymentCreateInput, { description: 'The deployment.' }) input: DeploymentCreateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => createDeployment(w, input), (deployment) => ({ deployment }));
  }

  @Mutation(() => DeploymentUpdatePayload, { nullable: true, description: 'Changes a deployment (its status as it progresses, a corrected location…). Needs an EDITOR key.' })
  deploymentUpdate(@Arg('input', () => DeploymentUpdateInput, { description: 'The changes.' }) input: DeploymentUpdateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => updateDeployment(w, input), (deployment) => ({ deployment }));
  }

  @Mutation(() => DeploymentDeletePayload, { nullable: true, description: 'Deletes a deployment no position is about. Recorded in the change log. Needs an EDITOR key.' })
  deploymentDelete(@Arg('input', () => DeploymentDeleteInput, { description: 'The deployment to delete.' }) input: DeploymentDeleteInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => deleteDeployment(w, input), (deletedDeploymentId) => ({ deletedDeploymentId }));
  }
}
