import type { IncomingHttpHeaders } from 'node:http';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { StatementTally } from '../db/statement-counter.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What every resolver of one request shares. */
export interface GraphQLContext {
  prisma: PrismaClient;
  loaders: Loaders;
  /** SQL statements this request has sent so far. */
  sql: StatementTally;
}

export interface RequestInfo {
  prisma: PrismaClient;
  sql: StatementTally;
  /** The HTTP request's headers (for the caller's credentials). */
  headers: IncomingHttpHeaders;
}

export async function createContext({ prisma, sql }: RequestInfo): Promise<GraphQLContext> {
  return { prisma, loaders: createLoaders(prisma), sql };
}
