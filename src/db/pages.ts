/**
 * Pages of lists in one SQL statement each, whatever the number of parents or the page size.
 *
 * - A root list (`Query.positions`) is one statement: the rows of the page, filtered, in the
 *   requested order, after/before the cursor's keyset, one row more than the page to tell whether
 *   more follow.
 * - A relation (`Deployment.positions`) for every parent on a page is one statement too: the
 *   parents' ids are unnested and each gets its own page through a LATERAL subquery with its own
 *   LIMIT, so each parent costs an index range of `size + 1` rows, never all of its children.
 *   (The first version ranked every child of every parent with row_number(), which reads and
 *   sorts all of a parent's children: fine for the seed, not for a country with 100,000
 *   positions or a page 5,000 pages deep.)
 * - The page statement returns the nodes' columns, not only their ids, so that a connection costs
 *   one statement, not an id statement and a node statement.
 * - Rows travel as one JSON text per statement (json_agg), parsed by JSON.parse: PostgreSQL builds
 *   the rows in C and V8 parses them in one pass, several times cheaper in the API process than
 *   decoding every cell of every row through the driver (measured: docs/benchmarks.md).
 *
 * Keyset pagination: a cursor holds the sort key and the row id of an element; the next page is
 * `(key, id) > (cursor key, cursor id)` in the ordering's direction, which an index on
 * `(key, id)` answers by seeking, so page 5,000 costs what page 1 costs.
 *
 * Every name interpolated here (tables, columns, sort expressions) is a constant of the code;
 * client input only ever arrives as bound parameters.
 */
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { queryRows } from './direct-reads.ts';

/** A place in a list's ordering: the sort key's value and the row id that breaks ties. */
export interface CursorPosition {
  /** The ordering, e.g. `STATED_ON`; `RECORDED_AT` for row-id order. */
  order: string;
  /** The sort key's value as text; null for row-id order. */
  key: string | null;
  /** The row id: the tie-break of every ordering. */
  id: number;
}

/**
 * What a page asks for, validated: a direction, a size, and exclusive bounds given as positions
 * in the list's ordering (keyset pagination).
 */
export interface PageWindow {
  direction: 'forward' | 'backward';
  size: number;
  after: CursorPosition | null;
  before: CursorPosition | null;
}

/** An element of a page: the node and its position in the list's ordering. */
export interface PageEntry<TNode> {
  node: TNode;
  position: CursorPosition;
}

/**
 * Where the ids of a list live in SQL: `table.childColumn`, optionally tied to a parent by
 * `table.parentColumn` (a foreign key of the node table itself, or one side of a join table).
 */
export interface IdSource {
  name: string;
  table: string;
  childColumn: string;
  parentColumn?: string;
  /**
   * The table holds at most one row per (parent, child), its primary key: a parent's rows count its
   * children. Declared for the lists that grow long (a deployment's, a holder's, a speaker's and a
   * topic's positions); without it a count takes the distinct children.
   */
  onePerPair?: boolean;
}

/** The largest value of PostgreSQL's `integer`, the type of every id column. */
export const maxRowId = 2_147_483_647;

/** Ids beyond PostgreSQL's integer name nothing (a well-formed global ID may carry one); leave them out of SQL parameters. */
export function storableIds(ids: readonly number[]): number[] {
  return ids.filter((id) => id <= maxRowId);
}

/** A row as the driver returns it: column name to value. */
export type NodeRow = Record<string, unknown>;

/** A column of a node's select list: its name in the row, and its item in the list (`n."stance"`, `c.id IS NOT NULL AS "_isCountry"`). */
export interface SelectColumn {
  name: string;
  sql: Prisma.Sql;
  /** The value without its name, where `sql` names it (`AS`); `sql` itself otherwise. */
  expression?: Prisma.Sql;
}

/** A select-list column computed by `expression`, named `name`. */
export function selectColumn(name: string, expression: Prisma.Sql): SelectColumn {
  return { name, sql: Prisma.sql`${expression} AS ${identifier(name)}`, expression };
}

/**
 * `columns` as one JSON object per row, as `row_to_json` of the select list would make it: a list
 * of children (`childListSql`) aggregates these directly, in its order, where aggregating whole
 * rows needed a subquery and a window function to number them (a sort and a window per parent).
 */
