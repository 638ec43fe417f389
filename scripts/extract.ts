/**
 * `npm run extract -- <article.txt|-> --source <publisher> [--published <date>] [--url <url>] [--headline <text>]`:
 * proposes the positions the article reports (src/data/extraction/, docs/extraction.md) and prints
 * them as an import document on standard output, ready for `npm run import` (which records them as
 * proposals for review). What it found and could not resolve goes to standard error. Stores nothing.
 *
 * The names it resolves are the graph's: DATABASE_URL for a PostgreSQL server, otherwise the
 * embedded database at PGLITE_DATA_DIR (through the server's local socket when a server runs on it).
 * Exits 0 with a document (possibly with no position), 2 on a usage error or an unreadable file.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { databaseTargetFromEnv, loadDotEnv } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { extractArticle, type Gazetteer } from '../src/data/extraction/extract.ts';
import { loadGazetteer } from '../src/data/extraction/graph-gazetteer.ts';
import { INSTANT_PATTERN } from '../src/data/import/format.ts';
import { connectLocalSocket } from '../src/http/local-socket.ts';

const usage = 'usage: npm run extract -- <article.txt|-> --source <publisher> [--published YYYY-MM-DD] [--url <url>] [--headline <text>]';

/** The graph's names, from the server running on the embedded database or from the database itself. */
async function graphGazetteer(): Promise<Gazetteer> {
  loadDotEnv(); // as the server: .env when present, the environment winning
  const target = databaseTargetFromEnv();
  const server = target.kind === 'pglite' ? await connectLocalSocket(target.dataDir) : null;
  if (server) {
    try {
      return (await server.send({ command: 'gazetteer' })).gazetteer;
    } finally {
      server.close();
    }
  }
  const db = await openDatabase(target);
  try {
    await applyMigrations(db);
    return await loadGazetteer(db.writer);
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  let positionals: string[];
  let values: { source?: string; published?: string; url?: string; headline?: string; help?: boolean };
  try {
    ({ positionals, values } = parseArgs({
      allowPositionals: true,
      strict: true,
      options: {
        source: { type: 'string' },
        published: { type: 'string' },
        url: { type: 'string' },
        headline: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`extract: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.error(usage);
    return 0;
  }
  const problems: string[] = [];
  if (positionals.length !== 1) problems.push('give one file (or - for standard input)');
  if (!values.source?.trim()) problems.push('give --source: the publisher, which the import format requires');
  if (values.published !== undefined && !new RegExp(INSTANT_PATTERN).test(values.published))
    problems.push(`--published must be a day (2017-03-07) or a date-time with its zone, got "${values.published}"`);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`extract: ${problem}`);
    console.error(usage);
    return 2;
  }
  const file = positionals[0] as string;
  let body: string;
  try {
    body = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    console.error(`extract: cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    return 2;
  }
  if (body.trim() === '') {
    console.error(`extract: ${file} is empty`);
    return 2;
  }

  const gazetteer = await graphGazetteer();
  const started = performance.now();
  const extraction = extractArticle(
    { body, source: values.source!.trim(), url: values.url ?? null, headline: values.headline ?? null, publishedAt: values.published ?? null },
    gazetteer,
  );
  const elapsed = performance.now() - started;
  console.log(JSON.stringify(extraction.document, null, 2));
  const { positions } = extraction.document;
  console.error(`extract: ${positions.length} position${positions.length === 1 ? '' : 's'} proposed in ${elapsed.toFixed(1)} ms`);
  if (extraction.newEntities.officials.length > 0) console.error(`  new officials: ${extraction.newEntities.officials.join(', ')}`);
  if (extraction.newEntities.meetings.length > 0) console.error(`  new meetings: ${extraction.newEntities.meetings.join(', ')}`);
  for (const mention of extraction.unresolved) console.error(`  unresolved ${mention.kind} at ${mention.start}: "${mention.text}"`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`extract: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
