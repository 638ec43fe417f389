/**
 * Which fields of each object type an operation selects, anywhere in it: what the loaders need to
 * read of each node (src/graphql/loaders.ts narrows every node read to it). Worked out once per
 * document with its compiled operation (src/http/compiled-executor.ts), not per request.
 */
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** Field names by object type name. */
export type SelectedFields = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The fields of each object type that `operationName` (or the document's only operation) selects.
 * A field selected on an interface counts for every type that implements it; a field under
 * `@skip` or `@include` counts whatever their condition (reading a column too many is harmless).
 * Null when the document has no such operation: the executor reports that.
 */
export function selectedFields(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): SelectedFields | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operationName == null ? (operations.length === 1 ? operations[0] : undefined) : operations.find((o) => o.name?.value === operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return null;

  const selected = new Map<string, Set<string>>();
  const objectTypesOf = (type: GraphQLCompositeType): readonly GraphQLObjectType[] => (isAbstractType(type) ? schema.getPossibleTypes(type) : [type]);
  // A named fragment is walked once: what it selects depends on its own type condition only.
  const walked = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, type: GraphQLCompositeType): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        for (const objectType of objectTypesOf(type)) {
          let names = selected.get(objectType.name);
          if (!names) selected.set(objectType.name, (names = new Set()));
          names.add(name);
        }
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
        const fieldType = field && getNamedType(field.type);
        if (selection.selectionSet && fieldType && isCompositeType(fieldType)) walk(selection.selectionSet, fieldType);
      } else {
        const condition = selection.kind === Kind.INLINE_FRAGMENT ? selection.typeCondition : fragments.get(selection.name.value)?.typeCondition;
        const conditionType = condition ? schema.getType(condition.name.value) : type;
        if (!conditionType || !isCompositeType(conditionType)) continue;
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          walk(selection.selectionSet, conditionType);
          continue;
        }
        const fragment = fragments.get(selection.name.value);
        if (!fragment || walked.has(fragment.name.value)) continue;
        walked.add(fragment.name.value);
        walk(fragment.selectionSet, conditionType);
      }
    }
  };
  walk(operation.selectionSet, root);
  return selected;
}
