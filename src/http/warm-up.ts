import type { ApolloServer } from '@apollo/server';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { anonymous } from '../graphql/auth.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { createLoaders } from '../graphql/loaders.ts';
import type { Logger } from '../logger.ts';
import { exampleQuery } from './graphiql.ts';

/**
 * Runs the IDE's example query twice, before the server says it is ready: interpreted, then
 * compiled (src/http/compiled-executor.ts), so that both ways of running an operation are warm.
 * The first run of the resolvers, loaders and database paths compiles them, and that is slow: the
 * heaviest operation the default limits accept kept the event loop busy for 0.9 s as the first
 * request of a server without a warm-up (README, "What the defaults let one request do"). Nobody
 * waits for the warm-up; a failure is logged and start-up goes on.
 */
export async function warmUp(apollo: ApolloServer<GraphQLContext>, prisma: PrismaClient, log: Logger): Promise<void> {
  const started = performance.now();
  try {
    // A query writes nothing: the read client serves as the writer too.
    for (let run = 0; run < 2; run++) {
      const contextValue: GraphQLContext = { prisma, writer: prisma, loaders: createLoaders(prisma), sql: { statements: 0 }, caller: anonymous };
      const response = await apollo.executeOperation({ query: exampleQuery }, { contextValue });
      const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
      if (errors?.length) {
        log.warn({ errors }, 'the warm-up query failed; serving anyway');
        return;
      }
    }
    log.debug({ durationMs: Math.round(performance.now() - started) }, 'warmed up');
  } catch (error) {
    log.warn({ err: error }, 'the warm-up query failed; serving anyway');
  }
}
