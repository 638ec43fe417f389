/** Position in the schema: the type, list, filters and mutations derived from its definition, and its relations. */
import { Prisma } from '../../generated/prisma/client.ts';
import { Field, ID, InputType, Int } from 'type-graphql';
import {
  createPosition,
  deletePosition,
  mergePositions,
  positionAddresseeIds,
  positionDeploymentIds,
  positionEvidenceIds,
  positionHolderIds,
  positionModel,
  positionSpeakerIds,
  positionTopicIds,
  reviewPosition,
  splitPosition,
  stanceEnum,
  updatePosition,
  type PositionRecord,
} from '../../data/models/position.ts';
import { Actor } from '../actor.interface.ts';
import { Deployment } from './deployment.ts';
import { Evidence } from './evidence.ts';
import { EvidenceInput } from './evidence.ts';
import { Meeting } from './meeting.ts';
import { Official } from './official.ts';
import { Audited } from '../audited.interface.ts';
import { enumType } from '../enum-type.ts';
import { ModelInputFields, modelSchema, mutationResolver, NodeObjectType, nodeRelations } from '../model-schema.ts';
import { DateScalar } from '../scalars.ts';
import { Node } from '../node.interface.ts';
import { Topic } from './topic.ts';

/** The type's values are the records the data layer reads (with the row ids its relations follow). */
export const Position = NodeObjectType<PositionRecord>(positionModel, [Node, Audited]);
export type Position = PositionRecord;

export const positionSchema = modelSchema(positionModel, Position);
export const PositionListArgs = positionSchema.ListArgs;
export const PositionFilter = positionSchema.Filter;
export type PositionFilter = InstanceType<typeof PositionFilter>;
/** The Stance enum type (the stance summaries and the import name it too). */
export const StanceEnum = enumType(stanceEnum);
export type PositionListArgs = InstanceType<typeof PositionListArgs>;

/** The most of each list one can ask for (src/graphql/list-bounds.ts): beyond any joint statement or citation count seen. */
const maxPositionLinks = 50;
const maxEvidence = 100;

/** Position's fields that follow references and short lists. */
export const PositionNodeRelations = nodeRelations(Position, {
  references: {
    deployment: {
      description: 'The (first) deployment the position is about (see deployments); null when it is about topics only.',
      target: () => Deployment,
    },
    meeting: {
      description: 'The meeting where the position was stated; null when not stated at a known meeting.',
      target: () => Meeting,
    },
  },
  lists: {
    deployments: {
      description: 'Every deployment the position is about (one statement about several sites is one position); deployment is the first.',
      target: () => Deployment,
      ids: positionDeploymentIds,
      maxItems: maxPositionLinks,
    },
    topics: {
      description: 'Every topic the position is about, as records (names and aliases); topic is the name of the first.',
      target: () => Topic,
      ids: positionTopicIds,
      maxItems: maxPositionLinks,
    },
    speakers: {
      description: 'The officials who voiced the position; empty when the source attributes it to no one by name.',
      target: () => Official,
      ids: positionSpeakerIds,
      maxItems: maxPositionLinks,
    },
    holders: {
      description: 'The countries or organizations that hold the position; several for a joint statement.',
      target: () => Actor,
      ids: positionHolderIds,
      maxItems: maxPositionLinks,
    },
    addressees: {
      description: 'The countries or organizations the position calls on or is directed at; empty when none is named.',
      target: () => Actor,
      ids: positionAddresseeIds,
      maxItems: maxPositionLinks,
    },
    evidence: {
      description: 'The article spans that report the position, by article and offset; at least one.',
      target: () => Evidence,
      ids: positionEvidenceIds,
      maxItems: maxEvidence,
      items: 'spans',
      orderBy: Prisma.sql`n."articleId", n.start, n.id`,
    },
  },
});

@InputType('PositionCreateInput', { description: 'A position to record, with the evidence that reports it.' })
export class PositionCreateInput extends ModelInputFields(positionModel, 'create') {
  @Field(() => [ID], { description: 'Who holds it: Countries or Organizations, at least one (several for a joint statement).' })
  holderIds!: string[];

  @Field(() => [EvidenceInput], { description: 'What reports it: at least one exact quote from an article.' })
  evidence!: EvidenceInput[];

  @Field(() => ID, { nullable: true, description: 'The deployment it is about (the first, with deploymentIds). Give at least one deployment or topic.' })
  deploymentId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'More deployments it is about (one statement about several sites).' })
  deploymentIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'More topics it is about, by name or alias (recorded when new).' })
  topics?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The meeting where it was stated.' })
  meetingId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The officials who voiced it; each must speak for one of the holders. Defaults to none.' })
  speakerIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The Countries or Organizations it calls on or is directed at. Defaults to none.' })
  addresseeIds?: string[] | null;
}

