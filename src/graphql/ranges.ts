import { Field, InputType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from './scalars.ts';

@InputType('DateRange', { description: 'Days from `from` to `to`, both included; either end may be left open.' })
export class DateRange {
  @Field(() => DateScalar, { nullable: true, description: 'The first day of the range (inclusive); open when omitted.' })
  from?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last day of the range (inclusive); open when omitted.' })
  to?: Date | null;
}

@InputType('DateTimeRange', { description: 'Instants from `from` to `to`, both included; either end may be left open.' })
export class DateTimeRange {
  @Field(() => DateTimeScalar, { nullable: true, description: 'The earliest instant of the range (inclusive); open when omitted.' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The latest instant of the range (inclusive); open when omitted.' })
  to?: Date | null;
}
