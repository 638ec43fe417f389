import { Field, ID, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutation.ts';
import { Deployment } from './deployment.type.ts';

@ObjectType('DeploymentCreatePayload', { description: 'The result of deploymentCreate.' })
export class DeploymentCreatePayload extends MutationPayload {
  @Field(() => Deployment, { nullable: true, description: 'The deployment created; null when there are userErrors.' })
  deployment?: Deployment | null;
}

@ObjectType('DeploymentUpdatePayload', { description: 'The result of deploymentUpdate.' })
export class DeploymentUpdatePayload extends MutationPayload {
  @Field(() => Deployment, { nullable: true, description: 'The deployment as changed; null when there are userErrors.' })
  deployment?: Deployment | null;
}

@ObjectType('DeploymentDeletePayload', { description: 'The result of deploymentDelete.' })
export class DeploymentDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The ID of the deployment deleted; null when there are userErrors.' })
  deletedDeploymentId?: string | null;
}
