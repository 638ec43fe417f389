/**
 * A list must not cost one SQL statement per row: relations of every object on a page are loaded
 * together (per-request DataLoaders), so a request's statement count follows the query's shape,
 * not how many rows it returns. The server reports the count in `extensions.sql.statements`.
 */
import { describe, expect, it } from 'vitest';
import { expectData, useSeededServer } from '../support/api.ts';

const api = useSeededServer({ env: { REPORT_SQL_STATEMENTS: 'true' } });

async function statementsFor(query: string, variables: Record<string, unknown>): Promise<number> {
  const result = await api.query(query, variables);
  expectData(result);
  const statements = result.extensions?.sql?.statements;
  expect(typeof statements, 'extensions.sql.statements is reported').toBe('number');
  return statements as number;
}

const positionPage = /* GraphQL */ `
  query PositionPage($size: Int!) {
    positions(first: $size) {
      totalCount
      nodes {
        stance
        holders { name }
        addressees { name }
        speakers { name country { isoCode } }
        deployment { name host { name } operator { name } }
        meeting { name participants { name } }
        evidence { text article { source } }
      }
    }
  }
`;

describe('the SQL a request costs', () => {
  it('is the same for a page of one position and a page of all of them', async () => {
    const all = expectData(await api.query(`{ positions { totalCount } }`)).positions.totalCount as number;
    expect(all).toBeGreaterThan(10);
    const one = await statementsFor(positionPage, { size: 1 });
    const many = await statementsFor(positionPage, { size: all });
    expect(many).toBe(one);
  });

  it('stays within a few statements per level of a deep traversal, whatever the page sizes', async () => {
    const traversal = /* GraphQL */ `
      query Deep($size: Int!) {
        countries(first: $size) {
          nodes {
            name
            officials(first: $size) {
              nodes {
                name
                positions(first: $size) {
                  nodes {
                    stance
                    deployment { name positions(first: $size) { totalCount nodes { summary speakers { name } } } }
                    evidence { article { source } }
                  }
                }
              }
            }
          }
        }
      }
    `;
    // Levels: countries, officials, positions, deployment, deployment positions, speakers,
    // evidence, article. A connection costs a page and its nodes (and a count when asked).
    const bound = 2 * 8 + 1;
    for (const size of [1, 5, 50]) {
      expect(await statementsFor(traversal, { size })).toBeLessThanOrEqual(bound);
    }
  });
});
