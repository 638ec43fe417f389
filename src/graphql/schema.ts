import 'reflect-metadata';
import {
  isInterfaceType,
  isObjectType,
  isUnionType,
  lexicographicSortSchema,
  printSchema,
  type GraphQLField,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from 'graphql';
import { buildSchema, getMetadataStorage, type ClassType, type NonEmptyArray } from 'type-graphql';
import { guardInputs } from './input-hygiene.ts';
import { enforceListBounds } from './list-bounds.ts';
import { importResolverModules } from './resolver-modules.ts';

/** The resolver classes: every one the resolver modules declare, including those the model-schema factories declare. */
async function discoverResolvers(): Promise<NonEmptyArray<ClassType>> {
  await importResolverModules();
  const resolvers = [...new Set(getMetadataStorage().resolverClasses.map((resolver) => resolver.target as ClassType))];
  if (resolvers.length === 0) throw new Error('no resolver classes found under src/graphql/');
  return resolvers as NonEmptyArray<ClassType>;
}

/**
 * Fields that only read a property of their object resolve with GraphQL's default resolver.
 * type-graphql otherwise wraps each of them in a function that allocates its own arguments
 * object and runs the (empty) middleware chain: on a deep traversal, ~13,000 calls that do
 * nothing (the API has no middlewares or auth checkers). A field whose GraphQL name differs from
 * its property keeps the wrapper, which reads the property.
 */
function readPropertiesDirectly(): void {
  for (const field of getMetadataStorage().fields) field.simple ??= field.name === field.schemaName;
}

/**
 * The abstract types' declared resolveType functions (synchronous: `typeNameOf`), in place of
 * type-graphql's wrappers, which are async: a promise per abstract value, and graphql-jit (src/http/
 * compiled-executor.ts) expects the type name itself.
 */
function synchronousTypeResolvers(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const declared = new Map<string, GraphQLTypeResolver<unknown, unknown> | undefined>([
    ...storage.interfaceTypes.map((type) => [type.name, type.resolveType as GraphQLTypeResolver<unknown, unknown> | undefined] as const),
    ...storage.unions.map((union) => [union.name, union.resolveType as GraphQLTypeResolver<unknown, unknown> | undefined] as const),
  ]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInterfaceType(type) && !isUnionType(type)) continue;
    const resolveType = declared.get(type.name);
    if (!resolveType) throw new Error(`${type.name} declares no resolveType: give it one that returns the type's name`);
    type.resolveType = resolveType;
  }
}

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
/** A root field's or an object field's resolver method. */
type ResolverMetadata = MetadataStorage['queries'][number] | MetadataStorage['fieldResolvers'][number];
type ParamMetadata = NonNullable<ResolverMetadata['params']>[number];

/**
 * Whether type-graphql's conversion of arguments into instances of their classes (an `@Args`
 * class, an input type) adds nothing to graphql-js's coerced values: no such class has methods,
 * accessors or field initializers, so an instance would hold what the coerced object holds.
 */
function argumentClassesArePlain(storage: MetadataStorage): boolean {
  const isPlain = (target: abstract new () => unknown) => {
    for (
      let prototype = target.prototype as object | null;
      prototype && prototype !== Object.prototype;
      prototype = Object.getPrototypeOf(prototype) as object | null
    ) {
      if (Object.getOwnPropertyNames(prototype).some((name) => name !== 'constructor')) return false;
    }
    return Object.values(new (target as new () => object)()).every((value) => value === undefined);
  };
  return [...storage.inputTypes, ...storage.argumentTypes].every((type) => isPlain(type.target as abstract new () => unknown));
}

/**
 * Resolvers of resolver classes (root queries and fields) called directly: `method(root, arg…,
 * context)` in their declared order. type-graphql's own wrapper sorts the parameters, converts
 * and (asynchronously) validates each argument on every call: per call, an array sorted, a promise
 * per argument and a `Promise.all`; on a deep traversal that was a quarter of what a request
 * allocated, and on a filtered page converting its `@Args` object was 3 % of its CPU. The API
 * turns validation off, and an argument that is not an input object (a number, a string, an
 * enum, a scalar) is passed as is by type-graphql too; an `@Args` object is passed as graphql-js
 * coerced it when no argument class has behaviour of its own (`argumentClassesArePlain`). So
 * calling directly changes nothing for resolvers whose parameters are the parent, the context,
 * the resolve info and such arguments; the others (an input object as one `@Arg`, as mutations
 * take theirs) keep type-graphql's wrapper.
 */
