/**
 * What every filtered, ordered connection shares: how its `filter` and `orderBy` arguments become
 * SQL (a condition over the node table `n` and a sort key), and the checks that turn unknown or
 * contradictory values into BAD_USER_INPUT errors that name the argument.
 */
import { ArgsType, Field, InputType, type ClassType } from 'type-graphql';
import { Prisma } from '../generated/prisma/client.ts';
import type { ListQuery, NodeSource, SortKey } from '../db/id-pages.ts';
import { ConnectionArgs, pageWindow, type PageWindow } from './connection.ts';
import { recordedOrder } from './cursor.ts';
import { badUserInput } from './errors.ts';
import { decodeGlobalIdOf, type NodeTypeName } from './global-id.ts';
import { OrderDirection } from './order.ts';
import { storableIds, type References } from './references.ts';

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

export interface ListArgs<TFilter, TField extends string> extends ConnectionArgs {
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
  if (!key) throw badUserInput(`Argument "orderBy.field" has an unknown value ${JSON.stringify(field)}`, 'orderBy.field');
  const direction = args.orderBy?.direction ?? OrderDirection.ASC;
  const window = pageWindow(args, key.order);
  for (const [argumentName, position] of [['after', window.after], ['before', window.before]] as const) {
    if (position && key.sql && (position.key === null || (key.accepts && !key.accepts(position.key)))) {
      throw badUserInput(`Argument "${argumentName}" is not a valid cursor`, argumentName);
    }
  }
  const where = args.filter ? await listing.where(args.filter, refs) : Prisma.sql`TRUE`;
  return {
    query: { where, order: { key, direction } },
    window,
    key: JSON.stringify([listing.name, args.filter ?? null, field, direction, window]),
  };
}

/** Declares the input type `typeName` (`PositionOrder`): a field of `fieldEnum` and a direction, as GitHub's API does. */
export function OrderInputType<TField extends string>(fieldEnum: object, typeName: string, plural: string) {
  @InputType(typeName, { description: `How to order a connection of ${plural}.` })
  class OrderInputClass implements OrderInput<TField> {
    @Field(() => fieldEnum, { description: `The field to order ${plural} by; ties are broken by the order they were recorded in.` })
    field!: TField;

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'The direction of the ordering (ascending when omitted).' })
    direction!: OrderDirection;
  }
  return OrderInputClass;
}

/**
 * The arguments of a filterable, ordered connection (declare the subclass with @ArgsType): the
 * Relay pagination arguments plus `filter` and `orderBy` of the given input types.
 */
export function ListArgsType<TFilter extends object, TOrder extends object>(filterType: ClassType<TFilter>, orderType: ClassType<TOrder>, plural: string) {
  @ArgsType()
  class ListArgsClass extends ConnectionArgs {
    @Field(() => filterType, { nullable: true, description: `Only the ${plural} that match every condition given.` })
    filter?: TFilter | null;

    @Field(() => orderType, { nullable: true, description: `The order of the ${plural}; the order they were recorded in when omitted.` })
    orderBy?: TOrder | null;
  }
  return ListArgsClass;
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

/** ANDs conditions; TRUE when there are none. */
export function allOf(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions.map((condition) => Prisma.sql`(${condition})`), ' AND ');
}

/** A list argument: at least one value (omit the argument to not filter), at most 100, no duplicates. */
export function listArgument<T>(values: T[], argumentName: string): T[] {
  if (values.length === 0) throw badUserInput(`Argument "${argumentName}" must list at least one value; omit it to not filter`, argumentName);
  if (values.length > maxFilterValues) {
    throw badUserInput(`Argument "${argumentName}" takes at most ${maxFilterValues} values, got ${values.length}`, argumentName);
  }
  const tooLong = values.find((value) => typeof value === 'string' && value.length > maxFilterText);
  if (tooLong !== undefined) throw badUserInput(`Argument "${argumentName}" takes values of at most ${maxFilterText} characters`, argumentName);
  return [...new Set(values)];
}

/** A text argument: not blank, at most 200 characters. Returns it trimmed. */
export function textArgument(value: string, argumentName: string): string {
  const text = value.trim();
  if (text === '') throw badUserInput(`Argument "${argumentName}" must not be blank; omit it to not filter`, argumentName);
  if (text.length > maxFilterText) throw badUserInput(`Argument "${argumentName}" takes at most ${maxFilterText} characters, got ${text.length}`, argumentName);
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
export function rangeSql(
  column: Prisma.Sql,
  type: 'date' | 'timestamp(3)',
  range: { from: Date | null; to: Date | null },
  sortKey?: Prisma.Sql,
): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  const text = (value: Date) => (type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString().replace('T', ' ').replace('Z', ''));
  for (const [bound, operator] of [[range.from, '>='], [range.to, '<=']] as const) {
    if (!bound) continue;
    const value = Prisma.sql`CAST(${text(bound)} AS ${Prisma.raw(type)})`;
    conditions.push(Prisma.sql`${column} ${Prisma.raw(operator)} ${value}`);
    if (sortKey) conditions.push(Prisma.sql`${sortKey} ${Prisma.raw(operator)} ${value}`);
  }
  return allOf(conditions);
}

/** `n.id` has a row in `table` whose `column` is any of `ids` (a to-many relation filter). */
export function linkedTo(table: string, childColumn: string, parentColumn: string, ids: number[]): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM ${Prisma.raw(`"${table}"`)} AS l WHERE l.${Prisma.raw(`"${childColumn}"`)} = n.id AND l.${Prisma.raw(`"${parentColumn}"`)} = ANY(${ids}::int[]))`;
}

/** A full-text match against a `searchVector` column (PostgreSQL's web search syntax). */
export function matchesText(vector: Prisma.Sql, text: string): Prisma.Sql {
  return Prisma.sql`${vector} @@ websearch_to_tsquery('english', ${text})`;
}
