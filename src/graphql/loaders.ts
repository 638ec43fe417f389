import DataLoader from 'dataloader';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { countLinked, countRoot, fetchLinkedAll, fetchLinkedPages, fetchNodes, fetchRootPage, type IdSource, type NodeSource } from '../db/pages.ts';
import { stanceBreakdown, stanceCounts, type BreakdownEntry, type Dimension, type StanceCounts, type SummaryScope } from '../data/stance-summaries.ts';
import { toConnection, type Connection, type HasRowId } from './connection.ts';
import type { EmbeddedRelation, PageEntry } from '../db/pages.ts';
import { compileList, toPage, type CompiledList, type ListArgs, type Listing } from '../data/listing.ts';
import { References } from '../data/references.ts';
import { articleBodies } from '../data/models/article.ts';
import type { SelectedFields } from './selected-fields.ts';
import { relationsOf } from './embedded-relations.ts';

/*
 * Per-request loaders. Two rules keep a request's SQL a function of its shape:
 *
 * 1. Batching: every list or object asked for by many parents at one level of the query is one
 *    statement for all of them (DataLoader collects the keys of one tick).
 * 2. No cache across levels: an object loaded at one level is loaded again when a later level
 *    asks for it. A cache would save a statement only when every key of a level happened to be
 *    loaded before (say, the one position of a `first: 1` page reached again further down),
 *    which makes the count depend on the data and the page sizes rather than on the shape. The
 *    rows are re-read within the same request, so the answer stays consistent.
 *
 * Connection pages bring their nodes' columns with them (src/db/pages.ts): a connection is
 * one statement, `totalCount` one more when selected.
 *
 * Nodes are read with the columns of the fields the operation selects (`readOnly`): the rest of a
 * node's columns stay in the database. A connection page also reads the references and short
 * lists the operation selects of its nodes' type (`Position.holders`, `Position.deployment`) in its
 * own statement, as JSON (src/db/pages.ts, `embedding`), instead of one statement per relation
 * after it: a filtered page of positions with their holders and deployment is two statements (the
 * filter's natural keys, the page), where it was four. What a request costs is still a function
 * of its shape: which relations a page brings depends on the operation, not on the data.
 */

const batchOnly = { cache: false } as const;

/** Batches lookups by row id into one query and answers in the order of the keys. */
function byRowId<T extends HasRowId>(find: (ids: readonly number[]) => Promise<T[]>): DataLoader<number, T | null> {
  return new DataLoader(async (ids) => {
    const found = new Map((await find([...new Set(ids)])).map((item) => [item.rowId, item]));
    return ids.map((id) => found.get(id) ?? null);
  }, batchOnly);
}

/** Batches to-many lookups by parent id; a parent without children gets an empty list. */
function byParentId<T>(find: (ids: readonly number[]) => Promise<Map<number, T[]>>): DataLoader<number, T[]> {
  return new DataLoader(async (ids) => {
    const found = await find([...new Set(ids)]);
    return ids.map((id) => found.get(id) ?? []);
  }, batchOnly);
}

interface LinkedPageKey {
  source: IdSource;
  nodes: NodeSource<unknown>;
  parentId: number;
  list: CompiledList;
}

interface LinkedCountKey {
  source: IdSource;
  nodes: NodeSource<unknown>;
  parentId: number;
  where: Prisma.Sql;
  whereKey: string;
  /** Count no further (`count`); undefined: count all (`totalCount`). */
  atMost?: number;
}

/** Groups keys that compile to the same SQL, runs `run` once per group, answers every key. */
async function perGroup<K, V>(keys: readonly K[], groupOf: (key: K) => string, run: (group: K[]) => Promise<(key: K) => V>): Promise<V[]> {
  const groups = new Map<string, K[]>();
  for (const key of keys) groups.set(groupOf(key), [...(groups.get(groupOf(key)) ?? []), key]);
  const answers = new Map<K, V>();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const answer = await run(group);
      for (const key of group) answers.set(key, answer(key));
    }),
  );
  return keys.map((key) => answers.get(key) as V);
}

/**
 * Pages of the same relation, filter, order and window, asked for by many parents in one tick,
 * become one SQL statement; so do their totals.
 */
