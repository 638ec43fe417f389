/** Organization in the schema: the type, list, filter and mutations derived from its definition, and its relations. */
import { Field, ID, InputType } from 'type-graphql';
import {
  createOrganization,
  deleteOrganization,
  mergeOrganizations,
  organizationMemberIds,
  organizationModel,
  organizationOfficialIds,
  updateOrganization,
  type OrganizationRecord,
} from '../../data/models/organization.ts';
import { Audited } from '../audited.interface.ts';
import { officialSchema } from './official.ts';
import { connectionRelations, nodeRelations } from '../model-schema.ts';
import { ModelInputFields, modelSchema, mutationResolver, NodeObjectType } from '../model-schema.ts';
import { Node } from '../node.interface.ts';
import { Actor } from '../actor.interface.ts';
import { Country } from './country.ts';

/** The type's values are the records the data layer reads. */
export const Organization = NodeObjectType<OrganizationRecord>(organizationModel, [Node, Actor, Audited]);
export type Organization = OrganizationRecord;

export const organizationSchema = modelSchema(organizationModel, Organization);

/** The most members one can ask for (src/graphql/list-bounds.ts): there are 249 ISO 3166-1 country codes. */
const maxMembers = 250;

/** Organization's connections to other nodes. */
export const OrganizationRelations = connectionRelations(Organization, {
  officials: { description: 'Officials who speak for this organization.', target: () => officialSchema, ids: organizationOfficialIds },
});

/** Organization's fields that follow references and short lists. */
export const OrganizationNodeRelations = nodeRelations(Organization, {
  lists: {
    members: {
      description: 'The member countries.',
      target: () => Country,
      ids: organizationMemberIds,
      maxItems: maxMembers,
    },
  },
});

@InputType('OrganizationCreateInput', { description: 'An organization to record.' })
export class OrganizationCreateInput extends ModelInputFields(organizationModel, 'create') {
  @Field(() => [ID], { nullable: true, description: 'The member countries. Defaults to none.' })
  memberIds?: string[] | null;
}

@InputType('OrganizationUpdateInput', { description: 'Changes to an organization; fields left out stay as they are.' })
export class OrganizationUpdateInput extends ModelInputFields(organizationModel, 'update') {
  @Field(() => [ID], { nullable: true, description: 'The new list of member countries (replaces the old one).' })
  memberIds?: string[] | null;
}

export const OrganizationMutationResolver = mutationResolver(organizationModel, Organization, {
  create: { description: 'Records an organization.', input: OrganizationCreateInput, run: createOrganization },
  update: {
    description: "Changes an organization's name, acronym, aliases or members.",
    input: OrganizationUpdateInput,
    run: updateOrganization,
  },
  delete: {
    description: 'Deletes an organization that no position names. Recorded in the change log.',
    input: {
      description: 'An organization to delete.',
      id: 'The organization to delete. Refused (IN_USE) while positions name it as holder or addressee; its officials and deployments lose their reference to it.',
    },
    run: deleteOrganization,
  },
  merge: {
    description:
      'Merges a duplicate organization into another in one transaction: every relation moves to the kept one, the duplicate is deleted. Recorded in the change log.',
    input: {
      description: 'Two records of the same organization: the duplicate is merged into the one kept.',
      duplicateId:
        "The duplicate: its positions, officials, deployments and members move to the kept organization, its name and aliases become aliases of it (and its acronym the kept one's, if that has none), and it is deleted.",
    },
    run: mergeOrganizations,
  },
});
