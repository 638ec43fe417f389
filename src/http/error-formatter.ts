import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '../db/availability.ts';
import { StatementCancelledError } from '../db/statement-counter.ts';
import { DATABASE_UNAVAILABLE, databaseUnavailableMessage, invalidArgumentExtensions } from '../graphql/errors.ts';
import { isLimitErrorCode, limitErrorCodes, tokenLimitError } from '../graphql/limits.ts';
import type { Logger } from '../logger.ts';
import { currentRequest } from './request-scope.ts';

/**
 * graphql-js stops coercing variables after 50 problems with this error, which names no variable,
 * so Apollo does not recognize it as the client's: it is, like the 50 before it.
 */
const tooManyVariableErrors = 'Too many errors processing variables, error limit reached. Execution aborted.';

/** graphql-js's suggestions: ` Did you mean "name"?`, ` Did you mean the enum value "OPPOSE"?`. */
const suggestion = /\s*Did you mean [^?]*\?/g;

export interface ErrorFormatting {
  /** Mask unexpected errors and drop suggestions of schema names. */
  production: boolean;
  log: Logger;
}

/**
 * Apollo's `formatError`: every error the API sends goes through here.
 *
 * - The data layer's InvalidArgument is BAD_USER_INPUT naming the argument.
 * - graphql-js's "too many errors processing variables" is BAD_USER_INPUT, as the errors it ends are.
 * - A limit's error keeps its own code (Apollo files validation errors under
 *   GRAPHQL_VALIDATION_FAILED; the parser's token limit under GRAPHQL_PARSE_FAILED).
 * - An unexpected error (INTERNAL_SERVER_ERROR) is logged with the request id; in production the
 *   client gets a generic message and that id only.
 * - In production, "Did you mean …?" suggestions, which leak the schema, are removed.
 */
export function createErrorFormatter({ production, log }: ErrorFormatting) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const scope = currentRequest();
    let result: GraphQLFormattedError = formatted;
    const extensions: Record<string, unknown> = { ...formatted.extensions };

    const original = error instanceof GraphQLError ? error.originalError : undefined;
    if (original instanceof GraphQLError && isLimitErrorCode(original.extensions.code)) {
      extensions.code = original.extensions.code;
    }
    const invalidArgument = invalidArgumentExtensions(unwrapResolverError(error));
    if (invalidArgument) Object.assign(extensions, invalidArgument);
    if (extensions.code === 'INTERNAL_SERVER_ERROR' && formatted.message === tooManyVariableErrors && formatted.path === undefined) {
      extensions.code = 'BAD_USER_INPUT';
    }
    if (extensions.code === 'GRAPHQL_PARSE_FAILED') {
      const tokens = tokenLimitError(formatted.message);
      if (tokens) {
        result = { ...result, message: tokens.message };
        extensions.code = limitErrorCodes.maxTokens;
        extensions.limit = tokens.limit;
      }
    }

    if (extensions.code === 'INTERNAL_SERVER_ERROR' && isDatabaseUnavailable(unwrapResolverError(error))) {
      // An outage, not a bug: the client may retry (HTTP 503, databaseUnavailablePlugin), and
      // /readyz and its log line tell the operator.
      result = { message: databaseUnavailableMessage, ...(formatted.path ? { path: formatted.path } : {}) };
      extensions.code = DATABASE_UNAVAILABLE;
      (scope?.log ?? log).warn({ reqId: scope?.id, err: unwrapResolverError(error) }, 'the database is unavailable');
    }

    if (extensions.code === 'INTERNAL_SERVER_ERROR') {
      const cause = unwrapResolverError(error);
      const requestId = scope?.id;
      const outOfTime = scope !== undefined && (scope.timedOut || performance.now() >= scope.deadline);
      if (outOfTime || cause instanceof StatementCancelledError) {
        // What a cancelled request still tried to do; its client already has its answer.
      } else {
        (scope?.log ?? log).error({ reqId: requestId, err: cause, path: formatted.path }, 'unexpected error while serving a request');
      }
      if (requestId) extensions.requestId = requestId;
      if (production) {
        result = {
          message: `Unexpected error. If it persists, report it with the request id ${requestId ?? '(none)'}.`,
          ...(formatted.locations ? { locations: formatted.locations } : {}),
          ...(formatted.path ? { path: formatted.path } : {}),
        };
        delete extensions.exception;
      } else if (error instanceof Error) {
        // A stack trace helps with an unexpected error only, and only outside production. Apollo's
        // own option (includeStacktraceInErrorResponses, off) would format one for every error,
        // most of them the client's mistakes, only for this function to drop it.
        extensions.stacktrace = error.stack?.split('\n');
      }
    }

    if (production) result = { ...result, message: result.message.replace(suggestion, '') };
    // Once a request has been answered with its timeout, what its work still formats is not sent.
    if (typeof extensions.code === 'string' && !scope?.timedOut) scope?.errorCodes.add(extensions.code);
    return { ...result, extensions };
  };
}
