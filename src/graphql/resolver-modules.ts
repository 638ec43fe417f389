/**
 * Imports the modules that declare the schema's resolver classes (src/graphql/resolver-files.ts):
 * importing them is what registers their classes, as type-graphql's decorators run. Under tsx the
 * files are found in this folder; the bundled build (scripts/compiled-build.ts) has no folder to
 * look in and replaces this module with one that imports the files found when it was built.
 */
import { readdir } from 'node:fs/promises';
import { declaresResolvers } from './resolver-files.ts';

export async function importResolverModules(): Promise<void> {
  const base = new URL('./', import.meta.url);
  const files = (await readdir(base, { recursive: true })).filter(declaresResolvers);
  await Promise.all(files.map((name) => import(new URL(name, base).href)));
}
