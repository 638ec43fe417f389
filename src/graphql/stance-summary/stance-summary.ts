import { Arg, Ctx, Extensions, Field, FieldResolver, Int, ObjectType, Resolver, Root, type ClassType } from 'type-graphql';
import { listBound } from '../list-bounds.ts';
import { positionModel, Stance, stanceEnum } from '../../data/models/position.ts';
import { enumType } from '../enum-type.ts';
import type { SummaryScope } from '../../data/stance-summaries.ts';
import type { IdSource } from '../../db/pages.ts';
import { listingOf } from '../../data/model-listing.ts';
import type { Loaders } from '../loaders.ts';
import type { HasRowId } from '../connection.ts';
import type { GraphQLContext } from '../context.ts';
import { filterTypeOf } from '../model-schema.ts';

/** `byStance` holds one count per stance. */
export const stanceCount = Object.keys(Stance).length;

@ObjectType('StanceCount', { description: 'How many positions take one stance.' })
export class StanceCount {
  @Field(() => enumType(stanceEnum), { description: 'The stance.' })
  stance!: Stance;

  @Field(() => Int, { description: 'The number of positions taking it.' })
  count!: number;
}

/** What every group of a summary (a holder's, a deployment's, a topic's) says of its positions. */
abstract class StanceGroup {
  totalCount!: number;
  byStance!: StanceCount[];
}

/** Declares the fields of `StanceGroup` on a group's type, with what its `totalCount` counts. */
function declareStanceGroupFields(type: { prototype: StanceGroup }, totalCountDescription: string): void {
  Field(() => Int, { description: totalCountDescription })(type.prototype, 'totalCount');
  Field(() => [StanceCount], { description: 'The count for every stance, in the order of the Stance enum; zero where none.' })(type.prototype, 'byStance');
  Extensions(listBound(stanceCount))(type.prototype, 'byStance');
}

@ObjectType('HolderStanceSummary', { description: 'The stances of the positions one country or organization holds, within a summary.' })
export class HolderStanceSummary extends StanceGroup {
  holderRowId!: number;
}
declareStanceGroupFields(HolderStanceSummary, 'The number of positions it holds (a joint position counts for each of its holders).');

@ObjectType('DeploymentStanceSummary', { description: 'The stances of the positions taken on one deployment, within a summary.' })
export class DeploymentStanceSummary extends StanceGroup {
  deploymentRowId!: number;
}
declareStanceGroupFields(DeploymentStanceSummary, 'The number of positions on the deployment.');

@ObjectType('TopicStanceSummary', { description: 'The stances of the positions taken on one topic, within a summary.' })
export class TopicStanceSummary extends StanceGroup {
  @Field(() => String, { description: 'The topic, as recorded on the positions ("Six Party Talks").' })
  topic!: string;
}
declareStanceGroupFields(TopicStanceSummary, 'The number of positions on the topic.');

@ObjectType('StanceSummary', {
  description:
    'Counts of the positions in a set (all positions, or those on a deployment or held by an actor, narrowed by a filter), by stance and broken down by holder, deployment and topic. Computed in SQL.',
})
export class StanceSummary {
  scope!: SummaryScope;
}

/** A summary of the positions tied to `parentId` through `source` (all positions when null), narrowed by `filter`. */
export async function stanceSummaryOf(
  loaders: Loaders,
  source: IdSource | null,
  parentId: number,
  filter: Record<string, unknown> | null | undefined,
): Promise<StanceSummary> {
  // Without a filter too: proposals under review are not counted unless the filter asks for them.
  const where = await listingOf(positionModel).where(filter ?? {}, loaders.refs);
  return Object.assign(new StanceSummary(), { scope: { source, parentId, where, whereKey: JSON.stringify(filter ?? null) } });
}

/**
 * `stanceSummary(filter:)` on a node type (an actor, a deployment, an official), as a resolver
 * class: the summary of the positions tied to the node through `positionIds`.
 */
export function stanceSummaryField(nodeType: abstract new () => object, positionIds: IdSource, description: string) {
  @Resolver(() => nodeType as ClassType)
  class StanceSummaryField {
    @FieldResolver(() => StanceSummary, { description })
    stanceSummary(
      @Root() node: HasRowId,
      @Arg('filter', () => filterTypeOf(positionModel), { nullable: true, description: 'Only the positions that match every condition given.' })
      filter: Record<string, unknown> | null,
      @Ctx() { loaders }: GraphQLContext,
    ): Promise<StanceSummary> {
      return stanceSummaryOf(loaders, positionIds, node.rowId, filter);
    }
  }
  return StanceSummaryField;
}
