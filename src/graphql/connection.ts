import { ArgsType, Field, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { encodeCursor } from '../data/cursor.ts';
import { defaultPageSize, maxPageSize, type Page, type PageArgs } from '../data/listing.ts';

@ArgsType()
export class ConnectionArgs implements PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Returns the first n elements (1..${maxPageSize}; ${defaultPageSize} when neither first nor last is given).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Returns the elements that come after this cursor.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Returns the last n elements (1..${maxPageSize}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Returns the elements that come before this cursor.' })
  before?: string | null;
}

@ObjectType({ description: 'Information about a page of a connection, for paginating further.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more elements follow this page (paginate with `first` and `after: endCursor`).' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether elements precede this page (paginate with `last` and `before: startCursor`).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the first element of the page; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'The cursor of the last element of the page; null when the page is empty.' })
  endCursor!: string | null;
}

/** Whether a bounded count is the number itself or a lower bound of it. */
export enum CountPrecision {
  EXACT = 'EXACT',
  AT_LEAST = 'AT_LEAST',
}

registerEnumType(CountPrecision, {
  name: 'CountPrecision',
  description: 'Whether a count is exact or a lower bound.',
  valuesConfig: {
    EXACT: { description: 'The count is the number of elements.' },
    AT_LEAST: { description: 'There are at least this many elements; counting stopped at the limit.' },
  },
});

/** The most elements `count` counts. */
export const countLimit = 10_000;

@ObjectType('Count', { description: `A number of elements, counted up to ${countLimit.toLocaleString('en')}.` })
export class Count {
  @Field(() => Int, { description: `The number of elements, or ${countLimit.toLocaleString('en')} when there are more.` })
  count!: number;

  @Field(() => CountPrecision, { description: 'EXACT, or AT_LEAST when counting stopped at the limit.' })
  precision!: CountPrecision;
}

export interface Edge<TNode> {
  cursor: string;
  node: TNode;
}

export interface Connection<TNode> {
  edges: Edge<TNode>[];
  nodes: TNode[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
  /** A count that stops at `countLimit` (model connections). */
  readonly count?: Promise<Count>;
}

/** A row with its database id, as every node type keeps beside its global ID. */
export interface HasRowId {
  rowId: number;
}

/**
 * Assembles a connection from a page. `countTotal` runs only when a client selects `totalCount`,
 * `countUpTo` (given the most rows to count) only when it selects `count`.
 */
export function toConnection<TNode>(page: Page<TNode>, countTotal: () => Promise<number>, countUpTo?: (atMost: number) => Promise<number>): Connection<TNode> {
  const first = page.entries[0];
  const last = page.entries.at(-1);
  return {
    // Cursors are made when asked for: a page of a nested connection is mostly read as `nodes`.
    get edges() {
      return page.entries.map((entry) => ({ cursor: encodeCursor(entry.position), node: entry.node }));
    },
    nodes: page.entries.map((entry) => entry.node),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: first ? encodeCursor(first.position) : null,
      endCursor: last ? encodeCursor(last.position) : null,
    },
    get totalCount() {
      return countTotal();
    },
    get count() {
      // One row past the limit tells "exactly the limit" from "more".
      return countUpTo?.(countLimit + 1).then((counted) =>
        counted > countLimit ? { count: countLimit, precision: CountPrecision.AT_LEAST } : { count: counted, precision: CountPrecision.EXACT },
      );
    },
  };
}

/** Declares `<Name>Edge` and the abstract fields of `<Name>Connection` for a node type. */
export function ConnectionType<TNode extends object>(nodeType: ClassType<TNode>, typeName: string, plural: string) {
  @ObjectType(`${typeName}Edge`, { description: `An edge in a connection of ${plural}.` })
  class EdgeType {
    @Field(() => String, { description: 'A cursor for use in pagination (`after`, `before`).' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${typeName} at the end of the edge.` })
    node!: TNode;
  }

  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => [EdgeType], { description: 'The edges of this page, each with its cursor.' })
    edges!: EdgeType[];

    @Field(() => [nodeType], { description: `The ${plural} of this page, without cursors.` })
    nodes!: TNode[];

    @Field(() => PageInfo, { description: 'Information to aid in pagination.' })
    pageInfo!: PageInfo;

    // Not a plain property: a getter that starts the count (a promise), so it keeps a resolver (src/graphql/schema.ts).
    @Field(() => Int, { simple: false, description: `The total number of ${plural} in the connection, across all pages.` })
    totalCount!: number;
  }
  return ConnectionClass;
}
