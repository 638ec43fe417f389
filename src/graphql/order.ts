import { Field, InputType } from 'type-graphql';
import { OrderDirection, type OrderInput } from '../data/listing.ts';
import { enumType } from './enum-type.ts';

export { OrderDirection };

/** The OrderDirection enum type. */
export const OrderDirectionEnum = enumType({
  name: 'OrderDirection',
  description: 'The direction of an ordering; every ordering breaks ties by the order elements were recorded in, in the same direction.',
  values: {
    ASC: 'Smallest, earliest or alphabetically first first. Elements with no value (an undated position) come first.',
    DESC: 'Largest, latest or alphabetically last first. Elements with no value (an undated position) come last.',
  },
});

/** Declares the input type `typeName` (`PositionOrder`): a field of `fieldEnum` and a direction, as GitHub's API does. */
export function OrderInputType<TField extends string>(fieldEnum: object, typeName: string, plural: string) {
  @InputType(typeName, { description: `How to order a connection of ${plural}.` })
  class OrderInputClass implements OrderInput<TField> {
    @Field(() => fieldEnum, { description: `The field to order ${plural} by; ties are broken by the order they were recorded in.` })
    field!: TField;

    @Field(() => OrderDirectionEnum, { defaultValue: OrderDirection.ASC, description: 'The direction of the ordering (ascending when omitted).' })
    direction!: OrderDirection;
  }
  return OrderInputClass;
}
