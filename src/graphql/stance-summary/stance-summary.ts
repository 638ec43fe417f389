import { Extensions, Field, Int, ObjectType } from 'type-graphql';
import { listBound } from '../list-bounds.ts';
import { positionModel, Stance, stanceEnum } from '../../data/models/position.ts';
import { enumType } from '../enum-type.ts';
import type { SummaryScope } from '../../data/stance-summaries.ts';
import type { IdSource } from '../../db/pages.ts';
import { listingOf } from '../../data/model-listing.ts';
import type { Loaders } from '../loaders.ts';

/** `byStance` holds one count per stance. */
export const stanceCount = Object.keys(Stance).length;

@ObjectType('StanceCount', { description: 'How many positions take one stance.' })
export class StanceCount {
  @Field(() => enumType(stanceEnum), { description: 'The stance.' })
  stance!: Stance;

  @Field(() => Int, { description: 'The number of positions taking it.' })
  count!: number;
}

@ObjectType('HolderStanceSummary', { description: 'The stances of the positions one country or organization holds, within a summary.' })
export class HolderStanceSummary {
  holderRowId!: number;

  @Field(() => Int, { description: 'The number of positions it holds (a joint position counts for each of its holders).' })
  totalCount!: number;

  @Extensions(listBound(stanceCount))
  @Field(() => [StanceCount], { description: 'The count for every stance, in the order of the Stance enum; zero where none.' })
  byStance!: StanceCount[];
}

@ObjectType('DeploymentStanceSummary', { description: 'The stances of the positions taken on one deployment, within a summary.' })
export class DeploymentStanceSummary {
  deploymentRowId!: number;

  @Field(() => Int, { description: 'The number of positions on the deployment.' })
  totalCount!: number;

  @Extensions(listBound(stanceCount))
  @Field(() => [StanceCount], { description: 'The count for every stance, in the order of the Stance enum; zero where none.' })
  byStance!: StanceCount[];
}

@ObjectType('TopicStanceSummary', { description: 'The stances of the positions taken on one topic, within a summary.' })
export class TopicStanceSummary {
  @Field(() => String, { description: 'The topic, as recorded on the positions ("Six Party Talks").' })
  topic!: string;

  @Field(() => Int, { description: 'The number of positions on the topic.' })
  totalCount!: number;

  @Extensions(listBound(stanceCount))
  @Field(() => [StanceCount], { description: 'The count for every stance, in the order of the Stance enum; zero where none.' })
  byStance!: StanceCount[];
}

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
