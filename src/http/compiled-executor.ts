/**
 * Executes operations with graphql-jit instead of graphql-js's interpreter: each operation is
 * compiled into a JavaScript function (specialised to its selections, fragments and types) the
 * second time it runs, and that function runs for every request that sends it after. On the deep
 * traversal (~13,000 fields) this is several times cheaper in CPU and in what each request
 * allocates than walking the document field by field (docs/benchmarks.md).
 *
 * An operation's first run is interpreted (graphql-js's `execute`), as Mercurius does with its
 * `jit` option: compiling costs more than interpreting a small operation once, and many are sent
 * once (an IDE's exploration, a script's one query). Sent over and over (an app's queries), an
 * operation is compiled at its second run.
 *
 * Apollo Server 5 has no executor option; its gateway hook is the one place an executor can be
 * given. Parsing, validation (and the operation limits), plugins, error formatting and the HTTP
 * answer stay Apollo's: only the execution step changes.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  astFromValue,
  execute,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isInputObjectType,
  isListType,
  Kind,
  typeFromAST,
  valueFromASTUntyped,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type ObjectFieldNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SourceLocation,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { GraphQLContext } from '../graphql/context.ts';
import { requestedCost } from '../graphql/limits.ts';
import { selectedFields, type SelectedFields } from '../graphql/selected-fields.ts';
import type { OperationTurns } from './operation-turns.ts';
import { currentRequest } from './request-scope.ts';

/** The most documents whose compiled operations are kept. */
export const compiledDocumentsKept = 1_000;

/** An operation compiled, and the fields it selects of each type (what its nodes are read with; null: every column). */
export interface CompiledOperation {
  compiled: CompiledQuery;
  fields: SelectedFields | null;
}

/**
 * Compiled operations by document (the parsed document Apollo keeps for a query text, so one
 * text compiles once) and operation name, the most recently used `compiledDocumentsKept` of
 * them. A compiled operation is generated code, far larger than its document: a bound by count
 * keeps a client that sends endless distinct documents from growing the process without end.
 */
export class CompiledOperations {
  private readonly byDocument = new Map<DocumentNode, Map<string, CompiledOperation>>();
  /** The operations of each document that have run once, interpreted; a document Apollo no longer keeps goes with its entry. */
  private readonly ranOnce = new WeakMap<DocumentNode, Set<string>>();

  /** Whether the operation has run before; from now on it has. */
  ranBefore(document: DocumentNode, operationName: string): boolean {
    const names = this.ranOnce.get(document);
    if (names?.has(operationName)) return true;
    if (names) names.add(operationName);
    else this.ranOnce.set(document, new Set([operationName]));
    return false;
  }

  get(document: DocumentNode, operationName: string): CompiledOperation | undefined {
    const byName = this.byDocument.get(document);
    if (!byName) return undefined;
    // Most recently used last: Map keeps insertion order.
    this.byDocument.delete(document);
    this.byDocument.set(document, byName);
    return byName.get(operationName);
  }

  set(document: DocumentNode, operationName: string, compiled: CompiledOperation): void {
    let byName = this.byDocument.get(document);
    if (!byName) {
      byName = new Map();
      this.byDocument.set(document, byName);
      if (this.byDocument.size > compiledDocumentsKept) this.byDocument.delete(this.byDocument.keys().next().value!);
    }
    byName.set(operationName, compiled);
  }

  get size(): number {
    return this.byDocument.size;
  }
}

/**
 * The operation compiled: at its second run, and kept for the runs after; null at its first run,
 * which is interpreted.
 */
function compiledOperation(
  cache: CompiledOperations,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null,
): CompiledOperation | { errors: readonly unknown[] } | null {
  const key = operationName ?? '';
  const known = cache.get(document, key);
  if (known) return known;
  if (!cache.ranBefore(document, key)) return null;
  const compiled = compileQuery(schema, document, operationName ?? undefined, {
    // The scalars' own serialize functions run as graphql-js would run them.
    disableLeafSerialization: false,
    disablingCapturingStackErrors: true,
  });
  if (!isCompiledQuery(compiled)) return compiled as { errors: readonly unknown[] };
  const operation = { compiled, fields: selectedFields(schema, document, operationName) };
  cache.set(document, key, operation);
  return operation;
}

