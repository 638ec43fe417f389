/**
 * Bounds on lists that are not connections (`Position.evidence`, `Organization.members`, a
 * payload's `userErrors`…). Nothing where the data is written caps how long such a list can grow,
 * so the bound is enforced where it is read: the field declares it (`@Extensions(listBound(n))`)
 * and says so in its description, `enforceListBounds` cuts the resolved list to it, and the
 * operation's cost (src/graphql/limits.ts) counts the list at it, or at its `first` argument when
 * it has one (the resolver returns that many: `firstItems`). A cost computed this way holds
 * whatever the data holds.
 */
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { badUserInput } from './errors.ts';

/** The `extensions` of a list field whose resolved value is cut to `maxItems`. */
export function listBound(maxItems: number): { maxItems: number } {
  return { maxItems };
}

/** How many elements a list with a `first` argument returns when the argument is left out. */
export const defaultListItems = 10;

/** The `first` argument of a bounded list of `what` (`@Arg('first', () => Int, firstArgument(…))`). */
export function firstArgument(maxItems: number, what: string) {
  return {
    defaultValue: defaultListItems,
    description: `How many ${what} to return, in their order (1..${maxItems}; ${defaultListItems} when omitted). A list that comes back full may have more.`,
  };
}

/** The first `first` elements; BAD_USER_INPUT when `first` is out of 1..maxItems. */
export function firstItems<T>(list: readonly T[], first: number, maxItems: number): T[] {
  if (!Number.isInteger(first) || first < 1 || first > maxItems) {
    throw badUserInput(`Argument "first" must be between 1 and ${maxItems}, got ${first}`, 'first');
  }
  return list.length <= first ? (list as T[]) : list.slice(0, first);
}

/** The declared bound of a list field, or null when it declares none. */
export function declaredListBound(field: GraphQLField<unknown, unknown>): number | null {
  const maxItems = (field.extensions as { maxItems?: unknown } | undefined)?.maxItems;
  return typeof maxItems === 'number' && Number.isInteger(maxItems) && maxItems >= 0 ? maxItems : null;
}

/** Makes every field that declares a bound return at most that many elements. */
export function enforceListBounds(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const maxItems = declaredListBound(field);
      if (maxItems === null) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const value = resolve(source, args, context, info);
        const cut = (list: unknown) => (Array.isArray(list) && list.length > maxItems ? list.slice(0, maxItems) : list);
        return value instanceof Promise ? value.then(cut) : cut(value);
      };
    }
  }
}

/** `Type.field` of every list of objects whose length nothing bounds: page sizes, ids, or a declared bound. */
export function unboundedLists(schema: GraphQLSchema): string[] {
  const unbounded: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (
        !isListType(getNullableType(field.type)) ||
        !(isObjectType(getNamedType(field.type)) || isInterfaceType(getNamedType(field.type)) || isUnionType(getNamedType(field.type)))
      )
        continue;
      const paged = field.args.some((a) => ['first', 'last', 'ids'].includes(a.name));
      const inConnection = type.name.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes');
      if (!paged && !inConnection && declaredListBound(field) === null) unbounded.push(`${type.name}.${field.name}`);
    }
  }
  return unbounded;
}
