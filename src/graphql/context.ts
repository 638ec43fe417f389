import type { PrismaClient } from '../generated/prisma/client.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What every resolver of one request shares. */
export interface GraphQLContext {
  prisma: PrismaClient;
  loaders: Loaders;
}

export function createContext(prisma: PrismaClient): GraphQLContext {
  return { prisma, loaders: createLoaders(prisma) };
}
