/**
 * Reads sent straight to the driver adapter that a root client connected, rather than through the
 * client's raw-query path. For each statement that path serializes the parameters to JSON and back,
 * runs Prisma's query interpreter over them and maps every value of the result by its column type:
 * 0.1–0.3 ms of CPU per statement, a tenth of what a filtered page costs the API in all
 * (docs/benchmarks.md). The adapter is the counting one (statement-counter.ts), so a read sent here
 * is counted and refused past its request's deadline like any other.
 *
 * Only root clients read this way: a transaction's client is not registered, so a write's reads go
 * through it and stay in the write's transaction. Before its first statement a client has connected
 * no adapter yet, and reads through itself (which connects it).
 *
 * A read whose values were sent lately is sent again with them written into its text, without
 * parameters (`withValuesWritten`). PostgreSQL plans a statement that has parameters at each
 * execution, for that execution's values (the connections' `plan_cache_mode`,
 * src/db/database.ts), and a filtered page spent as long in the planner as in the executor. A
 * named statement without parameters is planned once per connection, and that plan is the one its
 * values call for, since they are in its text: a request sent again with the same values (an app's
 * first page of a list, a popular search) skips the planner. Values seen for the first time go as
 * parameters, as before: their text would be new to the server, parsed and planned in full, where
 * the statement's shape with parameters is prepared already (docs/architecture.md).
 */
import { ColumnTypeEnum, isDriverAdapterError, type ColumnType, type SqlQuery, type SqlQueryable } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import pgUtils from 'pg/lib/utils.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';

/** The most texts of reads with their values written in that a client remembers having sent. */
export const recentReadsKept = 1_000;

/**
 * Texts of reads with their values written in, sent lately: bounded by `recentReadsKept` (a flood
 * of one-off values must not grow it for ever; forgetting them only delays the repeat).
 */
class RecentReads {
  private texts = new Set<string>();

  /** Whether `text` was sent lately; from now on it was. */
  sentBefore(text: string): boolean {
    if (this.texts.has(text)) return true;
    if (this.texts.size >= recentReadsKept) this.texts = new Set();
    this.texts.add(text);
    return false;
  }
}

/** For each root client, the adapter it has connected (while it is connected) and the reads it sent lately. */
const connectedAdapters = new WeakMap<object, { adapter: () => SqlQueryable | null; recent: RecentReads }>();

/** Makes `client`'s reads go straight to the adapter that `adapter()` returns once it is connected. */
export function readDirectly(client: PrismaClient, adapter: () => SqlQueryable | null): void {
  connectedAdapters.set(client, { adapter, recent: new RecentReads() });
}

/**
 * The column types a direct read returns as Prisma's raw queries would: pg and PGlite parse them to
 * the same JavaScript values (numbers, booleans, strings). The statements read this way select only
 * these; a statement that selects another type is a mistake of the code, refused at its first run.
 */
const plainColumnTypes = new Set<ColumnType>([
  ColumnTypeEnum.Int32,
  ColumnTypeEnum.Float,
  ColumnTypeEnum.Double,
  ColumnTypeEnum.Boolean,
  ColumnTypeEnum.Character,
  ColumnTypeEnum.Text,
  ColumnTypeEnum.Enum,
]);

/** A UTC instant as the pg adapter sends a date parameter: `YYYY-MM-DD HH:MM:SS[.mmm]`. */
function instantText(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${date.getUTCMilliseconds() ? iso.slice(19, 23) : ''}`;
}

/**
 * A value as the pg adapter hands it to pg for a parameter of unknown type: a date as its UTC
 * instant, an object (not a date, not bytes) as its JSON text, a list element by element.
 */
function parameterOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(parameterOf);
  if (value instanceof Date) return instantText(value);
  return value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) ? JSON.stringify(value) : value;
}

/**
 * A value as an SQL literal: the text pg would send for it as a parameter (pg's own encoding of
 * lists and numbers; bytes in bytea's hex form), quoted by pg's `escapeLiteral`. A quoted literal
 * has no type until its place in the statement gives it one, as a parameter sent as text has none.
 */
function literalOf(value: unknown): string {
  const prepared = pgUtils.prepareValue(parameterOf(value));
  if (prepared === null || prepared === undefined) return 'NULL';
  return pg.escapeLiteral(Buffer.isBuffer(prepared) ? `\\x${prepared.toString('hex')}` : prepared);
}

/** The statement's text with each value written in its place as a literal (why: the comment at the top). */
export function withValuesWritten(statement: Prisma.Sql): string {
  let text = statement.strings[0]!;
  for (let i = 0; i < statement.values.length; i++) text += literalOf(statement.values[i]) + statement.strings[i + 1]!;
  return text;
}

/** The read as sent: with its values written in when they were sent lately, else with parameters. */
function queryOf(statement: Prisma.Sql, recent: RecentReads): SqlQuery {
  const written = withValuesWritten(statement);
  if (statement.values.length === 0 || recent.sentBefore(written)) return { sql: written, args: [], argTypes: [] };
  const args = statement.values.map(parameterOf);
  return { sql: statement.text, args, argTypes: args.map((arg) => ({ scalarType: 'unknown', arity: Array.isArray(arg) ? 'list' : 'scalar' })) };
}

/**
 * A driver adapter's error is named by its kind alone ("ColumnNotFound"): it is given the words of
 * the database's own message, as Prisma's raw queries give it, and kept as its cause (which is
 * where isDatabaseUnavailable, src/db/availability.ts, finds what kind of failure it was).
 */
function readable(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  if (!isDriverAdapterError(error)) return error;
  const { kind, originalCode, originalMessage } = error.cause as { kind: string; originalCode?: string; originalMessage?: string };
  const message = originalMessage === undefined ? kind : `${originalMessage} (SQLSTATE ${originalCode ?? 'unknown'})`;
  return new Error(`Raw query failed: ${message}`, { cause: error });
}

/** The rows of a read-only `statement`, as objects by column name (as `$queryRaw` returns them). */
export async function queryRows<T>(client: PrismaClient | Prisma.TransactionClient, statement: Prisma.Sql): Promise<T[]> {
  const connected = connectedAdapters.get(client);
  const adapter = connected?.adapter();
  if (!connected || !adapter) return client.$queryRaw<T[]>(statement);
  let result: Awaited<ReturnType<SqlQueryable['queryRaw']>>;
  try {
    result = await adapter.queryRaw(queryOf(statement, connected.recent));
  } catch (error) {
    throw readable(error);
  }
  const { columnNames, columnTypes, rows } = result;
  columnTypes.forEach((type, i) => {
    if (!plainColumnTypes.has(type)) throw new Error(`queryRows reads int, float, boolean, text and enum columns; column ${columnNames[i]} is of type ${type}`);
  });
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < columnNames.length; i++) record[columnNames[i]!] = row[i];
    return record as T;
  });
}
