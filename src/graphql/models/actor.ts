/** The relations every Actor (src/graphql/actor.interface.ts) has, whether a country or an organization. */
import { heldPositionIds } from '../../data/models/position.ts';
import { operatedDeploymentIds } from '../../data/models/deployment.ts';
import { positionSchema } from './position.ts';
import { deploymentSchema } from './deployment.ts';
import { connectionRelations } from '../model-schema.ts';
import { Actor } from '../actor.interface.ts';
import { stanceSummaryField } from '../stance-summary/stance-summary.ts';

/** Actor's stanceSummary: of the positions it holds. */
export const ActorStanceSummaryField = stanceSummaryField(
  Actor,
  heldPositionIds,
  'Counts of the positions this actor holds, by stance and by deployment and topic (its stances on each).',
);

/** Actor's connections to other nodes. */
export const ActorRelations = connectionRelations(Actor, {
  positions: { description: 'Positions this actor holds, alone or jointly with others.', target: () => positionSchema, ids: heldPositionIds },
  operatedDeployments: { description: 'Deployments this actor operates.', target: () => deploymentSchema, ids: operatedDeploymentIds },
});
