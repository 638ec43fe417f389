/**
 * Lists come in the order the client asks for ("newest first"), ties broken by the order the
 * graph recorded the elements in, so that paging with cursors visits every element exactly once,
 * forward and backward, whatever the page size. On a generated graph with thousands of positions
 * and many ties on each day, pages of an ordering are compared with the whole list sorted here.
 */
import { describe, expect, it } from 'vitest';
import { expectBadUserInput } from '../support/api.ts';
import { useGeneratedServer } from '../support/generated.ts';
import { generousLimits } from '../support/http.ts';

const api = useGeneratedServer({ factor: 0.002, env: generousLimits });

interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Every element of a connection, page by page, forward (first/after) or backward (last/before). */
async function pageThrough<T>(
  fetchPage: (args: { first?: number; after?: string | null; last?: number; before?: string | null }) => Promise<Page<T>>,
  size: number,
  direction: 'forward' | 'backward',
): Promise<T[]> {
  const seen: T[][] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page: Page<T> = await fetchPage(direction === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor });
    expect(page.edges.length).toBeLessThanOrEqual(size);
    if (direction === 'forward') seen.push(page.edges.map((edge) => edge.node));
    else seen.unshift(page.edges.map((edge) => edge.node));
    const more = direction === 'forward' ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
    if (!more) return seen.flat();
    cursor = direction === 'forward' ? page.pageInfo.endCursor : page.pageInfo.startCursor;
  }
  throw new Error('more than 1000 pages');
}

interface PositionNode {
  id: string;
  statedOn: string | null;
}

/** Positions held by South Korea: a few dozen, with ties on many days. */
const korean = `holders: ["KR"]`;

