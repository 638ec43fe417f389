/**
 * A client (Apollo Client's cache, a Relay store, a bookmark) keeps an object's `id` and fetches
 * the object again with `node(id:)` or `nodes(ids:)`. IDs are opaque and global; a mistyped ID is
 * a clear error, an ID of an object that does not exist is simply null.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectBadUserInput, expectData, useSeededServer } from '../support/api.ts';
import { generousLimits } from '../support/http.ts';
import { readSeed } from '../support/seed-data.ts';

const seed = readSeed();
// Refetching every node in one request takes more aliases than the default limit allows.
const api = useSeededServer({ env: generousLimits });
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const nodeFields = /* GraphQL */ `
  fragment NodeFields on Node {
    __typename
    id
    ... on Country {
      name
      isoCode
      aliases
    }
    ... on Organization {
      name
      acronym
      aliases
    }
    ... on Official {
      name
      title
      aliases
    }
    ... on Article {
      source
      headline
      body
    }
    ... on Meeting {
      name
      ordinal
      city
      date
    }
    ... on Deployment {
      name
      system
      location
      status
    }
    ... on Position {
      stance
      summary
      topic
      statedOn
    }
    ... on Evidence {
      text
      start
      end
    }
  }
`;

/** One object of every node type the seed has, fetched through the lists a client browses. */
let known: Array<Record<string, unknown> & { __typename: string; id: string }> = [];

beforeAll(async () => {
  const data = expectData<any>(
    await api.query(`
      ${nodeFields}
      query Everything {
        countries(first: 100) { nodes { ...NodeFields } }
        organizations(first: 100) { nodes { ...NodeFields } }
        officials(first: 100) { nodes { ...NodeFields } }
        articles(first: 100) { nodes { ...NodeFields } }
        meetings(first: 100) { nodes { ...NodeFields } }
        deployments(first: 100) { nodes { ...NodeFields } }
        positions(first: 100) { nodes { ...NodeFields evidence { ...NodeFields } } }
      }`),
  );
  known = [
    ...data.countries.nodes,
    ...data.organizations.nodes,
    ...data.officials.nodes,
    ...data.articles.nodes,
    ...data.meetings.nodes,
    ...data.deployments.nodes,
    ...data.positions.nodes.map(({ evidence: _evidence, ...position }: any) => position),
    ...data.positions.nodes.flatMap((p: any) => p.evidence),
  ];
});

describe('every object can be fetched again by its global ID', () => {
  it('the seed has objects of every node type but Organization', () => {
    const types = new Set(known.map((n) => n.__typename));
    expect(types).toEqual(
      new Set(['Country', 'Official', 'Article', 'Meeting', 'Deployment', 'Position', 'Evidence', ...(seed.organizations.length ? ['Organization'] : [])]),
    );
    const expectedCount =
      seed.countries.length +
      seed.organizations.length +
      seed.officials.length +
      1 +
      seed.meetings.length +
      seed.deployments.length +
      seed.positions.length +
      seed.positions.reduce((n, p) => n + p.evidence.length, 0);
    expect(known).toHaveLength(expectedCount);
  });

  it('IDs are opaque strings, unique across all types (not plain row numbers)', () => {
    const ids = known.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(typeof id).toBe('string');
      expect(id).not.toMatch(/^\d+$/);
    }
  });

  it('node(id) returns the same object, with the same type and fields', async () => {
    const query = `${nodeFields}
      query Refetch { ${known.map((n, i) => `n${i}: node(id: ${JSON.stringify(n.id)}) { ...NodeFields }`).join('\n')} }`;
    const data = await api.data(query);
    known.forEach((n, i) => expect(data[`n${i}`], `${n.__typename} ${n.id}`).toEqual(n));
  });

  it('node(id) takes the ID as a variable too', async () => {
    const position = known.find((n) => n.__typename === 'Position')!;
    const data = await api.data(`${nodeFields} query One($id: ID!) { node(id: $id) { ...NodeFields } }`, { id: position.id });
    expect(data.node).toEqual(position);
  });

  it('nodes(ids) returns them all, in the order asked', async () => {
    const reversed = [...known].reverse();
    const data = await api.data(`${nodeFields} query Many($ids: [ID!]!) { nodes(ids: $ids) { ...NodeFields } }`, { ids: reversed.map((n) => n.id) });
    expect(data.nodes).toEqual(reversed);
  });

  it('the IDs stay the same from one request to the next', async () => {
    const data = await api.data(`{ countries(first: 100) { nodes { id isoCode } } }`);
    for (const country of data.countries.nodes) {
      expect(known.find((n) => n.__typename === 'Country' && n.isoCode === country.isoCode)?.id).toBe(country.id);
    }
  });

  // Nodes are read with the columns of the fields an operation selects (src/graphql/selected-fields.ts):
  // a field asked for alone must read what it reads among all the others.
  it('each field asked for alone, in an operation of its own, has the value it has among all the others', async () => {
    const byType = new Map<string, typeof known>();
    for (const n of known) byType.set(n.__typename, [...(byType.get(n.__typename) ?? []), n]);
    let asked = 0;
    for (const [typeName, nodes] of byType) {
      const ids = nodes.map((n) => n.id);
      for (const field of Object.keys(nodes[0]!).filter((name) => name !== '__typename' && name !== 'id')) {
        const data = await api.data(`query Alone($ids: [ID!]!) { nodes(ids: $ids) { ... on ${typeName} { ${field} } } }`, { ids });
        expect(data.nodes, `${typeName}.${field}`).toEqual(nodes.map((n) => ({ [field]: n[field] })));
        asked++;
      }
    }
    expect(asked).toBeGreaterThanOrEqual(20);
  });

  it("a relation's nodes read for one field of one of its types keep the fields of the other", async () => {
    const full = await api.data(
      `{ positions(first: 100) { nodes { holders { __typename name aliases ... on Country { isoCode } ... on Organization { acronym } } } } }`,
    );
    const names = await api.data(`{ positions(first: 100) { nodes { holders { name ... on Country { isoCode } } } } }`);
    expect(names.positions.nodes).toEqual(
      full.positions.nodes.map((p: any) => ({
        holders: p.holders.map((h: any) => ({ name: h.name, ...(h.__typename === 'Country' ? { isoCode: h.isoCode } : {}) })),
      })),
    );
  });
});