function jsonObjectOf(columns: readonly SelectColumn[]): Prisma.Sql {
  // json_build_object takes at most 100 arguments.
  if (columns.length > 50) throw new Error(`a JSON object of ${columns.length} columns: json_build_object takes at most 50`);
  const pairs = columns.map((column) => Prisma.sql`${Prisma.raw(`'${column.name.replace(/'/g, "''")}'`)}, ${column.expression ?? column.sql}`);
  return Prisma.sql`json_build_object(${Prisma.join(pairs, ', ')})`;
}

/**
 * How to read nodes of one type: the FROM clause (the node table aliased `n`, with any joins its
 * columns need) and the select list, and how a row becomes the GraphQL object.
 */
export interface NodeSource<TNode> {
  /** The node table (where `n.id` lives). */
  table: string;
  /** The types of the records it reads (a country or an organization for an actor). */
  typeNames: readonly string[];
  from: Prisma.Sql;
  /** Every column of a node. */
  columns: Prisma.Sql;
  /** The same columns as one JSON object, for lists aggregated as JSON (src/db/pages.ts, `childListSql`). */
  jsonObject: Prisma.Sql;
  /**
   * The same source reading only what `fields` (field names of its types) need: the columns of
   * the fields not among them are left out, every other column (the id, the foreign keys that
   * relations follow, what tells the type) is read. A position has 22 columns, of which the deep
   * traversal shows 3: read with 7, it is built, sent, parsed and collected at a fraction of the
   * cost (docs/benchmarks.md).
   */
  narrowed(fields: ReadonlySet<string>): NodeSource<TNode>;
  /**
   * The same source reading `relations` of each node in its row, as JSON built by PostgreSQL: a
   * page of positions brings each position's holders and deployment with it instead of a statement
   * for each relation after it. Each record carries them (`embeddedOf`).
   */
  embedding(relations: readonly EmbeddedRelation[]): NodeSource<TNode>;
  /**
   * Rows lists leave out by default (a condition over `n`), and the condition of a list without a
   * filter that keeps the rest (this very object, so that countLinked can tell it from a filter).
   */
  hidden?: { condition: Prisma.Sql; shown: Prisma.Sql };
  /** Maps a row, its dates already revived (see `nodeSource`). */
  toNode(row: NodeRow): TNode;
}

export interface NodeSourceSpec<TNode> {
  table: string;
  typeNames: readonly string[];
  from: Prisma.Sql;
  columns: readonly SelectColumn[];
  /** The columns each field is read from (by name in the select list), for `narrowed`; a column no field reads is always read. */
  fieldColumns?: Readonly<Record<string, readonly string[]>>;
  /** Columns of type `date` (JSON "2016-07-28"), turned into Dates at UTC midnight as Prisma reads them. */
  dates?: readonly string[];
  /** Columns of type `timestamp(3)` (JSON without zone, UTC), turned into Dates. Default: createdAt, updatedAt. */
  instants?: readonly string[];
  /** Rows lists leave out unless a filter asks for them (a condition over `n`). */
  hidden?: Prisma.Sql;
  toNode(row: NodeRow): TNode;
}

/**
 * A relation read in its parent's row (`NodeSource.embedding`): a reference by the parent's
 * foreign-key column, or a short list through an id source, in `orderBy` order (row id by default).
 * Its nodes are read as `nodes` reads them, without relations of their own.
 */
export type EmbeddedRelation =
  | { name: string; kind: 'reference'; column: string; nodes: NodeSource<unknown> }
  | { name: string; kind: 'list'; ids: IdSource; nodes: NodeSource<unknown>; orderBy?: Prisma.Sql };

const embeddedKey = Symbol('embedded relations');

/** The relations read with a record (by name: the node, null, or the list), or undefined when it was read without them. */
export function embeddedOf(record: object): Readonly<Record<string, unknown>> | undefined {
  return (record as { [embeddedKey]?: Record<string, unknown> })[embeddedKey];
}

/** The select-list column of an embedded relation: its JSON, named `_embedded_<name>`. */
const embeddedColumn = (relation: EmbeddedRelation) => `_embedded_${relation.name}`;

/**
 * The JSON of `relation` for the node `n` of the enclosing query. The parent's key is taken into
 * an alias of its own first: the relation's nodes are read as `n` too, which hides the parent's.
 */
