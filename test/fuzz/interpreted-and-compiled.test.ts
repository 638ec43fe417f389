/**
 * The fuzz generator's queries (generator.ts), each sent twice: the first answer comes from
 * graphql-js interpreting the operation, the second from graphql-jit's compiled function
 * (src/http/compiled-executor.ts). The two must be the same, errors and all: a difference is
 * an answer that changes with how often a document was sent. One allowance: where an error nulls
 * an object (a non-null field failed), graphql-js stops listing the errors of the object's other
 * fields once the object is gone (which are listed depends on which fails first), while
 * graphql-jit lists them all; such an error is under a path that the data shows as null.
 *
 * Queries only: a mutation would change what its second run finds.
 * FUZZ_SEED sets the seed as for the fuzz run; DIFFERENTIAL_OPERATIONS how many (default 400).
 */
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { useCurationServer } from '../support/curation.ts';
import { generateOperation } from './generator.ts';

const seed = Number(process.env.FUZZ_SEED ?? 8);
const total = Number(process.env.DIFFERENTIAL_OPERATIONS ?? 400);
const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

const api = useCurationServer();

interface Answer {
  status: number;
  data?: unknown;
  errors?: Array<{ message: string; path?: Array<string | number> }>;
  extensions?: unknown;
}

/** Whether `path` lies under an object that `data` shows as null (`data` itself, or a proper prefix of the path). */
function underNulledObject(data: unknown, path: ReadonlyArray<string | number> = []): boolean {
  let value = data;
  for (const key of path.slice(0, -1)) {
    if (value === null) return true;
    value = (value as Record<string | number, unknown> | undefined)?.[key];
  }
  return value === null;
}

/** What differs between two answers, beyond errors that only one lists under a nulled object. */
function difference(first: Answer, second: Answer): string | null {
  const { errors: firstErrors = [], ...firstRest } = first;
  const { errors: secondErrors = [], ...secondRest } = second;
  if (JSON.stringify(firstRest) !== JSON.stringify(secondRest)) return 'data, status or extensions';
  const key = (error: { message: string; path?: Array<string | number> }) => JSON.stringify(error);
  const firstKeys = new Set(firstErrors.map(key));
  const secondKeys = new Set(secondErrors.map(key));
  const onlyOnce = [...firstErrors.filter((e) => !secondKeys.has(key(e))), ...secondErrors.filter((e) => !firstKeys.has(key(e)))];
  const unexplained = onlyOnce.filter((error) => !underNulledObject(first.data, error.path));
  return unexplained.length > 0 ? `errors: ${JSON.stringify(unexplained)}` : null;
}

describe(`${total} generated queries (seed ${seed}), interpreted then compiled`, () => {
  it('answer the same both times', async () => {
    const { positions } = await api.data('anonymous', `{ positions(first: 20) { edges { cursor node { id holders { id } speakers { id } } } } }`);
    const edges = positions.edges as Array<{ cursor: string; node: { id: string; holders: Array<{ id: string }>; speakers: Array<{ id: string }> } }>;
    const pools = {
      ids: edges.flatMap((edge) => [edge.node.id, ...edge.node.holders.map((h) => h.id), ...edge.node.speakers.map((s) => s.id)]),
      cursors: edges.map((edge) => edge.cursor),
    };
    const differences: string[] = [];
    for (let index = 0; index < total; index++) {
      const operation = generateOperation(schema, pools, seed, index, { mutationShare: 0, maxDepth: 3 });
      const first: Answer = await api.query(operation.caller, operation.query, operation.variables);
      const second: Answer = await api.query(operation.caller, operation.query, operation.variables);
      const differs = difference(first, second);
      if (differs) {
        differences.push(
          `operation ${index} (FUZZ_SEED=${seed}), ${differs}: ${operation.query.slice(0, 400)}\nvariables: ${JSON.stringify(operation.variables).slice(0, 300)}\n` +
            `interpreted: ${JSON.stringify(first).slice(0, 600)}\ncompiled:    ${JSON.stringify(second).slice(0, 600)}`,
        );
      }
    }
    expect(differences, differences.slice(0, 5).join('\n\n')).toEqual([]);
  }, 300_000);
});
