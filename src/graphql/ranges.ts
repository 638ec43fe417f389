import { Field, InputType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from './scalars.ts';
import { badUserInput } from './errors.ts';

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

/** A range with at least one end and `from` not after `to`; anything else is a client mistake. */
export function checkRange(
  range: { from?: Date | null; to?: Date | null },
  argumentName: string,
  kind: 'date' | 'dateTime',
): { from: Date | null; to: Date | null } {
  const show = (value: Date) => (kind === 'date' ? value.toISOString().slice(0, 10) : value.toISOString());
  const from = range.from ?? null;
  const to = range.to ?? null;
  if (from === null && to === null) throw badUserInput(`Argument "${argumentName}" needs "from", "to" or both; omit it to not filter`, argumentName);
  if (from !== null && to !== null && from.getTime() > to.getTime()) {
    throw badUserInput(`Argument "${argumentName}" has "from" (${show(from)}) after "to" (${show(to)}): the range is empty`, argumentName);
  }
  return { from, to };
}
