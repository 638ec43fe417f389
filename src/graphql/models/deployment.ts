/** Deployment in the schema: the type, list, filters and mutations derived from its definition, and its relations. */
import { Field, ID, InputType } from 'type-graphql';
import {
  createDeployment,
  deleteDeployment,
  deploymentModel,
  deploymentHostIds,
  deploymentPositionIds,
  deploymentStatusChangeIds,
  deploymentStatusEnum,
  mergeDeployments,
  statusHistoryOrder,
  updateDeployment,
  type DeploymentRecord,
} from '../../data/models/deployment.ts';
import { Actor } from '../actor.interface.ts';
import { Country } from './country.ts';
import { DeploymentStatusChange } from './deployment-status-change.ts';
import { Audited } from '../audited.interface.ts';
import { positionSchema } from './position.ts';
import { connectionRelations, nodeRelations } from '../model-schema.ts';
import { enumType } from '../enum-type.ts';
import { ModelInputFields, modelSchema, mutationResolver, NodeObjectType } from '../model-schema.ts';
import { Node } from '../node.interface.ts';
import { stanceSummaryField } from '../stance-summary/stance-summary.ts';

/** The type's values are the records the data layer reads (with the row ids its relations follow). */
export const Deployment = NodeObjectType<DeploymentRecord>(deploymentModel, [Node, Audited]);
export type Deployment = DeploymentRecord;

export const deploymentSchema = modelSchema(deploymentModel, Deployment);
/** The DeploymentStatus enum type (the import names it too). */
export const DeploymentStatusEnum = enumType(deploymentStatusEnum);

/** Deployment's stanceSummary: of the positions taken on it. */
export const DeploymentStanceSummaryField = stanceSummaryField(
  Deployment,
  deploymentPositionIds,
  'Counts of the positions taken on this deployment, by stance and by holder (who says what about it).',
);

/** Deployment's fields that follow references and short lists. */
export const DeploymentNodeRelations = nodeRelations(Deployment, {
  references: {
    operator: {
      description: 'Who operates the deployed system; null when the source does not say.',
      target: () => Actor,
    },
    host: {
      description: 'The country the system is placed in (the first, when it spans several; see hosts); null when the source does not say.',
      target: () => Country,
    },
  },
  lists: {
    hosts: {
      description: 'Every country the system is placed in; empty when the source does not say.',
      target: () => Country,
      ids: deploymentHostIds,
      maxItems: 50,
    },
    statusHistory: {
      description: 'How its status changed, as reports give it, oldest first (undated changes before dated ones); its status is the latest.',
      target: () => DeploymentStatusChange,
      ids: deploymentStatusChangeIds,
      maxItems: 100,
      items: 'changes',
      orderBy: statusHistoryOrder,
    },
  },
});

/** Deployment's connections to other nodes. */
export const DeploymentRelations = connectionRelations(Deployment, {
  positions: { description: 'Positions taken on this deployment.', target: () => positionSchema, ids: deploymentPositionIds },
});

@InputType('DeploymentCreateInput', { description: 'A deployment to record.' })
export class DeploymentCreateInput extends ModelInputFields(deploymentModel, 'create') {
  @Field(() => ID, { nullable: true, description: 'Who operates it: a Country or an Organization.' })
  operatorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The country it is placed in.' })
  hostId?: string | null;
}

@InputType('DeploymentUpdateInput', { description: 'Changes to a deployment; fields left out stay as they are, nullable fields set to null are cleared.' })
export class DeploymentUpdateInput extends ModelInputFields(deploymentModel, 'update') {
  @Field(() => ID, { nullable: true, description: 'The new operator (a Country or an Organization); null clears it.' })
  operatorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The new host country; null clears it.' })
  hostId?: string | null;
}

export const DeploymentMutationResolver = mutationResolver(deploymentModel, Deployment, {
  create: { description: 'Records a deployment.', input: DeploymentCreateInput, run: createDeployment },
  update: {
    description: 'Changes a deployment (its status as it progresses, a corrected location…).',
    input: DeploymentUpdateInput,
    run: updateDeployment,
  },
  delete: {
    description: 'Deletes a deployment no position is about. Recorded in the change log.',
    input: {
      description: 'A deployment to delete.',
      id: 'The deployment to delete. Refused (IN_USE) while positions are about it.',
    },
    run: deleteDeployment,
  },
  merge: {
    description:
      "Joins two records of one deployment (one site reported under two names): positions, status history and host countries move to the kept one, the duplicate's names become its aliases, and the duplicate is deleted. Refused for two systems or two locations. Recorded in the change log of both.",
    input: {
      description: 'Two records of one deployment: the one to keep and its duplicate.',
      duplicateId: 'The deployment to delete; everything of it moves to the kept one, and its names become aliases.',
    },
    run: mergeDeployments,
  },
});
