import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { pageWindow } from '../../data/listing.ts';
import type { GraphQLContext } from '../context.ts';
import { encodeCursor } from '../../data/cursor.ts';
import type { CursorPosition, NodeSource } from '../../db/pages.ts';
import { nodesOfType } from '../../data/global-id.ts';
import { badUserInput } from '../errors.ts';
import { listArgument, textArgument } from '../../data/listing.ts';
import type { Loaders } from '../loaders.ts';
import { SearchArgs } from './search.args.ts';
import { countHits, searchPage, searchTypes, type SearchHit, type SearchPosition, type SearchType } from '../../data/search.ts';
import { SearchResultConnection, type SearchResult } from './search.type.ts';

/** Search cursors: the ordering RELEVANCE, the key "<rank> <type>", the row id. */
const relevance = 'RELEVANCE';

function toCursor(hit: SearchHit): CursorPosition {
  return { order: relevance, key: `${hit.rank} ${hit.type}`, id: hit.id };
}

function fromCursor(position: CursorPosition | null): SearchPosition | null {
  if (!position) return null;
  const [rankText, type] = (position.key ?? '').split(' ');
  const rank = Number(rankText);
  if (!Number.isFinite(rank) || !searchTypes.includes(type as SearchType)) {
    throw badUserInput('Argument "after" is not a valid cursor', 'after');
  }
  return { rank, type: type as SearchType, id: position.id };
}

/** How this request reads the objects of a search type: its node type's (ARTICLE is an Article), as `node(id:)` reads them. */
function readingOf(loaders: Loaders): (type: SearchType) => NodeSource<unknown> {
  return (type) => {
    const nodes = nodesOfType(type.charAt(0) + type.slice(1).toLowerCase());
    if (!nodes) throw new Error(`search type ${type} names no node type`);
    return loaders.reading(nodes);
  };
}

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, {
    description:
      'Full-text search over article bodies, evidence, position summaries, the names and aliases of officials, countries and organizations, and deployments (names, systems, locations), best match first, with a highlighted snippet per hit. Of a type with more than 500 matches, the 500 most recently recorded are ranked.',
  })
  async search(@Args(() => SearchArgs) args: SearchArgs, @Ctx() { prisma, loaders }: GraphQLContext): Promise<SearchResultConnection> {
    const query = textArgument(args.query, 'query');
    const types = args.types != null ? listArgument(args.types, 'types') : searchTypes;
    const window = pageWindow({ first: args.first, after: args.after }, relevance);
    const after = fromCursor(window.after);
    const hits = await searchPage(prisma, query, types, window, after, readingOf(loaders));
    const edges = hits
      .slice(0, window.size)
      .map((hit) => ({ cursor: encodeCursor(toCursor(hit)), node: hit.node as SearchResult, rank: hit.rank, snippet: hit.snippet }));
    return {
      edges,
      nodes: edges.map((edge) => edge.node),
      pageInfo: {
        hasNextPage: hits.length > window.size,
        hasPreviousPage: after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      get totalCount() {
        return countHits(prisma, query, types);
      },
    } as unknown as SearchResultConnection;
  }
}
