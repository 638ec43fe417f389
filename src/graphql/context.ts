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

export function createContext(prisma: PrismaClient, sql: StatementTally): GraphQLContext {
  return { prisma, loaders: createLoaders(prisma), sql };
}