describe('an ID that names nothing, or is not an ID', () => {
  const unknownPosition = base64('Position:999999');

  it('a well-formed ID of an object that does not exist gives null, without an error', async () => {
    const result = await api.query(`query($id: ID!) { node(id: $id) { id } }`, { id: unknownPosition });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ node: null });
    const data = await api.data(`query($id: ID!) { node(id: $id) { id } }`, { id: base64('Country:999999') });
    expect(data.node).toBeNull();
  });

  it('a well-formed ID beyond any stored row id gives null too', async () => {
    const data = await api.data(`query($id: ID!) { node(id: $id) { id } }`, { id: base64('Position:99999999999') });
    expect(data.node).toBeNull();
  });

  it('nodes(ids) keeps the order and puts null where an object does not exist', async () => {
    const [a, b] = [known.find((n) => n.__typename === 'Official')!, known.find((n) => n.__typename === 'Evidence')!];
    const result = await api.query(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, {
      ids: [a.id, unknownPosition, b.id, base64('Meeting:424242')],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.nodes).toEqual([{ __typename: a.__typename, id: a.id }, null, { __typename: b.__typename, id: b.id }, null]);
  });

  it('nodes([]) is an empty list', async () => {
    expect((await api.data(`{ nodes(ids: []) { id } }`)).nodes).toEqual([]);
  });

  it.each([
    ['a word', 'not-an-id'],
    ['the base64 of an unknown type', base64('Bogus:1')],
    ['an empty string', ''],
    ['a plain number', '1'],
    ['the base64 of a type without a row id', base64('Position:')],
    ['the base64 of a negative row id', base64('Position:-1')],
    ['an unpadded spelling of a real ID', base64('Position:1').replace(/=+$/, '')],
    ['a leading zero in the row id', base64('Position:01')],
  ])('node(id: %s) is a BAD_USER_INPUT error naming the argument', async (_what, id) => {
    expectBadUserInput(await api.query(`query($id: ID!) { node(id: $id) { id } }`, { id }), 'id');
  });

  it('nodes(ids) with one malformed ID is a BAD_USER_INPUT error', async () => {
    const result = await api.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [known[0]!.id, 'not-an-id'] });
    expectBadUserInput(result, /ids/);
  });

  it('nodes(ids) takes at most 100 IDs', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => base64(`Position:${i + 1}`));
    expectBadUserInput(await api.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids }), 'ids');
    const hundred = await api.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ids.slice(0, 100) });
    expect(expectData<any>(hundred).nodes).toHaveLength(100);
  });
});

describe('country(isoCode:) finds a country by its ISO 3166-1 alpha-2 code', () => {
  it('every seed country, and in lower case too', async () => {
    for (const country of seed.countries) {
      const data = await api.data(
        `query($upper: String!, $lower: String!) {
        upper: country(isoCode: $upper) { id isoCode name }
        lower: country(isoCode: $lower) { id isoCode name }
      }`,
        { upper: country.isoCode, lower: country.isoCode.toLowerCase() },
      );
      expect(data.upper).toMatchObject({ isoCode: country.isoCode, name: country.name });
      expect(data.lower).toEqual(data.upper);
      expect(data.upper.id).toBe(known.find((n) => n.__typename === 'Country' && n.isoCode === country.isoCode)!.id);
    }
  });

  it('an unknown two-letter code gives null, without an error', async () => {
    const result = await api.query(`{ country(isoCode: "xx") { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ country: null });
  });

  it.each(['RUS', 'R', '', 'R1'])('country(isoCode: %j) is a BAD_USER_INPUT error naming the argument', async (isoCode) => {
    expectBadUserInput(await api.query(`query($iso: String!) { country(isoCode: $iso) { id } }`, { iso: isoCode }), 'isoCode');
  });
});