function embeddedSql(relation: EmbeddedRelation): Prisma.Sql {
  const nodes = relation.nodes;
  if (relation.kind === 'reference') {
    return Prisma.sql`(SELECT (SELECT row_to_json(e) FROM (SELECT ${nodes.columns} FROM ${nodes.from} WHERE n.id = "_parent".key) AS e)
      FROM (SELECT n.${identifier(relation.column)} AS key) AS "_parent")`;
  }
  return Prisma.sql`(SELECT (${childListSql(relation.ids, nodes, Prisma.raw('"_parent".key'), relation.orderBy)}) FROM (SELECT n.id AS key) AS "_parent")`;
}

/**
 * The JSON list of the children of the parent whose id is `parentKey`, in `orderSql` order (row id
 * by default): each child's JSON object aggregated in order (the children of a page's node, or of
 * each parent of fetchLinkedAll).
 */
function childListSql(source: IdSource, nodes: NodeSource<unknown>, parentKey: Prisma.Sql, orderSql: Prisma.Sql = Prisma.raw('n.id')): Prisma.Sql {
  if (!source.parentColumn) throw new Error(`id source ${source.name} has no parent column`);
  const parentColumn = identifier(source.parentColumn);
  if (source.table === nodes.table) {
    return Prisma.sql`SELECT coalesce(json_agg(${nodes.jsonObject} ORDER BY ${orderSql}), '[]') FROM ${nodes.from} WHERE n.${parentColumn} = ${parentKey}`;
  }
  // Each link's node by its primary key: the LATERAL subquery (kept apart by OFFSET 0) makes one
  // index probe per link. As a join, the planner hashed the whole node table instead (all 20,000
  // officials for 350 speakers: 10 ms against 3). The node's columns come out of it under their
  // names, so that `orderSql` reads them through `n` as it would the table's.
  return Prisma.sql`
    SELECT coalesce(json_agg(n."_json" ORDER BY ${orderSql}), '[]')
    FROM ${identifier(source.table)} AS l
    CROSS JOIN LATERAL (SELECT ${nodes.columns}, ${nodes.jsonObject} AS "_json" FROM ${nodes.from} WHERE n.id = l.${identifier(source.childColumn)} OFFSET 0) AS n
    WHERE l.${parentColumn} = ${parentKey}`;
}

/** A select list of `columns`. */
function selectList(columns: readonly SelectColumn[]): Prisma.Sql {
  return Prisma.join(
    columns.map((column) => column.sql),
    ', ',
  );
}

/** The columns of `columns` that `fields` need: those no field reads, and those some field of `fields` reads. */
export function columnsNeeded(
  columns: readonly SelectColumn[],
  fieldColumns: Readonly<Record<string, readonly string[]>>,
  fields: ReadonlySet<string>,
): SelectColumn[] {
  const readByAField = new Set<string>();
  const needed = new Set<string>();
  for (const [field, names] of Object.entries(fieldColumns)) {
    for (const name of names) {
      readByAField.add(name);
      if (fields.has(field)) needed.add(name);
    }
  }
  return columns.filter((column) => !readByAField.has(column.name) || needed.has(column.name));
}

/** A NodeSource whose rows, read as JSON, get their date columns back as Date objects, as Prisma gives them. */
export function nodeSource<TNode>(spec: NodeSourceSpec<TNode>): NodeSource<TNode> {
  const dates = spec.dates ?? [];
  const instants = spec.instants ?? ['createdAt', 'updatedAt'];
  const hidden = spec.hidden ? { condition: spec.hidden, shown: Prisma.sql`NOT (${spec.hidden})` } : undefined;
  const toNode = (row: NodeRow) => {
    for (const column of instants) {
      const value = row[column];
      if (typeof value === 'string') row[column] = new Date(`${value}Z`);
    }
    for (const column of dates) {
      const value = row[column];
      if (typeof value === 'string') row[column] = new Date(`${value}T00:00:00Z`);
    }
    return spec.toNode(row);
  };
  const withColumns = (columns: readonly SelectColumn[], relations: readonly EmbeddedRelation[] = []): NodeSource<TNode> => {
    const all = [...columns, ...relations.map((relation) => selectColumn(embeddedColumn(relation), embeddedSql(relation)))];
    return {
      table: spec.table,
      typeNames: spec.typeNames,
      from: spec.from,
      columns: selectList(all),
      // Built when a list aggregates it: json_build_object's bound (50 columns) is its concern only.
      get jsonObject() {
        return jsonObjectOf(all);
      },
      // Narrowing the whole select list again, not this one: a narrowed source is narrowed to `fields`.
      narrowed: (fields) => withColumns(columnsNeeded(spec.columns, spec.fieldColumns ?? {}, fields), relations),
      embedding: (embedded) => withColumns(columns, embedded),
      // The same object for every narrowing: countLinked tells "no filter" by identity.
      ...(hidden ? { hidden } : {}),
      toNode: relations.length === 0 ? toNode : (row) => withEmbedded(toNode(row), row, relations),
    };
  };
  return withColumns(spec.columns);
}

