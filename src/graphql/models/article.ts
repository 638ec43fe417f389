/** Article in the schema: the type, list, filters and mutations derived from its definition, its body and its relations. */
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import {
  articleMeetingIds,
  articleModel,
  articlePositionIds,
  createArticle,
  deleteArticle,
  updateArticle,
  type ArticleDeleteInputData,
  type ArticleRecord,
} from '../../data/models/article.ts';
import { Audited } from '../audited.interface.ts';
import type { GraphQLContext } from '../context.ts';
import { positionSchema } from './position.ts';
import { meetingSchema } from './meeting.ts';
import { connectionRelations } from '../model-schema.ts';
import { ModelInputFields, modelSchema, mutationResolver, NodeObjectType } from '../model-schema.ts';
import { mutate, PayloadType } from '../mutation.ts';
import { Node } from '../node.interface.ts';

/** The type's values are the records the data layer reads (without the body, in lists). */
export const Article = NodeObjectType<ArticleRecord>(articleModel, [Node, Audited]);
export type Article = ArticleRecord;

export const articleSchema = modelSchema(articleModel, Article);

@Resolver(() => Article)
export class ArticleResolver {
  @FieldResolver(() => String, { description: 'The full text, exactly as published; evidence offsets index into it.' })
  async body(@Root() article: Article, @Ctx() { loaders }: GraphQLContext): Promise<string> {
    // Lists of articles are read without their bodies (the largest column); a body is loaded when asked for.
    if (typeof article.body === 'string') return article.body;
    const body = await loaders.articleBody.load(article.rowId);
    if (body == null) throw new Error(`the body of article ${article.rowId} was not found`);
    return body;
  }
}

/** Article's connections to other nodes. */
export const ArticleRelations = connectionRelations(Article, {
  positions: { description: 'Positions this article reports (cites as evidence).', target: () => positionSchema, ids: articlePositionIds },
  meetings: { description: 'Meetings this article reports.', target: () => meetingSchema, ids: articleMeetingIds },
});

@InputType('ArticleCreateInput', {
  description: 'An article to record (without the positions it reports: add those with positionCreate, or import everything at once with articleImport).',
})
export class ArticleCreateInput extends ModelInputFields(articleModel, 'create') {
  declare body: string;

  @Field(() => [ID], { nullable: true, description: 'Meetings the article reports. Defaults to none.' })
  meetingIds?: string[] | null;
}

@InputType('ArticleUpdateInput', { description: 'Changes to an article; fields left out stay as they are, nullable fields set to null are cleared.' })
export class ArticleUpdateInput extends ModelInputFields(articleModel, 'update') {
  @Field(() => [ID], { nullable: true, description: 'The new list of meetings the article reports (replaces the old one).' })
  meetingIds?: string[] | null;
}

@InputType('ArticleDeleteInput', { description: 'An article to delete.' })
export class ArticleDeleteInput implements ArticleDeleteInputData {
  @Field(() => ID, { description: 'The article to delete.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the delete fails with VERSION_CONFLICT if the article has changed since.' })
  expectedVersion?: number | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      'An article that positions cite is deleted only with true (ARTICLE_CITED otherwise): then its evidence goes with it, and so do the positions that no other article supports; positions other articles also support keep that evidence.',
  })
  deletePositions!: boolean;
}

export const ArticleDeletePayload = PayloadType('articleDelete', {
  deletedArticleId: [() => ID, 'The ID of the article deleted; null when there are userErrors.'],
  deletedPositionIds: [() => [ID], 'The positions deleted with it (those no other article supports); null when there are userErrors.'],
});

export const ArticleMutationResolver = mutationResolver(articleModel, Article, {
  create: {
    description: 'Records an article (without positions; see articleImport for an article with everything it reports).',
    input: ArticleCreateInput,
    run: createArticle,
  },
  update: { description: 'Changes an article.', input: ArticleUpdateInput, run: updateArticle },
});

/** articleDelete reports the positions deleted with the article, which the derived payload cannot. */
@Resolver()
export class ArticleDeleteResolver {
  @Mutation(() => ArticleDeletePayload, {
    nullable: true,
    description: 'Deletes an article; one that positions cite only with `deletePositions: true`. Recorded in the change log. Needs an EDITOR key.',
  })
  articleDelete(@Arg('input', () => ArticleDeleteInput, { description: 'The article to delete.' }) input: ArticleDeleteInput, @Ctx() ctx: GraphQLContext) {
    return mutate(
      ctx,
      (w) => deleteArticle(w, input),
      (result) => result,
    );
  }
}
