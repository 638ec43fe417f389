import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.ts';
import { Audited } from '../../graphql/audited.interface.ts';
import { Node } from '../../graphql/node.interface.ts';
import { DateScalar } from '../../graphql/scalars.ts';
import { DeploymentStatus } from './deployment-status.enum.ts';

@ObjectType('Deployment', { implements: [Node, Audited], description: 'A weapon system placed, or to be placed, somewhere by someone.' })
export class Deployment implements Node, Audited {
  // Audited's fields (createdAt, updatedAt, createdBy, updatedBy, version) come from the interface.
  createdAt!: Date;
  updatedAt!: Date;
  createdBy!: string | null;
  updatedBy!: string | null;
  version!: number;
  rowId!: number;
  operatorRowId!: number | null;
  hostRowId!: number | null;

  @Field(() => ID, { description: 'The globally unique, opaque ID of this deployment.' })
  id!: string;

  @Field(() => String, { description: 'A descriptive name, e.g. "THAAD battery in Seongju".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The short name of the weapon system, e.g. "THAAD"; null when the source names none.' })
  system!: string | null;

  @Field(() => String, { nullable: true, description: 'The full name of the weapon system, e.g. "Terminal High Altitude Area Defense"; null when not stated.' })
  systemName!: string | null;

  @Field(() => DeploymentStatus, { description: 'How far the deployment has gone.' })
  status!: DeploymentStatus;

  @Field(() => String, { nullable: true, description: 'Where, within the host country, as the source states it; null when not stated.' })
  location!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day the deployment was announced; null when the source gives no day.' })
  announcedOn!: Date | null;
}

@ObjectType('DeploymentConnection', { description: 'A paginated list of deployments.' })
export class DeploymentConnection extends ConnectionType(Deployment, 'Deployment', 'deployments') {}
