import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType('Node', { description: 'An object with a globally unique, opaque ID that `node(id:)` fetches again.' })
export abstract class Node {
  @Field(() => ID, { description: 'The globally unique, opaque ID of this object.' })
  id!: string;
}
