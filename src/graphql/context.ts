import type { IncomingHttpHeaders } from 'node:http';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { StatementTally } from '../db/statement-counter.ts';
import { isDatabaseUnavailable } from '../db/availability.ts';
import { databaseUnavailable } from './errors.ts';
import { authenticate, type Caller } from './auth.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import type { ChangeFeed } from '../live/change-feed.ts';

/** What a subscription needs of its WebSocket connection (src/http/websocket.ts). */
export interface SubscriberContext {
  /** The process's change feed. */
  feed: ChangeFeed;
  /** Closes the connection of a subscriber that fell too far behind. */
  dropSlowConsumer: () => void;
}

/** What every resolver of one request shares. */
export interface GraphQLContext {
  /** For reads. */
  prisma: PrismaClient;
  /** For write transactions: connections of their own, so that reads never wait for writers. */
  writer: PrismaClient;
  loaders: Loaders;
  /** SQL statements this request has sent so far. */
  sql: StatementTally;
  /** Who sends the request: anonymous, or the API key of its Authorization header. */
  caller: Caller;
  /** Set for operations over a WebSocket connection (subscriptions). */
  subscriber?: SubscriberContext;
}

export interface RequestInfo {
  prisma: PrismaClient;
  writer: PrismaClient;
  sql: StatementTally;
  /** The HTTP request's headers (for the caller's credentials). */
  headers: IncomingHttpHeaders;
  /** REQUIRE_AUTH_FOR_READ, from the configuration read at start-up. */
  requireAuthForRead: boolean;
}

/** Throws UNAUTHENTICATED (HTTP 401) for a bad API key, or for none when reading needs one (auth.ts). */
export async function createContext({ prisma, writer, sql, headers, requireAuthForRead }: RequestInfo): Promise<GraphQLContext> {
  // An API key is looked up before anything runs: with the database away, that is a 503 too.
  const caller = await authenticate(prisma, headers, { requireAuthForRead }).catch((error: unknown) => {
    throw isDatabaseUnavailable(error) ? databaseUnavailable() : error;
  });
  return { prisma, writer, loaders: createLoaders(prisma), sql, caller };
}
