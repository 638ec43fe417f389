import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs, type Connection } from '../../graphql/connection.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { Country } from '../country/country.type.ts';
import { MeetingConnection, type Meeting } from '../meeting/meeting.type.ts';
import { Organization } from '../organization/organization.type.ts';
import { PositionConnection, type Position } from '../position/position.type.ts';
import { officialIds, officialMeetingIds, officialPositionIds } from './official.service.ts';
import { Official, OfficialConnection } from './official.type.ts';

@Resolver(() => Official)
export class OfficialResolver {
  @Query(() => OfficialConnection, { description: 'All officials, in the order they were recorded.' })
  officials(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Official>> {
    return loaders.rootConnection(officialIds, args, loaders.official);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The country the official speaks for; null for an official of an organization only.' })
  async country(@Root() official: Official, @Ctx() { loaders }: GraphQLContext): Promise<Country | null> {
    return official.countryRowId == null ? null : loaders.country.load(official.countryRowId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organization the official speaks for; null when none.' })
  async organization(@Root() official: Official, @Ctx() { loaders }: GraphQLContext): Promise<Organization | null> {
    return official.organizationRowId == null ? null : loaders.organization.load(official.organizationRowId);
  }

  @FieldResolver(() => PositionConnection, { description: 'Positions this official voiced, alone or jointly.' })
  positions(@Root() official: Official, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Position>> {
    return loaders.linkedConnection(officialPositionIds, official.rowId, args, loaders.position);
  }

  @FieldResolver(() => MeetingConnection, { description: 'Meetings this official attended.' })
  meetings(@Root() official: Official, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: GraphQLContext): Promise<Connection<Meeting>> {
    return loaders.linkedConnection(officialMeetingIds, official.rowId, args, loaders.meeting);
  }
}
