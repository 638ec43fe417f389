import { Arg, Ctx, Extensions, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.ts';
import { badUserInput } from '../errors.ts';
import type { Loaders } from '../loaders.ts';
import { listBound } from '../list-bounds.ts';
import { Actor } from '../actor.interface.ts';
import { Deployment } from '../models/deployment.ts';
import { PositionFilter } from '../models/position.ts';
import { allStances, type Dimension } from '../../data/stance-summaries.ts';
import { DeploymentStanceSummary, HolderStanceSummary, StanceCount, stanceCount, StanceSummary, TopicStanceSummary } from './stance-summary.ts';
import { stanceSummaryOf } from './stance-summary.ts';
import { actorNodes } from '../../data/models/actor.ts';
import { deploymentNodes } from '../../data/models/deployment.ts';

const maxGroups = 100;
const defaultGroups = 10;

function groupCount(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > maxGroups) {
    throw badUserInput(`Argument "first" must be between 1 and ${maxGroups}, got ${first}`, 'first');
  }
  return first;
}

async function breakdown(loaders: Loaders, summary: StanceSummary, dimension: Dimension, first: number) {
  return loaders.stanceBreakdown.load({ scope: summary.scope, dimension, first: groupCount(first) });
}

const firstArgument = { defaultValue: defaultGroups, description: `How many groups to return, largest first (1..${maxGroups}).` };

@Resolver(() => StanceSummary)
export class StanceSummaryResolver {
  @Query(() => StanceSummary, {
    description: 'Counts of all positions, or of those matching a filter, by stance and broken down by holder, deployment and topic.',
  })
  stanceSummary(
    @Arg('filter', () => PositionFilter, { nullable: true, description: 'Only the positions that match every condition given.' }) filter: PositionFilter | null,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<StanceSummary> {
    return stanceSummaryOf(loaders, null, 0, filter);
  }

  @FieldResolver(() => Int, { description: 'The number of positions in the set.' })
  async totalCount(@Root() summary: StanceSummary, @Ctx() { loaders }: GraphQLContext): Promise<number> {
    const counts = await loaders.stanceCounts.load(summary.scope);
    return [...(counts?.values() ?? [])].reduce((sum, count) => sum + count, 0);
  }

  @Extensions(listBound(stanceCount))
  @FieldResolver(() => [StanceCount], { description: 'The count for every stance, in the order of the Stance enum; zero where none.' })
  async byStance(@Root() summary: StanceSummary, @Ctx() { loaders }: GraphQLContext): Promise<StanceCount[]> {
    return allStances(await loaders.stanceCounts.load(summary.scope));
  }

  @Extensions(listBound(maxGroups))
  @FieldResolver(() => [HolderStanceSummary], { description: 'The countries and organizations holding the most positions of the set, with their stances.' })
  async byHolder(
    @Root() summary: StanceSummary,
    @Arg('first', () => Int, firstArgument) first: number,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<HolderStanceSummary[]> {
    return (await breakdown(loaders, summary, 'holder', first)).map((entry) =>
      Object.assign(new HolderStanceSummary(), { holderRowId: Number(entry.key), totalCount: entry.total, byStance: allStances(entry.byStance) }),
    );
  }

  @Extensions(listBound(maxGroups))
  @FieldResolver(() => [DeploymentStanceSummary], { description: 'The deployments most positions of the set are about, with their stances.' })
  async byDeployment(
    @Root() summary: StanceSummary,
    @Arg('first', () => Int, firstArgument) first: number,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<DeploymentStanceSummary[]> {
    return (await breakdown(loaders, summary, 'deployment', first)).map((entry) =>
      Object.assign(new DeploymentStanceSummary(), { deploymentRowId: Number(entry.key), totalCount: entry.total, byStance: allStances(entry.byStance) }),
    );
  }

  @Extensions(listBound(maxGroups))
  @FieldResolver(() => [TopicStanceSummary], { description: 'The topics (other than deployments) most positions of the set are about, with their stances.' })
  async byTopic(
    @Root() summary: StanceSummary,
    @Arg('first', () => Int, firstArgument) first: number,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<TopicStanceSummary[]> {
    return (await breakdown(loaders, summary, 'topic', first)).map((entry) =>
      Object.assign(new TopicStanceSummary(), { topic: entry.key, totalCount: entry.total, byStance: allStances(entry.byStance) }),
    );
  }
}

/** Foreign keys guarantee these rows; a miss means the data changed under the request. */
function required<T>(value: T | null, typeName: string, rowId: number): T {
  if (value == null) throw new Error(`${typeName} ${rowId} of a stance summary was not found`);
  return value;
}

@Resolver(() => HolderStanceSummary)
export class HolderStanceSummaryResolver {
  @FieldResolver(() => Actor, { description: 'The country or organization.' })
  async holder(@Root() entry: HolderStanceSummary, @Ctx() { loaders }: GraphQLContext): Promise<Actor> {
    return required(await loaders.node(actorNodes).load(entry.holderRowId), 'Actor', entry.holderRowId);
  }
}

@Resolver(() => DeploymentStanceSummary)
export class DeploymentStanceSummaryResolver {
  @FieldResolver(() => Deployment, { description: 'The deployment.' })
  async deployment(@Root() entry: DeploymentStanceSummary, @Ctx() { loaders }: GraphQLContext): Promise<Deployment> {
    return required(await loaders.node(deploymentNodes).load(entry.deploymentRowId), 'Deployment', entry.deploymentRowId);
  }
}
