import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs, type Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { MeetingConnection, type Meeting } from '../meeting/meeting.type.ts';
import { PositionConnection, type Position } from '../position/position.type.ts';
import { articleIds, articleMeetingIds, articlePositionIds } from './article.service.ts';
import { Article, ArticleConnection } from './article.type.ts';

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => ArticleConnection, { description: 'All articles, in the order they were recorded.' })
  articles(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Article>> {
    return loaders.rootConnection(articleIds, args, loaders.article);
  }

  @FieldResolver(() => PositionConnection, { description: 'Positions this article reports (cites as evidence).' })
  positions(@Root() article: Article, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Position>> {
    return loaders.linkedConnection(articlePositionIds, article.rowId, args, loaders.position);
  }

  @FieldResolver(() => MeetingConnection, { description: 'Meetings this article reports.' })
  meetings(@Root() article: Article, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Meeting>> {
    return loaders.linkedConnection(articleMeetingIds, article.rowId, args, loaders.meeting);
  }
}
