import { Arg, Args, Ctx, Extensions, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { articleListing, ArticleListArgs } from '../../graphql/models/article.ts';
import { ArticleConnection, type Article } from '../../graphql/models/article.ts';
import { positionListing, PositionListArgs } from '../../graphql/models/position.ts';
import { Country } from '../../graphql/models/country.ts';
import { Official } from '../official/official.type.ts';
import { PositionConnection, type Position } from '../../graphql/models/position.ts';
import { meetingListing, MeetingListArgs } from './meeting.listing.ts';
import { meetingArticleIds, meetingParticipantIds, meetingPositionIds } from './meeting.service.ts';
import { officialNodes } from '../official/official.listing.ts';
import { Meeting, MeetingConnection } from './meeting.type.ts';
import { firstArgument, firstItems, listBound } from '../../graphql/list-bounds.ts';
import { countryNodes } from '../../data/models/country.ts';

/** The most participants one can ask for (src/graphql/list-bounds.ts): more than a General Assembly's delegations. */
const maxParticipants = 250;

@Resolver(() => Meeting)
export class MeetingResolver {
  @Query(() => MeetingConnection, { description: 'Meetings, filtered and ordered as asked (by default all of them, in the order they were recorded).' })
  meetings(@Args(() => MeetingListArgs) args: MeetingListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Meeting>> {
    return loaders.rootConnection(meetingListing, args);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The country where it was held; null when not stated.' })
  async country(@Root() meeting: Meeting, @Ctx() { loaders }: GraphQLContext): Promise<Country | null> {
    return meeting.countryRowId == null ? null : loaders.node(countryNodes).load(meeting.countryRowId);
  }

  @Extensions(listBound(maxParticipants))
  @FieldResolver(() => [Official], { description: 'The officials who took part, as the sources name them.' })
  async participants(
    @Root() meeting: Meeting,
    @Arg('first', () => Int, firstArgument(maxParticipants, 'participants')) first: number,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Official[]> {
    return firstItems(await loaders.linked(meetingParticipantIds, officialNodes).load(meeting.rowId), first, maxParticipants);
  }

  @FieldResolver(() => ArticleConnection, { description: 'Articles that report this meeting.' })
  articles(@Root() meeting: Meeting, @Args(() => ArticleListArgs) args: ArticleListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Article>> {
    return loaders.linkedConnection(meetingArticleIds, articleListing, meeting.rowId, args);
  }

  @FieldResolver(() => PositionConnection, { description: 'Positions stated at this meeting.' })
  positions(@Root() meeting: Meeting, @Args(() => PositionListArgs) args: PositionListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Position>> {
    return loaders.linkedConnection(meetingPositionIds, positionListing, meeting.rowId, args);
  }
}
