import { registerNodeType } from '../../data/global-id.ts';
import { ArgsType } from 'type-graphql';
import { Prisma, type Article as ArticleRow } from '../../generated/prisma/client.ts';
import { columnsOf, nodeSource, type NodeSource } from '../../db/pages.ts';
import { type Listing } from '../../data/listing.ts';
import { ListArgsType } from '../../graphql/list-args.ts';
import { ArticleFilter, articleWhere } from './article.filter.ts';
import { ArticleOrder, articleSortKeys, type ArticleOrderField } from './article.order.ts';
import { toArticle } from './article.service.ts';
import type { Article } from './article.type.ts';

/** Every column but the body, which `Article.body` loads only when it is selected. */
const { body: _body, ...columnsButBody } = Prisma.ArticleScalarFieldEnum;

export const articleNodes: NodeSource<Article> = nodeSource({
  table: 'Article',
  from: Prisma.sql`"Article" AS n`,
  columns: columnsOf('n', columnsButBody),
  toNode: (row) => toArticle(row as unknown as ArticleRow),
  instants: ['publishedAt', 'createdAt', 'updatedAt'],
});
registerNodeType('Article', articleNodes);

export const articleListing: Listing<Article, ArticleFilter, ArticleOrderField> = {
  name: 'articles',
  nodes: articleNodes,
  sortKeys: articleSortKeys,
  where: articleWhere,
};

@ArgsType()
export class ArticleListArgs extends ListArgsType(ArticleFilter, ArticleOrder, 'articles') {}
