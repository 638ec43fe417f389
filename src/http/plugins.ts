import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import type { OperationLimits } from '../config.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { DATABASE_UNAVAILABLE, databaseRetryAfterSeconds } from '../graphql/errors.ts';
import { answerBytesAtMost, countObjects, jsonLargerThan, limitErrorCodes, requestedCost } from '../graphql/limits.ts';
import { renderIdePage } from './graphiql.ts';
import { currentRequest, type CostReport } from './request-scope.ts';

/** An error that rejects the request with HTTP 400 before anything runs. */
function rejection(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, http: { status: 400 } } });
}

/**
 * The operation's cost (src/graphql/limits.ts), checked once the operation is known and before it
 * runs: a page size out of range or a cost over the limit rejects it with HTTP 400. Every response
 * reports `extensions.cost = { requested, actual, limit }`.
 */
export function costLimitPlugin(limits: OperationLimits): ApolloServerPlugin<GraphQLContext> {
  const computeRequested = (requestContext: GraphQLRequestContext<GraphQLContext>) => {
    const { document, request, schema } = requestContext;
    if (!document) return null;
    return requestedCost(schema, document, request.operationName, request.variables);
  };
  return {
    async requestDidStart() {
      let report: CostReport = { requested: null, actual: null, limit: limits.maxCost };
      let computed = false;
      let executed = false;
      return {
        async didResolveOperation(requestContext) {
          const requested = computeRequested(requestContext);
          computed = true;
          if (!requested) return;
          report = { ...report, requested: requested.cost };
          const [pageSizeError] = requested.pageSizeErrors;
          if (pageSizeError) {
            throw new GraphQLError(pageSizeError.message, {
              nodes: pageSizeError.nodes,
              extensions: { ...pageSizeError.extensions, http: { status: 400 } },
            });
          }
          if (requested.cost > limits.maxCost) {
            throw rejection(
              `Operation cost ${requested.cost} exceeds the limit of ${limits.maxCost}: ask for smaller pages (first/last) or fewer nested lists.`,
              { code: limitErrorCodes.maxCost, cost: requested.cost, limit: limits.maxCost },
            );
          }
        },
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse(requestContext) {
          const { response } = requestContext;
          if (!computed) {
            // Rejected before the operation was resolved (validation): still say what it would cost.
            report = { ...report, requested: computeRequested(requestContext)?.cost ?? null };
          }
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (executed) report = { ...report, actual: countObjects(result.data) };
          result.extensions = { ...result.extensions, cost: report };
          const scope = currentRequest();
          if (scope) scope.cost = report;
        },
      };
    },
  };
}

/**
 * RESPONSE_MAX_BYTES: a result whose JSON would be larger is replaced, before it is serialized,
 * by one RESPONSE_TOO_LARGE error (and `data: null`). The cost counts objects, not their text: an
 * article body under a hundred aliases is cost 100 and could be a hundred megabytes.
 */
export function responseSizePlugin(limits: OperationLimits): ApolloServerPlugin<GraphQLContext> {
  const limit = limits.maxResponseBytes;
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const answer = { data: result.data, errors: result.errors };
          if (!jsonLargerThan(answer, limit, answerBytesAtMost(answer))) return;
          const code = limitErrorCodes.maxResponseBytes;
          response.body.singleResult = {
            data: null,
            errors: [
              {
                message: `The response would be larger than ${limit} bytes: ask for fewer objects (smaller pages, fewer aliases) or leave out large fields such as Article.body.`,
                extensions: { code, limit },
              },
            ],
            ...(result.extensions ? { extensions: result.extensions } : {}),
          };
          currentRequest()?.errorCodes.add(code);
        },
      };
    },
  };
}

/**
 * A subscription sent over HTTP is refused (400) with where to send it: subscriptions are served
 * over WebSocket at the same URL (src/http/websocket.ts).
 */
export function subscriptionsOverWebSocketPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return;
          throw rejection('Subscriptions are served over WebSocket (the graphql-transport-ws protocol of graphql-ws) at this same URL, not over HTTP.', {
            code: 'BAD_REQUEST',
          });
        },
      };
    },
  };
}

/** Tells the request's log line which operation it ran. */
export function requestInfoPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName, operation }) {
          const scope = currentRequest();
          if (!scope) return;
          scope.operationName = operationName ?? null;
          scope.operationType = operation?.operation ?? null;
        },
      };
    },
  };
}

/**
 * Reports in `extensions.sql.statements` how many SQL statements the request cost, so that
 * tests and benchmarks can check that a query's cost follows its shape, not its page sizes.
 */
export function statementCountPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          // contextValue has no `sql` when the request failed before its context was made.
          const statements = (contextValue as Partial<GraphQLContext>).sql?.statements ?? 0;
          result.extensions = { ...result.extensions, sql: { statements } };
        },
      };
    },
  };
}

/** Serves the offline GraphiQL page where Apollo would serve its CDN-hosted landing page. */
export function idePlugin(endpoint: string): ApolloServerPlugin<GraphQLContext> {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: renderIdePage(endpoint) };
        },
      };
    },
  };
}

/**
 * A response with an error coded DATABASE_UNAVAILABLE is HTTP 503 with Retry-After: the request
 * may be sent again once the database is back, and load balancers and clients treat it so.
 */
export function databaseUnavailablePlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          if (!response.body.singleResult.errors?.some((e) => e.extensions?.code === DATABASE_UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(databaseRetryAfterSeconds));
        },
      };
    },
  };
}
