import { registerEnumType } from 'type-graphql';
import { OrderDirection } from '../data/listing.ts';

export { OrderDirection };

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'The direction of an ordering; every ordering breaks ties by the order elements were recorded in, in the same direction.',
  valuesConfig: {
    ASC: { description: 'Smallest, earliest or alphabetically first first. Elements with no value (an undated position) come first.' },
    DESC: { description: 'Largest, latest or alphabetically last first. Elements with no value (an undated position) come last.' },
  },
});
