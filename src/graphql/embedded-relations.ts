/**
 * The relations a node type's pages can read in their own statement: `nodeRelations`
 * (src/graphql/model-schema.ts) registers each reference and short list of a type as it declares
 * its field, and the loaders (src/graphql/loaders.ts) embed those an operation selects into the
 * pages of that type. Registered by the declarations themselves: no list to keep in step.
 */
import type { IdSource, NodeSource } from '../db/pages.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/** A relation as declared, its nodes resolved late (models refer to each other). */
export type DeclaredRelation =
  | { name: string; kind: 'reference'; column: string; nodes: () => NodeSource<unknown> }
  | { name: string; kind: 'list'; ids: IdSource; nodes: () => NodeSource<unknown>; orderBy?: Prisma.Sql };

const byTypeName = new Map<string, DeclaredRelation[]>();

export function registerRelation(typeName: string, relation: DeclaredRelation): void {
  byTypeName.set(typeName, [...(byTypeName.get(typeName) ?? []), relation]);
}

/** The relations declared on the object type `typeName`. */
export function relationsOf(typeName: string): readonly DeclaredRelation[] {
  return byTypeName.get(typeName) ?? [];
}
