import { Arg, Args, Ctx, Extensions, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { Actor } from '../actor/actor.type.ts';
import { Deployment } from '../deployment/deployment.type.ts';
import { Evidence } from '../evidence/evidence.type.ts';
import { Meeting } from '../meeting/meeting.type.ts';
import { Official } from '../official/official.type.ts';
import { positionListing, PositionListArgs } from './position.listing.ts';
import { Position, PositionConnection } from './position.type.ts';
import { firstArgument, firstItems, listBound } from '../../graphql/list-bounds.ts';

/** The most of each list one can ask for (src/graphql/list-bounds.ts): beyond any joint statement or citation count seen. */
const maxPositionLinks = 50;
const maxEvidence = 100;

@Resolver(() => Position)
export class PositionResolver {
  @Query(() => PositionConnection, { description: 'Positions, filtered and ordered as asked (by default all of them, in the order they were recorded).' })
  positions(@Args(() => PositionListArgs) args: PositionListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Position>> {
    return loaders.rootConnection(positionListing, args);
  }

  @Extensions(listBound(maxPositionLinks))
  @FieldResolver(() => [Official], { description: 'The officials who voiced the position; empty when the source attributes it to no one by name.' })
  async speakers(
    @Root() position: Position,
    @Arg('first', () => Int, firstArgument(maxPositionLinks, 'speakers')) first: number,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Official[]> {
    return firstItems(await loaders.positionSpeakers.load(position.rowId), first, maxPositionLinks);
  }

  @Extensions(listBound(maxPositionLinks))
  @FieldResolver(() => [Actor], { description: 'The countries or organizations that hold the position; several for a joint statement.' })
  async holders(
    @Root() position: Position,
    @Arg('first', () => Int, firstArgument(maxPositionLinks, 'holders')) first: number,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Actor[]> {
    return firstItems(await loaders.positionHolders.load(position.rowId), first, maxPositionLinks);
  }

  @Extensions(listBound(maxPositionLinks))
  @FieldResolver(() => [Actor], { description: 'The countries or organizations the position calls on or is directed at; empty when none is named.' })
  async addressees(
    @Root() position: Position,
    @Arg('first', () => Int, firstArgument(maxPositionLinks, 'addressees')) first: number,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Actor[]> {
    return firstItems(await loaders.positionAddressees.load(position.rowId), first, maxPositionLinks);
  }

  @FieldResolver(() => Deployment, { nullable: true, description: 'The deployment the position is about; null when it is about a topic.' })
  async deployment(@Root() position: Position, @Ctx() { loaders }: GraphQLContext): Promise<Deployment | null> {
    return position.deploymentRowId == null ? null : loaders.deployment.load(position.deploymentRowId);
  }

  @FieldResolver(() => Meeting, { nullable: true, description: 'The meeting where the position was stated; null when not stated at a known meeting.' })
  async meeting(@Root() position: Position, @Ctx() { loaders }: GraphQLContext): Promise<Meeting | null> {
    return position.meetingRowId == null ? null : loaders.meeting.load(position.meetingRowId);
  }

  @Extensions(listBound(maxEvidence))
  @FieldResolver(() => [Evidence], { description: 'The article spans that report the position, by article and offset; at least one.' })
  async evidence(
    @Root() position: Position,
    @Arg('first', () => Int, firstArgument(maxEvidence, 'spans')) first: number,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Evidence[]> {
    return firstItems(await loaders.positionEvidence.load(position.rowId), first, maxEvidence);
  }
}
