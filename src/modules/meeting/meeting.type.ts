import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.ts';
import { Audited } from '../../graphql/audited.interface.ts';
import { Node } from '../../graphql/node.interface.ts';
import { DateScalar } from '../../graphql/scalars.ts';

@ObjectType('Meeting', { implements: [Node, Audited], description: 'A meeting, talk or summit where officials met and positions were stated.' })
export class Meeting implements Node, Audited {
  // Audited's fields (createdAt, updatedAt, createdBy, updatedBy, version) come from the interface.
  createdAt!: Date;
  updatedAt!: Date;
  createdBy!: string | null;
  updatedBy!: string | null;
  version!: number;
  rowId!: number;
  countryRowId!: number | null;

  @Field(() => ID, { description: 'The globally unique, opaque ID of this meeting.' })
  id!: string;

  @Field(() => String, { description: 'The name as the source gives it, e.g. "fourth meeting on Northeast Asia security".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The recurring series the meeting belongs to, e.g. "Northeast Asia security"; null when none is stated.' })
  series!: string | null;

  @Field(() => Int, { nullable: true, description: 'The meeting\'s number within its series (4 for "fourth"); null when not stated.' })
  ordinal!: number | null;

  @Field(() => String, { nullable: true, description: 'The city where it was held; null when not stated.' })
  city!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day it was held; null when not stated.' })
  date!: Date | null;
}

@ObjectType('MeetingConnection', { description: 'A paginated list of meetings.' })
export class MeetingConnection extends ConnectionType(Meeting, 'Meeting', 'meetings') {}
