import { Field, ID, InputType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import { conditionsOf, idArguments, linkedTo, listArgument, rangeSql, textIn } from '../../data/listing.ts';
import { DateRange } from '../../graphql/ranges.ts';
import { checkRange } from '../../data/listing.ts';
import type { References } from '../../data/references.ts';
import { meetingDateKey } from './meeting.order.ts';

@InputType('MeetingFilter', {
  description: 'Conditions on meetings. A meeting must meet every condition given; a list condition is met by any of its values.',
})
export class MeetingFilter {
  @Field(() => [String], { nullable: true, description: 'Meetings held in any of these cities, in any case ("Beijing").' })
  cities?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Meetings held in any of these countries, by ISO 3166-1 alpha-2 code ("CN") or ID.' })
  countries?: string[] | null;

  @Field(() => DateRange, { nullable: true, description: 'Meetings held on a day in this range; meetings with no known day are left out.' })
  date?: DateRange | null;

  @Field(() => [ID], { nullable: true, description: 'Meetings attended by any of these officials (their IDs).' })
  participants?: string[] | null;
}

/** Validates a meeting filter and compiles it to a condition over the Meeting row `n`. */
export async function meetingWhere(filter: MeetingFilter, refs: References): Promise<Prisma.Sql> {
  return conditionsOf([
    () => filter.cities != null ? textIn(Prisma.sql`n.city`, listArgument(filter.cities, 'filter.cities')) : null,
    () => filter.countries != null
      ? refs.countryIds(listArgument(filter.countries, 'filter.countries'), 'filter.countries').then((ids) => Prisma.sql`n."countryId" = ANY(${ids}::int[])`)
      : null,
    () => filter.date != null ? rangeSql(Prisma.sql`n.date`, 'date', checkRange(filter.date, 'filter.date', 'date'), meetingDateKey) : null,
    () => filter.participants != null
      ? linkedTo('MeetingParticipant', 'meetingId', 'officialId', idArguments(filter.participants, 'Official', 'filter.participants'))
      : null,
  ]);
}
