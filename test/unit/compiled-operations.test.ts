/** The cache of compiled operations keeps the most recently used documents, no more (src/http/compiled-executor.ts). */
import { parse, type DocumentNode } from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
import { describe, expect, it } from 'vitest';
import { CompiledOperations, compiledDocumentsKept } from '../../src/http/compiled-executor.ts';

const documents: DocumentNode[] = Array.from({ length: compiledDocumentsKept + 1 }, (_, i) => parse(`{ a${i}: __typename }`));
const compiledFor = (i: number) => ({ compiled: { query: () => ({ data: { i } }) } as unknown as CompiledQuery, fields: new Map() });

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
