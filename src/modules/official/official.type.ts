import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.ts';
import { Audited } from '../../graphql/audited.interface.ts';
import { Node } from '../../graphql/node.interface.ts';

@ObjectType('Official', { implements: [Node, Audited], description: 'A person who speaks for a country, an organization, or both.' })
export class Official implements Node, Audited {
  // Audited's fields (createdAt, updatedAt, createdBy, updatedBy, version) come from the interface.
  createdAt!: Date;
  updatedAt!: Date;
  createdBy!: string | null;
  updatedBy!: string | null;
  version!: number;
  rowId!: number;
  countryRowId!: number | null;
  organizationRowId!: number | null;

  @Field(() => ID, { description: 'The globally unique, opaque ID of this official.' })
  id!: string;

  @Field(() => String, { description: 'The full name, e.g. "Igor Morgulov".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The title exactly as the source states it; null when none is stated.' })
  title!: string | null;

  @Field(() => [String], { description: 'Other names the sources use for this official, e.g. a surname alone.' })
  aliases!: string[];
}

@ObjectType('OfficialConnection', { description: 'A paginated list of officials.' })
export class OfficialConnection extends ConnectionType(Official, 'Official', 'officials') {}
