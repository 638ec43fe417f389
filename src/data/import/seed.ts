/**
 * The seed data set: prisma/seed/*.json, article documents in the import format
 * ("stancegraph.article/1", src/import/document.ts), loaded through the article import like any
 * other article (src/import/importer.ts), recorded as created by "seed". Loading it again creates
 * nothing new.
 */
import { resolve } from 'node:path';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { projectRoot } from '../../project-root.ts';
import { formatPath, readDocumentFile, type DocumentProblem } from './document.ts';
import { importArticle, type ImportReport } from './importer.ts';

/** The seed data set shipped with the project (relative to the project root). */
export const DEFAULT_SEED_DOCUMENT = 'prisma/seed/xinhua-thaad-2016-07-28.json';

/** The label the seed's records carry as createdBy. */
export const SEED_ACTOR = 'seed';

/** Reads a seed document (JSON); a relative path is taken from the project root. */
export function readSeedDocument(path: string = DEFAULT_SEED_DOCUMENT): unknown {
  return readDocumentFile(resolve(projectRoot, path));
}

/** The seed document was rejected by the import (invalid, or contradicted by the database). */
export class SeedRejectedError extends Error {
  override name = 'SeedRejectedError';
  constructor(readonly problems: DocumentProblem[]) {
    super(
      `the seed document was rejected (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.map((p) => `${formatPath(p.path)}: ${p.message}`).join('\n- ')}`,
    );
  }
}

/** Loads a seed document (by default the project's seed data set) through the article import. */
export async function seedDatabase(prisma: PrismaClient, document: unknown = readSeedDocument(), options: { now?: Date } = {}): Promise<ImportReport> {
  const outcome = await importArticle(prisma, document, { actor: SEED_ACTOR, now: options.now });
  if (outcome.status === 'rejected') throw new SeedRejectedError(outcome.problems);
  return outcome.report;
}
