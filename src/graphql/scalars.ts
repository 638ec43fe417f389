import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { parseReportedDate, type ReportedDate } from '../data/reported-date.ts';

// graphql-scalars' Date ("2016-07-28") and DateTime (RFC 3339 instant), both serialized in UTC.
export { DateResolver as DateScalar, DateTimeResolver as DateTimeScalar } from 'graphql-scalars';

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