@InputType('PositionUpdateInput', {
  description:
    'Changes to a position; fields left out stay as they are, nullable fields set to null are cleared. Evidence changes through evidenceCreate and evidenceDelete.',
})
export class PositionUpdateInput extends ModelInputFields(positionModel, 'update') {
  @Field(() => ID, {
    nullable: true,
    description: 'The deployment it is about: replaces its deployments (with deploymentIds, if given); null leaves it about topics only.',
  })
  deploymentId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The deployments it is about (replaces them; with deploymentId first, if given).' })
  deploymentIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'The topics it is about, by name or alias (replaces them; with topic first, if given).' })
  topics?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The meeting where it was stated; null clears it.' })
  meetingId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The new list of holders (replaces the old one; at least one).' })
  holderIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The new list of speakers (replaces the old one).' })
  speakerIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The new list of addressees (replaces the old one).' })
  addresseeIds?: string[] | null;
}

@InputType('PositionSplitInput', { description: 'Quotes of a position that report another statement, to move to a new position of their own.' })
export class PositionSplitInput {
  @Field(() => ID, { description: 'The position to split.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version read; refused with VERSION_CONFLICT when the position has changed since.' })
  expectedVersion?: number | null;

  @Field(() => [ID], { description: 'The evidence to move (at least one; at least one must stay).' })
  evidenceIds!: string[];

  @Field(() => String, { nullable: true, description: "The new position's summary; defaults to the split position's." })
  summary?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day the other statement was made, when the moved quotes say; not in the future.' })
  statedOn?: Date | null;

  @Field(() => ID, { nullable: true, description: 'The meeting where the other statement was made, when the moved quotes say.' })
  meetingId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The officials who made the other statement; each must speak for one of the holders. Defaults to none.' })
  speakerIds?: string[] | null;
}

@InputType('PositionReviewInput', { description: 'A proposal of automatic extraction to accept or reject.' })
export class PositionReviewInput {
  @Field(() => ID, { description: 'The position.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version read; refused with VERSION_CONFLICT when the position has changed since.' })
  expectedVersion?: number | null;
}

export const PositionMutationResolver = mutationResolver(positionModel, Position, {
  create: {
    description: 'Records a position with the evidence that reports it.',
    input: PositionCreateInput,
    resultDescription: 'The position created, with its evidence; null when there are userErrors.',
    run: createPosition,
  },
  update: {
    description: 'Changes a position (a corrected stance, summary, target, holders…).',
    input: PositionUpdateInput,
    run: updatePosition,
  },
  delete: {
    description: 'Deletes a position and its evidence. Recorded in the change log.',
    input: {
      description: 'A position to delete, with its evidence.',
      id: 'The position to delete.',
    },
    run: deletePosition,
  },
  merge: {
    description:
      'Joins two positions that are one statement (two reports the import could not place on the same occasion): the quotes, speakers and addressees of the duplicate move to the kept position, which takes its day or meeting where it has none; the duplicate is deleted. Recorded in the change log of both.',
    input: {
      description: 'Two positions that are one statement: the one to keep and its duplicate.',
      duplicateId:
        'The position to delete; its quotes, speakers and addressees move to the kept one. It must take the same stance on the same target with the same holders, and not be dated to another day or placed at another meeting.',
    },
    run: mergePositions,
  },
  split: {
    description:
      'Moves quotes of a position that report another statement (another day, other speakers) to a new position with the same stance, target, holders and addressees. Recorded in the change log of both.',
    input: PositionSplitInput,
    run: splitPosition,
  },
  changes: {
    Accept: {
      description:
        'Accepts a position proposed by automatic extraction (reviewStatus PROPOSED, or REJECTED to change the decision): it becomes part of the graph and lists show it. Recorded in the change log.',
      input: PositionReviewInput,
      inputDescription: 'The proposal to accept.',
      run: (w, input: PositionReviewInput) => reviewPosition(w, input, 'ACCEPTED'),
    },
    Reject: {
      description:
        'Rejects a position proposed by automatic extraction: it is kept for the record (reviewStatus REJECTED) and left out of lists, and a later extraction of the same statement proposes nothing. Recorded in the change log.',
      input: PositionReviewInput,
      inputDescription: 'The proposal to reject.',
      run: (w, input: PositionReviewInput) => reviewPosition(w, input, 'REJECTED'),
    },
  },
});
