/**
 * `npm run db:seed [-- path/to/document.json]`: loads the seed data set (or the given article
 * document) into the configured database through the article import, and prints what was created
 * and what was matched. Running it again creates nothing new. The tables must exist (apply the
 * migrations first). `npm run import` does the same for any number of articles.
 *
 * Database: as the server's (src/config.ts): DATABASE_URL (postgresql://…) for a PostgreSQL
 * server, otherwise embedded PGlite at PGLITE_DATA_DIR (default ./data/pglite; `memory://`).
 */
import { resolve } from 'node:path';
import { ConfigError, databaseTargetFromEnv, loadDotEnv } from '../src/config.ts';
import { DatabaseUnavailableError, describeTarget, openDatabase } from '../src/db/database.ts';
import { DEFAULT_SEED_DOCUMENT, readSeedDocument, seedDatabase, SeedRejectedError } from '../src/data/import/seed.ts';
import { ArticleDocumentError, prepareDocument } from '../src/data/import/document.ts';
import { formatImportReport } from '../src/data/import/importer.ts';
import { connectLocalSocket, LocalCommandError } from '../src/http/local-socket.ts';

/** Prisma's "table does not exist" error: the database has not been migrated. */
function isMissingTable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2021';
}

async function main(): Promise<number> {
  // A path given on the command line is taken from the current directory; the default, from the project root.
  const path = process.argv[2] !== undefined ? resolve(process.argv[2]) : DEFAULT_SEED_DOCUMENT;
  const document = readSeedDocument(path);
  prepareDocument(document); // fail on an invalid document before opening the database
  loadDotEnv(); // as the server: .env when present, the environment winning
  const target = databaseTargetFromEnv();
  // A server running on this PGlite data directory holds it: it does the work (src/http/local-socket.ts).
  const server = target.kind === 'pglite' ? await connectLocalSocket(target.dataDir) : null;
  if (server) {
    try {
      const { report } = await server.send({ command: 'seed', document });
      console.log(`Seeded ${describeTarget(target)} from ${path}, through the server running on it:`);
      console.log(formatImportReport(report));
      return 0;
    } finally {
      server.close();
    }
  }
  const db = await openDatabase(target);
  try {
    const report = await seedDatabase(db.writer, document);
    console.log(`Seeded ${describeTarget(target)} from ${path}:`);
    console.log(formatImportReport(report));
    return 0;
  } catch (error) {
    if (isMissingTable(error)) {
      console.error(`db:seed: ${describeTarget(target)} has no stancegraph tables: apply the migrations first.`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known =
      error instanceof ArticleDocumentError ||
      error instanceof SeedRejectedError ||
      error instanceof DatabaseUnavailableError ||
      error instanceof ConfigError ||
      error instanceof LocalCommandError;
    console.error(`db:seed: ${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
