import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs, type Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { ArticleConnection, type Article } from '../article/article.type.ts';
import { Country } from '../country/country.type.ts';
import { Official } from '../official/official.type.ts';
import { PositionConnection, type Position } from '../position/position.type.ts';
import { meetingArticleIds, meetingIds, meetingPositionIds } from './meeting.service.ts';
import { Meeting, MeetingConnection } from './meeting.type.ts';

@Resolver(() => Meeting)
export class MeetingResolver {
  @Query(() => MeetingConnection, { description: 'All meetings, in the order they were recorded.' })
  meetings(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Meeting>> {
    return loaders.rootConnection(meetingIds, args, loaders.meeting);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The country where it was held; null when not stated.' })
  async country(@Root() meeting: Meeting, @Ctx() { loaders }: GraphQLContext): Promise<Country | null> {
    return meeting.countryRowId == null ? null : loaders.country.load(meeting.countryRowId);
  }

  @FieldResolver(() => [Official], { description: 'The officials who took part, as the sources name them.' })
  participants(@Root() meeting: Meeting, @Ctx() { loaders }: GraphQLContext): Promise<Official[]> {
    return loaders.meetingParticipants.load(meeting.rowId);
  }

  @FieldResolver(() => ArticleConnection, { description: 'Articles that report this meeting.' })
  articles(@Root() meeting: Meeting, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Article>> {
    return loaders.linkedConnection(meetingArticleIds, meeting.rowId, args, loaders.article);
  }

  @FieldResolver(() => PositionConnection, { description: 'Positions stated at this meeting.' })
  positions(@Root() meeting: Meeting, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Position>> {
    return loaders.linkedConnection(meetingPositionIds, meeting.rowId, args, loaders.position);
  }
}
