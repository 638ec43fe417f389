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
 */
import { ColumnTypeEnum, isDriverAdapterError, type ColumnType, type SqlQuery, type SqlQueryable } from '@prisma/driver-adapter-utils';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';

/** The adapter each root client has connected, while it is connected. */
const connectedAdapters = new WeakMap<object, () => SqlQueryable | null>();

/** Makes `client`'s reads go straight to the adapter that `adapter()` returns once it is connected. */
export function readDirectly(client: PrismaClient, adapter: () => SqlQueryable | null): void {
  connectedAdapters.set(client, adapter);
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

/** A parameter as Prisma hands it to the adapter: an object (not a date) as its JSON text. */
function parameterOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(parameterOf);
  return value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value;
}

function queryOf(statement: Prisma.Sql): SqlQuery {
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
  const adapter = connectedAdapters.get(client)?.();
  if (!adapter) return client.$queryRaw<T[]>(statement);
  let result: Awaited<ReturnType<SqlQueryable['queryRaw']>>;
  try {
    result = await adapter.queryRaw(queryOf(statement));
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
