import { registerNodeType } from '../../data/global-id.ts';
import { ArgsType } from 'type-graphql';
import { Prisma, type Meeting as MeetingRow } from '../../generated/prisma/client.ts';
import { columnsOf, nodeSource, type NodeSource } from '../../db/pages.ts';
import { type Listing } from '../../data/listing.ts';
import { ListArgsType } from '../../graphql/list-args.ts';
import { MeetingFilter, meetingWhere } from './meeting.filter.ts';
import { MeetingOrder, meetingSortKeys, type MeetingOrderField } from './meeting.order.ts';
import { toMeeting } from './meeting.service.ts';
import type { Meeting } from './meeting.type.ts';

export const meetingNodes: NodeSource<Meeting> = nodeSource({
  table: 'Meeting',
  from: Prisma.sql`"Meeting" AS n`,
  columns: columnsOf('n', Prisma.MeetingScalarFieldEnum),
  toNode: (row) => toMeeting(row as unknown as MeetingRow),
  dates: ['date'],
});
registerNodeType('Meeting', meetingNodes);

export const meetingListing: Listing<Meeting, MeetingFilter, MeetingOrderField> = {
  name: 'meetings',
  nodes: meetingNodes,
  sortKeys: meetingSortKeys,
  where: meetingWhere,
};

@ArgsType()
export class MeetingListArgs extends ListArgsType(MeetingFilter, MeetingOrder, 'meetings') {}
