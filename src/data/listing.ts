/**
 * What every filtered, ordered connection shares: how its `filter` and `orderBy` arguments become
 * SQL (a condition over the node table `n` and a sort key), and the checks that turn unknown or
 * contradictory values into BAD_USER_INPUT errors that name the argument.
 */
import { Prisma } from '../generated/prisma/client.ts';
import { storableIds, type ListQuery, type NodeSource, type PageEntry, type PageWindow, type SortKey } from '../db/pages.ts';
import { decodeCursorFor, recordedOrder } from './cursor.ts';
import { InvalidArgument } from './invalid-argument.ts';
import { decodeGlobalIdOf, type NodeTypeName } from './global-id.ts';
import type { Ids, References } from './references.ts';
import { parseDay } from './rules.ts';
import { textQuery } from './text-query.ts';

/** Which way an ordering runs. */
export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

export const defaultPageSize = 20;
export const maxPageSize = 100;

/** The Relay pagination arguments of a connection. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

function checkPageSize(value: number, argumentName: string): number {
  if (!Number.isInteger(value) || value < 1 || value > maxPageSize) {
    throw new InvalidArgument(`Argument "${argumentName}" must be between 1 and ${maxPageSize}, got ${value}`, argumentName);
  }
  return value;
}

/** Validates the pagination arguments of a connection ordered by `order` (its cursors must match). */
export function pageWindow(args: PageArgs, order: string = recordedOrder): PageWindow {
  if (args.first != null && args.last != null) {
    throw new InvalidArgument('Passing both "first" and "last" to paginate a connection is not supported', 'last');
  }
  const after = args.after != null ? decodeCursorFor(order, args.after, 'after') : null;
  const before = args.before != null ? decodeCursorFor(order, args.before, 'before') : null;
  if (args.last != null) return { direction: 'backward', size: checkPageSize(args.last, 'last'), after, before };
  return { direction: 'forward', size: args.first != null ? checkPageSize(args.first, 'first') : defaultPageSize, after, before };
}

