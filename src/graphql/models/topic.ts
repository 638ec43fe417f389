/** Topic in the schema: the type, list, filter and mutations derived from its definition, and its positions. */
import { InputType } from 'type-graphql';
import { mergeTopics, topicModel, topicPositionIds, updateTopic, type TopicRecord } from '../../data/models/topic.ts';
import { Audited } from '../audited.interface.ts';
import { connectionRelations, ModelInputFields, modelSchema, mutationResolver, NodeObjectType } from '../model-schema.ts';
import { Node } from '../node.interface.ts';
import { positionSchema } from './position.ts';

export const Topic = NodeObjectType<TopicRecord>(topicModel, [Node, Audited]);
export type Topic = TopicRecord;

export const topicSchema = modelSchema(topicModel, Topic);

/** Topic's connections to other nodes. */
export const TopicRelations = connectionRelations(Topic, {
  positions: { description: 'Positions about this topic.', target: () => positionSchema, ids: topicPositionIds },
});

@InputType('TopicUpdateInput', { description: 'Changes to a topic; fields left out stay as they are.' })
export class TopicUpdateInput extends ModelInputFields(topicModel, 'update') {}

export const TopicMutationResolver = mutationResolver(topicModel, Topic, {
  update: {
    description: 'Renames a topic or changes its aliases; its positions take the new name. A name another topic has is TAKEN.',
    input: TopicUpdateInput,
    run: updateTopic,
  },
  merge: {
    description:
      'Joins two wordings of one topic ("full denuclearization of the Korean Peninsula" into "denuclearization of the Korean Peninsula"): positions move to the kept topic, the other wording becomes an alias, so that filters, summaries and later imports count them as one. Recorded in the change log of both.',
    input: {
      description: 'Two wordings of one topic: the one to keep and its duplicate.',
      duplicateId: 'The topic to delete; its positions move to the kept one, and its name and aliases become aliases.',
    },
    run: mergeTopics,
  },
});
