import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs, type Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { Actor } from '../actor/actor.type.ts';
import { Country } from '../country/country.type.ts';
import { PositionConnection, type Position } from '../position/position.type.ts';
import { deploymentIds, deploymentPositionIds } from './deployment.service.ts';
import { Deployment, DeploymentConnection } from './deployment.type.ts';

@Resolver(() => Deployment)
export class DeploymentResolver {
  @Query(() => DeploymentConnection, { description: 'All deployments, in the order they were recorded.' })
  deployments(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Deployment>> {
    return loaders.rootConnection(deploymentIds, args, loaders.deployment);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Who operates the deployed system; null when the source does not say.' })
  async operator(@Root() deployment: Deployment, @Ctx() { loaders }: GraphQLContext): Promise<Actor | null> {
    return deployment.operatorRowId == null ? null : loaders.actor.load(deployment.operatorRowId);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The country the system is placed in; null when the source does not say.' })
  async host(@Root() deployment: Deployment, @Ctx() { loaders }: GraphQLContext): Promise<Country | null> {
    return deployment.hostRowId == null ? null : loaders.country.load(deployment.hostRowId);
  }

  @FieldResolver(() => PositionConnection, { description: 'Positions taken on this deployment.' })
  positions(@Root() deployment: Deployment, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Position>> {
    return loaders.linkedConnection(deploymentPositionIds, deployment.rowId, args, loaders.position);
  }
}
