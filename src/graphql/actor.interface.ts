import { Field, InterfaceType } from 'type-graphql';
import { actorNodes } from '../data/models/actor.ts';
import { readsFrom } from './model-schema.ts';
import { Node, typeNameOf } from './node.interface.ts';

/** Its values are Country and Organization records (their `typeName` tells which). */
@InterfaceType('Actor', {
  implements: Node,
  resolveType: typeNameOf,
  description: 'Someone who holds positions and operates deployments: a Country or an Organization.',
})
export abstract class Actor extends Node {
  /** The database id, shared by the Actor row and its Country or Organization row. */
  rowId!: number;

  @Field(() => String, { description: 'The common English name.' })
  name!: string;

  @Field(() => [String], { description: 'Other names the sources use for this actor (metonyms such as "Washington", short forms such as "DPRK").' })
  aliases!: string[];
}

readsFrom(Actor, actorNodes);
