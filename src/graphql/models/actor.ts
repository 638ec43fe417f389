/** The relations every Actor (src/graphql/actor.interface.ts) has, whether a country or an organization. */
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ActorRecord } from '../../data/models/actor.ts';
import { heldPositionIds } from '../../data/models/position.ts';
import { operatedDeploymentIds } from '../../data/models/deployment.ts';
import { stanceSummaryOf } from '../stance-summary/stance-summary.ts';
import { StanceSummary } from '../stance-summary/stance-summary.ts';
import type { GraphQLContext } from '../context.ts';
import { positionSchema } from './position.ts';
import { deploymentSchema } from './deployment.ts';
import { connectionRelations } from '../model-schema.ts';
import { Actor } from '../actor.interface.ts';
import { PositionFilter } from './position.ts';

/** Relations every actor has, whether a country or an organization. */
@Resolver(() => Actor)
export class ActorResolver {
  @FieldResolver(() => StanceSummary, { description: 'Counts of the positions this actor holds, by stance and by deployment and topic (its stances on each).' })
  stanceSummary(
    @Root() actor: ActorRecord,
    @Arg('filter', () => PositionFilter, { nullable: true, description: 'Only the positions that match every condition given.' }) filter: PositionFilter | null,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<StanceSummary> {
    return stanceSummaryOf(loaders, heldPositionIds, actor.rowId, filter);
  }
}

/** Actor's connections to other nodes. */
export const ActorRelations = connectionRelations(Actor, {
  positions: { description: 'Positions this actor holds, alone or jointly with others.', target: () => positionSchema, ids: heldPositionIds },
  operatedDeployments: { description: 'Deployments this actor operates.', target: () => deploymentSchema, ids: operatedDeploymentIds },
});
