// @module-tag any-database
/**
 * The cost function (src/graphql/limits.ts, `requestedCost`): an upper bound, before anything
 * runs, on the objects a response can hold, read from the document and its variables as execution
 * reads them; and `countObjects`, the same measure on an actual response. On a small schema of
 * its own, so that each rule is seen on its own.
 */
// limits.ts takes its page sizes from src/graphql/connection.ts, whose type-graphql decorators run
// on import and need the metadata polyfill that src/app.ts loads first in the server.
import 'reflect-metadata';
import { buildSchema, parse, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { countObjects, requestedCost } from '../../src/graphql/limits.ts';

// The page sizes of src/graphql/connection.ts: 20 when neither first nor last is given, at most 100.
const defaultPage = 20;
const maxPage = 100;

const schema = buildSchema(`
  interface Node { id: ID! }
  type Person implements Node { id: ID! name: String! friends(first: Int): [Person!]! tags: [Tag!]! employer: Company }
  type Company implements Node { id: ID! name: String! staff(first: Int, last: Int, after: String): PersonConnection! }
  type Tag { label: String! }
  type PersonEdge { cursor: String! node: Person! }
  type PersonConnection { edges: [PersonEdge!]! nodes: [Person!]! totalCount: Int! }
  union Result = Person | Company
  type Query {
    people(first: Int, last: Int): PersonConnection!
    person(id: ID!): Person
    nodes(ids: [ID!]!): [Node]!
    search(first: Int = 5): [Result!]!
  }
`);
// Bounds a resolver enforces are declared in the field's extensions (src/graphql/list-bounds.ts).
const personFields = (schema.getType('Person') as GraphQLObjectType).getFields();
Object.assign(personFields.friends!, { extensions: { maxItems: 50 } });
Object.assign(personFields.tags!, { extensions: { maxItems: 10 } });

const cost = (query: string, variables: Record<string, unknown> = {}, operationName?: string) => requestedCost(schema, parse(query), operationName, variables);

describe('requestedCost', () => {
  it('counts 1 per object and nothing for scalars', () => {
    expect(cost('{ person(id: "1") { name employer { name } } }')?.cost).toBe(2);
    expect(cost('{ __typename person(id: "1") { id } }')?.cost).toBe(1);
  });

  it("multiplies a connection's edges and nodes by its page size: first, last, or 20", () => {
    expect(cost('{ people(first: 7) { nodes { name } } }')?.cost).toBe(1 + 7);
    expect(cost('{ people(last: 3) { edges { node { name } } } }')?.cost).toBe(1 + 3 * (1 + 1));
    expect(cost('{ people { nodes { id } totalCount } }')?.cost).toBe(1 + defaultPage);
    expect(cost('{ people(first: 5) { nodes { employer { staff(first: 4) { nodes { id } } } } } }')?.cost).toBe(1 + 5 * (1 + 1 + (1 + 4)));
  });

  it('reads page sizes from variables and their defaults, as execution does', () => {
    expect(cost('query($n: Int = 30) { people(first: $n) { nodes { id } } }')?.cost).toBe(1 + 30);
    expect(cost('query($n: Int = 30) { people(first: $n) { nodes { id } } }', { n: 2 })?.cost).toBe(1 + 2);
    expect(cost('{ search { ... on Person { id } } }')?.cost).toBe(5);
  });

  it('counts a list by its own first, else the bound it declares, and nodes(ids:) by its ids', () => {
    expect(cost('{ person(id: "1") { friends(first: 3) { name } tags { label } } }')?.cost).toBe(1 + 3 + 10);
    expect(cost('{ person(id: "1") { friends { friends { id } } } }')?.cost).toBe(1 + 50 * (1 + 50));
    expect(cost('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'b', 'c'] })?.cost).toBe(3);
  });

  it('reports a page size out of range as BAD_USER_INPUT, once per field, and still counts the field at its bound', () => {
    const result = cost('{ people(first: 500, last: 0) { nodes { id } } person(id: "1") { friends(first: 51) { id } } }');
    expect(result?.pageSizeErrors.map((e) => [e.message, e.extensions.code])).toEqual([
      [`Argument "first" must be between 1 and ${maxPage}, got 500`, 'BAD_USER_INPUT'],
      ['Argument "first" must be between 1 and 50, got 51', 'BAD_USER_INPUT'],
    ]);
    expect(result?.cost).toBe(1 + maxPage + 1 + 50);
  });

  it('takes the costliest possible type of an interface or a union', () => {
    expect(cost('{ search(first: 2) { ... on Person { tags { label } } ... on Company { id } } }')?.cost).toBe(2 * (1 + 10));
    expect(cost('query($ids: [ID!]!) { nodes(ids: $ids) { ... on Company { staff { nodes { id } } } } }', { ids: ['a'] })?.cost).toBe(1 + 1 + defaultPage);
  });

  it('counts fragments where they apply, and nothing that @skip or @include leaves out', () => {
    const fragments = 'query { person(id: "1") { ...F } } fragment F on Person { employer { name } tags { label } }';
    expect(cost(fragments)?.cost).toBe(1 + 1 + 10);
    expect(cost('query($no: Boolean!) { person(id: "1") { employer @include(if: $no) { id } tags @skip(if: true) { label } } }', { no: false })?.cost).toBe(1);
  });

  it('counts introspection by what the schema holds', () => {
    const typeCount = Object.keys(schema.getTypeMap()).length;
    expect(cost('{ __schema { types { name } } }')?.cost).toBe(1 + typeCount);
    expect(cost('{ __type(name: "Tag") { fields { name } } }')?.cost).toBe(1 + 1);
  });

  it('picks the operation by name; without a name it needs exactly one, and unknown fields cost nothing', () => {
    const two = 'query A { person(id: "1") { id } } query B { people(first: 2) { nodes { id } } }';
    expect(cost(two, {}, 'B')?.cost).toBe(1 + 2);
    expect(cost(two)).toBeNull();
    expect(cost('{ nosuchfield { id } person(id: "1") { nosuch { id } } }')?.cost).toBe(1);
  });

  it('gives one document sent again (as Apollo Server hands it over) the cost of its new variables and operation', () => {
    const document = parse(`
      query Page($n: Int = 30, $ids: [ID!]!, $withTags: Boolean!, $after: String) {
        people(first: $n) { nodes { id } }
        nodes(ids: $ids) { id }
        person(id: "1") { tags @include(if: $withTags) { label } employer { staff(after: $after) { nodes { id } } } }
      }
      query One { person(id: "1") { id } }`);
    const costOf = (variables: Record<string, unknown>, operationName = 'Page') => requestedCost(schema, document, operationName, variables);
    const base = { ids: ['a'], withTags: false };
    // person, its employer, the staff connection and its nodes
    const rest = 1 + 1 + 1 + defaultPage;
    expect(costOf(base)?.cost).toBe(1 + 30 + 1 + rest);
    expect(costOf({ ...base, n: 2 })?.cost).toBe(1 + 2 + 1 + rest);
    // Sent as null, the page size is null: neither first nor the default, so 20.
    expect(costOf({ ...base, n: null })?.cost).toBe(1 + defaultPage + 1 + rest);
    expect(costOf({ ...base, ids: ['a', 'b', 'c'] })?.cost).toBe(1 + 30 + 3 + rest);
    expect(costOf({ ...base, withTags: true })?.cost).toBe(1 + 30 + 1 + rest + 10);
    expect(costOf({ ...base, n: 500 })?.pageSizeErrors.map((e) => e.message)).toEqual([`Argument "first" must be between 1 and ${maxPage}, got 500`]);
    expect(costOf({ ...base, n: 2 })?.pageSizeErrors).toEqual([]);
    // A variable the cost does not read (a cursor) does not change it.
    expect(costOf({ ...base, after: 'x' })).toBe(costOf({ ...base, after: 'y' }));
    // Variables that do not coerce are read as sent, without their defaults (20 objects a page,
    // not $n's 30), and a condition that is not a Boolean leaves its selection in (the tags).
    expect(costOf({ ids: ['a'], withTags: 'no' })?.cost).toBe(1 + defaultPage + 1 + rest + 10);
    expect(costOf({}, 'One')?.cost).toBe(1);
  });
});

describe('countObjects', () => {
  it('counts the JSON objects below data, not scalars that serialize to text', () => {
    expect(countObjects({ person: { name: 'x', employer: null, tags: [{ label: 'a' }, { label: 'b' }], born: new Date(0) } })).toBe(3);
    expect(countObjects({ people: { nodes: [] } })).toBe(1);
    expect(countObjects(null)).toBe(0);
  });
});
