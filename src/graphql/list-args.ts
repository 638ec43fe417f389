/** The `filter` and `orderBy` arguments every filtered, ordered connection takes, as GraphQL types. */
import { ArgsType, Field, InputType, type ClassType } from 'type-graphql';
import type { OrderInput } from '../data/listing.ts';
import { ConnectionArgs } from './connection.ts';
import { OrderDirection } from './order.ts';

/** Declares the input type `typeName` (`PositionOrder`): a field of `fieldEnum` and a direction, as GitHub's API does. */
export function OrderInputType<TField extends string>(fieldEnum: object, typeName: string, plural: string) {
  @InputType(typeName, { description: `How to order a connection of ${plural}.` })
  class OrderInputClass implements OrderInput<TField> {
    @Field(() => fieldEnum, { description: `The field to order ${plural} by; ties are broken by the order they were recorded in.` })
    field!: TField;

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'The direction of the ordering (ascending when omitted).' })
    direction!: OrderDirection;
  }
  return OrderInputClass;
}

/**
 * The arguments of a filterable, ordered connection (declare the subclass with @ArgsType): the
 * Relay pagination arguments plus `filter` and `orderBy` of the given input types.
 */
export function ListArgsType<TFilter extends object, TOrder extends object>(filterType: ClassType<TFilter>, orderType: ClassType<TOrder>, plural: string) {
  @ArgsType()
  class ListArgsClass extends ConnectionArgs {
    @Field(() => filterType, { nullable: true, description: `Only the ${plural} that match every condition given.` })
    filter?: TFilter | null;

    @Field(() => orderType, { nullable: true, description: `The order of the ${plural}; the order they were recorded in when omitted.` })
    orderBy?: TOrder | null;
  }
  return ListArgsClass;
}

