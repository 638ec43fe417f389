/**
 * A client pages through any list with Relay cursors: forward with first/after, backward with
 * last/before, each element exactly once, with pageInfo telling it when to stop, totalCount
 * telling it how many there are, and a clear error when it asks for a page it cannot have.
 */
import { describe, expect, it } from 'vitest';
import { expectBadUserInput, useSeededServer } from '../support/api.ts';
import { readSeed } from '../support/seed-data.ts';

const seed = readSeed();
const api = useSeededServer();

interface Page {
  totalCount: number;
  edges: Array<{ cursor: string; node: { id: string } }>;
  nodes: Array<{ id: string }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const pageFields = `totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

async function positionsPage(args: { first?: number; after?: string | null; last?: number; before?: string | null }): Promise<Page> {
  const data = await api.data<{ positions: Page }>(
    `query Page($first: Int, $after: String, $last: Int, $before: String) {
      positions(first: $first, after: $after, last: $last, before: $before) { ${pageFields} }
    }`,
    args,
  );
  checkPageShape(data.positions);
  return data.positions;
}

/** What holds on every page: nodes mirror edges, start/end cursors are the edges' own. */
function checkPageShape(page: Page): void {
  expect(page.nodes.map((n) => n.id)).toEqual(page.edges.map((e) => e.node.id));
  expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
  expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
}

async function allPositionIds(): Promise<string[]> {
  const data = await api.data(`{ positions(first: 100) { totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage } } }`);
  expect(data.positions.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false });
  expect(data.positions.totalCount).toBe(seed.positions.length);
  return data.positions.nodes.map((n: any) => n.id);
}

describe('paging through a connection with cursors', () => {
  it('forward one at a time (first: 1, after: endCursor) visits every position exactly once, in order', async () => {
    const all = await allPositionIds();
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < all.length + 5; i++) {
      const page: Page = await positionsPage({ first: 1, after });
      expect(page.totalCount).toBe(seed.positions.length);
      expect(page.edges).toHaveLength(1);
      expect(page.pageInfo.startCursor).toBe(page.pageInfo.endCursor);
      expect(page.pageInfo.hasPreviousPage, `page ${i}`).toBe(i > 0);
      seen.push(page.edges[0]!.node.id);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seed.positions.length);
  });

  it('backward one at a time (last: 1, before: startCursor) visits the same positions in reverse', async () => {
    const all = await allPositionIds();
    const seen: string[] = [];
    let before: string | null = null;
    for (let i = 0; i < all.length + 5; i++) {
      const page: Page = await positionsPage({ last: 1, before });
      expect(page.totalCount).toBe(seed.positions.length);
      expect(page.edges).toHaveLength(1);
      expect(page.pageInfo.hasNextPage, `page ${i} from the end`).toBe(i > 0);
      seen.push(page.edges[0]!.node.id);
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(seen).toEqual([...all].reverse());
  });

  it('pages of several elements tile the list both ways, and a backward page keeps the list order', async () => {
    const all = await allPositionIds();
    const forward: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page = await positionsPage({ first: 5, after });
      forward.push(...page.nodes.map((n) => n.id));
      after = page.pageInfo.endCursor;
      pages++;
      if (!page.pageInfo.hasNextPage) break;
    } while (pages < 10);
    expect(forward).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 5));

    const backward: string[][] = [];
    let before: string | null = null;
    pages = 0;
    do {
      const page: Page = await positionsPage({ last: 5, before });
      backward.unshift(page.nodes.map((n) => n.id));
      before = page.pageInfo.startCursor;
      pages++;
      if (!page.pageInfo.hasPreviousPage) break;
    } while (pages < 10);
    expect(backward.flat()).toEqual(all);
    // The last page backward holds the last elements, in the connection's order.
    expect(backward.at(-1)).toEqual(all.slice(-5));
  });

  it('a cursor from one page works as `before` and `after` in another request', async () => {
    const all = await allPositionIds();
    const firstPage = await positionsPage({ first: 100 });
    const cursorOf = (index: number) => firstPage.edges[index]!.cursor;
    expect(new Set(firstPage.edges.map((e) => e.cursor)).size).toBe(all.length);

    const middle = 6;
    const after = await positionsPage({ first: 3, after: cursorOf(middle) });
    expect(after.nodes.map((n) => n.id)).toEqual(all.slice(middle + 1, middle + 4));
    expect(after.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: middle + 4 < all.length });

    const before = await positionsPage({ last: 3, before: cursorOf(middle) });
    expect(before.nodes.map((n) => n.id)).toEqual(all.slice(middle - 3, middle));
    expect(before.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: middle - 3 > 0 });

    const between = await positionsPage({ first: 100, after: cursorOf(2), before: cursorOf(7) });
    expect(between.nodes.map((n) => n.id)).toEqual(all.slice(3, 7));
  });

  it('at both ends: the first page has no previous page, a page past the end is empty with null cursors', async () => {
    const all = await allPositionIds();
    const first = await positionsPage({ first: 2 });
    expect(first.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    expect(first.nodes.map((n) => n.id)).toEqual(all.slice(0, 2));

    const last = await positionsPage({ last: 2 });
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(last.nodes.map((n) => n.id)).toEqual(all.slice(-2));

    const lastCursor = last.pageInfo.endCursor!;
    const beyond = await positionsPage({ first: 5, after: lastCursor });
    expect(beyond.edges).toEqual([]);
    expect(beyond.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
    expect(beyond.totalCount).toBe(all.length);

    const firstCursor = first.pageInfo.startCursor!;
    const before = await positionsPage({ last: 5, before: firstCursor });
    expect(before.edges).toEqual([]);
    expect(before.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null });

    const whole = await positionsPage({ first: all.length });
    expect(whole.pageInfo.hasNextPage).toBe(false);
    const wholeBackward = await positionsPage({ last: all.length });
    expect(wholeBackward.pageInfo.hasPreviousPage).toBe(false);
  });

  it('without first or last, a connection returns a default page (20) that holds all 13 positions', async () => {
    const data = await api.data(`{ positions { totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage } } }`);
    expect(seed.positions.length).toBeLessThanOrEqual(20);
    expect(data.positions.nodes).toHaveLength(seed.positions.length);
    expect(data.positions.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false });
  });
});

describe('totalCount counts the whole connection, whatever the page', () => {
  it('on every root connection', async () => {
    const data = await api.data(`{
      countries(first: 1) { totalCount nodes { id } }
      organizations(first: 1) { totalCount nodes { id } }
      officials(first: 1) { totalCount nodes { id } }
      articles(first: 1) { totalCount nodes { id } }
      meetings(first: 1) { totalCount nodes { id } }
      deployments(first: 1) { totalCount nodes { id } }
      positions(last: 1) { totalCount nodes { id } }
    }`);
    const expected = {
      countries: seed.countries.length,
      organizations: seed.organizations.length,
      officials: seed.officials.length,
      articles: 1,
      meetings: seed.meetings.length,
      deployments: seed.deployments.length,
      positions: seed.positions.length,
    };
    for (const [field, count] of Object.entries(expected)) {
      expect(data[field].totalCount, field).toBe(count);
      expect(data[field].nodes, field).toHaveLength(Math.min(1, count));
    }
  });

  it('on relations, and paging a relation visits all of its elements', async () => {
    const thaad = seed.deployments.find((d) => d.system === 'THAAD')!;
    const thaadCount = seed.positions.filter((p) => p.deployment === thaad.key).length;
    const meetingCount = seed.positions.filter((p) => p.meeting === seed.meetings[0]!.key).length;
    const chinaCount = seed.positions.filter((p) => p.holders.includes('CN')).length;
    const query = `query Relations($after: String) {
      deployments(first: 100) { nodes { system positions(first: 3, after: $after) { ${pageFields} } } }
      meetings(first: 1) { nodes { positions(first: 2) { totalCount nodes { id } } } }
      country(isoCode: "CN") { positions(last: 2) { totalCount nodes { id } } }
      articles(first: 1) { nodes { positions(first: 1) { totalCount } } }
    }`;
    const data = await api.data(query);
    expect(data.meetings.nodes[0].positions).toMatchObject({ totalCount: meetingCount });
    expect(data.meetings.nodes[0].positions.nodes).toHaveLength(Math.min(2, meetingCount));
    expect(data.country.positions.totalCount).toBe(chinaCount);
    expect(data.articles.nodes[0].positions.totalCount).toBe(seed.positions.length);

    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const result: any = await api.data(query, { after });
      const page: Page = result.deployments.nodes.find((d: any) => d.system === 'THAAD').positions;
      checkPageShape(page);
      expect(page.totalCount).toBe(thaadCount);
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(thaadCount);
    expect(new Set(seen).size).toBe(thaadCount);
  });
});

describe('a page the client cannot have is a BAD_USER_INPUT error naming the argument', () => {
  const positions = (args: string) => api.query(`{ positions(${args}) { totalCount nodes { id } } }`);

  it.each([
    ['first: 0', 'first'],
    ['first: 101', 'first'],
    ['first: -1', 'first'],
    ['last: 0', 'last'],
    ['last: 101', 'last'],
    ['last: -5', 'last'],
  ])('positions(%s)', async (args, argument) => {
    expectBadUserInput(await positions(args), argument);
  });

  it('the same bounds hold on a relation', async () => {
    const result = await api.query(`{ deployments(first: 1) { nodes { positions(first: 101) { totalCount } } } }`);
    expectBadUserInput(result, 'first');
    expectBadUserInput(await api.query(`{ country(isoCode: "RU") { officials(last: 0) { totalCount } } }`), 'last');
  });

  it('first and last together', async () => {
    const result = await positions('first: 2, last: 2');
    expectBadUserInput(result, /"first".*"last"|"last".*"first"/);
  });

  it.each([
    ['after: "not-a-cursor"', 'after'],
    ['before: "not-a-cursor"', 'before'],
    ['after: ""', 'after'],
    ['first: 2, after: "%%%"', 'after'],
    [`after: "${Buffer.from('cursor:v1:abc').toString('base64url')}"`, 'after'],
  ])('a malformed cursor: positions(%s)', async (args, argument) => {
    expectBadUserInput(await positions(args), argument);
  });

  it('a global ID is not a cursor', async () => {
    const data = await api.data(`{ positions(first: 1) { nodes { id } } }`);
    expectBadUserInput(await positions(`after: "${data.positions.nodes[0].id}"`), 'after');
  });

  it('first: 100 and last: 100, the largest pages, are accepted', async () => {
    const forward = await api.data(`{ positions(first: 100) { nodes { id } } }`);
    const backward = await api.data(`{ positions(last: 100) { nodes { id } } }`);
    expect(forward.positions.nodes).toHaveLength(seed.positions.length);
    expect(backward.positions.nodes).toEqual(forward.positions.nodes);
  });
});

describe('count: a total that stops at 10,000', () => {
  it('is the exact number of elements of a list shorter than that, filtered or not, at the root and in a relation', async () => {
    const data = await api.data(`{
      all: positions(first: 1) { totalCount count { count precision } }
      opposed: positions(first: 1, filter: { stances: [OPPOSE] }) { totalCount count { count precision } }
      deployments(first: 5) { nodes { positions(first: 1) { totalCount count { count precision } } } }
      country(isoCode: "CN") { positions(first: 1) { totalCount count { count precision } } }
    }`);
    expect(data.all.count).toEqual({ count: seed.positions.length, precision: 'EXACT' });
    const lists = [data.all, data.opposed, data.country.positions, ...data.deployments.nodes.map((d: { positions: unknown }) => d.positions)];
    for (const list of lists) expect(list.count).toEqual({ count: list.totalCount, precision: 'EXACT' });
    expect(data.opposed.count.count).toBeGreaterThan(0);
    expect(data.opposed.count.count).toBeLessThan(seed.positions.length);
  });
});