function linkedPageLoaders(prisma: PrismaClient, reading: Reading) {
  const pages = new DataLoader<LinkedPageKey, PageEntry<unknown>[]>(
    (keys) =>
      perGroup(
        keys,
        (key) => `${key.source.name}|${key.list.key}`,
        async (group) => {
          const [{ source, nodes, list }] = group as [LinkedPageKey, ...LinkedPageKey[]];
          const byParent = await fetchLinkedPages(prisma, source, reading(nodes), [...new Set(group.map((key) => key.parentId))], list.query, list.window);
          return (key) => byParent.get(key.parentId) ?? [];
        },
      ),
    batchOnly,
  );
  const counts = new DataLoader<LinkedCountKey, number>(
    (keys) =>
      perGroup(
        keys,
        (key) => `${key.source.name}|${key.whereKey}|${key.atMost ?? 'all'}`,
        async (group) => {
          const [{ source, nodes, where, atMost }] = group as [LinkedCountKey, ...LinkedCountKey[]];
          const totals = await countLinked(prisma, source, nodes, [...new Set(group.map((key) => key.parentId))], where, atMost);
          return (key) => totals.get(key.parentId) ?? 0;
        },
      ),
    batchOnly,
  );
  return { pages, counts };
}

/** Stance summaries of many parents with the same scope and filter: one statement per summary field. */
function stanceSummaryLoaders(prisma: PrismaClient) {
  const scopeKey = (scope: SummaryScope) => `${scope.source?.name ?? 'all'}|${scope.whereKey}`;
  const counts = new DataLoader<SummaryScope, StanceCounts | undefined>(
    (keys) =>
      perGroup(keys, scopeKey, async (group) => {
        const [{ source, where }] = group as [SummaryScope, ...SummaryScope[]];
        const byParent = await stanceCounts(prisma, source, [...new Set(group.map((key) => key.parentId))], where);
        return (key) => byParent.get(key.parentId);
      }),
    batchOnly,
  );
  const breakdown = new DataLoader<{ scope: SummaryScope; dimension: Dimension; first: number }, BreakdownEntry[]>(
    (keys) =>
      perGroup(
        keys,
        (key) => `${scopeKey(key.scope)}|${key.dimension}|${key.first}`,
        async (group) => {
          const [{ scope, dimension, first }] = group as [(typeof group)[number], ...(typeof group)[number][]];
          const byParent = await stanceBreakdown(prisma, scope.source, [...new Set(group.map((key) => key.scope.parentId))], scope.where, dimension, first);
          return (key) => byParent.get(key.scope.parentId) ?? [];
        },
      ),
    batchOnly,
  );
  return { counts, breakdown };
}

/** Article bodies, loaded only when a query selects `body` (they are the largest column by far). */
function articleBodyLoader(prisma: PrismaClient): DataLoader<number, string | null> {
  return new DataLoader(async (ids) => {
    const bodies = await articleBodies(prisma, ids);
    return ids.map((id) => bodies.get(id) ?? null);
  }, batchOnly);
}

/** The fields either selects, by type. */
function unionOf(a: SelectedFields, b: SelectedFields): SelectedFields {
  const union = new Map<string, ReadonlySet<string>>(a);
  for (const [typeName, fields] of b) union.set(typeName, new Set([...(a.get(typeName) ?? []), ...fields]));
  return union;
}

/** A node source as a request reads it: narrowed to the fields its operation selects. */
type Reading = <TNode>(nodes: NodeSource<TNode>) => NodeSource<TNode>;

/** The node sources an operation reads, narrowed (`reading`) and with a page's relations (`readingPage`), by the source they come from. */
interface Readings {
  selected: SelectedFields;
  narrowed: Map<NodeSource<unknown>, NodeSource<unknown>>;
  pages: Map<NodeSource<unknown>, NodeSource<unknown>>;
}

/**
 * Readings kept with the selected fields they follow from: a compiled operation has one object of
 * selected fields (src/http/compiled-executor.ts), so the requests of one document share the
 * sources they read through, whose select lists and embedded relations are SQL text built once
 * instead of once per request (src/db/pages.ts, `narrowed`, `embedding`).
 */
const readingsBySelection = new WeakMap<SelectedFields, Readings>();

function readingsOf(selected: SelectedFields): Readings {
  let readings = readingsBySelection.get(selected);
  if (!readings) readingsBySelection.set(selected, (readings = { selected, narrowed: new Map(), pages: new Map() }));
  return readings;
}

