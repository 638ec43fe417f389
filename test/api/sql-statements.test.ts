/**
 * A request's SQL follows the query's shape, not the amount of data it returns: every level of a
 * query is one statement for all the objects at that level (connections bring their nodes with
 * their page; lists and objects of many parents are batched per request), and no cache lets a
 * level skip its statement because an earlier level happened to load the same rows. The server
 * reports the count in `extensions.sql.statements` (REPORT_SQL_STATEMENTS=true).
 *
 * The deep traversal runs on a generated graph (bench/generate.ts), so that `first: 50` really
 * returns pages of 50 under pages of 50, and at `first: 1` every level of the traversal is checked
 * to hold data: a level with no parents costs nothing, so an empty level would make the two counts
 * differ for a reason that has nothing to do with page sizes.
 */
import { Kind, parse, type SelectionSetNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { expectData, useSeededServer } from '../support/api.ts';
import { useGeneratedServer } from '../support/generated.ts';
import { generousLimits } from '../support/http.ts';
import type { GraphQLResult } from '../support/server.ts';

const seeded = useSeededServer({ env: { REPORT_SQL_STATEMENTS: 'true' } });
const generated = useGeneratedServer({ factor: 0.005, env: { REPORT_SQL_STATEMENTS: 'true', ...generousLimits } });

function statementsOf(result: GraphQLResult): number {
  expectData(result);
  const statements = result.extensions?.sql?.statements;
  expect(typeof statements, 'extensions.sql.statements is reported').toBe('number');
  return statements as number;
}

/** The depth of an operation: the longest chain of nested fields, leaves included. */
function depthOf(query: string): number {
  const depth = (selectionSet: SelectionSetNode | undefined): number =>
    Math.max(
      0,
      ...(selectionSet?.selections ?? []).map((selection) =>
        selection.kind === Kind.FIELD ? 1 + depth(selection.selectionSet) : selection.kind === Kind.INLINE_FRAGMENT ? depth(selection.selectionSet) : 0,
      ),
    );
  const [operation] = parse(query).definitions;
  return operation?.kind === Kind.OPERATION_DEFINITION ? depth(operation.selectionSet) : 0;
}

const positionPage = /* GraphQL */ `
  query PositionPage($size: Int!) {
    positions(first: $size) {
      totalCount
      nodes {
        stance
        holders {
          name
        }
        addressees {
          name
        }
        speakers {
          name
          country {
            isoCode
          }
        }
        deployment {
          name
          host {
            name
          }
          operator {
            name
          }
        }
        meeting {
          name
          participants {
            name
          }
        }
        evidence {
          text
          article {
            source
          }
        }
      }
    }
  }
`;

/*
 * Nine statements: country, officials (+ totalCount), the systems named in the filter (one
 * lookup), positions (each with its holders, evidence and deployment: a page reads the relations
 * selected of its nodes), the evidence's article, the deployments' host, the deployment's positions
 * (with their holders) and their totalCount.
 */
const deepTraversal = /* GraphQL */ `
  query Deep($size: Int!, $systems: [String!]) {
    country(isoCode: "CN") {
      name
      officials(first: $size, orderBy: { field: NAME }) {
        totalCount
        nodes {
          name
          positions(first: $size, filter: { systems: $systems }, orderBy: { field: STATED_ON, direction: DESC }) {
            nodes {
              stance
              holders {
                name
              }
              evidence {
                start
                article {
                  source
                }
              }
              deployment {
                name
                host {
                  isoCode
                }
                positions(first: $size) {
                  totalCount
                  nodes {
                    summary
                    holders {
                      name
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;
const dataLevels = 9;

describe('the SQL a request costs', () => {
  it('is the same for a page of one position and a page of all of them', async () => {
    const all = expectData(await seeded.query(`{ positions { totalCount } }`)).positions.totalCount as number;
    expect(all).toBeGreaterThan(10);
    const one = statementsOf(await seeded.query(positionPage, { size: 1 }));
    const many = statementsOf(await seeded.query(positionPage, { size: all }));
    expect(many).toBe(one);
  });

  it('is the same for a deep traversal at first: 1, 10 and 50, at most one statement per level that reads data, within the depth plus 3', async () => {
    // Every weapon system deployed: positions about some deployment, whichever.
    const deployed = await generated.data(`{ deployments(first: 100) { nodes { system } } }`);
    const everySystem = [...new Set(deployed.deployments.nodes.map((deployment: any) => deployment.system))];
    const counts: Record<number, number> = {};
    for (const size of [1, 10, 50]) {
      const result = await generated.query(deepTraversal, { size, systems: everySystem });
      counts[size] = statementsOf(result);
      const officials = result.data.country.officials.nodes;
      const positions = officials.flatMap((official: any) => official.positions.nodes);
      const deployments = positions.map((position: any) => position.deployment);
      const deeper = deployments.flatMap((deployment: any) => deployment.positions.nodes);
      if (size === 1) {
        // Every level holds data, so every level costs its statement.
        expect(officials).toHaveLength(1);
        expect(positions).toHaveLength(1);
        expect(positions[0].holders.length).toBeGreaterThan(0);
        expect(positions[0].evidence.length).toBeGreaterThan(0);
        expect(deployments[0]).not.toBeNull();
        expect(deeper).toHaveLength(1);
        expect(deeper[0].holders.length).toBeGreaterThan(0);
      }
      if (size === 50) {
        // The pages are really bigger: hundreds of objects at the deepest level.
        expect(officials.length).toBeGreaterThan(1);
        expect(positions.length).toBeGreaterThan(50);
        expect(deeper.length).toBeGreaterThan(1000);
      }
    }
    expect(counts[10]).toBe(counts[1]);
    expect(counts[50]).toBe(counts[1]);
    expect(counts[1]).toBe(dataLevels);
    expect(counts[1]).toBeLessThanOrEqual(depthOf(deepTraversal) + 3);
  });

  it('brings the relations a page selects of its nodes in its own statement, with the answer the per-relation statements give', async () => {
    // Every relation of these four types. Read through pages, each page brings its nodes'
    // relations; read by id through `nodes`, each relation is a statement of its own.
    const fields = /* GraphQL */ `
      fragment Relations on Node {
        id
        ... on Position {
          holders {
            id
            name
          }
          speakers {
            id
            name
          }
          addressees {
            id
          }
          deployment {
            id
            name
            host {
              id
            }
          }
          deployments {
            id
          }
          topics {
            id
            name
          }
          meeting {
            id
            name
            country {
              id
            }
          }
          evidence {
            id
            start
            end
            article {
              id
            }
          }
        }
        ... on Deployment {
          host {
            id
            name
          }
          operator {
            id
            name
          }
          hosts {
            id
          }
        }
        ... on Official {
          country {
            id
          }
          organization {
            id
          }
        }
        ... on Meeting {
          country {
            id
          }
          participants(first: 50) {
            id
            name
          }
        }
      }
    `;
    const paged = await generated.query(/* GraphQL */ `
      ${fields}
      {
        positions(first: 50, orderBy: { field: STATED_ON, direction: DESC }) {
          nodes {
            ...Relations
          }
        }
        deployments(first: 50) {
          nodes {
            ...Relations
          }
        }
        officials(first: 50) {
          nodes {
            ...Relations
          }
        }
        meetings(first: 50) {
          nodes {
            ...Relations
          }
        }
      }
    `);
    // The four pages; at the second level the countries (the positions' deployments' hosts and
    // their meetings' countries, one statement) and the evidence's articles.
    expect(statementsOf(paged)).toBe(6);
    const pages = [paged.data.positions, paged.data.deployments, paged.data.officials, paged.data.meetings];
    const nodes = pages.flatMap((page: any) => page.nodes);
    expect(nodes.length).toBeGreaterThan(100);
    // The relations really hold data, and some references are missing (null), on the pages read.
    const positions = paged.data.positions.nodes;
    expect(positions.some((position: any) => position.holders.length > 1 && position.evidence.length > 0 && position.speakers.length > 0)).toBe(true);
    expect(positions.some((position: any) => position.deployment === null) && positions.some((position: any) => position.meeting !== null)).toBe(true);
    // `nodes(ids:)` takes 100 at a time.
    const byId = [];
    for (let at = 0; at < nodes.length; at += 100) {
      const ids = nodes.slice(at, at + 100).map((node: any) => node.id);
      byId.push(...(await generated.data(`${fields} query ($ids: [ID!]!) { nodes(ids: $ids) { ...Relations } }`, { ids })).nodes);
    }
    expect(byId).toEqual(nodes);
  });

  it('is one statement for a filtered, ordered page deep in a connection, as for its first page', async () => {
    const page = /* GraphQL */ `
      query Page($after: String) {
        positions(first: 20, after: $after, filter: { holders: ["CN", "RU"], stances: [OPPOSE, CONCERN] }, orderBy: { field: STATED_ON, direction: DESC }) {
          edges {
            cursor
            node {
              stance
              holders {
                name
              }
              deployment {
                name
              }
            }
          }
          pageInfo {
            endCursor
          }
        }
      }
    `;
    const first = await generated.query(page);
    let after = first.data.positions.pageInfo.endCursor as string;
    for (let pages = 0; pages < 5; pages++) after = (await generated.data(page, { after })).positions.pageInfo.endCursor;
    const deep = await generated.query(page, { after });
    expect(deep.data.positions.edges).toHaveLength(20);
    // The page with each position's holders and deployment, which looks up "CN" and "RU" itself.
    expect(statementsOf(deep)).toBe(1);
    expect(statementsOf(first)).toBe(1);
  });

  it('is one statement for a page of search hits of several types, which brings the objects found as node(id:) reads them', async () => {
    const fields = /* GraphQL */ `
      fragment Found on Node {
        __typename
        id
        ... on Article {
          headline
          publishedAt
        }
        ... on Evidence {
          text
        }
        ... on Position {
          stance
          summary
          statedOn
        }
        ... on Deployment {
          name
          system
        }
        ... on Official {
          name
        }
        ... on Country {
          name
          isoCode
        }
      }
    `;
    const result = await seeded.query(`${fields} { search(query: "THAAD", first: 20) { edges { snippet node { ...Found } } } }`);
    const found = result.data.search.edges.map((edge: any) => edge.node);
    expect(new Set(found.map((node: any) => node.__typename)).size, 'hits of several types').toBeGreaterThan(2);
    expect(statementsOf(result)).toBe(1);
    const byId = await seeded.data(`${fields} query ($ids: [ID!]!) { nodes(ids: $ids) { ...Found } }`, { ids: found.map((node: any) => node.id) });
    expect(found).toEqual(byId.nodes);
  });
});
