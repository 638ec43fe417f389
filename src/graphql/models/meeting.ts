/** Meeting in the schema: the type, list, filters and mutations derived from its definition, and its relations. */
import { Field, ID, InputType } from 'type-graphql';
import {
  createMeeting,
  deleteMeeting,
  meetingArticleIds,
  meetingModel,
  meetingParticipantIds,
  meetingPositionIds,
  updateMeeting,
  type MeetingRecord,
} from '../../data/models/meeting.ts';
import { Country } from './country.ts';
import { Audited } from '../audited.interface.ts';
import { articleSchema } from './article.ts';
import { positionSchema } from './position.ts';
import { connectionRelations, nodeRelations } from '../model-schema.ts';
import { ModelInputFields, modelSchema, mutationResolver, NodeObjectType } from '../model-schema.ts';
import { Node } from '../node.interface.ts';
import { Official } from './official.ts';

/** The type's values are the records the data layer reads (with the row ids its relations follow). */
export const Meeting = NodeObjectType<MeetingRecord>(meetingModel, [Node, Audited]);
export type Meeting = MeetingRecord;

export const meetingSchema = modelSchema(meetingModel, Meeting);

/** The most participants one can ask for (src/graphql/list-bounds.ts): more than a General Assembly's delegations. */
const maxParticipants = 250;

/** Meeting's connections to other nodes. */
export const MeetingRelations = connectionRelations(Meeting, {
  articles: { description: 'Articles that report this meeting.', target: () => articleSchema, ids: meetingArticleIds },
  positions: { description: 'Positions stated at this meeting.', target: () => positionSchema, ids: meetingPositionIds },
});

/** Meeting's fields that follow references and short lists. */
export const MeetingNodeRelations = nodeRelations(Meeting, {
  references: {
    country: {
      description: 'The country where it was held; null when not stated.',
      target: () => Country,
    },
  },
  lists: {
    participants: {
      description: 'The officials who took part, as the sources name them.',
      target: () => Official,
      ids: meetingParticipantIds,
      maxItems: maxParticipants,
    },
  },
});

@InputType('MeetingCreateInput', { description: 'A meeting to record.' })
export class MeetingCreateInput extends ModelInputFields(meetingModel, 'create') {
  @Field(() => ID, { nullable: true, description: 'The host country.' })
  countryId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The officials who took part. Defaults to none.' })
  participantIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The articles that report it. Defaults to none.' })
  articleIds?: string[] | null;
}

@InputType('MeetingUpdateInput', { description: 'Changes to a meeting; fields left out stay as they are, nullable fields set to null are cleared.' })
export class MeetingUpdateInput extends ModelInputFields(meetingModel, 'update') {
  @Field(() => ID, { nullable: true, description: 'The new host country; null clears it.' })
  countryId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The new list of participants (replaces the old one).' })
  participantIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The new list of articles that report it (replaces the old one).' })
  articleIds?: string[] | null;
}

export const MeetingMutationResolver = mutationResolver(meetingModel, Meeting, {
  create: { description: 'Records a meeting.', input: MeetingCreateInput, run: createMeeting },
  update: { description: 'Changes a meeting.', input: MeetingUpdateInput, run: updateMeeting },
  delete: {
    description: 'Deletes a meeting no position was stated at. Recorded in the change log.',
    input: {
      description: 'A meeting to delete.',
      id: 'The meeting to delete. Refused (IN_USE) while positions say they were stated there.',
    },
    run: deleteMeeting,
  },
});
