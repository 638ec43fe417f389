import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * The object type of a value of an interface or union: records of defined models name it
 * (`typeName`); instances of the other object types are of the class named like the type.
 */
export function typeNameOf(value: object): string {
  return (value as { typeName?: string }).typeName ?? value.constructor.name;
}

@InterfaceType('Node', { description: 'An object with a globally unique, opaque ID that `node(id:)` fetches again.', resolveType: typeNameOf })
export abstract class Node {
  @Field(() => ID, { description: 'The globally unique, opaque ID of this object.' })
  id!: string;
}
