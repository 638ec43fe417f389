// @module-tag any-database
/**
 * How a model's `filter` and `orderBy` become SQL (src/data/model-listing.ts, src/data/listing.ts),
 * and which arguments are refused before any SQL: no database. The filters here name no natural
 * key, so none may look one up (the References given fail the test if asked).
 */
import { describe, expect, it } from 'vitest';
import { compileList } from '../../src/data/listing.ts';
import { InvalidArgument } from '../../src/data/invalid-argument.ts';
import { encodeGlobalId } from '../../src/data/global-id.ts';
import { listingOf } from '../../src/data/model-listing.ts';
import { articleModel } from '../../src/data/models/article.ts';
// Global IDs decode for the node types a process has loaded (the app loads every model).
import '../../src/data/models/deployment.ts';
import '../../src/data/models/meeting.ts';
import { positionModel } from '../../src/data/models/position.ts';
import type { References } from '../../src/data/references.ts';

/** References that fail the test when asked to look a key up; they have deferred no lookup (`lookupCte`). */
const noLookups = new Proxy({} as References, {
  get(_target, property) {
    if (property === 'lookupCte') return () => null;
    throw new Error(`the filter looked up a natural key (${String(property)})`);
  },
});

const positions = listingOf(positionModel);
const compile = (filter: Record<string, unknown>) => positions.where(filter, noLookups);
/** What every position list adds unless its filter names review statuses. */
const shownOnly = `NOT (n."reviewStatus" <> 'ACCEPTED')`;

/** What an argument error says, or null when there is none. */
async function refusal(work: () => Promise<unknown>): Promise<{ message: string; argumentName?: string } | null> {
  try {
    await work();
    return null;
  } catch (error) {
    if (!(error instanceof InvalidArgument)) throw error;
    return { message: error.message, argumentName: error.argumentName };
  }
}

describe('a model filter compiled to SQL', () => {
  it('is TRUE without conditions (but for the proposals under review it leaves out), and ANDs the conditions given, with client values as parameters only', async () => {
    expect((await listingOf(articleModel).where({}, noLookups)).text).toBe('TRUE');
    expect((await compile({})).text).toBe(shownOnly);
    const deployment = encodeGlobalId('Deployment', 7);
    const sql = await compile({ stances: ['OPPOSE', 'URGE', 'OPPOSE'], deployments: [deployment], meetings: [encodeGlobalId('Meeting', 3)] });
    expect(sql.text).toBe(
      `(n.stance = ANY(CAST($1::text[] AS "Stance"[]))) AND (EXISTS (SELECT 1 FROM "PositionDeployment" AS l WHERE l."positionId" = n.id AND l."deploymentId" = ANY($2::int[]))) AND (n."meetingId" = ANY($3::int[])) AND ${shownOnly}`,
    );
    expect(sql.values).toEqual([['OPPOSE', 'URGE'], [7], [3]]);
  });

  it('leaves proposals under review out unless the filter names review statuses', async () => {
    const asked = await compile({ reviewStatuses: ['PROPOSED', 'REJECTED'] });
    expect(asked.text).toBe('(n."reviewStatus" = ANY(CAST($1::text[] AS "ReviewStatus"[])))');
    expect(asked.values).toEqual([['PROPOSED', 'REJECTED']]);
    // The very condition object of an unfiltered list: counts through a join table recognise it (src/db/pages.ts).
    expect(await compile({})).toBe(positions.nodes.hidden?.shown);
  });

  it('matches the dates that share a day with a range, and bounds the sort key by its end so that the index on the key can seek', async () => {
    const sql = await compile({ statedOn: { from: new Date('2016-07-01T00:00:00Z'), to: new Date('2016-07-31T00:00:00Z') } });
    expect(sql.text).toBe(
      `((n."statedFrom" IS NOT NULL) AND (n."statedFrom" <= CAST($1 AS date)) AND (COALESCE(n."statedFrom", '-infinity'::date) <= CAST($2 AS date)) AND (n."statedUntil" >= CAST($3 AS date))) AND ${shownOnly}`,
    );
    expect(sql.values).toEqual(['2016-07-31', '2016-07-31', '2016-07-01']);
  });

  it('refuses what cannot mean anything, naming the argument', async () => {
    expect(await refusal(() => compile({ stances: [] }))).toMatchObject({ argumentName: 'filter.stances' });
    expect(await refusal(() => compile({ topics: Array.from({ length: 101 }, (_, i) => `t${i}`) }))).toMatchObject({ argumentName: 'filter.topics' });
    expect(await refusal(() => compile({ text: '   ' }))).toMatchObject({ argumentName: 'filter.text' });
    expect(await refusal(() => compile({ statedOn: {} }))).toMatchObject({ argumentName: 'filter.statedOn' });
    expect(await refusal(() => compile({ statedOn: { from: new Date('2017-01-01'), to: new Date('2016-01-01') } }))).toMatchObject({
      argumentName: 'filter.statedOn',
      message: expect.stringContaining('the range is empty') as string,
    });
    expect(await refusal(() => compile({ deployments: [encodeGlobalId('Meeting', 1)] }))).toMatchObject({ argumentName: 'filter.deployments[0]' });
  });
});

describe('a list compiled with its order and page', () => {
  it("orders by the definition's sort key and refuses an unknown order or a cursor of another order", async () => {
    const list = await compileList(listingOf(articleModel), { orderBy: { field: 'PUBLISHED_AT' }, first: 5 }, noLookups);
    expect(list.query.order.key.sql?.text).toBe(`COALESCE(n."publishedAt", n."publishedOn"::timestamp, '-infinity'::timestamp)`);
    expect(list.window).toEqual({ direction: 'forward', size: 5, after: null, before: null });
    expect(await refusal(() => compileList(positions, { orderBy: { field: 'HEIGHT' } }, noLookups))).toMatchObject({ argumentName: 'orderBy.field' });
    expect(await refusal(() => compileList(positions, { first: 0 }, noLookups))).toMatchObject({ argumentName: 'first' });
    expect(await refusal(() => compileList(positions, { first: 1, last: 1 }, noLookups))).toMatchObject({ argumentName: 'last' });
  });
});
