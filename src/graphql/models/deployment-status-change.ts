/** DeploymentStatusChange in the schema: the type derived from its definition, and the article its quote is from. */
import { deploymentStatusChangeModel, type DeploymentStatusChangeRecord } from '../../data/models/deployment.ts';
import { Audited } from '../audited.interface.ts';
import { NodeObjectType, nodeRelations } from '../model-schema.ts';
import { Node } from '../node.interface.ts';
import { Article } from './article.ts';

export const DeploymentStatusChange = NodeObjectType<DeploymentStatusChangeRecord>(deploymentStatusChangeModel, [Node, Audited]);
export type DeploymentStatusChange = DeploymentStatusChangeRecord;

export const DeploymentStatusChangeNodeRelations = nodeRelations(DeploymentStatusChange, {
  references: {
    article: {
      description: 'The article that reports the change (its quote is from it); null for a change recorded by hand.',
      target: () => Article,
    },
  },
});
