/**
 * Natural keys in filters (src/data/references.ts): a value's codes win over its names, and its
 * names are matched only where none of the codes its own lookup asks for names a record, also when
 * lookups that ask for other codes share its statement. On the seed, with two organizations
 * added: one whose acronym is South Korea's ISO code and whose alias is that of the United States,
 * and one under an alias of South Korea's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.ts';
import { InvalidArgument } from '../src/data/invalid-argument.ts';
import { References } from '../src/data/references.ts';
import { createTestDatabaseTarget, type TestDatabase } from './support/database.ts';

let database: TestDatabase;
let db: Database;
const ids: Record<string, number> = {};

beforeAll(async () => {
  database = await createTestDatabaseTarget();
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

/** What `lookUp` resolves, or the message of the error it gives. */
async function resolved(lookUp: Promise<number[]>): Promise<number[] | string> {
  try {
    return [...(await lookUp)].sort((a, b) => a - b);
  } catch (error) {
    if (error instanceof InvalidArgument) return error.message;
    throw error;
  }
}

describe('a natural key', () => {
  it('names the record of its code, not one whose alias it is', async () => {
    const refs = new References(db.prisma);
    expect(await resolved(refs.actorIds(['US'], 'holders'))).toEqual([ids['United States']]);
    expect(await resolved(refs.actorIds(['KR'], 'holders'))).toEqual([ids['South Korea'], ids['Korea Research']].sort((a, b) => a! - b!));
  });

  it('is matched by name where the codes its own lookup asks for name nothing, beside a lookup of the same value that finds a code', async () => {
    const refs = new References(db.prisma);
    // One statement for all four: "US" is a country's code, which the actors' lookup asks for and
    // the organizations' does not; "KR" is an acronym, which the countries' lookup does not ask for.
    const [actors, organizations, countries, organizationsByCode] = await Promise.all([
      resolved(refs.actorIds(['US'], 'holders')),
      resolved(refs.organizationIds(['US'], 'organizations')),
      resolved(refs.countryIds(['KR'], 'countries')),
      resolved(refs.organizationIds(['KR'], 'organizations')),
    ]);
    expect(actors).toEqual([ids['United States']]);
    expect(organizations).toEqual([ids['Korea Research']]);
    expect(countries).toEqual([ids['South Korea']]);
    expect(organizationsByCode).toEqual([ids['Korea Research']]);
  });

  it('that is a name or an alias of two records, or of none, is refused', async () => {
    const refs = new References(db.prisma);
    expect(await resolved(refs.actorIds(['Seoul'], 'holders'))).toMatch(/^Argument "holders" has "Seoul", which is the name or an alias of 2 records/);
    expect(await resolved(refs.countryIds(['Seoul'], 'countries'))).toEqual([ids['South Korea']]);
    expect(await resolved(refs.actorIds(['Atlantis'], 'holders'))).toMatch(/^Argument "holders" has "Atlantis", which names no recorded/);
  });
});
