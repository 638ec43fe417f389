// @module-tag any-database
/**
 * The layers of src/ point one way (docs/architecture.md): a file imports only from its own layer
 * or a lower one, and neither files nor folders import each other in a circle. Reads the import
 * statements of every source file; no database, no app.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const src = path.join(root, 'src');

/** Lowest first. A path belongs to the first entry it starts with. */
const layers: string[][] = [
  ['src/generated/', 'src/config.ts', 'src/logger.ts', 'src/project-root.ts'],
  ['src/db/'],
  ['src/data/'],
  ['src/live/'],
  ['src/graphql/'],
  ['src/http/'],
  ['src/app.ts', 'src/cluster.ts', 'src/main.ts'],
];

function layerOf(file: string): number {
  const index = layers.findIndex((prefixes) => prefixes.some((prefix) => file === prefix || file.startsWith(prefix)));
  if (index < 0) throw new Error(`${file} belongs to no layer: add its folder to the layers of docs/architecture.md and of this test`);
  return index;
}

const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.ts') && !name.startsWith('generated'))
  .map((name) => `src/${name.split(path.sep).join('/')}`);

/** The project files a file imports (relative specifiers, static and dynamic). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => match[1] as string);
  return specifiers.map((specifier) => path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)));
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** A cycle in a directed graph, as the list of its nodes, or null. */
function findCycle(edges: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of edges.keys()) {
    if (!state.has(node)) {
      const cycle = visit(node);
      if (cycle) return cycle;
    }
  }
  return null;
}

describe('the layers of src/', () => {
  it('every file belongs to a layer', () => {
    for (const file of files) expect(() => layerOf(file)).not.toThrow();
  });

  it('no file imports from a higher layer', () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      imports.filter((target) => target.startsWith('src/') && layerOf(target) > layerOf(file)).map((target) => `${file} -> ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('no folder of src/ imports, through its files, a folder that imports it back', () => {
    const folderOf = (file: string) => file.split('/').slice(0, 2).join('/');
    const folders = new Map<string, Set<string>>();
    for (const [file, imports] of graph) {
      for (const target of imports) {
        if (folderOf(target) !== folderOf(file) && target.startsWith('src/'))
          folders.set(folderOf(file), (folders.get(folderOf(file)) ?? new Set()).add(folderOf(target)));
      }
    }
    expect(findCycle(folders)).toBeNull();
  });

  // The schema's object types refer to one another (a deployment's host is a country, a country
  // hosts deployments): the files of src/graphql/models/ import each other, and type-graphql reads
  // those references lazily (`() => Country`). Every other file-level circle is a defect.
  it('no file imports, directly or not, a file that imports it (but the schema types of src/graphql/models/)', () => {
    const inModels = (file: string) => file.startsWith('src/graphql/models/');
    const edges = new Map(
      [...graph].map(([file, imports]) => [file, new Set(imports.filter((target) => graph.has(target) && !(inModels(file) && inModels(target))))]),
    );
    expect(findCycle(edges)).toBeNull();
  });
});
