import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { MeetingConnection, meetingListing, MeetingListArgs, type Meeting } from '../../graphql/models/meeting.ts';
import { positionListing, PositionListArgs } from '../../graphql/models/position.ts';
import { PositionConnection, type Position } from '../../graphql/models/position.ts';
import { articleListing, ArticleListArgs } from './article.listing.ts';
import { articleMeetingIds, articlePositionIds } from './article.service.ts';
import { Article, ArticleConnection } from './article.type.ts';

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => ArticleConnection, { description: 'Articles, filtered and ordered as asked (by default all of them, in the order they were recorded).' })
  articles(@Args(() => ArticleListArgs) args: ArticleListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Article>> {
    return loaders.rootConnection(articleListing, args);
  }

  @FieldResolver(() => String, { description: 'The full text, exactly as published; evidence offsets index into it.' })
  async body(@Root() article: Article, @Ctx() { loaders }: GraphQLContext): Promise<string> {
    // Lists of articles are read without their bodies (the largest column); a body is loaded when asked for.
    if (typeof article.body === 'string') return article.body;
    const body = await loaders.articleBody.load(article.rowId);
    if (body == null) throw new Error(`the body of article ${article.rowId} was not found`);
    return body;
  }

  @FieldResolver(() => PositionConnection, { description: 'Positions this article reports (cites as evidence).' })
  positions(@Root() article: Article, @Args(() => PositionListArgs) args: PositionListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Position>> {
    return loaders.linkedConnection(articlePositionIds, positionListing, article.rowId, args);
  }

  @FieldResolver(() => MeetingConnection, { description: 'Meetings this article reports.' })
  meetings(@Root() article: Article, @Args(() => MeetingListArgs) args: MeetingListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Meeting>> {
    return loaders.linkedConnection(articleMeetingIds, meetingListing, article.rowId, args);
  }
}
