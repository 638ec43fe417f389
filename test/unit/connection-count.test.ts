// @module-tag any-database
/** `count` on a connection: exact up to the limit, AT_LEAST the limit beyond it (src/graphql/connection.ts). */
import { describe, expect, it } from 'vitest';
import { countLimit, toConnection } from '../../src/graphql/connection.ts';

const emptyPage = { entries: [], hasNextPage: false, hasPreviousPage: false };

/** The count a connection reports when its list has `elements` elements (the counter stops where it is told to). */
async function countOf(elements: number) {
  let askedAtMost: number | undefined;
  const connection = toConnection(
    emptyPage,
    async () => elements,
    async (atMost) => {
      askedAtMost = atMost;
      return Math.min(elements, atMost);
    },
  );
  const count = await connection.count;
  return { count, askedAtMost };
}

describe('a bounded count', () => {
  it('asks for one element more than the limit, to tell "exactly the limit" from "more"', async () => {
    expect((await countOf(3)).askedAtMost).toBe(countLimit + 1);
  });

  it('is exact up to the limit and a lower bound beyond it', async () => {
    expect((await countOf(0)).count).toEqual({ count: 0, precision: 'EXACT' });
    expect((await countOf(countLimit)).count).toEqual({ count: countLimit, precision: 'EXACT' });
    expect((await countOf(countLimit + 1)).count).toEqual({ count: countLimit, precision: 'AT_LEAST' });
    expect((await countOf(185_182)).count).toEqual({ count: countLimit, precision: 'AT_LEAST' });
  });
});
