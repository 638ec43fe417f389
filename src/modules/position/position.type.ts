import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.ts';
import { Audited } from '../../graphql/audited.interface.ts';
import { Node } from '../../graphql/node.interface.ts';
import { DateScalar } from '../../graphql/scalars.ts';
import { Stance } from './stance.enum.ts';

@ObjectType('Position', {
  implements: [Node, Audited],
  description:
    'A claim that holders (through the officials who voiced it) took a stance on a deployment or a topic, backed by evidence from one or more articles.',
})
export class Position implements Node, Audited {
  // Audited's fields (createdAt, updatedAt, createdBy, updatedBy, version) come from the interface.
  createdAt!: Date;
  updatedAt!: Date;
  createdBy!: string | null;
  updatedBy!: string | null;
  version!: number;
  rowId!: number;
  deploymentRowId!: number | null;
  meetingRowId!: number | null;

  @Field(() => ID, { description: 'The globally unique, opaque ID of this position.' })
  id!: string;

  @Field(() => Stance, { description: 'The kind of stance taken.' })
  stance!: Stance;

  @Field(() => String, { description: 'A faithful paraphrase of what was said.' })
  summary!: string;

  @Field(() => String, { nullable: true, description: 'What the position is about when it is not a deployment, e.g. "Six Party Talks"; null when it is about a deployment.' })
  topic!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day the position was stated; null when the source gives no day.' })
  statedOn!: Date | null;
}

@ObjectType('PositionConnection', { description: 'A paginated list of positions.' })
export class PositionConnection extends ConnectionType(Position, 'Position', 'positions') {}
