import { GraphQLError } from 'graphql';
import { InvalidArgument } from '../data/invalid-argument.ts';

/** `extensions.code` of a request that failed because the database could not be reached. */
export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';
/** Seconds a client is asked to wait before retrying when the database is unavailable. */
export const databaseRetryAfterSeconds = 5;
export const databaseUnavailableMessage = `The database is unavailable at the moment; nothing was changed. Retry in ${databaseRetryAfterSeconds} s.`;

/** The database could not be reached: HTTP 503 with Retry-After, and a code clients can act on. */
export function databaseUnavailable(): GraphQLError {
  return new GraphQLError(databaseUnavailableMessage, {
    extensions: { code: DATABASE_UNAVAILABLE, http: { status: 503, headers: new Map([['retry-after', String(databaseRetryAfterSeconds)]]) } },
  });
}

/** A client mistake in an argument: GraphQL error with `extensions.code = BAD_USER_INPUT`. */
export function badUserInput(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(argumentName ? { argumentName } : {}) },
  });
}

/**
 * The data layer's InvalidArgument (a bad filter, cursor, ID or page size), as the client sees
 * it: BAD_USER_INPUT naming the argument. Null for any other error.
 */
export function invalidArgumentExtensions(cause: unknown): { code: 'BAD_USER_INPUT'; argumentName?: string } | null {
  if (!(cause instanceof InvalidArgument)) return null;
  return { code: 'BAD_USER_INPUT', ...(cause.argumentName ? { argumentName: cause.argumentName } : {}) };
}
