import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars.ts';
import { DeploymentStatus } from './deployment-status.enum.ts';

@InputType('DeploymentCreateInput', { description: 'A deployment to record.' })
export class DeploymentCreateInput {
  @Field(() => String, { description: 'A descriptive name, e.g. "THAAD battery in Seongju".' })
  name!: string;

  @Field(() => DeploymentStatus, { description: 'How far it has gone.' })
  status!: DeploymentStatus;

  @Field(() => String, { nullable: true, description: 'The short name of the weapon system, e.g. "THAAD". One deployment per system and host country.' })
  system?: string | null;

  @Field(() => String, { nullable: true, description: 'The full name of the weapon system.' })
  systemName?: string | null;

  @Field(() => String, { nullable: true, description: 'Where, within the host country.' })
  location?: string | null;

  @Field(() => ID, { nullable: true, description: 'Who operates it: a Country or an Organization.' })
  operatorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The country it is placed in.' })
  hostId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day it was announced; not in the future.' })
  announcedOn?: Date | null;
}

@InputType('DeploymentUpdateInput', { description: 'Changes to a deployment; fields left out stay as they are, nullable fields set to null are cleared.' })
export class DeploymentUpdateInput {
  @Field(() => ID, { description: 'The deployment to change.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the update fails with VERSION_CONFLICT if the deployment has changed since.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'The new name.' })
  name?: string | null;

  @Field(() => DeploymentStatus, { nullable: true, description: 'The new status.' })
  status?: DeploymentStatus | null;

  @Field(() => String, { nullable: true, description: 'The new system; null clears it.' })
  system?: string | null;

  @Field(() => String, { nullable: true, description: 'The new full name of the system; null clears it.' })
  systemName?: string | null;

  @Field(() => String, { nullable: true, description: 'The new location; null clears it.' })
  location?: string | null;

  @Field(() => ID, { nullable: true, description: 'The new operator (a Country or an Organization); null clears it.' })
  operatorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The new host country; null clears it.' })
  hostId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The new announcement day; null clears it.' })
  announcedOn?: Date | null;
}

@InputType('DeploymentDeleteInput', { description: 'A deployment to delete.' })
export class DeploymentDeleteInput {
  @Field(() => ID, { description: 'The deployment to delete. Refused (IN_USE) while positions are about it.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the delete fails with VERSION_CONFLICT if the deployment has changed since.' })
  expectedVersion?: number | null;
}
