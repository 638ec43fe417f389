// @module-tag any-database
/** The fuzz generator is deterministic by seed and covers the schema: same seed, same operations. */
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/seeded-random.ts';
import { generateOperation, type FuzzPools } from './generator.ts';

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const pools: FuzzPools = { ids: ['Q291bnRyeTox', 'UG9zaXRpb246MQ=='], cursors: ['Y3Vyc29yOnYxOjE'] };

describe('the fuzz generator', () => {
  it('gives the same operations for the same seed and index, whatever the order they are made in', () => {
    const forward = Array.from({ length: 200 }, (_, i) => generateOperation(schema, pools, 42, i));
    const backward = Array.from({ length: 200 }, (_, i) => generateOperation(schema, pools, 42, 199 - i)).reverse();
    expect(backward).toEqual(forward);
    expect(generateOperation(schema, pools, 43, 0)).not.toEqual(forward[0]);
  });

  it('reaches every root field, queries and mutations, mostly with valid documents', () => {
    const operations = Array.from({ length: 3_000 }, (_, i) => generateOperation(schema, pools, 7, i));
    const reached = new Set(operations.flatMap((op) => [...op.query.matchAll(/f\d: (\w+)/g)].map((m) => m[1])));
    const roots = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())];
    expect(roots.filter((field) => !reached.has(field))).toEqual([]);
    const valid = operations.filter((op) => {
      try {
        return validate(schema, parse(op.query)).length === 0;
      } catch {
        return false;
      }
    });
    expect(valid.length / operations.length).toBeGreaterThan(0.8);
  });

  it('draws numbers from a seeded stream', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
