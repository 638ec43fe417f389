import { Field, ID, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutation.ts';
import { Organization } from './organization.type.ts';

@ObjectType('OrganizationCreatePayload', { description: 'The result of organizationCreate.' })
export class OrganizationCreatePayload extends MutationPayload {
  @Field(() => Organization, { nullable: true, description: 'The organization created; null when there are userErrors.' })
  organization?: Organization | null;
}

@ObjectType('OrganizationUpdatePayload', { description: 'The result of organizationUpdate.' })
export class OrganizationUpdatePayload extends MutationPayload {
  @Field(() => Organization, { nullable: true, description: 'The organization as changed; null when there are userErrors.' })
  organization?: Organization | null;
}

@ObjectType('OrganizationDeletePayload', { description: 'The result of organizationDelete.' })
export class OrganizationDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The ID of the organization deleted; null when there are userErrors.' })
  deletedOrganizationId?: string | null;
}

@ObjectType('OrganizationMergePayload', { description: 'The result of organizationMerge.' })
export class OrganizationMergePayload extends MutationPayload {
  @Field(() => Organization, { nullable: true, description: 'The organization kept, with everything of the duplicate; null when there are userErrors.' })
  organization?: Organization | null;

  @Field(() => ID, { nullable: true, description: 'The ID of the duplicate, now deleted; null when there are userErrors.' })
  deletedOrganizationId?: string | null;
}
