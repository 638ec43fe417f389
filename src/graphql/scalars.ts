import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateResolver } from 'graphql-scalars';
import { parseReportedDate, type ReportedDate } from '../data/reported-date.ts';
import { INSTANT_PATTERN } from '../data/import/format.ts';
import { calendarDay } from '../data/rules.ts';

// graphql-scalars' DateTime (RFC 3339 instant), serialized in UTC.
export { DateTimeResolver as DateTimeScalar } from 'graphql-scalars';

/**
 * graphql-scalars' Date ("2016-07-28", the UTC day of a Date), with the day of a Date of years 0
 * to 9999 written by the data layer's `calendarDay`, from its calendar fields: graphql-scalars writes
 * `toISOString().split('T')[0]`, ~1.2 µs a date against ~0.13 µs, and a deep traversal serializes
 * hundreds (0.9 ms of a request's CPU under load; docs/benchmarks.md). Everything else (other
 * years, an invalid Date, text, what clients send) is graphql-scalars' own.
 */
export const DateScalar = new GraphQLScalarType({
  ...DateResolver.toConfig(),
  serialize(value) {
    return (value instanceof Date ? calendarDay(value) : null) ?? DateResolver.serialize(value);
  },
});

function parsed(value: unknown): ReportedDate {
  if (typeof value !== 'string') throw new GraphQLError(`ReportedDate is a string such as "2016-07-28", "2016-07" or "2016", got ${JSON.stringify(value)}`);
  const date = parseReportedDate(value);
  if (typeof date === 'string') throw new GraphQLError(`Invalid ReportedDate: ${date}`);
  return date;
}

/** A date at the precision a report gives it (src/data/reported-date.ts), as EDTF text. */
export const ReportedDateScalar = new GraphQLScalarType<ReportedDate, string>({
  name: 'ReportedDate',
  description:
    'A date at the precision the report gives: a year ("2016"), a month ("2016-07") or a day ("2016-07-28"), followed by "~" when approximate ("2016-07~"), or an interval of two of those ("2016-07-28/2016-07-29" for a two-day meeting): the level-0 dates and intervals of EDTF (ISO 8601-2) with its "~" qualifier. A filter by a range of days matches a date that may mean any day of the range (a month overlapping it); ordered by date, a coarser date comes at its first day.',
  specifiedByURL: 'https://www.loc.gov/standards/datetime/',
  serialize: (value) => (value as ReportedDate).text,
  parseValue: parsed,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(`ReportedDate is a string such as "2016-07-28", "2016-07" or "2016"`, { nodes: ast });
    return parsed(ast.value);
  },
});

const dayOrDateTime = new RegExp(INSTANT_PATTERN);

function parsedDayOrDateTime(value: unknown): string {
  if (typeof value !== 'string' || !dayOrDateTime.test(value) || Number.isNaN(new Date(value).getTime())) {
    throw new GraphQLError(`DateOrDateTime is a day ("2017-03-07") or a date-time with its time zone ("2017-03-07T08:00:00Z"), got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * A day or an exact time, as an article's publication is given: kept as written, so that a day
 * stays a day (not midnight UTC) and a time keeps the day of its own time zone.
 */
export const DateOrDateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateOrDateTime',
  description:
    'A day ("2017-03-07") or a date-time with its time zone ("2017-03-07T08:00:00Z", "2017-03-07T16:00:00+08:00"), as a publication is given: a day alone records the day and no time.',
  serialize: (value) => String(value),
  parseValue: parsedDayOrDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateOrDateTime is a string such as "2017-03-07" or "2017-03-07T08:00:00Z"', { nodes: ast });
    return parsedDayOrDateTime(ast.value);
  },
});