function directResolvers(schema: GraphQLSchema, resolverClasses: readonly ClassType[]): void {
  const storage = getMetadataStorage();
  const inputClasses = new Set<unknown>(storage.inputTypes.map((type) => type.target));
  const plainArguments = argumentClassesArePlain(storage);
  const direct = (param: ParamMetadata) =>
    param.kind === 'context' ||
    param.kind === 'info' ||
    (param.kind === 'root' && !param.getType) ||
    (param.kind === 'arg' && !inputClasses.has(param.getType())) ||
    (param.kind === 'args' && plainArguments);
  const instances = new Map<unknown, Record<string, (...args: unknown[]) => unknown>>();
  const callDirectly = (graphqlField: GraphQLField<unknown, unknown>, resolver: ResolverMetadata | undefined) => {
    const params = [...(resolver?.params ?? [])].sort((a, b) => a.index - b.index);
    if (!resolver || !params.every(direct) || resolver.middlewares?.length || resolver.roles) return;
    let instance = instances.get(resolver.target);
    if (!instance) {
      instance = new (resolver.target as new () => Record<string, (...args: unknown[]) => unknown>)();
      instances.set(resolver.target, instance);
    }
    const target = instance;
    const method = instance[resolver.methodName]!;
    graphqlField.resolve = (root: unknown, args: Record<string, unknown>, context: unknown, info: unknown) =>
      method.apply(
        target,
        params.map((param) => {
          if (param.kind === 'root') return param.propertyName ? (root as Record<string, unknown>)[param.propertyName] : root;
          if (param.kind === 'context') return param.propertyName ? (context as Record<string, unknown>)[param.propertyName] : context;
          if (param.kind === 'info') return info;
          if (param.kind === 'args') return args;
          return args[(param as { name: string }).name];
        }),
      );
  };
  const ours = (resolver: ResolverMetadata) => resolverClasses.includes(resolver.target as ClassType);
  const queryFields = schema.getQueryType()?.getFields() ?? {};
  for (const query of storage.queries) if (ours(query) && queryFields[query.schemaName]) callDirectly(queryFields[query.schemaName]!, query);
  for (const objectType of storage.objectTypes) {
    const graphqlType = schema.getType(objectType.name);
    if (!isObjectType(graphqlType)) continue;
    const interfaceFields = storage.interfaceTypes.filter((type) => objectType.interfaceClasses?.includes(type.target)).flatMap((type) => type.fields ?? []);
    for (const field of [...interfaceFields, ...(objectType.fields ?? [])]) {
      const resolver = storage.fieldResolvers.find(
        (candidate) => candidate.kind === 'external' && ours(candidate) && candidate.getObjectType?.() === field.target && candidate.methodName === field.name,
      );
      callDirectly(graphqlType.getFields()[field.schemaName]!, resolver);
    }
  }
}

/**
 * type-graphql wants a PubSub as soon as there are subscriptions, even when every one of them
 * brings its own `subscribe` (src/graphql/live-updates/), as here: nothing publishes to this one.
 */
const unusedPubSub = {
  publish(): void {
    throw new Error('live updates come from the change feed (src/live/change-feed.ts), not from a PubSub');
  },
  subscribe(): never {
    throw new Error('live updates come from the change feed (src/live/change-feed.ts), not from a PubSub');
  },
};

export async function buildGraphQLSchema(): Promise<GraphQLSchema> {
  const resolvers = await discoverResolvers();
  readPropertiesDirectly();
  const schema = await buildSchema({ resolvers, validate: false, pubSub: unusedPubSub });
  synchronousTypeResolvers(schema);
  directResolvers(schema, resolvers);
  // type-graphql gives the root types no description; the schema describes everything.
  const query = schema.getQueryType();
  if (query) query.description ??= 'The entry points for reading the graph.';
  const mutation = schema.getMutationType();
  if (mutation)
    mutation.description ??=
      'Changes to the graph: each takes one `input` and returns a payload with `userErrors`. All need an EDITOR key (API keys need ADMIN).';
  const subscription = schema.getSubscriptionType();
  if (subscription)
    subscription.description ??=
      'Live updates, over WebSocket at the same URL (the graphql-transport-ws protocol of graphql-ws): each event is sent once its write has committed, in commit order.';
  enforceListBounds(schema);
  return guardInputs(schema);
}

/** The SDL committed as `schema.graphql`: sorted, so that diffs show real changes only. */
export async function printSchemaFile(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildGraphQLSchema()))}\n`;
}
