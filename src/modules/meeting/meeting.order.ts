import { registerEnumType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SortKey } from '../../db/pages.ts';
import { acceptsDay } from '../../data/listing.ts';
import { recordedKey } from '../../data/listing.ts';
import { OrderInputType } from '../../graphql/list-args.ts';

/** Fields meetings can be ordered by. */
export enum MeetingOrderField {
  RECORDED_AT = 'RECORDED_AT',
  DATE = 'DATE',
  NAME = 'NAME',
}

registerEnumType(MeetingOrderField, {
  name: 'MeetingOrderField',
  description: 'Fields meetings can be ordered by.',
  valuesConfig: {
    RECORDED_AT: { description: 'The order the graph recorded them in (the default).' },
    DATE: { description: 'The day the meeting was held; meetings with no known day count as earlier than any dated one.' },
    NAME: { description: 'The name, by Unicode code point.' },
  },
});

export const MeetingOrder = OrderInputType<MeetingOrderField>(MeetingOrderField, 'MeetingOrder', 'meetings');
export type MeetingOrder = InstanceType<typeof MeetingOrder>;

export const meetingDateKey = Prisma.sql`COALESCE(n.date, '-infinity'::date)`;

export const meetingSortKeys: Record<MeetingOrderField, SortKey> = {
  RECORDED_AT: recordedKey,
  DATE: { order: 'DATE', sql: meetingDateKey, type: 'date', accepts: acceptsDay },
  NAME: { order: 'NAME', sql: Prisma.sql`n.name`, type: 'text' },
};
