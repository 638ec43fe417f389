import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ConnectionArgs, type Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { operatedDeploymentIds } from '../deployment/deployment.service.ts';
import { DeploymentConnection, type Deployment } from '../deployment/deployment.type.ts';
import { heldPositionIds } from '../position/position.service.ts';
import { PositionConnection, type Position } from '../position/position.type.ts';
import { Actor } from './actor.type.ts';

/** Relations every actor has, whether a country or an organization. */
@Resolver(() => Actor)
export class ActorResolver {
  @FieldResolver(() => PositionConnection, { description: 'Positions this actor holds, alone or jointly with others.' })
  positions(@Root() actor: Actor, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Position>> {
    return loaders.linkedConnection(heldPositionIds, actor.rowId, args, loaders.position);
  }

  @FieldResolver(() => DeploymentConnection, { description: 'Deployments this actor operates.' })
  operatedDeployments(
    @Root() actor: Actor,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Connection<Deployment>> {
    return loaders.linkedConnection(operatedDeploymentIds, actor.rowId, args, loaders.deployment);
  }
}
