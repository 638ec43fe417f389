/** Official in the schema: the type, list, filters and mutations derived from its definition, and its relations. */
import { Field, ID, InputType } from 'type-graphql';
import {
  createOfficial,
  deleteOfficial,
  mergeOfficials,
  officialMeetingIds,
  officialModel,
  officialPositionIds,
  updateOfficial,
  type OfficialRecord,
} from '../../data/models/official.ts';
import { Country } from './country.ts';
import { Organization } from './organization.ts';
import { Audited } from '../audited.interface.ts';
import { positionSchema } from './position.ts';
import { meetingSchema } from './meeting.ts';
import { connectionRelations, nodeRelations } from '../model-schema.ts';
import { ModelInputFields, modelSchema, mutationResolver, NodeObjectType } from '../model-schema.ts';
import { Node } from '../node.interface.ts';
import { stanceSummaryField } from '../stance-summary/stance-summary.ts';

/** The type's values are the records the data layer reads (with the row ids its relations follow). */
export const Official = NodeObjectType<OfficialRecord>(officialModel, [Node, Audited]);
export type Official = OfficialRecord;

export const officialSchema = modelSchema(officialModel, Official);

/** Official's stanceSummary: of the positions they voiced. */
export const OfficialStanceSummaryField = stanceSummaryField(
  Official,
  officialPositionIds,
  'Counts of the positions this official voiced, by stance and by deployment and topic.',
);

/** Official's fields that follow references and short lists. */
export const OfficialNodeRelations = nodeRelations(Official, {
  references: {
    country: {
      description: 'The country the official speaks for; null for an official of an organization only.',
      target: () => Country,
    },
    organization: {
      description: 'The organization the official speaks for; null when none.',
      target: () => Organization,
    },
  },
});

/** Official's connections to other nodes. */
export const OfficialRelations = connectionRelations(Official, {
  positions: { description: 'Positions this official voiced, alone or jointly.', target: () => positionSchema, ids: officialPositionIds },
  meetings: { description: 'Meetings this official attended.', target: () => meetingSchema, ids: officialMeetingIds },
});

@InputType('OfficialCreateInput', { description: 'An official to record.' })
export class OfficialCreateInput extends ModelInputFields(officialModel, 'create') {
  @Field(() => ID, { nullable: true, description: 'The country the official speaks for.' })
  countryId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The organization the official speaks for.' })
  organizationId?: string | null;
}

@InputType('OfficialUpdateInput', { description: 'Changes to an official; fields left out stay as they are, fields set to null are cleared.' })
export class OfficialUpdateInput extends ModelInputFields(officialModel, 'update') {
  @Field(() => ID, { nullable: true, description: 'The new country; null clears it.' })
  countryId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The new organization; null clears it.' })
  organizationId?: string | null;
}

export const OfficialMutationResolver = mutationResolver(officialModel, Official, {
  create: { description: 'Records an official.', input: OfficialCreateInput, run: createOfficial },
  update: {
    description: "Changes an official's name, title, aliases, country or organization.",
    input: OfficialUpdateInput,
    run: updateOfficial,
  },
  delete: {
    description: 'Deletes an official. Recorded in the change log.',
    input: {
      description: 'An official to delete.',
      id: 'The official to delete: they are removed from the speakers of positions and the participants of meetings (the positions and meetings stay).',
    },
    run: deleteOfficial,
  },
  merge: {
    description:
      'Merges a duplicate official into another in one transaction: the positions and meetings move to the kept one, the duplicate is deleted. Recorded in the change log.',
    input: {
      description: 'Two records of the same person: the duplicate is merged into the one kept.',
      duplicateId:
        'The duplicate: the positions they voiced and meetings they attended move to the kept official, their name and aliases become aliases of it (and their title, country and organization fill in what the kept one lacks), and they are deleted.',
    },
    inputDescription: 'The official to keep and their duplicate.',
    run: mergeOfficials,
  },
});