/** `record` with the relations its row brought, as records (a reference missing from the database is null). */
function withEmbedded<TNode>(record: TNode, row: NodeRow, relations: readonly EmbeddedRelation[]): TNode {
  const embedded: Record<string, unknown> = {};
  for (const relation of relations) {
    const value = row[embeddedColumn(relation)];
    embedded[relation.name] =
      relation.kind === 'reference'
        ? value == null
          ? null
          : relation.nodes.toNode(value as NodeRow)
        : (value as NodeRow[]).map((item) => relation.nodes.toNode(item));
  }
  (record as { [embeddedKey]?: Record<string, unknown> })[embeddedKey] = embedded;
  return record;
}

/**
 * Runs `inner` and returns its rows, aggregated to one JSON text by PostgreSQL, in `orderBy` order;
 * and the text of `alongside`, an expression read in the same statement (null without it).
 */
async function jsonRowsWith(
  prisma: PrismaClient,
  inner: Prisma.Sql,
  orderBy: Prisma.Sql | undefined,
  alongside: Prisma.Sql | null,
  withClause: Prisma.Sql | null = null,
): Promise<[NodeRow[], string | null]> {
  const order = orderBy ? Prisma.sql` ORDER BY ${orderBy}` : Prisma.empty;
  const [result] = await queryRows<{ rows: string; alongside: string | null }>(
    prisma,
    Prisma.sql`${withClause ?? Prisma.empty} SELECT coalesce(json_agg(r${order}), '[]')::text AS rows, ${alongside ?? Prisma.sql`NULL`}::text AS alongside FROM (${inner}) AS r`,
  );
  return [JSON.parse(result?.rows ?? '[]') as NodeRow[], result?.alongside ?? null];
}

/** Runs `inner` and returns its rows, aggregated to one JSON text by PostgreSQL, in `orderBy` order. */
async function jsonRows(prisma: PrismaClient, inner: Prisma.Sql, orderBy?: Prisma.Sql): Promise<NodeRow[]> {
  return (await jsonRowsWith(prisma, inner, orderBy, null))[0];
}

/** A sort key of an ordering: an SQL expression over `n` and its type (to cast cursor values back). */
export interface SortKey {
  /** The ordering's name in the API, e.g. `STATED_ON`; cursors carry it. */
  order: string;
  /** Null for row-id order (the id is the key). Never null-valued: use COALESCE for nullable columns. */
  sql: Prisma.Sql | null;
  /** The SQL type of the expression, e.g. `date`. */
  type: string;
  /** Whether a key read from a cursor is a value of the type (a forged cursor must not reach SQL's CAST). */
  accepts?: (key: string) => boolean;
}

export interface ListOrder {
  key: SortKey;
  direction: 'ASC' | 'DESC';
}

/** A filtered, ordered list: what a connection's `filter` and `orderBy` compile to. */
export interface ListQuery {
  /** A condition over `n` (TRUE for no filter). */
  where: Prisma.Sql;
  /** The WITH clause of the tables `where` reads (a root list's natural-key lookup), which every statement using it starts with; null for none. */
  with: Prisma.Sql | null;
  order: ListOrder;
}

export const identifier = (name: string) => Prisma.raw(`"${name.replace(/"/g, '""')}"`);

/** The columns of a Prisma model (its ScalarFieldEnum) in the table aliased `alias`. */
export function columnsOf(alias: string, fields: Record<string, string>): SelectColumn[] {
  return Object.values(fields).map((field) => ({ name: field, sql: Prisma.raw(`${alias}."${field}"`) }));
}

