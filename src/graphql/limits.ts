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
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  isWrappingType,
  Kind,
  OperationTypeNode,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  visit,
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
  type ValueNode,
  type ValidationRule,
} from 'graphql';
import type { OperationLimits } from '../config.ts';
import { defaultPageSize, maxPageSize } from '../data/listing.ts';
import { declaredListBound } from './list-bounds.ts';

/** `extensions.code` of an operation rejected by a limit (the expensive operations' turns reject none: they wait). */
export const limitErrorCodes = {
  maxDepth: 'DEPTH_LIMIT_EXCEEDED',
  maxCost: 'COST_LIMIT_EXCEEDED',
  maxAliases: 'ALIAS_LIMIT_EXCEEDED',
  maxDirectives: 'DIRECTIVE_LIMIT_EXCEEDED',
  maxTokens: 'TOKEN_LIMIT_EXCEEDED',
  maxResponseBytes: 'RESPONSE_TOO_LARGE',
} as const satisfies Record<Exclude<keyof OperationLimits, 'expensiveCost' | 'expensiveAtOnce'>, string>;

const limitCodes = new Set<string>(Object.values(limitErrorCodes));

export function isLimitErrorCode(code: unknown): code is string {
  return typeof code === 'string' && limitCodes.has(code);
}

/** graphql-armor reports "Syntax Error: Query depth limit of 8 exceeded, found 9." */
function armorReporter(code: string, limit: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const message = error.message.replace(/^Syntax Error: /, '');
    const found = Number(/found (\d+)/.exec(message)?.[1]);
    context?.reportError(new GraphQLError(message, { extensions: { code, limit, ...(Number.isFinite(found) ? { found } : {}) } }));
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
  /** Page sizes out of range, found without running anything. */
  pageSizeErrors: GraphQLError[];
}

type Variables = Record<string, unknown> | undefined | null;

type IntrospectionTypeName = '__Schema' | '__Type' | '__Field' | '__InputValue' | '__EnumValue' | '__Directive';

/**
 * What an introspection field of `value` holds, as graphql-js answers it: the schema elements and
 * their introspection type, or null for a leaf or a null. Deprecated elements are counted too,
 * whether `includeDeprecated` asks for them or not: the count stays an upper bound.
 */
function introspectionChildren(
  schema: GraphQLSchema,
  typeName: IntrospectionTypeName,
  field: string,
  value: unknown,
): { type: IntrospectionTypeName; values: object[] } | null {
  const some = (type: IntrospectionTypeName, values: readonly (object | null | undefined)[]) => ({
    type,
    values: values.filter((v): v is object => v != null),
  });
  switch (`${typeName}.${field}`) {
    case '__Schema.types':
      return some('__Type', Object.values(schema.getTypeMap()));
    case '__Schema.queryType':
      return some('__Type', [schema.getQueryType()]);
    case '__Schema.mutationType':
      return some('__Type', [schema.getMutationType()]);
    case '__Schema.subscriptionType':
      return some('__Type', [schema.getSubscriptionType()]);
    case '__Schema.directives':
      return some('__Directive', schema.getDirectives());
    case '__Type.fields':
      return some('__Field', isObjectType(value) || isInterfaceType(value) ? Object.values(value.getFields()) : []);
    case '__Type.interfaces':
      return some('__Type', isObjectType(value) || isInterfaceType(value) ? value.getInterfaces() : []);
    case '__Type.possibleTypes':
      return some('__Type', isAbstractType(value) ? schema.getPossibleTypes(value) : []);
    case '__Type.enumValues':
      return some('__EnumValue', isEnumType(value) ? value.getValues() : []);
    case '__Type.inputFields':
      return some('__InputValue', isInputObjectType(value) ? Object.values(value.getFields()) : []);
    case '__Type.ofType':
      return some('__Type', [isWrappingType(value) ? value.ofType : null]);
    case '__Field.args':
    case '__Directive.args':
      return some('__InputValue', (value as { args: readonly object[] }).args);
    case '__Field.type':
    case '__InputValue.type':
      return some('__Type', [(value as { type: object }).type]);
    default:
      return null;
  }
}

