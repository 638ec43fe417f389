/**
 * Natural keys in filters (src/data/references.ts): a value's codes win over its names, and its
 * names are matched only where none of the codes its own lookup asks for names a record, also when
 * lookups that ask for other codes share its statement. On the seed, with two organizations
 * added: one whose acronym is South Korea's ISO code and whose alias is that of the United States,
 * and one under an alias of South Korea's. Each rule holds whether the lookup is sent first, or
 * deferred to the statement that uses its ids (a root list's page), which reads its rows to check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.ts';
import { InvalidArgument } from '../src/data/invalid-argument.ts';
import { References, type Ids } from '../src/data/references.ts';
import { Prisma } from '../src/generated/prisma/client.ts';
import type { TestDatabase } from './support/database.ts';
import { leaseTestDatabase } from './support/leased-database.ts';

let database: TestDatabase;
let db: Database;
const ids: Record<string, number> = {};

beforeAll(async () => {
  database = await leaseTestDatabase();
  db = await openDatabase(database.target);
  await db.prisma.$executeRawUnsafe(`
    WITH made AS (
      INSERT INTO "Actor" (kind, name, aliases, "updatedAt")
      VALUES ('ORGANIZATION', 'Korea Research', '{US}', now()), ('ORGANIZATION', 'Seoul Forum', '{Seoul}', now())
      RETURNING id, name
    )
    INSERT INTO "Organization" (id, acronym) SELECT id, CASE name WHEN 'Korea Research' THEN 'KR' END FROM made`);
  const rows = await db.prisma.$queryRaw<Array<{ name: string; id: number }>>`SELECT name, id FROM "Actor"`;
  for (const { name, id } of rows) ids[name] = id;
}, 120_000);

afterAll(async () => {
  await db?.close();
  await database?.dispose();
});

/**
 * What `lookUp` resolves, or the message of the error it gives. A deferred lookup's ids are a
 * subquery: evaluated here in a statement that starts with the lookup (`lookupCte`) and also reads its
 * rows, which are then checked.
 */
async function resolved(refs: References, lookUp: Promise<Ids>): Promise<number[] | string> {
  try {
    const found = await lookUp;
    let ids = found as number[];
    if (!Array.isArray(found)) {
      const [row] = await db.prisma.$queryRaw<Array<{ ids: number[]; rows: string | null }>>`
        ${refs.lookupCte() ?? Prisma.empty} SELECT ${found}::int[] AS ids, ${refs.lookupRowsSql() ?? Prisma.sql`NULL`}::text AS rows`;
      refs.checkLookupRows(row?.rows ?? null);
      ids = row?.ids ?? [];
    }
    return [...ids].sort((a, b) => a - b);
  } catch (error) {
    if (error instanceof InvalidArgument) return error.message;
    throw error;
  }
}

describe.each([
  { mode: 'looked up first', deferred: false },
  { mode: 'looked up by the statement that uses it', deferred: true },
])('a natural key, $mode,', ({ deferred }) => {
  const lookups = () => new References(db.prisma, { deferred });

  it('names the record of its code, not one whose alias it is', async () => {
    for (const [value, expected] of [
      ['US', [ids['United States']]],
      ['KR', [ids['South Korea'], ids['Korea Research']].sort((a, b) => a! - b!)],
    ] as const) {
      const refs = lookups();
      expect(await resolved(refs, refs.actorIds([value], 'holders'))).toEqual(expected);
    }
  });

  it('is matched by name where the codes its own lookup asks for name nothing, beside a lookup of the same value that finds a code', async () => {
    const refs = lookups();
    // One statement for all four: "US" is a country's code, which the actors' lookup asks for and
    // the organizations' does not; "KR" is an acronym, which the countries' lookup does not ask for.
    const [actors, organizations, countries, organizationsByCode] = await Promise.all([
      resolved(refs, refs.actorIds(['US'], 'holders')),
      resolved(refs, refs.organizationIds(['US'], 'organizations')),
      resolved(refs, refs.countryIds(['KR'], 'countries')),
      resolved(refs, refs.organizationIds(['KR'], 'organizations')),
    ]);
    expect(actors).toEqual([ids['United States']]);
    expect(organizations).toEqual([ids['Korea Research']]);
    expect(countries).toEqual([ids['South Korea']]);
    expect(organizationsByCode).toEqual([ids['Korea Research']]);
  });

  it('that is a name or an alias of two records, or of none, is refused', async () => {
    const resolve = (lookUp: (refs: References) => Promise<Ids>) => {
      const refs = lookups();
      return resolved(refs, lookUp(refs));
    };
    expect(await resolve((refs) => refs.actorIds(['Seoul'], 'holders'))).toMatch(/^Argument "holders" has "Seoul", which is the name or an alias of 2 records/);
    expect(await resolve((refs) => refs.countryIds(['Seoul'], 'countries'))).toEqual([ids['South Korea']]);
    expect(await resolve((refs) => refs.actorIds(['Atlantis'], 'holders'))).toMatch(/^Argument "holders" has "Atlantis", which names no recorded/);
    expect(await resolve((refs) => refs.actorIds(['China', 'Atlantis'], 'holders'))).toMatch(/"Atlantis", which names no recorded/);
  });
});