/** The order the SQL reads in: the ordering's direction, reversed for a backward page. */
function readDirection(order: ListOrder, window: PageWindow): 'ASC' | 'DESC' {
  if (window.direction === 'forward') return order.direction;
  return order.direction === 'ASC' ? 'DESC' : 'ASC';
}

function orderBySql(order: ListOrder, window: PageWindow, keyColumn?: Prisma.Sql, idColumn?: Prisma.Sql): Prisma.Sql {
  const direction = Prisma.raw(readDirection(order, window));
  const id = idColumn ?? Prisma.raw('n.id');
  if (!order.key.sql) return Prisma.sql`${id} ${direction}`;
  return Prisma.sql`${keyColumn ?? order.key.sql} ${direction}, ${id} ${direction}`;
}

/** `(key, id) > (cursor key, cursor id)`, or `<`, for the elements after or before a cursor. */
function boundSql(order: ListOrder, position: CursorPosition, side: 'after' | 'before'): Prisma.Sql {
  const ascending = order.direction === 'ASC';
  const operator = Prisma.raw((side === 'after') === ascending ? '>' : '<');
  if (!order.key.sql) return Prisma.sql`n.id ${operator} ${position.id}`;
  return Prisma.sql`(${order.key.sql}, n.id) ${operator} (CAST(${position.key} AS ${Prisma.raw(order.key.type)}), ${position.id})`;
}

function keysetSql(order: ListOrder, window: PageWindow): Prisma.Sql {
  const after = window.after ? Prisma.sql` AND ${boundSql(order, window.after, 'after')}` : Prisma.empty;
  const before = window.before ? Prisma.sql` AND ${boundSql(order, window.before, 'before')}` : Prisma.empty;
  return Prisma.sql`TRUE${after}${before}`;
}

const keyTextSql = (order: ListOrder) => (order.key.sql ? Prisma.sql`(${order.key.sql})::text` : Prisma.sql`NULL::text`);

function entryOf<TNode>(nodes: NodeSource<TNode>, order: ListOrder, row: NodeRow): PageEntry<TNode> {
  return { node: nodes.toNode(row), position: { order: order.key.order, key: (row._key as string | null) ?? null, id: row._id as number } };
}

/** Elements of a root list, in window order, with one extra row to tell if more follow. */
export async function fetchRootPage<TNode>(
  prisma: PrismaClient,
  nodes: NodeSource<TNode>,
  query: ListQuery,
  window: PageWindow,
  alongside: Prisma.Sql | null = null,
): Promise<{ entries: PageEntry<TNode>[]; alongside: string | null }> {
  const sortColumn = query.order.key.sql ? Prisma.sql`, ${query.order.key.sql} AS "_sort"` : Prisma.empty;
  const [rows, alongsideText] = await jsonRowsWith(
    prisma,
    Prisma.sql`
      SELECT ${nodes.columns}, n.id AS "_id", ${keyTextSql(query.order)} AS "_key"${sortColumn}
      FROM ${nodes.from}
      WHERE (${query.where}) AND ${keysetSql(query.order, window)}
      ORDER BY ${orderBySql(query.order, window)}
      LIMIT ${window.size + 1}`,
    orderBySql(query.order, window, Prisma.raw('r."_sort"'), Prisma.raw('r."_id"')),
    alongside,
    query.with,
  );
  return { entries: rows.map((row) => entryOf(nodes, query.order, row)), alongside: alongsideText };
}

/**
 * How many rows meet `where`; with `atMost`, counts no further than that (`atMost` matches read,
 * whatever the list's size: 35 ms for a filter matching 185,000 of a million positions, where the
 * whole count takes 300).
 */
export async function countRoot(prisma: PrismaClient, nodes: NodeSource<unknown>, query: Pick<ListQuery, 'where' | 'with'>, atMost?: number): Promise<number> {
  const start = query.with ?? Prisma.empty;
  const rows =
    atMost === undefined
      ? await queryRows<{ total: number }>(prisma, Prisma.sql`${start} SELECT count(*)::int AS total FROM ${nodes.from} WHERE ${query.where}`)
      : await queryRows<{ total: number }>(
          prisma,
          Prisma.sql`${start} SELECT count(*)::int AS total FROM (SELECT 1 FROM ${nodes.from} WHERE ${query.where} LIMIT ${atMost}) AS s`,
        );
  return rows[0]?.total ?? 0;
}

