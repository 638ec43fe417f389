import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { Country } from '../../graphql/models/country.ts';
import { meetingListing, MeetingListArgs } from '../meeting/meeting.listing.ts';
import { MeetingConnection, type Meeting } from '../meeting/meeting.type.ts';
import { PositionFilter } from '../../graphql/models/position.ts';
import { positionListing, PositionListArgs } from '../../graphql/models/position.ts';
import { stanceSummaryOf } from '../../graphql/stance-summary/stance-summary.resolver.ts';
import { StanceSummary } from '../../graphql/stance-summary/stance-summary.type.ts';
import { Organization } from '../../graphql/models/organization.ts';
import { PositionConnection, type Position } from '../../graphql/models/position.ts';
import { officialListing, OfficialListArgs } from './official.listing.ts';
import { officialMeetingIds, officialPositionIds } from './official.service.ts';
import { Official, OfficialConnection } from './official.type.ts';
import { countryNodes } from '../../data/models/country.ts';
import { organizationNodes } from '../../data/models/organization.ts';

@Resolver(() => Official)
export class OfficialResolver {
  @Query(() => OfficialConnection, { description: 'Officials, filtered and ordered as asked (by default all of them, in the order they were recorded).' })
  officials(@Args(() => OfficialListArgs) args: OfficialListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Official>> {
    return loaders.rootConnection(officialListing, args);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The country the official speaks for; null for an official of an organization only.' })
  async country(@Root() official: Official, @Ctx() { loaders }: GraphQLContext): Promise<Country | null> {
    return official.countryRowId == null ? null : loaders.node(countryNodes).load(official.countryRowId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organization the official speaks for; null when none.' })
  async organization(@Root() official: Official, @Ctx() { loaders }: GraphQLContext): Promise<Organization | null> {
    return official.organizationRowId == null ? null : loaders.node(organizationNodes).load(official.organizationRowId);
  }

  @FieldResolver(() => PositionConnection, { description: 'Positions this official voiced, alone or jointly.' })
  positions(@Root() official: Official, @Args(() => PositionListArgs) args: PositionListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Position>> {
    return loaders.linkedConnection(officialPositionIds, positionListing, official.rowId, args);
  }

  @FieldResolver(() => StanceSummary, { description: 'Counts of the positions this official voiced, by stance and by deployment and topic.' })
  stanceSummary(
    @Root() official: Official,
    @Arg('filter', () => PositionFilter, { nullable: true, description: 'Only the positions that match every condition given.' }) filter: PositionFilter | null,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<StanceSummary> {
    return stanceSummaryOf(loaders, officialPositionIds, official.rowId, filter);
  }

  @FieldResolver(() => MeetingConnection, { description: 'Meetings this official attended.' })
  meetings(@Root() official: Official, @Args(() => MeetingListArgs) args: MeetingListArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Meeting>> {
    return loaders.linkedConnection(officialMeetingIds, meetingListing, official.rowId, args);
  }
}
