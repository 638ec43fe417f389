// @module-tag any-database
/** The names PostgreSQL keeps statements prepared under (src/db/statement-names.ts), given sparingly, never given twice, and their setting. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { statementNames } from '../../src/db/statement-names.ts';

describe('statementNames', () => {
  it('names a text on its second sighting, and keeps that name', () => {
    const names = statementNames(10);
    expect(names.nameFor('SELECT 1')).toBeUndefined();
    const name = names.nameFor('SELECT 1');
    expect(name).toMatch(/^stancegraph_\d+$/);
    expect(names.nameFor('SELECT 1')).toBe(name);
  });

  it('gives different texts different names', () => {
    const names = statementNames(10);
    for (const sql of ['SELECT 1', 'SELECT 2', 'SELECT 1', 'SELECT 2']) names.nameFor(sql);
    expect(names.nameFor('SELECT 1')).toMatch(/^stancegraph_\d+$/);
    expect(names.nameFor('SELECT 2')).toMatch(/^stancegraph_\d+$/);
    expect(names.nameFor('SELECT 1')).not.toBe(names.nameFor('SELECT 2'));
  });

  it('keeps the `limit` most recently used names: a new one gives up the least recently used, and no name is given twice', () => {
    const names = statementNames(2);
    for (const sql of ['a', 'a', 'b', 'b']) names.nameFor(sql);
    const [a, b] = [names.nameFor('a'), names.nameFor('b')]; // b is now the most recently used
    names.nameFor('c');
    const c = names.nameFor('c');
    expect(new Set([a, b, c]).size).toBe(3);
    expect(names.nameFor('b')).toBe(b);
    expect(names.nameFor('c')).toBe(c);
    expect(names.nameFor('a')).toBeUndefined(); // given up: a first sighting again
    expect(names.nameFor('a')).not.toBe(a);
  });

  it('forgets one-off texts past its bound rather than growing, so a flood of them only delays a name', () => {
    const names = statementNames(1);
    names.nameFor('hot');
    for (let i = 0; i < 25; i++) names.nameFor(`one-off ${i}`);
    expect(names.nameFor('hot')).toBeUndefined(); // forgotten with the flood: counts as a first sighting again
    expect(names.nameFor('hot')).toMatch(/^stancegraph_\d+$/);
  });
});

describe('PREPARED_STATEMENTS_MAX', () => {
  it('defaults to 200, takes 0 to turn prepared statements off, and refuses what is not a count', () => {
    expect(loadConfig({}).preparedStatements).toBe(200);
    expect(loadConfig({ PREPARED_STATEMENTS_MAX: '0' }).preparedStatements).toBe(0);
    expect(() => loadConfig({ PREPARED_STATEMENTS_MAX: 'many' })).toThrow(/PREPARED_STATEMENTS_MAX/);
  });
});
