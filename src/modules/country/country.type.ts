import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.ts';
import { Audited } from '../../graphql/audited.interface.ts';
import { Node } from '../../graphql/node.interface.ts';
import { Actor } from '../actor/actor.type.ts';

@ObjectType('Country', { implements: [Node, Actor, Audited], description: 'A sovereign state, identified by its ISO 3166-1 alpha-2 code.' })
export class Country implements Actor, Audited {
  // Audited's fields (createdAt, updatedAt, createdBy, updatedBy, version) come from the interface.
  createdAt!: Date;
  updatedAt!: Date;
  createdBy!: string | null;
  updatedBy!: string | null;
  version!: number;
  rowId!: number;

  @Field(() => ID, { description: 'The globally unique, opaque ID of this country.' })
  id!: string;

  @Field(() => String, { description: 'The common English name, e.g. "South Korea".' })
  name!: string;

  @Field(() => String, { description: 'The ISO 3166-1 alpha-2 code, upper case, e.g. "KR".' })
  isoCode!: string;

  @Field(() => [String], { description: 'Other names the sources use for this country, e.g. "Seoul" for South Korea.' })
  aliases!: string[];
}

@ObjectType('CountryConnection', { description: 'A paginated list of countries.' })
export class CountryConnection extends ConnectionType(Country, 'Country', 'countries') {}
