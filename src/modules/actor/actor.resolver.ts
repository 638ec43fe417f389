import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { deploymentListing, DeploymentListArgs } from '../../graphql/models/deployment.ts';
import { operatedDeploymentIds } from '../../data/models/deployment.ts';
import { DeploymentConnection, type Deployment } from '../../graphql/models/deployment.ts';
import { PositionFilter } from '../../graphql/models/position.ts';
import { positionListing, PositionListArgs } from '../../graphql/models/position.ts';
import { stanceSummaryOf } from '../../graphql/stance-summary/stance-summary.resolver.ts';
import { StanceSummary } from '../../graphql/stance-summary/stance-summary.type.ts';
import { heldPositionIds } from '../../data/models/position.ts';
import { PositionConnection, type Position } from '../../graphql/models/position.ts';
import { Actor } from './actor.type.ts';

/** Relations every actor has, whether a country or an organization. */
@Resolver(() => Actor)
export class ActorResolver {
  @FieldResolver(() => PositionConnection, { description: 'Positions this actor holds, alone or jointly with others.' })
  positions(@Root() actor: Actor, @Args(() => PositionListArgs) args: PositionListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Position>> {
    return loaders.linkedConnection(heldPositionIds, positionListing, actor.rowId, args);
  }

  @FieldResolver(() => StanceSummary, { description: 'Counts of the positions this actor holds, by stance and by deployment and topic (its stances on each).' })
  stanceSummary(
    @Root() actor: Actor,
    @Arg('filter', () => PositionFilter, { nullable: true, description: 'Only the positions that match every condition given.' }) filter: PositionFilter | null,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<StanceSummary> {
    return stanceSummaryOf(loaders, heldPositionIds, actor.rowId, filter);
  }

  @FieldResolver(() => DeploymentConnection, { description: 'Deployments this actor operates.' })
  operatedDeployments(
    @Root() actor: Actor,
    @Args(() => DeploymentListArgs) args: DeploymentListArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Connection<Deployment>> {
    return loaders.linkedConnection(operatedDeploymentIds, deploymentListing, actor.rowId, args);
  }
}
