import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { Actor } from '../../graphql/models/actor.ts';
import { Country } from '../../graphql/models/country.ts';
import { PositionConnection, type Position } from '../../graphql/models/position.ts';
import { PositionFilter } from '../../graphql/models/position.ts';
import { positionListing, PositionListArgs } from '../../graphql/models/position.ts';
import { stanceSummaryOf } from '../stance-summary/stance-summary.resolver.ts';
import { StanceSummary } from '../stance-summary/stance-summary.type.ts';
import { deploymentListing, DeploymentListArgs } from './deployment.listing.ts';
import { deploymentPositionIds } from './deployment.service.ts';
import { Deployment, DeploymentConnection } from './deployment.type.ts';
import { actorNodes } from '../../data/models/actor.ts';
import { countryNodes } from '../../data/models/country.ts';

@Resolver(() => Deployment)
export class DeploymentResolver {
  @Query(() => DeploymentConnection, { description: 'Deployments, filtered and ordered as asked (by default all of them, in the order they were recorded).' })
  deployments(@Args(() => DeploymentListArgs) args: DeploymentListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Deployment>> {
    return loaders.rootConnection(deploymentListing, args);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Who operates the deployed system; null when the source does not say.' })
  async operator(@Root() deployment: Deployment, @Ctx() { loaders }: GraphQLContext): Promise<Actor | null> {
    return deployment.operatorRowId == null ? null : loaders.node(actorNodes).load(deployment.operatorRowId);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The country the system is placed in; null when the source does not say.' })
  async host(@Root() deployment: Deployment, @Ctx() { loaders }: GraphQLContext): Promise<Country | null> {
    return deployment.hostRowId == null ? null : loaders.node(countryNodes).load(deployment.hostRowId);
  }

  @FieldResolver(() => PositionConnection, { description: 'Positions taken on this deployment.' })
  positions(@Root() deployment: Deployment, @Args(() => PositionListArgs) args: PositionListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Position>> {
    return loaders.linkedConnection(deploymentPositionIds, positionListing, deployment.rowId, args);
  }

  @FieldResolver(() => StanceSummary, { description: 'Counts of the positions taken on this deployment, by stance and by holder (who says what about it).' })
  stanceSummary(
    @Root() deployment: Deployment,
    @Arg('filter', () => PositionFilter, { nullable: true, description: 'Only the positions that match every condition given.' }) filter: PositionFilter | null,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<StanceSummary> {
    return stanceSummaryOf(loaders, deploymentPositionIds, deployment.rowId, filter);
  }
}
