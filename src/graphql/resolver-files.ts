/**
 * Which files declare the schema's resolver classes: every file of src/graphql/models/ and every
 * `*.resolver.ts` of src/graphql/. Adding a model adds its file; there is no list to keep. Read
 * by src/graphql/resolver-modules.ts when the schema is built under tsx, and by the bundled build
 * (scripts/compiled-build.ts) when it is made.
 */

/** Whether the file at `relativePath` (from src/graphql/) declares resolver classes. */
export function declaresResolvers(relativePath: string): boolean {
  return relativePath.endsWith('.resolver.ts') || (relativePath.startsWith('models/') && relativePath.endsWith('.ts'));
}
