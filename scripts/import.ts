/**
 * `npm run import -- <file.json|file.jsonl|-> [--as <label>]`: imports articles in the import
 * format ("stancegraph.article/1", docs/import-format.md) into the configured database.
 *
 * - file.json: one document (or a JSON array of documents); file.jsonl: one document per line;
 *   `-`: standard input, either of the two.
 * - Each article is one transaction: valid articles are kept even when others are rejected.
 * - Prints, per article, what was created, matched and updated, or why it was rejected; on long
 *   inputs a progress line (count, rate, time left) goes to stderr every two seconds.
 * - Exits 0 when every article was imported, 1 when any was rejected, 2 on a usage error or an
 *   unreadable input.
 * - IMPORT_PROGRESS_MS sets how often the progress line is printed (default 2000).
 * - `--as <label>` is recorded as createdBy/updatedBy and in the change log (default "cli").
 *
 * Database: DATABASE_URL (postgresql://…) for a PostgreSQL server, otherwise embedded PGlite at
 * PGLITE_DATA_DIR (default ./data/pglite). The migrations are applied first.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ConfigError, databaseTargetFromEnv, loadDotEnv } from '../src/config.ts';
import { DatabaseUnavailableError, describeTarget, openDatabase } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { MigrationError } from '../src/db/schema-engine.ts';
import { formatPath } from '../src/data/import/document.ts';
import { importArticle, reportKinds, type ImportOutcome, type ImportReport } from '../src/data/import/importer.ts';
import { connectLocalSocket, LocalCommandError } from '../src/http/local-socket.ts';

/** How often the progress line is printed (IMPORT_PROGRESS_MS; 2 s by default). */
const progressEveryMs = Number(process.env.IMPORT_PROGRESS_MS ?? 2000);

const usage = 'usage: npm run import -- <file.json|file.jsonl|-> [--as <label>]';

/** One input document, or why it could not be read. */
type Item = { where: string; document: unknown } | { where: string; unreadable: string };

async function* readItems(source: string): AsyncGenerator<Item> {
  const jsonl = source.endsWith('.jsonl') || source.endsWith('.ndjson');
  if (source !== '-' && !jsonl) {
    const text = readFileSync(source, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      yield { where: source, unreadable: `not valid JSON: ${(error as Error).message}` };
      return;
    }
    if (Array.isArray(parsed)) for (const [i, document] of parsed.entries()) yield { where: `[${i}]`, document };
    else yield { where: source, document: parsed };
    return;
  }
  const stream = source === '-' ? process.stdin : createReadStream(source, 'utf8');
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  // JSON lines, unless the first line is not a JSON document by itself: then (standard input
  // only) the whole input is one pretty-printed document.
  let mode: 'unknown' | 'jsonl' | 'document' = jsonl ? 'jsonl' : 'unknown';
  const buffered: string[] = [];
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (mode === 'unknown' && line.trim() !== '') mode = isJson(line) ? 'jsonl' : 'document';
    if (mode === 'document') {
      buffered.push(line);
      continue;
    }
    if (line.trim() === '') continue;
    try {
      yield { where: `line ${number}`, document: JSON.parse(line) };
    } catch (error) {
      yield { where: `line ${number}`, unreadable: `not valid JSON: ${(error as Error).message}` };
    }
  }
  if (mode === 'document') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(buffered.join('\n'));
    } catch (error) {
      yield { where: 'stdin', unreadable: `not valid JSON: ${(error as Error).message}` };
      return;
    }
    if (Array.isArray(parsed)) for (const [i, document] of parsed.entries()) yield { where: `[${i}]`, document };
    else yield { where: 'stdin', document: parsed };
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function countLines(file: string): number | null {
  try {
    const text = readFileSync(file, 'utf8');
    return text.split('\n').filter((line) => line.trim() !== '').length;
  } catch {
    return null;
  }
}

