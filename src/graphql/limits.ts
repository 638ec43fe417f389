/**
 * Limits on what one GraphQL operation may ask for, checked before it runs, so that deep, wide,
 * aliased or oversized queries never reach the database (OWASP GraphQL Cheat Sheet; GitHub's node
 * limit; graphql-armor's defaults).
 *
 * - depth, aliases and directives: graphql-armor's validation rules, reporting an error whose
 *   `extensions.code` names the limit;
 * - tokens: graphql-js's own parser limit (`parseOptions.maxTokens`), renamed the same way;
 * - cost: `requestedCost` below, which needs the variables (page sizes are often variables), so it
 *   runs once the operation is resolved (src/http/plugins.ts).
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isAbstractType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import type { OperationLimits } from '../config.ts';
import { defaultPageSize, maxPageSize } from './connection.ts';

/** `extensions.code` of an operation rejected by a limit. */
export const limitErrorCodes = {
  maxDepth: 'DEPTH_LIMIT_EXCEEDED',
  maxCost: 'COST_LIMIT_EXCEEDED',
  maxAliases: 'ALIAS_LIMIT_EXCEEDED',
  maxDirectives: 'DIRECTIVE_LIMIT_EXCEEDED',
  maxTokens: 'TOKEN_LIMIT_EXCEEDED',
} as const satisfies Record<keyof OperationLimits, string>;

const limitCodes = new Set<string>(Object.values(limitErrorCodes));

export function isLimitErrorCode(code: unknown): code is string {
  return typeof code === 'string' && limitCodes.has(code);
}

/**
 * How many elements a list without pagination arguments (`Position.evidence`, `holders`,
 * `Meeting.participants`, `Organization.members`…) is assumed to hold when computing a cost. Such
 * lists are a record's own small relations; a connection's page size is known exactly.
 */
export const assumedListSize = 10;

/** graphql-armor reports "Syntax Error: Query depth limit of 8 exceeded, found 9." */
function armorReporter(code: string, limit: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const message = error.message.replace(/^Syntax Error: /, '');
    const found = Number(/found (\d+)/.exec(message)?.[1]);
    context?.reportError(
      new GraphQLError(message, { extensions: { code, limit, ...(Number.isFinite(found) ? { found } : {}) } }),
    );
  };
}

