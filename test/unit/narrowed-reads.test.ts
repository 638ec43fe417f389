// @module-tag any-database
/**
 * Nodes read with only the columns an operation shows: which fields an operation selects of each
 * type (src/graphql/selected-fields.ts), and which columns a node source keeps for them
 * (src/db/pages.ts). No database.
 */
import { buildSchema, getNamedType, isLeafType, isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { columnsNeeded, columnsOf } from '../../src/db/pages.ts';
import { Prisma } from '../../src/generated/prisma/client.ts';
import { fieldColumnsOf, type ModelDefinition } from '../../src/data/model.ts';
import { nodesOf } from '../../src/data/model-listing.ts';
import { actorNodes } from '../../src/data/models/actor.ts';
import { positionModel } from '../../src/data/models/position.ts';
import { selectedFields, type SelectedFields } from '../../src/graphql/selected-fields.ts';
import { buildGraphQLSchema } from '../../src/graphql/schema.ts';
import { nodesOfType } from '../../src/data/global-id.ts';

const schema = buildSchema(`
  interface Named { name: String! }
  type Country implements Named { name: String! isoCode: String! capital: City }
  type Organization implements Named { name: String! acronym: String }
  type City { name: String! population: Int }
  union Hit = Country | City
  type Query { holders: [Named!]! hits: [Hit!]! country: Country }
  type Mutation { rename(name: String!): Country }
`);

const plain = (fields: SelectedFields | null) => (fields ? Object.fromEntries([...fields].map(([type, names]) => [type, [...names].sort()])) : null);

describe('the fields an operation selects', () => {
  it('counts a field selected on an interface for every type that implements it, one in a type condition for that type only', () => {
    const document = parse(`{ holders { name ... on Country { isoCode } } }`);
    expect(plain(selectedFields(schema, document, null))).toEqual({ Query: ['holders'], Country: ['isoCode', 'name'], Organization: ['name'] });
  });

  it('walks named fragments (each once, wherever spread), inline fragments, unions and nested types', () => {
    const document = parse(`
      query Q { hits { ...C ... on City { population } } country { ...C capital { name } } }
      fragment C on Country { name capital { ...CityName } }
      fragment CityName on City { name }
    `);
    expect(plain(selectedFields(schema, document, 'Q'))).toEqual({ Query: ['country', 'hits'], Country: ['capital', 'name'], City: ['name', 'population'] });
  });

  it('leaves out __typename, reads the named operation only, and finds mutations', () => {
    const document = parse(`query A { country { __typename name } } query B { country { isoCode } } mutation C { rename(name: "x") { acronym: isoCode } }`);
    expect(plain(selectedFields(schema, document, 'A'))).toEqual({ Query: ['country'], Country: ['name'] });
    expect(plain(selectedFields(schema, document, 'C'))).toEqual({ Mutation: ['rename'], Country: ['isoCode'] });
    expect(selectedFields(schema, document, null)).toBeNull();
    expect(selectedFields(schema, document, 'D')).toBeNull();
    // A request without an operation name runs the document's only operation, named or not.
    expect(plain(selectedFields(schema, parse('query Only { country { name } }'), undefined))).toEqual({ Query: ['country'], Country: ['name'] });
  });
});

describe('the columns a node source keeps for some fields', () => {
  const columns = [
    ...columnsOf('n', { id: 'id', stance: 'stance', summary: 'summary', deploymentId: 'deploymentId', statedFrom: 'statedFrom', statedUntil: 'statedUntil' }),
  ];
  const fieldColumns = { stance: ['stance'], summary: ['summary'], statedIn: ['statedFrom', 'statedUntil'], statedOn: ['statedFrom'] };
  const kept = (fields: string[]) => columnsNeeded(columns, fieldColumns, new Set(fields)).map((column) => column.name);

  it('keeps the columns of the fields given and every column no field reads (the id, foreign keys)', () => {
    expect(kept(['stance'])).toEqual(['id', 'stance', 'deploymentId']);
    expect(kept([])).toEqual(['id', 'deploymentId']);
    expect(kept(['deployment', 'holders'])).toEqual(['id', 'deploymentId']);
  });

  it('keeps a column that several fields read when any of them is given', () => {
    expect(kept(['statedOn'])).toEqual(['id', 'deploymentId', 'statedFrom']);
    expect(kept(['statedIn', 'summary'])).toEqual(['id', 'summary', 'deploymentId', 'statedFrom', 'statedUntil']);
  });

  it('narrows a model source to SQL that names only those columns, and keeps its hidden rows condition the same object', () => {
    const positions = nodesOf(positionModel);
    const narrowed = positions.narrowed(new Set(['stance']));
    const sql = narrowed.columns.sql;
    expect(sql).toContain('n."stance"');
    expect(sql).toContain('n."deploymentId"');
    expect(sql).toContain('n."meetingId"');
    expect(sql).not.toContain('n."summary"');
    expect(sql).not.toContain('n."createdAt"');
    expect(narrowed.hidden).toBe(positions.hidden);
    expect(narrowed.narrowed(new Set(['summary'])).columns.sql).toContain('n."summary"');
  });

  it('keeps what tells an actor a country or an organization', () => {
    const sql = actorNodes.narrowed(new Set(['name'])).columns.sql;
    expect(sql).toContain('"_isCountry"');
    expect(sql).not.toContain('n."aliases"');
    expect(actorNodes.typeNames).toEqual(['Country', 'Organization']);
  });

  it("reads a reported date's four columns for its field", () => {
    expect(fieldColumnsOf(positionModel as unknown as ModelDefinition).statedIn).toEqual(['statedFrom', 'statedUntil', 'statedPrecision', 'statedApproximate']);
    expect(columnsOf('a', Prisma.ActorScalarFieldEnum).map((column) => column.name)).toContain('aliases');
  });
});

describe('the API schema and the models agree on what a field reads', () => {
  it('every leaf field of a node type is a field of its model or an audit field: no leaf is computed from columns a narrowed read may leave out', async () => {
    const api = await buildGraphQLSchema();
    const strays: string[] = [];
    for (const type of Object.values(api.getTypeMap())) {
      const nodes = isObjectType(type) ? nodesOfType(type.name) : undefined;
      if (!isObjectType(type) || !nodes) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isLeafType(getNamedType(field.type)) || field.name === 'id') continue;
        const read = nodes.narrowed(new Set([field.name])).columns.sql !== nodes.narrowed(new Set()).columns.sql;
        // Article.body has a loader of its own: the column is never in the select list.
        if (!read && !(type.name === 'Article' && field.name === 'body')) strays.push(`${type.name}.${field.name}`);
      }
    }
    expect(strays).toEqual([]);
  });
});
