// @module-tag any-database
/**
 * Compiled operations (src/http/compiled-executor.ts): an operation is compiled at its second run,
 * not its first; the cache keeps the most recently used documents, no more.
 */
import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import { buildSchema, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { compileQuery, type CompiledQuery } from 'graphql-jit';
import { describe, expect, it } from 'vitest';
import { CompiledOperations, compiledDocumentsKept, compiledExecutionGateway, variantsPerDocument } from '../../src/http/compiled-executor.ts';
import { OperationTurns } from '../../src/http/operation-turns.ts';

const documents: DocumentNode[] = Array.from({ length: compiledDocumentsKept + 1 }, (_, i) => parse(`{ a${i}: __typename }`));
const compiledFor = (i: number) => ({ compiled: { query: () => ({ data: { i } }) } as unknown as CompiledQuery, fields: new Map() });

describe('an operation', () => {
  const schema = buildSchema('input Change { a: String, b: String } type Query { greeting(name: String = "you"): String! change(input: Change!): String! }');
  const fields = schema.getQueryType()!.getFields();
  fields.greeting!.resolve = (_root, args: { name: string }) => `hello, ${args.name}`;
  fields.change!.resolve = (_root, args: { input: object }) => JSON.stringify(args.input);

  /** The executor of a gateway on `schema` that keeps its compiled operations in `cache`. */
  async function executorOf(cache: CompiledOperations): Promise<GatewayExecutor> {
    const { executor } = await compiledExecutionGateway(schema, new OperationTurns(1, 0), cache).load({ apollo: {} });
    if (!executor) throw new Error('the gateway gave no executor');
    return executor;
  }

  /** Runs `document` through the gateway's executor, as Apollo Server calls it. */
  async function run(executor: GatewayExecutor, document: DocumentNode, variables: Record<string, unknown> = {}) {
    const operation = document.definitions[0] as OperationDefinitionNode;
    const requestContext = { document, operation, operationName: null, request: { variables }, context: { loaders: { readOnly: () => undefined } } };
    return executor(requestContext as unknown as Parameters<GatewayExecutor>[0]);
  }

  it('runs interpreted the first time, and is compiled at its second run and kept', async () => {
    const cache = new CompiledOperations();
    const executor = await executorOf(cache);
    const document = parse('query($name: String = "Tokyo") { greeting(name: $name) }');
    expect(await run(executor, document, { name: 'Seoul' })).toEqual({ data: { greeting: 'hello, Seoul' } });
    expect(cache.size).toBe(0);
    expect(await run(executor, document, { name: 'Beijing' })).toMatchObject({ data: { greeting: 'hello, Beijing' } });
    expect(cache.size).toBe(1);
    expect(await run(executor, document)).toMatchObject({ data: { greeting: 'hello, Tokyo' } });
    expect(cache.size).toBe(1);
    // Another text is another document, run interpreted at first.
    await run(executor, parse('{ greeting }'));
    expect(cache.size).toBe(1);
  });

  it('leaves out what a left-out variable fills, interpreted and compiled, and is compiled at its second run', async () => {
    // graphql-jit 0.8 gives an input field filled by a left-out variable the value null, where
    // graphql-js (and the specification) leave the field out (src/http/compiled-executor.ts).
    const omitted = parse('query($b: String, $name: String) { change(input: { a: "1", b: $b }) greeting(name: $name) }');
    expect(await (compileQuery(schema, omitted) as CompiledQuery).query(undefined, {}, {})).toEqual({
      data: { change: '{"a":"1","b":null}', greeting: 'hello, you' },
    });
    const cache = new CompiledOperations();
    const executor = await executorOf(cache);
    // Both left out: the input field stays out, the argument takes its default.
    for (let i = 0; i < 3; i++) expect(await run(executor, omitted)).toEqual({ data: { change: '{"a":"1"}', greeting: 'hello, you' } });
    expect(cache.size).toBe(1);
    // One given: another variant of the document, compiled at its own second run.
    for (let i = 0; i < 3; i++) expect(await run(executor, omitted, { b: null })).toEqual({ data: { change: '{"a":"1","b":null}', greeting: 'hello, you' } });
    expect(cache.size).toBe(2);
    // Both given: the document itself.
    for (let i = 0; i < 3; i++)
      expect(await run(executor, omitted, { b: '2', name: 'Seoul' })).toEqual({ data: { change: '{"a":"1","b":"2"}', greeting: 'hello, Seoul' } });
    expect(cache.size).toBe(3);
  });

  it(`compiles at most ${variantsPerDocument} variants of a document by the variables left out; the others run interpreted`, async () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const document = parse(`query(${names.map((n) => `$${n}: String`).join(', ')}) { ${names.map((n) => `${n}: change(input: { a: $${n} })`).join(' ')} }`);
    const cache = new CompiledOperations();
    const executor = await executorOf(cache);
    for (let mask = 0; mask < 2 ** names.length; mask++) {
      const variables = Object.fromEntries(names.filter((_, i) => mask & (1 << i)).map((n) => [n, n.toUpperCase()]));
      const expected = Object.fromEntries(names.map((n) => [n, n in variables ? `{"a":"${n.toUpperCase()}"}` : '{}']));
      for (let i = 0; i < 2; i++) expect(await run(executor, document, variables)).toEqual({ data: expected });
    }
    // The document with every variable given is no variant: it is compiled besides them.
    expect(cache.size).toBe(variantsPerDocument + 1);
  });
});

describe('compiled operations', () => {
  it(`are kept for the ${compiledDocumentsKept.toLocaleString('en')} most recently used documents`, () => {
    const cache = new CompiledOperations();
    for (let i = 0; i < compiledDocumentsKept; i++) cache.set(documents[i]!, '', compiledFor(i));
    // The oldest document is used again: it becomes the most recent, and the second oldest goes.
    expect(cache.get(documents[0]!, '')).toBe(cache.get(documents[0]!, ''));
    cache.set(documents[compiledDocumentsKept]!, '', compiledFor(compiledDocumentsKept));
    expect(cache.size).toBe(compiledDocumentsKept);
    expect(cache.get(documents[0]!, '')).toBeDefined();
    expect(cache.get(documents[1]!, '')).toBeUndefined();
    expect(cache.get(documents[compiledDocumentsKept]!, '')).toBeDefined();
  });

  it('keeps each operation of a document apart', () => {
    const cache = new CompiledOperations();
    const document = parse('query A { __typename } query B { __typename }');
    cache.set(document, 'A', compiledFor(1));
    expect(cache.get(document, 'A')).toBeDefined();
    expect(cache.get(document, 'B')).toBeUndefined();
  });
});
