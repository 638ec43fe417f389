import type { GraphQLScalarType } from 'graphql';
import { Field, InputType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from './scalars.ts';

/** A range input type of `scalar` values from `from` to `to`, both included, either end open; `words` name its values and ends. */
function RangeInputType(name: string, scalar: GraphQLScalarType, words: { values: string; first: string; last: string }) {
  @InputType(name, { description: `${words.values} from \`from\` to \`to\`, both included; either end may be left open.` })
  class Range {
    @Field(() => scalar, { nullable: true, description: `The ${words.first} of the range (inclusive); open when omitted.` })
    from?: Date | null;

    @Field(() => scalar, { nullable: true, description: `The ${words.last} of the range (inclusive); open when omitted.` })
    to?: Date | null;
  }
  return Range;
}

export const DateRange = RangeInputType('DateRange', DateScalar, { values: 'Days', first: 'first day', last: 'last day' });

export const DateTimeRange = RangeInputType('DateTimeRange', DateTimeScalar, { values: 'Instants', first: 'earliest instant', last: 'latest instant' });