/** One set per request: batching never crosses requests (no stale or foreign data). */
export function createLoaders(prisma: PrismaClient) {
  let readings: Readings | null = null;
  const reading: Reading = <TNode>(nodes: NodeSource<TNode>) => {
    if (!readings) return nodes;
    let source = readings.narrowed.get(nodes);
    if (!source) {
      const { selected } = readings;
      const fields = new Set(nodes.typeNames.flatMap((typeName) => [...(selected.get(typeName) ?? [])]));
      readings.narrowed.set(nodes, (source = nodes.narrowed(fields)));
    }
    return source as NodeSource<TNode>;
  };
  /** A connection page's source: read as `reading` reads it, with the relations the operation selects of its type. */
  const readingPage: Reading = <TNode>(nodes: NodeSource<TNode>) => {
    const [typeName, ...others] = nodes.typeNames;
    // An interface's page (actors) could meet two types' relations of one name: read as before.
    if (!readings || typeName === undefined || others.length > 0) return reading(nodes);
    let source = readings.pages.get(nodes);
    if (!source) {
      const fields = readings.selected.get(typeName);
      const relations = relationsOf(typeName)
        .filter((relation) => fields?.has(relation.name))
        .map((relation): EmbeddedRelation => ({ ...relation, nodes: reading(relation.nodes()) }));
      readings.pages.set(nodes, (source = relations.length === 0 ? reading(nodes) : reading(nodes).embedding(relations)));
    }
    return source as NodeSource<TNode>;
  };
  const linked = linkedPageLoaders(prisma, readingPage);
  const refs = new References(prisma);
  const summaries = stanceSummaryLoaders(prisma);
  const nodeLoaders = new Map<NodeSource<unknown>, DataLoader<number, unknown>>();
  const linkedLoaders = new Map<IdSource, DataLoader<number, unknown[]>>();
  const loaders = {
    /**
     * Reads nodes with only the columns of `fields` (set before the operation runs). Without it
     * every column is read: a subscription's deliveries, work outside an operation. Called again
     * (a second operation sharing the context), it reads what either selects.
     */
    readOnly(fields: SelectedFields): void {
      readings = readingsOf(readings ? unionOf(readings.selected, fields) : fields);
    },
    /** Natural keys in filters (ISO codes, acronyms, systems), resolved in one statement per tick. */
    refs,
    /** A node source as this request reads it: the columns its operation selects (for a statement that reads nodes itself, as search does). */
    reading,
    /** Nodes of one source (a model's, src/data/model-listing.ts) by row id: one statement per tick. */
    node<TNode extends HasRowId>(nodes: NodeSource<TNode>): DataLoader<number, TNode | null> {
      let loader = nodeLoaders.get(nodes);
      if (!loader) nodeLoaders.set(nodes, (loader = byRowId((ids) => fetchNodes(prisma, reading(nodes), ids))));
      return loader as DataLoader<number, TNode | null>;
    },
    /** A short relation's nodes for each parent (`Position.holders`), in `orderBy` (row id by default): one statement per tick. */
    linked<TNode>(source: IdSource, nodes: NodeSource<TNode>, orderBy?: Prisma.Sql): DataLoader<number, TNode[]> {
      let loader = linkedLoaders.get(source);
      if (!loader) linkedLoaders.set(source, (loader = byParentId((ids) => fetchLinkedAll(prisma, source, reading(nodes), ids, orderBy))));
      return loader as DataLoader<number, TNode[]>;
    },
    articleBody: articleBodyLoader(prisma),
    stanceCounts: summaries.counts,
    stanceBreakdown: summaries.breakdown,

    /**
     * A page of a root list (`Query.positions`): one statement for the page with its nodes, which
     * also looks up the natural keys of its filter (checked before anything uses the page).
     */
    async rootConnection<TNode, TFilter, TField extends string>(
      listing: Listing<TNode, TFilter, TField>,
      args: ListArgs<TFilter, TField>,
    ): Promise<Connection<TNode>> {
      const keys = new References(prisma, { deferred: true });
      const list = await compileList(listing, args, keys);
      const read = await fetchRootPage(prisma, readingPage(listing.nodes), list.query, list.window, keys.lookupRowsSql());
      keys.checkLookupRows(read.alongside);
      const page = toPage(list.window, read.entries);
      return toConnection(
        page,
        () => countRoot(prisma, listing.nodes, list.query),
        (atMost) => countRoot(prisma, listing.nodes, list.query, atMost),
      );
    },

    /** A page of a parent's relation (`Country.positions`), batched across sibling parents. */
    async linkedConnection<TNode, TFilter, TField extends string>(
      source: IdSource,
      listing: Listing<TNode, TFilter, TField>,
      parentId: number,
      args: ListArgs<TFilter, TField>,
    ): Promise<Connection<TNode>> {
      const list = await compileList(listing, args, refs);
      const nodes = listing.nodes as NodeSource<unknown>;
      const entries = (await linked.pages.load({ source, nodes, parentId, list })) as PageEntry<TNode>[];
      const whereKey = JSON.stringify([listing.name, args.filter ?? null]);
      const count = (atMost?: number) => linked.counts.load({ source, nodes, parentId, where: list.query.where, whereKey, atMost });
      return toConnection(toPage(list.window, entries), () => count(), count);
    },
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;
