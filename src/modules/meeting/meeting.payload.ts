import { Field, ID, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutation.ts';
import { Meeting } from './meeting.type.ts';

@ObjectType('MeetingCreatePayload', { description: 'The result of meetingCreate.' })
export class MeetingCreatePayload extends MutationPayload {
  @Field(() => Meeting, { nullable: true, description: 'The meeting created; null when there are userErrors.' })
  meeting?: Meeting | null;
}

@ObjectType('MeetingUpdatePayload', { description: 'The result of meetingUpdate.' })
export class MeetingUpdatePayload extends MutationPayload {
  @Field(() => Meeting, { nullable: true, description: 'The meeting as changed; null when there are userErrors.' })
  meeting?: Meeting | null;
}

@ObjectType('MeetingDeletePayload', { description: 'The result of meetingDelete.' })
export class MeetingDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The ID of the meeting deleted; null when there are userErrors.' })
  deletedMeetingId?: string | null;
}