/** The condition tying a node `n` to the parent id `parent`. */
function linkSql(source: IdSource, nodes: NodeSource<unknown>, parent: Prisma.Sql): Prisma.Sql {
  if (!source.parentColumn) throw new Error(`id source ${source.name} has no parent column`);
  if (source.table === nodes.table) return Prisma.sql`n.${identifier(source.parentColumn)} = ${parent}`;
  // A semi-join: a child linked to one parent through several rows (an article citing one
  // position in two evidence spans) is listed once.
  return Prisma.sql`n.id IN (SELECT l.${identifier(source.childColumn)} FROM ${identifier(source.table)} AS l WHERE l.${identifier(source.parentColumn)} = ${parent})`;
}

/**
 * The same page of many parents' lists in one statement: each parent's page is a LATERAL
 * subquery with its own ORDER BY and LIMIT.
 */
export async function fetchLinkedPages<TNode>(
  prisma: PrismaClient,
  source: IdSource,
  nodes: NodeSource<TNode>,
  parentIds: readonly number[],
  query: ListQuery,
  window: PageWindow,
): Promise<Map<number, PageEntry<TNode>[]>> {
  const sortColumn = query.order.key.sql ? Prisma.sql`, ${query.order.key.sql} AS "_sort"` : Prisma.empty;
  const rows = await jsonRows(
    prisma,
    Prisma.sql`
      SELECT page.* FROM unnest(${[...parentIds]}::int[]) WITH ORDINALITY AS parent(id, ordinal)
      CROSS JOIN LATERAL (
        SELECT parent.ordinal AS "_ordinal", parent.id AS "_parent", ${nodes.columns}, n.id AS "_id", ${keyTextSql(query.order)} AS "_key"${sortColumn}
        FROM ${nodes.from}
        WHERE ${linkSql(source, nodes, Prisma.raw('parent.id'))} AND (${query.where}) AND ${keysetSql(query.order, window)}
        ORDER BY ${orderBySql(query.order, window)}
        LIMIT ${window.size + 1}
      ) AS page`,
    Prisma.sql`r."_ordinal", ${orderBySql(query.order, window, Prisma.raw('r."_sort"'), Prisma.raw('r."_id"'))}`,
  );
  const byParent = new Map<number, PageEntry<TNode>[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) byParent.get(row._parent as number)?.push(entryOf(nodes, query.order, row));
  return byParent;
}

/** Whether a condition is the empty filter (`TRUE`, what a list without `filter` compiles to). */
const isUnconditional = (where: Prisma.Sql) => where.values.length === 0 && where.sql.trim() === 'TRUE';