/** "created 2 countries, 4 positions; matched 3 countries; updated 1 position" */
function summarize(report: ImportReport): string {
  const part = (outcome: 'created' | 'matched' | 'updated') => {
    const items = reportKinds.filter((k) => report[k][outcome] > 0).map((k) => `${report[k][outcome]} ${k}`);
    return items.length ? `${outcome} ${items.join(', ')}` : '';
  };
  return [part('created'), part('matched'), part('updated')].filter(Boolean).join('; ') || 'nothing';
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  let positionals: string[];
  let values: { as?: string; help?: boolean };
  try {
    ({ positionals, values } = parseArgs({ allowPositionals: true, options: { as: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    console.error(`import: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.error(usage);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`import: give one file (or - for standard input)\n${usage}`);
    return 2;
  }
  const source = positionals[0] as string;
  const actor = values.as?.trim() || 'cli';
  const total = source === '-' ? null : source.endsWith('.jsonl') || source.endsWith('.ndjson') ? countLines(source) : null;
  if (source !== '-') {
    try {
      readFileSync(source, { flag: 'r' }).subarray(0, 0);
    } catch (error) {
      console.error(`import: cannot read ${source}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
      return 2;
    }
  }

  loadDotEnv(); // as the server: .env when present, the environment winning
  const target = databaseTargetFromEnv();
  // A server running on this PGlite data directory holds it: it does the work (src/http/local-socket.ts).
  const server = target.kind === 'pglite' ? await connectLocalSocket(target.dataDir) : null;
  const db = server ? null : await openDatabase(target);
  const importOne = async (document: unknown): Promise<ImportOutcome> =>
    server ? (await server.send({ command: 'import', document, actor })).outcome : importArticle((db as NonNullable<typeof db>).writer, document, { actor });
  const started = performance.now();
  let done = 0;
  let imported = 0;
  let rejected = 0;
  let articlesCreated = 0;
  let lastProgress = started;
  try {
    if (db) {
      const { applied } = await applyMigrations(db);
      if (applied.length > 0) console.error(`import: applied migrations: ${applied.join(', ')}`);
    }
    console.error(
      `import: ${source === '-' ? 'standard input' : source}${total ? ` (${total} articles)` : ''} into ${describeTarget(target)}${server ? ', through the server running on it' : ''}, as "${actor}"`,
    );
    for await (const item of readItems(source)) {
      done += 1;
      if ('unreadable' in item) {
        rejected += 1;
        console.log(`${item.where}: REJECTED: ${item.unreadable}`);
      } else {
        const outcome = await importOne(item.document);
        if (outcome.status === 'imported') {
          imported += 1;
          articlesCreated += outcome.report.articles.created;
          const verb = outcome.report.articles.created ? 'imported new article' : 'matched article';
          console.log(`${item.where}: ${verb} ${outcome.articleId}: ${summarize(outcome.report)}`);
          for (const warning of outcome.report.warnings) console.log(`  warning: ${warning}`);
        } else {
          rejected += 1;
          console.log(`${item.where}: REJECTED (${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'}; nothing of it was stored):`);
          for (const p of outcome.problems) console.log(`  ${formatPath(p.path)}: ${p.message} [${p.code}]`);
        }
      }
      const now = performance.now();
      if (now - lastProgress >= progressEveryMs) {
        lastProgress = now;
        const rate = done / ((now - started) / 1000);
        const left = total ? `, ${Math.round((100 * done) / total)}%, about ${seconds(((total - done) / rate) * 1000)} left` : '';
        console.error(
          `progress: ${done}${total ? `/${total}` : ''} articles (${imported} imported, ${rejected} rejected), ${rate.toFixed(1)} articles/s${left}`,
        );
      }
    }
  } finally {
    server?.close();
    await db?.close();
  }
  const elapsed = performance.now() - started;
  console.error(
    `import: ${done} article${done === 1 ? '' : 's'} in ${seconds(elapsed)} (${(done / (elapsed / 1000)).toFixed(1)} articles/s): ${imported} imported (${articlesCreated} new), ${rejected} rejected`,
  );
  return rejected > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known =
      error instanceof ConfigError || error instanceof DatabaseUnavailableError || error instanceof MigrationError || error instanceof LocalCommandError;
    console.error(`import: ${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = known ? 2 : 1;
  },
);
