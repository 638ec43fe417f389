import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.ts';
import { mutate } from '../../graphql/mutation.ts';
import { ArticleCreateInput, ArticleDeleteInput, ArticleUpdateInput } from './article.input.ts';
import { createArticle, deleteArticle, updateArticle } from './article.mutation.service.ts';
import { ArticleCreatePayload, ArticleDeletePayload, ArticleUpdatePayload } from './article.payload.ts';

@Resolver()
export class ArticleMutationResolver {
  @Mutation(() => ArticleCreatePayload, { nullable: true, description: 'Records an article (without positions; see articleImport for an article with everything it reports). Needs an EDITOR key.' })
  articleCreate(@Arg('input', () => ArticleCreateInput, { description: 'The article.' }) input: ArticleCreateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => createArticle(w, input), (article) => ({ article }));
  }

  @Mutation(() => ArticleUpdatePayload, { nullable: true, description: 'Changes an article. Needs an EDITOR key.' })
  articleUpdate(@Arg('input', () => ArticleUpdateInput, { description: 'The changes.' }) input: ArticleUpdateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => updateArticle(w, input), (article) => ({ article }));
  }

  @Mutation(() => ArticleDeletePayload, {
    nullable: true,
    description: 'Deletes an article; one that positions cite only with `deletePositions: true`. Recorded in the change log. Needs an EDITOR key.',
  })
  articleDelete(@Arg('input', () => ArticleDeleteInput, { description: 'The article to delete.' }) input: ArticleDeleteInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => deleteArticle(w, input), (result) => result);
  }
}
