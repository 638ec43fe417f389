import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.ts';
import { mutate } from '../../graphql/mutation.ts';
import { MeetingCreateInput, MeetingDeleteInput, MeetingUpdateInput } from './meeting.input.ts';
import { createMeeting, deleteMeeting, updateMeeting } from './meeting.mutation.service.ts';
import { MeetingCreatePayload, MeetingDeletePayload, MeetingUpdatePayload } from './meeting.payload.ts';

@Resolver()
export class MeetingMutationResolver {
  @Mutation(() => MeetingCreatePayload, { nullable: true, description: 'Records a meeting. Needs an EDITOR key.' })
  meetingCreate(@Arg('input', () => MeetingCreateInput, { description: 'The meeting.' }) input: MeetingCreateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => createMeeting(w, input), (meeting) => ({ meeting }));
  }

  @Mutation(() => MeetingUpdatePayload, { nullable: true, description: 'Changes a meeting. Needs an EDITOR key.' })
  meetingUpdate(@Arg('input', () => MeetingUpdateInput, { description: 'The changes.' }) input: MeetingUpdateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => updateMeeting(w, input), (meeting) => ({ meeting }));
  }

  @Mutation(() => MeetingDeletePayload, { nullable: true, description: 'Deletes a meeting no position was stated at. Recorded in the change log. Needs an EDITOR key.' })
  meetingDelete(@Arg('input', () => MeetingDeleteInput, { description: 'The meeting to delete.' }) input: MeetingDeleteInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (w) => deleteMeeting(w, input), (deletedMeetingId) => ({ deletedMeetingId }));
  }
}