/**
 * The cost of an operation before it runs: an upper bound on the number of objects (JSON objects
 * below `data`) its response can hold.
 *
 * - a scalar or enum field costs 0 (as does `__typename`);
 * - a field whose value is an object costs 1 plus the cost of its selection;
 * - a list of objects costs that, times the most elements it can hold: the value of its `first`
 *   (or `last`) argument, defaults included (`stanceSummary { byHolder(first: 50) }`); for a
 *   connection's `edges` and `nodes`, the connection's `first`/`last` (20 when neither is given);
 *   for `nodes(ids:)`, the number of ids; otherwise the bound the field declares and enforces
 *   (src/graphql/list-bounds.ts);
 * - introspection (`__schema`, `__type`) counts the objects it will return, exactly;
 * - where a field returns an interface or union, the costliest of its possible types counts;
 * - what `@skip`/`@include` leave out costs nothing.
 *
 * Arguments are read as execution will read them: variables coerced with their defaults, argument
 * defaults filled in. Never throws: a document that fails validation or coercion still gets a cost
 * (unknown fields cost 0), though it will not run.
 */
export function requestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Variables,
): RequestedCost | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return null;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return null;

  // Execution coerces the variables the same way: with their defaults, or not at all (an error).
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  const variables: Record<string, unknown> = coerced.coerced ?? rawVariables ?? {};

  const memo = costMemoOf(schema, document);
  const key = costKey(memo, operation, coerced.coerced !== undefined, variables);
  const known = memo.costs.get(key);
  if (known) return known;
  const cost = operationCost(schema, document, operation, rootType, variables);
  if (memo.costs.size >= costsKeptPerDocument) memo.costs.delete(memo.costs.keys().next().value!);
  memo.costs.set(key, cost);
  return cost;
}

/**
 * The arguments the cost reads (page sizes, the ids of `nodes(ids:)`, the type `__type` names):
 * the only ones it coerces. Coercing the others (a filter's literal, a cursor) would be work for
 * nothing, and would make the cost depend on variables it does not use.
 */
const costArgumentNames = new Set(['first', 'last', 'ids', 'name']);

const costArgumentsOfField = new WeakMap<GraphQLField<unknown, unknown>, GraphQLField<unknown, unknown>>();

/** `definition` with only the arguments the cost reads. */
function withCostArguments(definition: GraphQLField<unknown, unknown>): GraphQLField<unknown, unknown> {
  let narrowed = costArgumentsOfField.get(definition);
  if (!narrowed) {
    narrowed = { ...definition, args: definition.args.filter((argument) => costArgumentNames.has(argument.name)) };
    costArgumentsOfField.set(definition, narrowed);
  }
  return narrowed;
}

/**
 * A document's costs, kept with the document: an operation's cost follows from the schema, the
 * document and the values of the variables in its cost arguments and its `@skip`/`@include`
 * conditions, so a client sending the same document again (the next page, other filters) has its
 * cost looked up, not walked again (a few percent of a small query's CPU). Apollo Server keeps a
 * document it has parsed (its document store) and hands the same object to every request of it.
 */
interface CostMemo {
  /** The variables the document's cost can depend on. */
  variables: readonly string[];
  /** Costs by operation, whether the variables coerced, and those variables' values (see `costKey`). */
  costs: Map<string, RequestedCost>;
}

/** Costs kept per document: the oldest goes first (a client paging with new page sizes makes more). */
const costsKeptPerDocument = 16;

const costMemos = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, CostMemo>>();

function costMemoOf(schema: GraphQLSchema, document: DocumentNode): CostMemo {
  let ofSchema = costMemos.get(schema);
  if (!ofSchema) {
    ofSchema = new WeakMap();
    costMemos.set(schema, ofSchema);
  }
  let memo = ofSchema.get(document);
  if (!memo) {
    memo = { variables: costVariables(document), costs: new Map() };
    ofSchema.set(document, memo);
  }
  return memo;
}

/** The variables used in a cost argument or in a `@skip`/`@include` condition anywhere in `document`. */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (value: ValueNode) =>
    visit(value, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  visit(document, {
    Field(field) {
      for (const argument of field.arguments ?? []) if (costArgumentNames.has(argument.name.value)) collect(argument.value);
    },
    Directive(directive) {
      if (directive.name.value !== GraphQLSkipDirective.name && directive.name.value !== GraphQLIncludeDirective.name) return;
      for (const argument of directive.arguments ?? []) collect(argument.value);
    },
  });
  return [...names];
}

/**
 * What an operation's cost depends on besides its document: which operation, whether the variables
 * coerced (when they did not, the cost reads them as sent, without their defaults), and the values
 * of the cost's variables; a variable left out is told from one sent as null (its default applies).
 */
