import { createUnionType, Field, Float, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../connection.ts';
import { typeNameOf } from '../node.interface.ts';
import { Article } from '../models/article.ts';
import { Country } from '../models/country.ts';
import { Deployment } from '../models/deployment.ts';
import { Evidence } from '../models/evidence.ts';
import { Official } from '../models/official.ts';
import { Organization } from '../models/organization.ts';
import { Position } from '../models/position.ts';

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'An object found by `search`.',
  types: () => [Article, Country, Deployment, Evidence, Official, Organization, Position] as const,
  resolveType: typeNameOf,
});
export type SearchResult = Article | Country | Deployment | Evidence | Official | Organization | Position;

@ObjectType('SearchResultEdge', { description: 'A search hit: the object found, how well it matches, and where.' })
export class SearchResultEdge {
  @Field(() => String, { description: 'A cursor for use in pagination (`after`).' })
  cursor!: string;

  @Field(() => SearchResult, { description: 'The object found.' })
  node!: SearchResult;

  @Field(() => Float, {
    description:
      'How well the object matches: PostgreSQL ts_rank, higher is better, comparable across types (names count more than body text). Hits are ordered by it.',
  })
  rank!: number;

  @Field(() => String, {
    description:
      'The passage that matches, as HTML: the text is escaped and each matching word is wrapped in <mark></mark>. Long texts give up to two passages joined by " … ".',
  })
  snippet!: string;
}

@ObjectType('SearchResultConnection', { description: 'A page of search hits, best first.' })
export class SearchResultConnection {
  @Field(() => [SearchResultEdge], { description: 'The hits of this page, each with its cursor, rank and snippet.' })
  edges!: SearchResultEdge[];

  @Field(() => [SearchResult], { description: 'The objects of this page, without cursors.' })
  nodes!: SearchResult[];

  @Field(() => PageInfo, { description: 'Information to aid in pagination.' })
  pageInfo!: PageInfo;

  // A getter that starts the count (a promise), so it keeps a resolver (src/graphql/schema.ts).
  @Field(() => Int, {
    simple: false,
    description:
      'The number of objects that match, across all pages. A word found in more than 500 objects of one type ranks only the 500 most recently recorded of them, so paging may end before this count (counting costs a pass over every match).',
  })
  totalCount!: number;
}
