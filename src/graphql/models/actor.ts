/** The relations every Actor (src/graphql/actor.interface.ts) has, whether a country or an organization. */
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ActorRecord } from '../../data/models/actor.ts';
import { heldPositionIds } from '../../data/models/position.ts';
import { deploymentListing, DeploymentListArgs } from './deployment.ts';
import { operatedDeploymentIds } from '../../data/models/deployment.ts';
import { DeploymentConnection, type Deployment } from './deployment.ts';
import { stanceSummaryOf } from '../stance-summary/stance-summary.ts';
import { StanceSummary } from '../stance-summary/stance-summary.ts';
import type { Connection } from '../connection.ts';
import type { GraphQLContext } from '../context.ts';
import { Actor } from '../actor.interface.ts';
import { PositionConnection, PositionFilter, positionListing, PositionListArgs, type Position } from './position.ts';

/** Relations every actor has, whether a country or an organization. */
@Resolver(() => Actor)
export class ActorResolver {
  @FieldResolver(() => PositionConnection, { description: 'Positions this actor holds, alone or jointly with others.' })
  positions(
    @Root() actor: ActorRecord,
    @Args(() => PositionListArgs) args: PositionListArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Connection<Position>> {
    return loaders.linkedConnection(heldPositionIds, positionListing, actor.rowId, args);
  }

  @FieldResolver(() => StanceSummary, { description: 'Counts of the positions this actor holds, by stance and by deployment and topic (its stances on each).' })
  stanceSummary(
    @Root() actor: ActorRecord,
    @Arg('filter', () => PositionFilter, { nullable: true, description: 'Only the positions that match every condition given.' }) filter: PositionFilter | null,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<StanceSummary> {
    return stanceSummaryOf(loaders, heldPositionIds, actor.rowId, filter);
  }

  @FieldResolver(() => DeploymentConnection, { description: 'Deployments this actor operates.' })
  operatedDeployments(
    @Root() actor: ActorRecord,
    @Args(() => DeploymentListArgs) args: DeploymentListArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Connection<Deployment>> {
    return loaders.linkedConnection(operatedDeploymentIds, deploymentListing, actor.rowId, args);
  }
}