function costKey(memo: CostMemo, operation: OperationDefinitionNode, coerced: boolean, variables: Record<string, unknown>): string {
  let key = `${operation.name?.value ?? ''}|${coerced ? 1 : 0}`;
  for (const name of memo.variables) key += Object.hasOwn(variables, name) ? `|${JSON.stringify(variables[name])}` : '|-';
  return key;
}

/** The cost of `operation` with its variables as execution reads them (see `requestedCost`). */
function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rootType: GraphQLObjectType,
  variables: Record<string, unknown>,
): RequestedCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const pageSizeErrors: GraphQLError[] = [];
  const reportedPageArguments = new Set<FieldNode>();
  const memo = new Map<SelectionSetNode, Map<string, number>>();
  const inProgress = new Set<string>();

  /** The field's arguments as execution sees them; those that cannot be coerced are left out. */
  const argumentsOf = (field: FieldNode, definition: GraphQLField<unknown, unknown>): Record<string, unknown> => {
    try {
      return getArgumentValues(withCostArguments(definition), field, variables);
    } catch {
      return {};
    }
  };

  /** `@skip(if: true)` and `@include(if: false)` take a selection out, as execution will. */
  const included = (selection: SelectionNode): boolean => {
    try {
      if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) return false;
      if (getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if === false) return false;
    } catch {
      // an invalid condition fails validation; counting the selection keeps the cost an upper bound
    }
    return true;
  };

  /**
   * The most elements `first`/`last` let through, or null when the field has neither. A connection
   * takes 1..maxPageSize; a list with a declared bound, 1..that bound.
   */
  const pageSizeOf = (field: FieldNode, definition: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number | null => {
    const pageArguments = definition.args.filter((a) => a.name === 'first' || a.name === 'last');
    if (pageArguments.length === 0) return null;
    const max = declaredListBound(definition) ?? maxPageSize;
    let size: number | null = null;
    for (const { name } of pageArguments) {
      const value = args[name];
      if (typeof value !== 'number' || !Number.isInteger(value)) continue;
      if (value < 1 || value > max) {
        if (!reportedPageArguments.has(field)) {
          reportedPageArguments.add(field);
          pageSizeErrors.push(
            new GraphQLError(`Argument "${name}" must be between 1 and ${max}, got ${value}`, {
              nodes: [field],
              extensions: { code: 'BAD_USER_INPUT', argumentName: name },
            }),
          );
        }
        size = Math.max(size ?? 0, Math.min(Math.max(value, 0), max));
        continue;
      }
      size = Math.max(size ?? 0, value);
    }
    return size ?? (isListType(getNullableType(definition.type)) ? (declaredListBound(definition) ?? maxPageSize) : defaultPageSize);
  };

  const listLength = (definition: GraphQLField<unknown, unknown>, args: Record<string, unknown>, ownPage: number | null, page: number | null): number => {
    if (ownPage != null) return ownPage;
    if (page != null) return page;
    if (definition.args.some((a) => a.name === 'ids')) return Array.isArray(args.ids) ? args.ids.length : 1;
    // Every list of objects declares a bound (a test checks it); were one missing, a page's worth.
    return declaredListBound(definition) ?? maxPageSize;
  };

  const appliesTo = (typeCondition: string | undefined, type: GraphQLObjectType): boolean => {
    if (!typeCondition || typeCondition === type.name) return true;
    const condition = schema.getType(typeCondition);
    return condition != null && isAbstractType(condition) && schema.isSubType(condition, type);
  };

  const fieldDefinition = (parent: GraphQLObjectType, name: string): GraphQLField<unknown, unknown> | undefined => {
    if (parent === rootType && operation.operation === OperationTypeNode.QUERY) {
      if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
      if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    }
    return parent.getFields()[name];
  };

  /**
   * Introspection is answered from the schema in memory, so its objects are counted exactly: the
   * selection is walked over the schema's own types, fields and arguments (each pair of selection
   * and schema element once).
   */
  const introspectionMemo = new Map<SelectionSetNode, Map<unknown, number>>();
  const introspectedCost = (selectionSet: SelectionSetNode, typeName: IntrospectionTypeName, value: object): number => {
    const known = introspectionMemo.get(selectionSet)?.get(value);
    if (known !== undefined) return known;
    const type = schema.getType(typeName) as GraphQLObjectType;
    let total = 0;
    const visit = (selections: SelectionSetNode) => {
      for (const selection of selections.selections) {
        if (!included(selection)) continue;
        if (selection.kind === Kind.FIELD) {
          const children = introspectionChildren(schema, typeName, selection.name.value, value);
          if (!children || !selection.selectionSet) continue;
          for (const child of children.values) total += 1 + introspectedCost(selection.selectionSet, children.type, child);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (appliesTo(selection.typeCondition?.name.value, type)) visit(selection.selectionSet);
        } else {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || !appliesTo(fragment.typeCondition.name.value, type) || inProgress.has(fragment.name.value)) continue;
          inProgress.add(fragment.name.value);
          visit(fragment.selectionSet);
          inProgress.delete(fragment.name.value);
        }
      }
    };
    visit(selectionSet);
    if (!introspectionMemo.has(selectionSet)) introspectionMemo.set(selectionSet, new Map());
    introspectionMemo.get(selectionSet)!.set(value, total);
    return total;
  };

  const fieldCost = (field: FieldNode, parent: GraphQLObjectType, page: number | null): number => {
    const definition = fieldDefinition(parent, field.name.value);
    if (!definition) return 0;
    const named = getNamedType(definition.type);
    if (isLeafType(named)) return 0;
    const args = argumentsOf(field, definition);
    if (definition === SchemaMetaFieldDef || definition === TypeMetaFieldDef) {
      const value = definition === SchemaMetaFieldDef ? schema : typeof args.name === 'string' ? schema.getType(args.name) : undefined;
      return value && field.selectionSet ? 1 + introspectedCost(field.selectionSet, definition === SchemaMetaFieldDef ? '__Schema' : '__Type', value) : 0;
    }
    const ownPage = pageSizeOf(field, definition, args);
    const isList = isListType(getNullableType(definition.type));
    const length = isList ? listLength(definition, args, ownPage, page) : 1;
    // A connection's page size applies to its edges and nodes; a list's own `first`, to itself only.
    const childPage = isList ? null : ownPage;
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

/**
 * Whether a value of the result is a JSON object of its own. Not a scalar's value that JSON turns
 * into text (a DateTime is a `Date` until it is serialized).
 */
const isResultObject = (value: unknown): value is object =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';

/**
 * What an answer's `data` holds, measured in one walk: the JSON objects in it, itself included
 * (what `countObjects` reports), and a bound on the bytes of its JSON (what `jsonBytesAtMost`
 * gives). Every answer needs both, in two plugins (src/http/plugins.ts: the actual cost, the
 * response's size); kept with the data, the second reads what the first walked. Two walks of a
 * deep traversal's answer were 7 % of the API's busy CPU under load (docs/benchmarks.md).
 */
interface DataMeasure {
  objects: number;
  bytesAtMost: number;
}

const dataMeasures = new WeakMap<object, DataMeasure>();

function measureData(data: unknown): DataMeasure {
  const known = data !== null && typeof data === 'object' ? dataMeasures.get(data) : undefined;
  if (known) return known;
  const measure = walkJson(data, Infinity);
  if (data !== null && typeof data === 'object') dataMeasures.set(data, measure);
  return measure;
}

/** The objects a response actually holds: every JSON object below `data`, the measure `requestedCost` bounds. */
export function countObjects(data: unknown): number {
  return Math.max(0, measureData(data).objects - (isResultObject(data) ? 1 : 0));
}

/**
 * `jsonBytesAtMost` of an answer (`{ data, errors }`, as the response-size plugin checks it), its
 * data's part read from the walk `countObjects` made or makes.
 */
export function answerBytesAtMost(answer: { data?: unknown; errors?: unknown }): number {
  // The braces, then each key with its quotes, colon and comma, as jsonBytesAtMost counts them.
  return 2 + (6 * 'data'.length + 4) + measureData(answer.data).bytesAtMost + (6 * 'errors'.length + 4) + jsonBytesAtMost(answer.errors, Infinity);
}

/**
 * Whether `JSON.stringify(value)` would take more than `limit` bytes in UTF-8. Most answers are
 * cleared by a bound that needs no string's content, only its length (jsonBytesAtMost); only an
 * answer whose bound passes the limit is measured (jsonBytesAtLeast). Measuring every string and
 * key of every answer was 6.5% of the API's busy time in a CPU profile of the deep traversal; the
 * bound is 1.1% (docs/benchmarks.md).
 */
export function jsonLargerThan(value: unknown, limit: number, bytesAtMost = jsonBytesAtMost(value, limit)): boolean {
  return bytesAtMost > limit && jsonBytesAtLeast(value, limit) > limit;
}

/** The most characters JSON spells a number with (`-2.2250738585072014e-308`). */
const maxNumberLength = 24;

/**
 * A bound on the bytes `JSON.stringify(value)` takes in UTF-8, from lengths alone: a UTF-16 unit
 * takes at most 6 bytes (an escaped control character, `\u0000`; 3 otherwise), a number at most
 * 24, a Date 29 (its quoted ISO text, with a six-digit year at most); stops as soon as the bound
 * passes `limit`.
 */
export function jsonBytesAtMost(value: unknown, limit: number): number {
  return walkJson(value, limit).bytesAtMost;
}

/**
 * One walk of a JSON value: `jsonBytesAtMost`'s bound (stopping once it passes `limit`) and the
 * objects of the answer's own in it, itself included (a scalar's value, which JSON writes as text
 * through its `toJSON`, holds none). Walked with `for…in` and index loops: thousands of objects in
 * a deep answer, and nothing allocated per object.
 */
function walkJson(value: unknown, limit: number): DataMeasure {
  let objects = 0;
  let bytes = 0;
  const visit = (node: unknown, counted: boolean): void => {
    if (bytes > limit) return;
    if (typeof node === 'string') bytes += 6 * node.length + 2;
    else if (node === null || typeof node !== 'object') bytes += typeof node === 'bigint' ? String(node).length : maxNumberLength;
    else if (node instanceof Date) bytes += 29;
    else if (typeof (node as { toJSON?: unknown }).toJSON === 'function') visit((node as { toJSON(): unknown }).toJSON(), false);
    else if (Array.isArray(node)) {
      bytes += 2 + node.length;
      for (let i = 0; i < node.length; i++) visit(node[i], counted);
    } else {
      if (counted) objects++;
      bytes += 2;
      for (const key in node) {
        if (!Object.hasOwn(node, key)) continue;
        bytes += 6 * key.length + 4;
        visit((node as Record<string, unknown>)[key], counted);
      }
    }
  };
  visit(value, true);
  return { objects, bytesAtMost: bytes };
}

/**
 * Characters JSON escapes: each takes 2 bytes (`\n`) or 6 (`\u0000`) instead of 1; and lone
 * surrogates, which it writes as `\ud800` (6 bytes) where UTF-8 has a replacement character (3).
 */
// eslint-disable-next-line no-control-regex -- the control characters are what is counted: JSON escapes each of them
const escaped = /["\\\u0000-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** The same characters, for a test (a global expression keeps state between tests). */
const hasEscaped = new RegExp(escaped.source);

/**
 * The bytes `JSON.stringify(value)` would take in UTF-8, or more (an escaped character is counted
 * as 6 bytes), counted without building the string; stops as soon as the count passes `limit`
 * and returns it then. The same long string met many times (an article body under 100 aliases)
 * is measured once.
 */
export function jsonBytesAtLeast(value: unknown, limit: number): number {
  const longStrings = new Map<string, number>();
  const stringBytes = (text: string): number => {
    const known = text.length > 1024 ? longStrings.get(text) : undefined;
    if (known !== undefined) return known;
    // Most strings have nothing to escape: test before collecting the matches.
    const bytes = Buffer.byteLength(text, 'utf8') + 2 + (hasEscaped.test(text) ? 5 * (text.match(escaped)?.length ?? 0) : 0);
    if (text.length > 1024) longStrings.set(text, bytes);
    return bytes;
  };
  let total = 0;
  const visit = (node: unknown): void => {
    if (total > limit) return;
    if (node === null || node === undefined) total += 4;
    else if (typeof (node as { toJSON?: unknown }).toJSON === 'function') visit((node as { toJSON(): unknown }).toJSON());
    else if (typeof node === 'string') total += stringBytes(node);
    // Neither null, undefined, a string nor an object: a number, boolean or bigint, which JSON spells as String() does (or a
    // symbol or function, which no answer holds).
    else if (typeof node === 'number' || typeof node === 'boolean' || typeof node === 'bigint' || typeof node === 'symbol' || typeof node === 'function')
      total += String(node).length;
    else if (Array.isArray(node)) {
      // Brackets and the commas between items.
      total += Math.max(2, 1 + node.length);
      for (let i = 0; i < node.length; i++) visit(node[i]);
    } else {
      // Braces, and per key its colon and a comma (one fewer than keys). `for…in` rather than
      // Object.entries: no array of pairs per object.
      let keys = 0;
      for (const key in node) {
        if (!Object.hasOwn(node, key)) continue;
        keys++;
        total += stringBytes(key) + 2;
        visit((node as Record<string, unknown>)[key]);
      }
      total += keys === 0 ? 2 : 1;
    }
  };
  visit(value);
  return total;
}