async function recordedOrder(): Promise<PositionNode[]> {
  return pageThrough<PositionNode>(
    async (args) => {
      const data = await api.data(
        `query P($first: Int, $after: String, $last: Int, $before: String) { positions(first: $first, after: $after, last: $last, before: $before, filter: { ${korean} }) { edges { cursor node { id statedOn } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
        args,
      );
      return data.positions;
    },
    100,
    'forward',
  );
}

/** The expected ordering by statedOn: undated count as earliest; ties in recorded order, same direction. */
function byStatedOn(all: PositionNode[], direction: 'ASC' | 'DESC'): string[] {
  const rank = new Map(all.map((node, index) => [node.id, index]));
  const key = (node: PositionNode) => node.statedOn ?? '0000-00-00';
  const sign = direction === 'ASC' ? 1 : -1;
  return [...all].sort((a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : rank.get(a.id)! - rank.get(b.id)!)).map((node) => node.id);
}

describe('ordered connections, paged by keyset cursors', () => {
  it('positions by statedOn, newest first, visit every element once in order: forward and backward, pages of 7', async () => {
    const all = await recordedOrder();
    expect(all.length).toBeGreaterThan(40);
    const days = new Set(all.map((node) => node.statedOn));
    expect(days.size, 'the ordering has ties to break').toBeLessThan(all.length);

    const fetchPage = async (args: Record<string, unknown>) =>
      (
        await api.data(
          `query P($first: Int, $after: String, $last: Int, $before: String) {
            positions(first: $first, after: $after, last: $last, before: $before, filter: { ${korean} }, orderBy: { field: STATED_ON, direction: DESC }) {
              edges { cursor node { id statedOn } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            }
          }`,
          args,
        )
      ).positions as Page<PositionNode>;
    const forward = await pageThrough(fetchPage, 7, 'forward');
    expect(forward.map((node) => node.id)).toEqual(byStatedOn(all, 'DESC'));
    const backward = await pageThrough(fetchPage, 7, 'backward');
    expect(backward.map((node) => node.id)).toEqual(byStatedOn(all, 'DESC'));
  });

  it('ascending: oldest first, undated positions before every dated one', async () => {
    const all = await recordedOrder();
    const data = await api.data(`{ positions(first: 100, filter: { ${korean} }, orderBy: { field: STATED_ON }) { nodes { id statedOn } } }`);
    expect(data.positions.nodes.map((node: PositionNode) => node.id)).toEqual(byStatedOn(all, 'ASC').slice(0, 100));
  });

  it('a cursor is a position in its ordering: the next page starts right after it, also in a relation', async () => {
    const data = await api.data(
      `{ deployments(first: 3) { nodes { id positions(first: 100, orderBy: { field: STATED_ON, direction: DESC }) { edges { cursor node { id statedOn } } } } } }`,
    );
    for (const deployment of data.deployments.nodes) {
      const edges = deployment.positions.edges;
      const keys = edges.map((edge: any) => edge.node.statedOn ?? '');
      expect(keys).toEqual([...keys].sort().reverse());
      if (edges.length < 3) continue;
      const next = await api.data(
        `query N($id: ID!, $after: String) { node(id: $id) { ... on Deployment { positions(first: 2, after: $after, orderBy: { field: STATED_ON, direction: DESC }) { nodes { id } } } } }`,
        { id: deployment.id, after: edges[0].cursor },
      );
      expect(next.node.positions.nodes.map((node: any) => node.id)).toEqual(edges.slice(1, 3).map((edge: any) => edge.node.id));
    }
  });

  it('every connection orders by its own fields, ties in recorded order', async () => {
    const data = await api.data(`{
      officials(first: 100, orderBy: { field: NAME, direction: DESC }) { nodes { name } }
      countries(first: 100, orderBy: { field: ISO_CODE }) { nodes { isoCode } }
      byName: countries(first: 100, orderBy: { field: NAME }) { nodes { name } }
      articles(first: 100, orderBy: { field: PUBLISHED_AT, direction: DESC }) { nodes { publishedAt } }
      meetings(first: 100, orderBy: { field: DATE }) { nodes { date } }
      deployments(first: 100, orderBy: { field: ANNOUNCED_ON, direction: DESC }) { nodes { announcedOn } }
      byDeploymentName: deployments(first: 100, orderBy: { field: NAME }) { nodes { name } }
      organizations(first: 100, orderBy: { field: NAME }) { nodes { name } }
    }`);
    const inOrder = (values: string[], direction: 'ASC' | 'DESC') => {
      const expected = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(values).toEqual(direction === 'ASC' ? expected : expected.reverse());
    };
    inOrder(
      data.officials.nodes.map((o: any) => o.name),
      'DESC',
    );
    inOrder(
      data.countries.nodes.map((c: any) => c.isoCode),
      'ASC',
    );
    inOrder(
      data.byName.nodes.map((c: any) => c.name),
      'ASC',
    );
    // Undated articles, meetings and deployments come last when newest first, first when oldest first.
    inOrder(
      data.articles.nodes.map((a: any) => a.publishedAt ?? ''),
      'DESC',
    );
    inOrder(
      data.meetings.nodes.map((m: any) => m.date ?? ''),
      'ASC',
    );
    inOrder(
      data.deployments.nodes.map((d: any) => d.announcedOn ?? ''),
      'DESC',
    );
    inOrder(
      data.byDeploymentName.nodes.map((d: any) => d.name),
      'ASC',
    );
    inOrder(
      data.organizations.nodes.map((o: any) => o.name),
      'ASC',
    );
  });

  it('a cursor of one ordering is refused in another, naming the argument', async () => {
    const data = await api.data(
      `{ positions(first: 1, orderBy: { field: STATED_ON }) { pageInfo { endCursor } } recorded: positions(first: 1) { pageInfo { endCursor } } }`,
    );
    const byDate = data.positions.pageInfo.endCursor;
    expectBadUserInput(await api.query(`query Q($after: String) { positions(first: 1, after: $after) { totalCount } }`, { after: byDate }), 'after');
    expectBadUserInput(
      await api.query(`query Q($before: String) { positions(last: 1, before: $before, orderBy: { field: STATED_ON, direction: DESC }) { totalCount } }`, {
        before: data.recorded.pageInfo.endCursor,
      }),
      'before',
    );
    // The same ordering in the other direction accepts it: a cursor is a position, not a direction.
    const other = await api.query(
      `query Q($after: String) { positions(first: 1, after: $after, orderBy: { field: STATED_ON, direction: DESC }) { totalCount } }`,
      { after: byDate },
    );
    expect(other.errors).toBeUndefined();
  });

  it('a forged cursor is refused', async () => {
    const forged = Buffer.from('cursor:v2:["STATED_ON","not a date",1]').toString('base64url');
    const result = await api.query(`query Q($after: String) { positions(first: 1, after: $after, orderBy: { field: STATED_ON }) { totalCount } }`, {
      after: forged,
    });
    expectBadUserInput(result, 'after');
    const spelled = Buffer.from('cursor:v2:[ "STATED_ON","2016-01-01",1]').toString('base64url');
    expectBadUserInput(
      await api.query(`query Q($after: String) { positions(first: 1, after: $after, orderBy: { field: STATED_ON }) { totalCount } }`, { after: spelled }),
      'after',
    );
  });
});
