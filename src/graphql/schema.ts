import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { readdir } from 'node:fs/promises';
import { buildSchema, getMetadataStorage, type ClassType, type NonEmptyArray } from 'type-graphql';
import { guardInputs } from './input-hygiene.ts';
import { enforceListBounds } from './list-bounds.ts';

/**
 * The resolver classes: every one declared by the files of src/graphql/models/ and the
 * `*.resolver.ts` files of src/graphql/, including those the model-schema factories declare.
 * Adding a model adds its file; there is no list to keep here.
 */
async function discoverResolvers(): Promise<NonEmptyArray<ClassType>> {
  const base = new URL('./', import.meta.url);
  const files = (await readdir(base, { recursive: true }))
    .filter((name) => name.endsWith('.resolver.ts') || (name.startsWith('models/') && name.endsWith('.ts')))
    .map((name) => new URL(name, base));
  await Promise.all(files.map((file) => import(file.href)));
  const resolvers = [...new Set(getMetadataStorage().resolverClasses.map((resolver) => resolver.target as ClassType))];
  if (resolvers.length === 0) throw new Error('no resolver classes found under src/graphql/');
  return resolvers as NonEmptyArray<ClassType>;
}

export async function buildGraphQLSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: await discoverResolvers(), validate: false });
  // type-graphql gives the root types no description; the schema describes everything.
  const query = schema.getQueryType();
  if (query) query.description ??= 'The entry points for reading the graph.';
  const mutation = schema.getMutationType();
  if (mutation)
    mutation.description ??=
      'Changes to the graph: each takes one `input` and returns a payload with `userErrors`. All need an EDITOR key (API keys need ADMIN).';
  enforceListBounds(schema);
  return guardInputs(schema);
}

/** The SDL committed as `schema.graphql`: sorted, so that diffs show real changes only. */
export async function printSchemaFile(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildGraphQLSchema()))}\n`;
}
