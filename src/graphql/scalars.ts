// graphql-scalars' Date ("2016-07-28") and DateTime (RFC 3339 instant), both serialized in UTC.
export { DateResolver as DateScalar, DateTimeResolver as DateTimeScalar } from 'graphql-scalars';