/** One page of a list, in the list's order, and whether more lie beyond it. */
export interface Page<TNode> {
  entries: PageEntry<TNode>[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * Turns rows fetched with one extra row beyond the window (in window order) into a page.
 * A page reached through a cursor has rows on the cursor's side: the cursor's own row.
 */
export function toPage<TNode>(window: PageWindow, entriesInWindowOrder: PageEntry<TNode>[]): Page<TNode> {
  const hasMore = entriesInWindowOrder.length > window.size;
  const entries = entriesInWindowOrder.slice(0, window.size);
  if (window.direction === 'forward') {
    return { entries, hasNextPage: hasMore, hasPreviousPage: window.after != null };
  }
  return { entries: entries.reverse(), hasNextPage: window.before != null, hasPreviousPage: hasMore };
}

/** Keys of a COALESCE(date column, '-infinity') sort key: a real, storable day (not 30 February, not year 0). */
export const acceptsDay = (key: string) => key === '-infinity' || parseDay(key) !== null;

const INSTANT_KEY = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?$/;
/** Keys of a COALESCE(timestamp(3) column, '-infinity') sort key, as PostgreSQL prints them: a real, storable instant. */
export const acceptsInstant = (key: string) => {
  if (key === '-infinity') return true;
  const match = INSTANT_KEY.exec(key);
  return match !== null && parseDay(match[1] as string) !== null && Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 60;
};

/** Row-id order: the order the graph recorded the elements in (the default of every connection). */
export const recordedKey: SortKey = { order: recordedOrder, sql: null, type: 'int' };

export interface OrderInput<TField extends string> {
  field: TField;
  direction?: OrderDirection | null;
}

/** A node type's filterable, orderable list. */
export interface Listing<TNode, TFilter, TField extends string> {
  /** Distinguishes batches of different lists. */
  name: string;
  nodes: NodeSource<TNode>;
  sortKeys: Record<TField, SortKey>;
  /** Validates a filter and compiles it to a condition over `n`. */
  where(filter: TFilter, refs: References): Promise<Prisma.Sql>;
}

export interface ListArgs<TFilter, TField extends string> extends PageArgs {
  filter?: TFilter | null;
  orderBy?: OrderInput<TField> | null;
}

export interface CompiledList {
  query: ListQuery;
  window: PageWindow;
  /** Equal for requests that compile to the same SQL (to batch parents' pages together). */
  key: string;
}

export async function compileList<TNode, TFilter, TField extends string>(
  listing: Listing<TNode, TFilter, TField>,
  args: ListArgs<TFilter, TField>,
  refs: References,
): Promise<CompiledList> {
  const field = args.orderBy?.field ?? (recordedOrder as TField);
  const key = listing.sortKeys[field];
  if (!key) throw new InvalidArgument(`Argument "orderBy.field" has an unknown value ${JSON.stringify(field)}`, 'orderBy.field');
  const direction = args.orderBy?.direction ?? OrderDirection.ASC;
  const window = pageWindow(args, key.order);
  for (const [argumentName, position] of [
    ['after', window.after],
    ['before', window.before],
  ] as const) {
    if (position && key.sql && (position.key === null || (key.accepts && !key.accepts(position.key)))) {
      throw new InvalidArgument(`Argument "${argumentName}" is not a valid cursor`, argumentName);
    }
  }
  // Called without a filter too: a list may leave rows out by default (proposals under review).
  const where = await listing.where(args.filter ?? ({} as TFilter), refs);
  return {
    query: { where, with: refs.lookupCte(), order: { key, direction } },
    window,
    key: JSON.stringify([listing.name, args.filter ?? null, field, direction, window]),
  };
}

// ---------------------------------------------------------------------------------------------
// Building blocks of filters

/** At most this many values in one list argument of a filter. */
export const maxFilterValues = 100;
/** At most this many characters in one text argument of a filter. */
export const maxFilterText = 200;

/**
 * Starts a filter's conditions together (those that look up natural keys batch into one
 * statement, src/graphql/references.ts) and ANDs them. A part refused at once (a malformed
 * argument) stops the filter without leaving a lookup already started unobserved: its rejection
 * would be unhandled, and Node ends the process on an unhandled rejection.
 */
export async function conditionsOf(parts: ReadonlyArray<() => Prisma.Sql | Promise<Prisma.Sql> | null>): Promise<Prisma.Sql> {
  const started: Array<Prisma.Sql | Promise<Prisma.Sql> | null> = [];
  try {
    for (const part of parts) started.push(part());
  } catch (error) {
    for (const condition of started) if (condition instanceof Promise) condition.catch(() => undefined);
    throw error;
  }
  const conditions = await Promise.all(started);
  return allOf(conditions.filter((condition): condition is Prisma.Sql => condition !== null));
}

/** The condition of no filter. */
export const unconditional = Prisma.sql`TRUE`;

/** ANDs conditions; TRUE when there are none. */
export function allOf(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length === 0
    ? unconditional
    : Prisma.join(
        conditions.map((condition) => Prisma.sql`(${condition})`),
        ' AND ',
      );
}

/** A list argument: at least one value (omit the argument to not filter), at most 100, no duplicates. */
export function listArgument<T>(values: T[], argumentName: string): T[] {
  if (values.length === 0) throw new InvalidArgument(`Argument "${argumentName}" must list at least one value; omit it to not filter`, argumentName);
  if (values.length > maxFilterValues) {
    throw new InvalidArgument(`Argument "${argumentName}" takes at most ${maxFilterValues} values, got ${values.length}`, argumentName);
  }
  const tooLong = values.find((value) => typeof value === 'string' && value.length > maxFilterText);
  if (tooLong !== undefined) throw new InvalidArgument(`Argument "${argumentName}" takes values of at most ${maxFilterText} characters`, argumentName);
  return [...new Set(values)];
}

/** A text argument: not blank, at most 200 characters. Returns it trimmed. */
export function textArgument(value: string, argumentName: string): string {
  const text = value.trim();
  if (text === '') throw new InvalidArgument(`Argument "${argumentName}" must not be blank; omit it to not filter`, argumentName);
  if (text.length > maxFilterText)
    throw new InvalidArgument(`Argument "${argumentName}" takes at most ${maxFilterText} characters, got ${text.length}`, argumentName);
  return text;
}

/** Global IDs of one node type, as row ids. */
export function idArguments(ids: string[], typeName: NodeTypeName, argumentName: string): number[] {
  return storableIds(listArgument(ids, argumentName).map((id, index) => decodeGlobalIdOf(typeName, id, `${argumentName}[${index}]`)));
}

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards in `text` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column` or any of `aliases` contains `text`, ignoring case. */
export function nameOrAliasContains(column: Prisma.Sql, aliases: Prisma.Sql, text: string): Prisma.Sql {
  const pattern = containsPattern(text);
  return Prisma.sql`${column} ILIKE ${pattern} OR EXISTS (SELECT 1 FROM unnest(${aliases}) AS alias WHERE alias ILIKE ${pattern})`;
}

/** Case-insensitive "any of" on a text column. */
export function textIn(column: Prisma.Sql, values: string[]): Prisma.Sql {
  return Prisma.sql`lower(${column}) = ANY(${values.map((value) => value.trim().toLowerCase())}::text[])`;
}

/**
 * A range on a nullable column, bounds included; rows without a value are outside every range.
 * `sortKey`, the column's never-null sort expression (COALESCE(column, '-infinity')), gets the
 * same bounds so that the index on the sort key can seek to them.
 */
export function rangeSql(column: Prisma.Sql, type: 'date' | 'timestamp(3)', range: { from: Date | null; to: Date | null }, sortKey?: Prisma.Sql): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  const text = (value: Date) => (type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString().replace('T', ' ').replace('Z', ''));
  for (const [bound, operator] of [
    [range.from, '>='],
    [range.to, '<='],
  ] as const) {
    if (!bound) continue;
    const value = Prisma.sql`CAST(${text(bound)} AS ${Prisma.raw(type)})`;
    conditions.push(Prisma.sql`${column} ${Prisma.raw(operator)} ${value}`);
    if (sortKey) conditions.push(Prisma.sql`${sortKey} ${Prisma.raw(operator)} ${value}`);
  }
  return allOf(conditions);
}

/**
 * Rows whose days, from `start` to `end` (a reported date's first and last day), share a day with
 * `range`: a coarse date matches every range it overlaps ("2016-07" matches 15 July to 15 August),
 * and rows without a date are left out. `sortKey`, the start's never-null sort expression, gets the
 * range's end as a bound too, so that the index on the sort key can seek to it.
 */
export function overlapSql(start: Prisma.Sql, end: Prisma.Sql, range: { from: Date | null; to: Date | null }, sortKey?: Prisma.Sql): Prisma.Sql {
  const day = (value: Date) => Prisma.sql`CAST(${value.toISOString().slice(0, 10)} AS date)`;
  const conditions: Prisma.Sql[] = [Prisma.sql`${start} IS NOT NULL`];
  if (range.to) {
    conditions.push(Prisma.sql`${start} <= ${day(range.to)}`);
    if (sortKey) conditions.push(Prisma.sql`${sortKey} <= ${day(range.to)}`);
  }
  if (range.from) conditions.push(Prisma.sql`${end} >= ${day(range.from)}`);
  return allOf(conditions);
}

/** `n.id` has a row in `table` whose `column` is any of `ids` (a to-many relation filter). */
export function linkedTo(table: string, childColumn: string, parentColumn: string, ids: Ids): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM ${Prisma.raw(`"${table}"`)} AS l WHERE l.${Prisma.raw(`"${childColumn}"`)} = n.id AND l.${Prisma.raw(`"${parentColumn}"`)} = ANY(${ids}::int[]))`;
}

/** A full-text match against a `searchVector` column (web search syntax, either spelling: `textQuery`). */
export function matchesText(vector: Prisma.Sql, text: string): Prisma.Sql {
  return Prisma.sql`${vector} @@ ${textQuery(text)}`;
}

/** A range with at least one end and `from` not after `to`; anything else is a client mistake. */
export function checkRange(
  range: { from?: Date | null; to?: Date | null },
  argumentName: string,
  kind: 'date' | 'dateTime',
): { from: Date | null; to: Date | null } {
  const show = (value: Date) => (kind === 'date' ? value.toISOString().slice(0, 10) : value.toISOString());
  const from = range.from ?? null;
  const to = range.to ?? null;
  if (from === null && to === null) throw new InvalidArgument(`Argument "${argumentName}" needs "from", "to" or both; omit it to not filter`, argumentName);
  if (from !== null && to !== null && from.getTime() > to.getTime()) {
    throw new InvalidArgument(`Argument "${argumentName}" has "from" (${show(from)}) after "to" (${show(to)}): the range is empty`, argumentName);
  }
  return { from, to };
}
