import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.ts';
import { Audited } from '../../graphql/audited.interface.ts';
import { Node } from '../../graphql/node.interface.ts';
import { Actor } from '../actor/actor.type.ts';

@ObjectType('Organization', {
  implements: [Node, Actor, Audited],
  description: 'An international organization or alliance (NATO, the EU, the UN) that holds positions of its own.',
})
export class Organization implements Actor, Audited {
  // Audited's fields (createdAt, updatedAt, createdBy, updatedBy, version) come from the interface.
  createdAt!: Date;
  updatedAt!: Date;
  createdBy!: string | null;
  updatedBy!: string | null;
  version!: number;
  rowId!: number;

  @Field(() => ID, { description: 'The globally unique, opaque ID of this organization.' })
  id!: string;

  @Field(() => String, { description: 'The full English name, e.g. "North Atlantic Treaty Organization".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The acronym, e.g. "NATO"; null when the organization has none.' })
  acronym!: string | null;

  @Field(() => [String], { description: 'Other names the sources use for this organization.' })
  aliases!: string[];
}

@ObjectType('OrganizationConnection', { description: 'A paginated list of organizations.' })
export class OrganizationConnection extends ConnectionType(Organization, 'Organization', 'organizations') {}
