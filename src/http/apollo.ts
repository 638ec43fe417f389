/** The Apollo Server of the API: its limits, error formatting and plugins, from the server's settings. */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { OperationLimits } from '../config.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { operationLimitRules } from '../graphql/limits.ts';
import type { Logger } from '../logger.ts';
import { compiledExecutionGateway } from './compiled-executor.ts';
import { createErrorFormatter } from './error-formatter.ts';
import { OperationTurns } from './operation-turns.ts';
import {
  costLimitPlugin,
  databaseUnavailablePlugin,
  idePlugin,
  requestInfoPlugin,
  responseSizePlugin,
  statementCountPlugin,
  subscriptionsOverWebSocketPlugin,
} from './plugins.ts';
import type { TrustedDocuments } from './trusted-documents.ts';

export const graphqlPath = '/graphql';

export interface ApolloSettings {
  schema: GraphQLSchema;
  trustedDocuments: TrustedDocuments | null;
  production: boolean;
  introspection: boolean;
  limits: OperationLimits;
  reportSqlStatements: boolean;
  log: Logger;
}

export function createApollo({
  schema,
  trustedDocuments,
  production,
  introspection,
  limits,
  reportSqlStatements,
  log,
}: ApolloSettings): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    gateway: compiledExecutionGateway(schema, new OperationTurns(limits.expensiveCost, limits.expensiveAtOnce)),
    nodeEnv: production ? 'production' : 'development',
    introspection,
    // Only an unexpected error's answer has a stack trace outside production: createErrorFormatter.
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // src/main.ts handles SIGTERM/SIGINT (Apollo's own handler would re-raise the signal and
    // kill the process before the database is closed).
    stopOnTerminationSignals: false,
    // With trusted documents, ids are resolved here; otherwise Apollo's automatic persisted queries.
    persistedQueries: trustedDocuments ? false : undefined,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: operationLimitRules(limits),
    formatError: createErrorFormatter({ production, log }),
    logger: log,
    plugins: [
      introspection ? idePlugin(graphqlPath) : ApolloServerPluginLandingPageDisabled(),
      // Installed by default, it wraps every field's resolver to collect cache hints; the API sets
      // none (answers are not cached anywhere), and on a deep traversal it cost ~20% of the CPU.
      ApolloServerPluginCacheControlDisabled(),
      requestInfoPlugin(),
      subscriptionsOverWebSocketPlugin(),
      responseSizePlugin(limits),
      costLimitPlugin(limits),
      databaseUnavailablePlugin(),
      ...(reportSqlStatements ? [statementCountPlugin()] : []),
    ],
  });
}