/** How many children each parent has (meeting `where`); with `atMost`, counts no further than that. */
export async function countLinked(
  prisma: PrismaClient,
  source: IdSource,
  nodes: NodeSource<unknown>,
  parentIds: readonly number[],
  where: Prisma.Sql,
  atMost?: number,
): Promise<Map<number, number>> {
  if (!source.parentColumn) throw new Error(`id source ${source.name} has no parent column`);
  // Unfiltered, through a join table: the children are the ones its rows link to (a link's child
  // exists: a foreign key), an index-only scan of the join table; joining each to its node, as a
  // filter needs, read 22,000 rows of Position for ten deployments (40 ms against 1). Distinct
  // unless the table holds one row per pair: links may repeat (two evidence spans of one article).
  // A list that only leaves out the hidden rows (proposals under review, few) counts its links and
  // subtracts the hidden children, found from the hidden rows' side (a partial index).
  const shownOnly = nodes.hidden !== undefined && where === nodes.hidden.shown;
  if ((isUnconditional(where) || shownOnly) && source.table !== nodes.table) {
    const links = Prisma.sql`SELECT ${source.onePerPair ? Prisma.empty : Prisma.sql`DISTINCT`} l.${identifier(source.childColumn)} FROM ${identifier(source.table)} AS l WHERE l.${identifier(source.parentColumn)} = parent.id`;
    const hidden = shownOnly
      ? Prisma.sql`(SELECT count(*)::int FROM (SELECT DISTINCT n.id FROM ${nodes.from} JOIN ${identifier(source.table)} AS l ON l.${identifier(source.childColumn)} = n.id WHERE l.${identifier(source.parentColumn)} = parent.id AND (${nodes.hidden!.condition})) AS h)`
      : Prisma.sql`0`;
    // Bounded: of the first atMost + hidden links, at least atMost are shown when there are that many.
    const total =
      atMost === undefined
        ? Prisma.sql`(SELECT count(*)::int FROM (${links}) AS s) - hidden.total`
        : Prisma.sql`LEAST(${atMost}, (SELECT count(*)::int FROM (${links} LIMIT ${atMost} + hidden.total) AS s) - hidden.total)`;
    const rows = await queryRows<{ parent: number; total: number }>(
      prisma,
      Prisma.sql`
      SELECT parent.id AS parent, ${total} AS total
      FROM unnest(${[...parentIds]}::int[]) AS parent(id) CROSS JOIN LATERAL (SELECT ${hidden} AS total) AS hidden`,
    );
    return new Map(rows.map((row) => [row.parent, row.total]));
  }
  const children = Prisma.sql`SELECT 1 FROM ${nodes.from} WHERE ${linkSql(source, nodes, Prisma.raw('parent.id'))} AND (${where})`;
  const bounded = atMost === undefined ? children : Prisma.sql`${children} LIMIT ${atMost}`;
  const rows = await queryRows<{ parent: number; total: number }>(
    prisma,
    Prisma.sql`
    SELECT parent.id AS parent, (SELECT count(*)::int FROM (${bounded}) AS s) AS total
    FROM unnest(${[...parentIds]}::int[]) AS parent(id)`,
  );
  return new Map(rows.map((row) => [row.parent, row.total]));
}

/**
 * Every child of many parents, for short lists that are not connections (a position's speakers,
 * holders and evidence; a meeting's participants): one statement, in `orderSql` order per parent.
 */
export async function fetchLinkedAll<TNode>(
  prisma: PrismaClient,
  source: IdSource,
  nodes: NodeSource<TNode>,
  parentIds: readonly number[],
  orderSql?: Prisma.Sql,
): Promise<Map<number, TNode[]>> {
  const rows = await jsonRows(
    prisma,
    Prisma.sql`SELECT parent.id AS "_parent", (${childListSql(source, nodes, Prisma.raw('parent.id'), orderSql)}) AS "_children" FROM unnest(${[...parentIds]}::int[]) AS parent(id)`,
  );
  return new Map(rows.map((row) => [row._parent as number, (row._children as NodeRow[]).map((child) => nodes.toNode(child))]));
}

/** Nodes meeting a condition over `n` (a unique key), in one statement. */
export async function fetchNodesWhere<TNode>(prisma: PrismaClient, nodes: NodeSource<TNode>, where: Prisma.Sql): Promise<TNode[]> {
  const rows = await jsonRows(prisma, Prisma.sql`SELECT ${nodes.columns} FROM ${nodes.from} WHERE ${where}`);
  return rows.map((row) => nodes.toNode(row));
}

/** Which of `ids` are nodes meeting a condition over `n`, in one statement. */
export async function idsWhere(prisma: PrismaClient, nodes: NodeSource<unknown>, where: Prisma.Sql, ids: readonly number[]): Promise<Set<number>> {
  const storable = storableIds(ids);
  if (storable.length === 0) return new Set();
  const rows = await queryRows<{ id: number }>(prisma, Prisma.sql`SELECT n.id FROM ${nodes.from} WHERE n.id = ANY(${storable}::int[]) AND (${where})`);
  return new Set(rows.map((row) => row.id));
}

/** Nodes by row id, one statement for all of them (in no particular order). */
export async function fetchNodes<TNode>(prisma: PrismaClient, nodes: NodeSource<TNode>, ids: readonly number[]): Promise<TNode[]> {
  const storable = storableIds(ids);
  if (storable.length === 0) return [];
  const rows = await jsonRows(prisma, Prisma.sql`SELECT ${nodes.columns} FROM ${nodes.from} WHERE n.id = ANY(${storable}::int[])`);
  return rows.map((row) => nodes.toNode(row));
}
