import { Field, ID, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutation.ts';
import { Article } from './article.type.ts';

@ObjectType('ArticleCreatePayload', { description: 'The result of articleCreate.' })
export class ArticleCreatePayload extends MutationPayload {
  @Field(() => Article, { nullable: true, description: 'The article created; null when there are userErrors.' })
  article?: Article | null;
}

@ObjectType('ArticleUpdatePayload', { description: 'The result of articleUpdate.' })
export class ArticleUpdatePayload extends MutationPayload {
  @Field(() => Article, { nullable: true, description: 'The article as changed; null when there are userErrors.' })
  article?: Article | null;
}

@ObjectType('ArticleDeletePayload', { description: 'The result of articleDelete.' })
export class ArticleDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The ID of the article deleted; null when there are userErrors.' })
  deletedArticleId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The positions deleted with it (those no other article supports); null when there are userErrors.' })
  deletedPositionIds?: string[] | null;
}