/** graphql-armor's depth, alias and directive rules, each error coded with the limit it exceeds. */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const armor = new ApolloArmor({
    maxDepth: {
      n: limits.maxDepth,
      // Depth counts fields only: `... on Country { isoCode }` adds no level.
      flattenFragments: true,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [armorReporter(limitErrorCodes.maxDepth, limits.maxDepth)],
    },
    maxAliases: {
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [armorReporter(limitErrorCodes.maxAliases, limits.maxAliases)],
    },
    maxDirectives: {
      n: limits.maxDirectives,
      propagateOnRejection: false,
      onReject: [armorReporter(limitErrorCodes.maxDirectives, limits.maxDirectives)],
    },
    // Cost needs variables (src/graphql/limits.ts requestedCost); tokens are counted by the parser
    // (parseOptions.maxTokens); suggestions are hidden by the server's error formatting.
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect().validationRules;
}

/** graphql-js's parser message when `parseOptions.maxTokens` is exceeded. */
const tokenLimitMessage = /Document contains more tha[nt] (\d+) tokens\. Parsing aborted\./; // 16.x says "more that"

/** The token limit error in the words of the other limits, or null for any other syntax error. */
export function tokenLimitError(message: string): { message: string; limit: number } | null {
  const match = tokenLimitMessage.exec(message);
  if (!match) return null;
  return { message: `Token limit of ${match[1]} exceeded.`, limit: Number(match[1]) };
}

export interface RequestedCost {
  /** The most objects the response can hold (see README, "Operation limits"). */
  cost: number;
  /** Page sizes out of 1..maxPageSize, found without running anything. */
  pageSizeErrors: GraphQLError[];
}

type Variables = Record<string, unknown> | undefined | null;

/**
 * The cost of an operation before it runs: an upper bound on the number of objects (JSON objects
 * below `data`) its response can hold.
 *
 * - a scalar or enum field costs 0 (as do `__typename` and introspection, served from memory);
 * - a field whose value is an object costs 1 plus the cost of its selection;
 * - a list of objects costs that, times its length: a connection's `edges` and `nodes` hold
 *   `first`/`last` elements (20 when neither is given), `nodes(ids:)` as many as the ids, any
 *   other list `assumedListSize`;
 * - where a field returns an interface or union, the costliest of its possible types counts;
 * - what `@skip`/`@include` leave out costs nothing.
 *
 * Never throws: a document that fails validation still gets a cost (unknown fields cost 0).
 */
export function requestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Variables,
): RequestedCost | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return null;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return null;

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const pageSizeErrors: GraphQLError[] = [];
  const reportedPageArguments = new Set<ValueNode>();
  const memo = new Map<SelectionSetNode, Map<string, number>>();
  const inProgress = new Set<string>();

  const valueOf = (node: ValueNode | undefined): unknown => {
    if (!node) return undefined;
    if (node.kind === Kind.VARIABLE) return variables?.[node.name.value];
    return valueFromASTUntyped(node, variables ?? undefined);
  };
  const argumentValue = (field: FieldNode, name: string): unknown => valueOf(field.arguments?.find((a) => a.name.value === name)?.value);

  /** `@skip(if: true)` and `@include(if: false)` take a selection out, as execution will. */
  const included = (selection: SelectionNode): boolean => {
    for (const directive of selection.directives ?? []) {
      const condition = valueOf(directive.arguments?.find((a) => a.name.value === 'if')?.value);
      if (directive.name.value === 'skip' && condition === true) return false;
      if (directive.name.value === 'include' && condition === false) return false;
    }
    return true;
  };

  const pageSizeOf = (field: FieldNode, definition: GraphQLField<unknown, unknown>): number | null => {
    if (!definition.args.some((a) => a.name === 'first' || a.name === 'last')) return null;
    let size: number | null = null;
    for (const name of ['first', 'last'] as const) {
      const value = argumentValue(field, name);
      if (value == null || typeof value !== 'number' || !Number.isInteger(value)) continue;
      if (value < 1 || value > maxPageSize) {
        const node = field.arguments!.find((a) => a.name.value === name)!.value;
        if (!reportedPageArguments.has(node)) {
          reportedPageArguments.add(node);
          pageSizeErrors.push(
            new GraphQLError(`Argument "${name}" must be between 1 and ${maxPageSize}, got ${value}`, {
              nodes: [field],
              extensions: { code: 'BAD_USER_INPUT', argumentName: name },
            }),
          );
        }
        continue;
      }
      size = Math.max(size ?? 0, value);
    }
    return size ?? defaultPageSize;
  };

  const listLength = (field: FieldNode, definition: GraphQLField<unknown, unknown>, page: number | null): number => {
    if (page != null) return page;
    if (definition.args.some((a) => a.name === 'ids')) {
      const ids = argumentValue(field, 'ids');
      return Array.isArray(ids) ? ids.length : 1;
    }
    return assumedListSize;
  };

  const appliesTo = (typeCondition: string | undefined, type: GraphQLObjectType): boolean => {
    if (!typeCondition || typeCondition === type.name) return true;
    const condition = schema.getType(typeCondition);
    return condition != null && isAbstractType(condition) && schema.isSubType(condition, type);
  };

  const fieldCost = (field: FieldNode, parent: GraphQLObjectType, page: number | null): number => {
    const name = field.name.value;
    if (name.startsWith('__')) return 0;
    const definition = parent.getFields()[name];
    if (!definition) return 0;
    const named = getNamedType(definition.type);
    if (isLeafType(named)) return 0;
    const childPage = pageSizeOf(field, definition);
    const length = isListType(getNullableType(definition.type)) ? listLength(field, definition, page) : 1;
    const inner = field.selectionSet ? selectionSetCost(field.selectionSet, named, childPage) : 0;
    return length * (1 + inner);
  };

  const objectCost = (selectionSet: SelectionSetNode, type: GraphQLObjectType, page: number | null): number => {
    const key = `${type.name}:${page ?? ''}`;
    const known = memo.get(selectionSet)?.get(key);
    if (known !== undefined) return known;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) total += fieldCost(selection, type, page);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (appliesTo(selection.typeCondition?.name.value, type)) total += objectCost(selection.selectionSet, type, page);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || !appliesTo(fragment.typeCondition.name.value, type) || inProgress.has(fragment.name.value)) continue;
        inProgress.add(fragment.name.value);
        total += objectCost(fragment.selectionSet, type, page);
        inProgress.delete(fragment.name.value);
      }
    }
    if (!memo.has(selectionSet)) memo.set(selectionSet, new Map());
    memo.get(selectionSet)!.set(key, total);
    return total;
  };

  const selectionSetCost = (selectionSet: SelectionSetNode, type: ReturnType<typeof getNamedType>, page: number | null): number => {
    if (isObjectType(type)) return objectCost(selectionSet, type, page);
    if (isAbstractType(type)) {
      return Math.max(0, ...schema.getPossibleTypes(type).map((possible) => objectCost(selectionSet, possible, page)));
    }
    return 0;
  };

  return { cost: objectCost(operation.selectionSet, rootType, null), pageSizeErrors };
}

/** Objects in a JSON value, itself included. */
function objectsIn(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let count = Array.isArray(value) ? 0 : 1;
  for (const child of Array.isArray(value) ? value : Object.values(value)) count += objectsIn(child);
  return count;
}

/** The objects a response actually holds: every JSON object below `data`, the measure `requestedCost` bounds. */
export function countObjects(data: unknown): number {
  return Math.max(0, objectsIn(data) - (data !== null && typeof data === 'object' && !Array.isArray(data) ? 1 : 0));
}