/**
 * graphql-jit's errors as graphql-js's own: Apollo Server (its error formatting, the plugins)
 * expects `extensions` to be an object, as graphql-js always makes it.
 */
function asGraphQLError(error: unknown): GraphQLError {
  const jit = error as {
    message: string;
    locations?: SourceLocation[];
    path?: (string | number)[];
    originalError?: Error;
    extensions?: Record<string, unknown>;
  };
  const converted = new GraphQLError(jit.message, { path: jit.path, originalError: jit.originalError, extensions: jit.extensions });
  if (jit.locations) Object.assign(converted, { locations: jit.locations });
  return converted;
}

/** A value as a client would send it in JSON (enum names, not their internal values). */
function externalValue(value: unknown, type: GraphQLInputType): unknown {
  const ast = astFromValue(value, type);
  return ast ? valueFromASTUntyped(ast) : undefined;
}

/** `value` with the defaults of its input objects' omitted fields written in, at every depth. */
function withInputDefaults(type: GraphQLInputType, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const nullable = getNullableType(type);
  if (isListType(nullable))
    return Array.isArray(value) ? value.map((element) => withInputDefaults(nullable.ofType, element)) : withInputDefaults(nullable.ofType, value);
  if (!isInputObjectType(nullable) || typeof value !== 'object' || Array.isArray(value)) return value;
  let filled: Record<string, unknown> | null = null;
  for (const field of Object.values(nullable.getFields())) {
    const given = (value as Record<string, unknown>)[field.name];
    const next = given === undefined && field.defaultValue !== undefined ? externalValue(field.defaultValue, field.type) : withInputDefaults(field.type, given);
    if (next === given) continue;
    filled ??= { ...(value as Record<string, unknown>) };
    filled[field.name] = next;
  }
  return filled ?? value;
}

/**
 * The variables with every default written in: graphql-jit 0.8 reports an omitted non-null
 * variable or input field as missing even when it has a default, where graphql-js (and the
 * GraphQL specification) take the default. The variables have passed graphql-js's checks.
 */
function variablesWithDefaults(schema: GraphQLSchema, operation: OperationDefinitionNode, given: Record<string, unknown>): Record<string, unknown> {
  const variables: Record<string, unknown> = { ...given };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) continue;
    if (variables[name] === undefined && definition.defaultValue) variables[name] = valueFromASTUntyped(definition.defaultValue);
    // A variable left out stays out: given as undefined, graphql-jit passes null for it, in place
    // of the default of the argument it fills.
    if (variables[name] !== undefined) variables[name] = withInputDefaults(type, variables[name]);
  }
  return variables;
}

/** The variables of the operation that the request leaves out (and that have no default), by name, sorted. */
function leftOutVariables(operation: OperationDefinitionNode, variables: Record<string, unknown>): string[] {
  return (operation.variableDefinitions ?? [])
    .map((definition) => definition.variable.name.value)
    .filter((name) => variables[name] === undefined)
    .sort();
}

/** The most variants of one document, by the variables its requests leave out, that are compiled. */
export const variantsPerDocument = 16;

/**
 * The document without the arguments and input fields that the left-out variables fill. graphql-jit
 * 0.8 gives such an input field the value null, where the specification (and graphql-js) leave it
 * out, so that its default applies or, without one, it is not given at all:
 * `articleUpdate(input: { id: $id, headline: $h })` without `h` would clear the headline instead of
 * keeping it (graphql-jit's issues #91 and #230, open). Arguments are left out the same way, which
 * gives them their defaults as both executors do. Without them, the document means what the request
 * means, and compiles. A left-out variable in a list (`[$a, $b]`) stays: both take it as null.
 */
