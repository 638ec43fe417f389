import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.ts';
import { Article } from '../article/article.type.ts';
import { Position } from '../../graphql/models/position.ts';
import { Evidence } from './evidence.type.ts';
import { articleNodes } from '../article/article.listing.ts';
import { positionNodes } from '../../data/models/position.ts';

@Resolver(() => Evidence)
export class EvidenceResolver {
  @FieldResolver(() => Article, { description: 'The article the text is quoted from.' })
  async article(@Root() evidence: Evidence, @Ctx() { loaders }: GraphQLContext): Promise<Article> {
    return required(await loaders.node(articleNodes).load(evidence.articleRowId), 'Article', evidence.articleRowId);
  }

  @FieldResolver(() => Position, { description: 'The position this text reports.' })
  async position(@Root() evidence: Evidence, @Ctx() { loaders }: GraphQLContext): Promise<Position> {
    return required(await loaders.node(positionNodes).load(evidence.positionRowId), 'Position', evidence.positionRowId);
  }
}

/** Foreign keys guarantee these rows; a miss means the data changed under the request. */
function required<T>(value: T | null, typeName: string, rowId: number): T {
  if (value == null) throw new Error(`${typeName} ${rowId} referenced by evidence was not found`);
  return value;
}