function withoutVariables(document: DocumentNode, names: readonly string[]): DocumentNode {
  const filledByOne = (node: ArgumentNode | ObjectFieldNode) => node.value.kind === Kind.VARIABLE && names.includes(node.value.name.value);
  return visit(document, {
    Argument: (node) => (filledByOne(node) ? null : undefined),
    ObjectField: (node) => (filledByOne(node) ? null : undefined),
  });
}

/**
 * The documents that requests leaving out variables run as (`withoutVariables`), by document and
 * by the names left out. The first page of a list (`$after` not given) is the commonest. A document
 * has at most `variantsPerDocument` of them; a request that would make one more runs interpreted.
 */
class DocumentVariants {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, DocumentNode>>();

  of(document: DocumentNode, leftOut: readonly string[]): DocumentNode | null {
    if (leftOut.length === 0) return document;
    const key = leftOut.join(' ');
    let variants = this.byDocument.get(document);
    if (!variants) this.byDocument.set(document, (variants = new Map<string, DocumentNode>()));
    const known = variants.get(key);
    if (known) return known;
    if (variants.size >= variantsPerDocument) return null;
    const variant = withoutVariables(document, leftOut);
    variants.set(key, variant);
    return variant;
  }
}

/** The answer of an operation whose deadline passed while it waited for its turn (its client was answered 504 already). */
const expiredWhileWaiting = () =>
  ({
    errors: [new GraphQLError('The request did not finish in time: it waited for its turn until its deadline.', { extensions: { code: 'REQUEST_TIMEOUT' } })],
  }) as Awaited<ReturnType<GatewayExecutor>>;

/**
 * A gateway, as Apollo Server sees it, that serves `schema` and executes with graphql-jit (an
 * operation's first run with graphql-js), expensive operations taking turns (`turns`).
 */
export function compiledExecutionGateway(schema: GraphQLSchema, turns: OperationTurns, cache = new CompiledOperations()): GatewayInterface {
  const variants = new DocumentVariants();
  const executor: GatewayExecutor = async (requestContext) => {
    const { document, operation, operationName, request } = requestContext;
    // Variables are checked by graphql-js first: its errors name the variable definition, which
    // is how Apollo Server tells a client's bad variable (400 BAD_USER_INPUT) from a server fault.
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 50 });
    if (variables.errors) return { errors: variables.errors } as Awaited<ReturnType<GatewayExecutor>>;
    // The cost plugin computed it already for this document and these variables: a lookup.
    const cost = turns.limited ? (requestedCost(schema, document, operationName, request.variables)?.cost ?? null) : null;
    return turns.run(
      cost,
      () => run(requestContext),
      () => currentRequest()?.timedOut === true,
      expiredWhileWaiting,
    );
  };
  const run: GatewayExecutor = async ({ document, operation, operationName, request, context }) => {
    const given = variablesWithDefaults(schema, operation, request.variables ?? {});
    const runnable = variants.of(document, leftOutVariables(operation, given));
    const compiled = runnable === null ? null : compiledOperation(cache, schema, runnable, operationName);
    const { loaders } = context as GraphQLContext;
    if (compiled === null) {
      const fields = selectedFields(schema, document, operationName);
      if (fields) loaders.readOnly(fields);
      return (await execute({ schema, document, operationName, contextValue: context, variableValues: request.variables })) as Awaited<
        ReturnType<GatewayExecutor>
      >;
    }
    if ('errors' in compiled) return { ...compiled, errors: compiled.errors.map(asGraphQLError) } as Awaited<ReturnType<GatewayExecutor>>;
    if (compiled.fields) loaders.readOnly(compiled.fields);
    const result = await compiled.compiled.query(undefined, context, given);
    return { ...result, errors: result.errors?.map(asGraphQLError) } as Awaited<ReturnType<GatewayExecutor>>;
  };
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {},
  };
}
