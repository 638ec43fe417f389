/**
 * The GraphQL share of a model, derived from its definition (src/data/model.ts): the object type
 * and its connection, the `filter`, `orderBy` and list arguments, the scalar fields of the
 * create and update inputs, the payloads and the mutations; and the fields that follow a model's
 * relations, from a line each (`connectionRelations`, `nodeRelations`). A model's file in
 * src/graphql/models/ adds what its definition cannot say: which relations it has, the relation
 * fields of its inputs, and fields of its own (a stance summary, an article's body).
 */
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Extensions,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  type ClassType,
} from 'type-graphql';
import type { GraphQLScalarType } from 'graphql';
import type { Prisma } from '../generated/prisma/client.ts';
import { embeddedOf, type IdSource, type NodeSource } from '../db/pages.ts';
import type { ListArgs, Listing, OrderInput } from '../data/listing.ts';
import type { EnumDefinition, FieldDefinition, FilterArgument, ModelDefinition, NodeRecord, RecordOf } from '../data/model.ts';
import { listingOf, nodesOf } from '../data/model-listing.ts';
import type { DeleteInputData, MergeInputData } from '../data/checks.ts';
import type { Write } from '../data/write.ts';
import { ConnectionArgs, ConnectionType, Count, countLimit, type Connection, type HasRowId } from './connection.ts';
import type { GraphQLContext } from './context.ts';
import { registerRelation } from './embedded-relations.ts';
import { enumType } from './enum-type.ts';
import { firstArgument, firstItems, listBound } from './list-bounds.ts';
import { OrderInputType } from './order.ts';
import { ApiKeyRole } from './auth.ts';
import { mutate, PayloadType, type PayloadFields } from './mutation.ts';
import { DateRange, DateTimeRange } from './ranges.ts';
import { DateScalar, DateTimeScalar, ReportedDateScalar } from './scalars.ts';

type GraphQLTypeOf = () => GraphQLScalarType | ClassType | object | [GraphQLScalarType | ClassType | object];

/** The GraphQL type of a field of this kind: in its object type, its model's inputs, the import's input. */
export function outputType(definition: Pick<FieldDefinition, 'kind' | 'enum'>): GraphQLTypeOf {
  switch (definition.kind) {
    case 'text':
    case 'url':
      return () => String;
    case 'names':
      return () => [String];
    case 'int':
      return () => Int;
    case 'number':
      return () => Float;
    case 'day':
      return () => DateScalar;
    case 'instant':
      return () => DateTimeScalar;
    case 'reportedDate':
      return () => ReportedDateScalar;
    case 'enum': {
      // Registered now, not when the schema is built: type-graphql knows only enums registered before.
      const type = enumType(definition.enum as EnumDefinition);
      return () => type;
    }
  }
}

function filterType(argument: FilterArgument): GraphQLTypeOf {
  if (typeof argument === 'object') {
    const type = enumType(argument.enumList);
    return () => [type];
  }
  switch (argument) {
    case 'strings':
      return () => [String];
    case 'ids':
      return () => [ID];
    case 'text':
      return () => String;
    case 'dateRange':
      return () => DateRange;
    case 'dateTimeRange':
      return () => DateTimeRange;
  }
}

/** Declares fields on a class from a name → (type, options) list, as decorators would. */
function declareFields(
  target: { prototype: object },
  fields: Array<[string, GraphQLTypeOf, { nullable?: boolean; description: string; defaultValue?: string }]>,
): void {
  for (const [name, type, options] of fields) Field(type as () => object, options)(target.prototype, name);
}

/** What reads the values of each node type: its model's node source, or the one an interface was given (`readsFrom`). */
const nodeSourceOfType = new WeakMap<object, NodeSource<unknown>>();

/** Names the node source that reads the values of an interface type (its implementations' records). */
export function readsFrom(type: abstract new () => object, nodes: NodeSource<unknown>): void {
  nodeSourceOfType.set(type, nodes);
}

/**
 * The node source a relation loads through, looked up once it is first needed (its target is late:
 * models refer to each other) and kept.
 */
function nodesOfTarget({ target }: { target: () => object }): () => NodeSource<HasRowId> {
  let nodes: NodeSource<unknown> | undefined;
  return () => {
    nodes ??= nodeSourceOfType.get(target());
    if (!nodes)
      throw new Error(`${(target() as { name?: string }).name ?? 'a type'} is no node type: made by NodeObjectType, or given a source with readsFrom`);
    return nodes as NodeSource<HasRowId>;
  };
}

/**
 * The object type of a model: `id`, the definition's fields (Audited's come from the interface),
 * implementing `interfaces`. Fields that follow relations are the model's field resolvers; a
 * relation to the type loads its values through the model's node source.
 */
export function NodeObjectType<TRecord extends object>(model: ModelDefinition, interfaces: Array<abstract new () => object>): ClassType<TRecord> {
  class ModelType {}
  Object.defineProperty(ModelType, 'name', { value: model.name });
  declareFields(ModelType, [
    ['id', () => ID, { description: `The globally unique, opaque ID of this ${model.name.toLowerCase()}.` }],
    ...Object.entries(model.fields).map(([name, definition]): [string, GraphQLTypeOf, { nullable: boolean; description: string }] => [
      name,
      outputType(definition),
      { nullable: definition.nullable, description: definition.description },
    ]),
  ]);
  ObjectType(model.name, { implements: interfaces, description: model.description })(ModelType);
  nodeSourceOfType.set(ModelType, nodesOf(model));
  return ModelType as unknown as ClassType<TRecord>;
}

/** What a model's list arguments, connection and mutations are built from. */
export interface ModelSchema<TModel extends ModelDefinition, TRecord = RecordOf<TModel>> {
  model: TModel;
  listing: Listing<TRecord, Record<string, unknown>, string>;
  Connection: ClassType;
  Filter: ClassType<Record<string, unknown>>;
  ListArgs: ClassType<ListArgs<Record<string, unknown>, string>>;
}

/** The `filter` input type modelSchema declared for each model. */
const filterTypes = new WeakMap<ModelDefinition, ClassType<Record<string, unknown>>>();

/**
 * The `filter` input type of a model (`PositionFilter`), for a file that cannot import the model's
 * schema file (which imports it); known once that file is loaded, as it is when the schema is built.
 */
export function filterTypeOf(model: ModelDefinition): ClassType<Record<string, unknown>> {
  const type = filterTypes.get(model);
  if (!type) throw new Error(`${model.name} has no filter type: modelSchema declares it`);
  return type;
}

/** The connection, `filter`, `orderBy` and list arguments of a model whose object type is `nodeType`, and its root list (`Query.positions`). */
export function modelSchema<TModel extends ModelDefinition, TRecord extends NodeRecord>(
  model: TModel,
  nodeType: ClassType<TRecord>,
): ModelSchema<TModel, TRecord> {
  @ObjectType(`${model.name}Connection`, { description: `A paginated list of ${model.plural}.` })
  class ModelConnection extends ConnectionType(nodeType, model.name, model.plural) {
    // A getter that starts the count (a promise), so it keeps a resolver (src/graphql/schema.ts).
    @Field(() => Count, {
      simple: false,
      description: `The number of ${model.plural} in the connection, counted up to ${countLimit.toLocaleString('en')}: its cost stays small however long the list, where \`totalCount\` counts every element (hundreds of milliseconds for a filter that matches hundreds of thousands).`,
    })
    count!: Count;
  }

  @InputType(`${model.name}Filter`, { description: model.filterDescription })
  class ModelFilter {}
  declareFields(
    ModelFilter,
    Object.entries(model.filters).map(([name, filter]) => [name, filterType(filter.argument), { nullable: true, description: filter.description }]),
  );

  const orderField = enumType({
    name: `${model.name}OrderField`,
    description: `Fields ${model.plural} can be ordered by.`,
    values: {
      RECORDED_AT: 'The order the graph recorded them in (the default).',
      ...Object.fromEntries(Object.entries(model.orders).map(([value, order]) => [value, order.description])),
    },
  });
  const ModelOrder = OrderInputType<string>(orderField, `${model.name}Order`, model.plural);

  @ArgsType()
  class ModelListArgs extends ConnectionArgs {
    @Field(() => ModelFilter, { nullable: true, description: `Only the ${model.plural} that match every condition given.` })
    filter?: Record<string, unknown> | null;

    @Field(() => ModelOrder, { nullable: true, description: `The order of the ${model.plural}; the order they were recorded in when omitted.` })
    orderBy?: OrderInput<string> | null;
  }

  const schema: ModelSchema<TModel, TRecord> = {
    model,
    listing: listingOf(model) as Listing<TRecord, Record<string, unknown>, string>,
    Connection: ModelConnection,
    Filter: ModelFilter as ClassType<Record<string, unknown>>,
    ListArgs: ModelListArgs,
  };
  filterTypes.set(model, schema.Filter);
  const plural = model.plural.charAt(0).toUpperCase() + model.plural.slice(1);
  rootListResolver(schema, `${plural}, filtered and ordered as asked (by default all of them, in the order they were recorded).`);
  return schema;
}

/** The root list of a model (`Query.positions`), as a resolver class. */
function rootListResolver<TModel extends ModelDefinition, TRecord>(schema: ModelSchema<TModel, TRecord>, description: string) {
  @Resolver()
  class RootList {
    @Query(() => schema.Connection, { name: schema.model.plural, description })
    list(@Args(() => schema.ListArgs) args: ListArgs<Record<string, unknown>, string>, @Ctx() { loaders }: GraphQLContext): Promise<Connection<TRecord>> {
      return loaders.rootConnection(schema.listing, args);
    }
  }
  return RootList;
}

/**
 * A field that follows a reference to one node (`Official.country`), read through the node source
 * of its type. The node's column `<field>Id` (`countryId`) holds the row id referred to, for a page
 * that reads the reference with its nodes; the record holds it as `<field>RowId` (`countryRowId`).
 */
export interface ReferenceRelation {
  description: string;
  /** The field's type (late: models refer to each other). */
  target: () => ClassType | (abstract new () => object);
  /** False where a foreign key guarantees the row (Evidence.article): a miss is then an error. */
  nullable?: boolean;
}

/** A field that is a short list of nodes (`Position.holders`), bounded and read for every parent at once through the node source of its type. */
export interface ListRelation {
  description: string;
  target: () => ClassType | (abstract new () => object);
  ids: IdSource;
  /** The most one can ask for (src/graphql/list-bounds.ts). */
  maxItems: number;
  /** What the `first` argument's description calls the items: the field's name unless given. */
  items?: string;
  /** The order of the items (row id when omitted). */
  orderBy?: Prisma.Sql;
}

/** Declares a resolver method (a field resolver, a mutation, a subscription) on `target` programmatically, as the decorators would. */
export function declareResolverMethod(
  target: { prototype: object },
  name: string,
  method: (...args: never[]) => unknown,
  decorate: Array<(prototype: object, name: string, descriptor: PropertyDescriptor) => void>,
): void {
  Object.defineProperty(target.prototype, name, { value: method, writable: true, configurable: true });
  const descriptor = Object.getOwnPropertyDescriptor(target.prototype, name) as PropertyDescriptor;
  for (const decorator of decorate) decorator(target.prototype, name, descriptor);
}

/**
 * The fields of `nodeType` that follow references (`Official.country`) or are short lists
 * (`Position.holders`), as a resolver class: each is one statement for every parent of a level.
 */
export function nodeRelations(
  nodeType: abstract new () => object,
  { references = {}, lists = {} }: { references?: Record<string, ReferenceRelation>; lists?: Record<string, ListRelation> },
) {
  @Resolver(() => nodeType as ClassType)
  class Relations {}
  for (const [name, relation] of Object.entries(references)) {
    const nullable = relation.nullable ?? true;
    const rowIdKey = `${name}RowId`;
    const nodes = nodesOfTarget(relation);
    registerRelation(nodeType.name, { name, kind: 'reference', column: `${name}Id`, nodes });
    declareResolverMethod(
      Relations,
      name,
      // Not async: the loader's own promise is returned as it is (one promise per field and
      // parent, thousands on a deep page, each also tracked by the request's async context).
      (parent: Record<string, unknown>, { loaders }: GraphQLContext) => {
        const rowId = parent[rowIdKey] as number | null;
        if (rowId == null) {
          if (!nullable) throw new Error(`${name} of ${(parent as { typeName?: string }).typeName ?? 'a record'} is not set`);
          return null;
        }
        const embedded = embeddedOf(parent)?.[name];
        if (embedded !== undefined) {
          if (embedded === null && !nullable) throw new Error(`${name} ${rowId} of ${(parent as { typeName?: string }).typeName ?? 'a record'} was not found`);
          return embedded;
        }
        const found = loaders.node(nodes()).load(rowId);
        if (nullable) return found;
        return found.then((node) => {
          if (node === null) throw new Error(`${name} ${rowId} of ${(parent as { typeName?: string }).typeName ?? 'a record'} was not found`);
          return node;
        });
      },
      [
        (prototype, key) => Root()(prototype, key, 0),
        (prototype, key) => Ctx()(prototype, key, 1),
        FieldResolver(() => relation.target(), { nullable, description: relation.description }),
      ],
    );
  }
  for (const [name, relation] of Object.entries(lists)) {
    const nodes = nodesOfTarget(relation);
    registerRelation(nodeType.name, {
      name,
      kind: 'list',
      ids: relation.ids,
      nodes,
      ...(relation.orderBy ? { orderBy: relation.orderBy } : {}),
    });
    declareResolverMethod(
      Relations,
      name,
      (parent: { rowId: number }, first: number, { loaders }: GraphQLContext) => {
        const embedded = embeddedOf(parent)?.[name] as unknown[] | undefined;
        if (embedded !== undefined) return firstItems(embedded, first, relation.maxItems);
        return loaders
          .linked(relation.ids, nodes(), relation.orderBy)
          .load(parent.rowId)
          .then((items) => firstItems(items, first, relation.maxItems));
      },
      [
        (prototype, key) => Root()(prototype, key, 0),
        (prototype, key) => Arg('first', () => Int, firstArgument(relation.maxItems, relation.items ?? name))(prototype, key, 1),
        (prototype, key) => Ctx()(prototype, key, 2),
        FieldResolver(() => [relation.target()], { description: relation.description }),
        Extensions(listBound(relation.maxItems)),
      ],
    );
  }
  return Relations;
}

// ---------------------------------------------------------------------------------------------
// Mutations

/**
 * The definition's fields that `<model>Create` (or `Update`) sets, as input fields; an update
 * also takes the record's `id` and the `expectedVersion` it was read at.
 */
export function ModelInputFields<TMutation extends 'create' | 'update'>(model: ModelDefinition, mutation: TMutation) {
  const what = model.name.toLowerCase();
  @InputType()
  abstract class InputFields {}
  declareFields(InputFields, [
    ...(mutation === 'update' ? identityFields(what, 'update') : []),
    ...Object.entries(model.fields).flatMap(([name, definition]): FieldSpec[] => {
      const settable = definition[mutation];
      if (!settable) return [];
      const defaultValue = mutation === 'create' ? definition.default : undefined;
      return [
        [
          name,
          outputType(definition),
          {
            nullable: mutation === 'update' || definition.nullable || definition.kind === 'names' || defaultValue !== undefined,
            description: settable.description,
            ...(defaultValue !== undefined ? { defaultValue } : {}),
          },
        ],
      ];
    }),
  ]);
  return InputFields as ClassType<Record<string, unknown> & (TMutation extends 'update' ? { id: string; expectedVersion?: number | null } : unknown)>;
}

type FieldSpec = [string, GraphQLTypeOf, { nullable?: boolean; description: string; defaultValue?: string }];

/** `id` and `expectedVersion`: what names the record an update or a delete changes. */
function identityFields(what: string, mutation: 'update' | 'delete', idDescription = `The ${what} to change.`): FieldSpec[] {
  return [
    ['id', () => ID, { description: idDescription }],
    [
      'expectedVersion',
      () => Int,
      { nullable: true, description: `The version you read; the ${mutation} fails with VERSION_CONFLICT if the ${what} has changed since.` },
    ],
  ];
}

/** `<Model>DeleteInput`: the record to delete and the version it was read at. */
function DeleteInputType(model: ModelDefinition, { description, id }: DeleteInputDescriptions) {
  @InputType(`${model.name}DeleteInput`, { description })
  class DeleteInput {}
  declareFields(DeleteInput, identityFields(model.name.toLowerCase(), 'delete', id));
  return DeleteInput as ClassType<DeleteInputData>;
}

/** `<Model>MergeInput`: the record to keep and its duplicate. */
function MergeInputType(model: ModelDefinition, { description, duplicateId }: MergeInputDescriptions) {
  @InputType(`${model.name}MergeInput`, { description })
  class MergeInput {}
  declareFields(MergeInput, [
    ['keepId', () => ID, { description: `The ${model.name.toLowerCase()} to keep.` }],
    ['duplicateId', () => ID, { description: duplicateId }],
  ]);
  return MergeInput as ClassType<MergeInputData>;
}

/** What a relation that is a connection needs: the target's list (late: models refer to each other) and the link. */
export interface ConnectionRelation {
  description: string;
  target: () => Pick<ModelSchema<ModelDefinition, unknown>, 'Connection' | 'ListArgs' | 'listing'>;
  ids: IdSource;
}

/**
 * The fields of `nodeType` that are connections to other nodes (`Country.officials`), as a
 * resolver class: each page is batched across sibling parents (loaders.linkedConnection).
 */
export function connectionRelations(nodeType: abstract new () => object, relations: Record<string, ConnectionRelation>) {
  @Resolver(() => nodeType as ClassType)
  class Relations {}
  for (const [name, relation] of Object.entries(relations)) {
    declareResolverMethod(
      Relations,
      name,
      (parent: { rowId: number }, args: ListArgs<Record<string, unknown>, string>, { loaders }: GraphQLContext) =>
        loaders.linkedConnection(relation.ids, relation.target().listing, parent.rowId, args),
      [
        (prototype, key) => Root()(prototype, key, 0),
        (prototype, key) => Args(() => relation.target().ListArgs)(prototype, key, 1),
        (prototype, key) => Ctx()(prototype, key, 2),
        FieldResolver(() => relation.target().Connection, { description: relation.description }),
      ],
    );
  }
  return Relations;
}

export interface MutationDefinition<TInput extends object, TValue> {
  /** What it does; the schema adds the role it needs ("Needs an EDITOR key."), which `mutate` checks. */
  description: string;
  input: ClassType<TInput>;
  /** The `input` argument's description; by default "The position.", "The changes.", "The position to delete.", "The position to keep and its duplicate.". */
  inputDescription?: string;
  /** What the payload says of the record it returns, when the default does not say enough. */
  resultDescription?: string;
  run(w: Write, input: TInput): Promise<TValue>;
}

/** What `<Model>DeleteInput` says: of itself, and of the record it names (what deleting it does). */
export interface DeleteInputDescriptions {
  description: string;
  id: string;
}

/** What `<Model>MergeInput` says: of itself, and of the duplicate (what becomes of it). */
export interface MergeInputDescriptions {
  description: string;
  duplicateId: string;
}

/** A mutation whose input type is derived from the model: its definition gives the input's descriptions. */
type DerivedInputMutation<TInput extends object, TValue, TDescriptions> = Omit<MutationDefinition<TInput, TValue>, 'input'> & { input: TDescriptions };

/* eslint-disable @typescript-eslint/no-explicit-any -- each mutation's input class is its own */
export interface ModelMutations {
  create?: MutationDefinition<any, NodeRecord>;
  update?: MutationDefinition<any, NodeRecord>;
  delete?: DerivedInputMutation<DeleteInputData, string, DeleteInputDescriptions>;
  merge?: DerivedInputMutation<MergeInputData, { kept: NodeRecord; deletedId: string }, MergeInputDescriptions>;
  /** Part of a record made a record of its own: the payload has both. */
  split?: MutationDefinition<any, { original: NodeRecord; created: NodeRecord }>;
  /** More changes of one record, by the suffix of their names (`Accept`: `positionAccept`); the payload has the record. */
  changes?: Record<string, MutationDefinition<any, NodeRecord>>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * `<model>Create`, `<model>Update`, `<model>Delete`, `<model>Merge`, `<model>Split` and the other changes
 * with their payloads (`{ <model>, userErrors }`, `{ deleted<Model>Id, userErrors }`), as a resolver class.
 */
export function mutationResolver<TModel extends ModelDefinition>(model: TModel, nodeType: ClassType, mutations: ModelMutations) {
  const key = model.name.charAt(0).toLowerCase() + model.name.slice(1);
  const what = model.name.toLowerCase();
  const deletedKey = `deleted${model.name}Id`;

  const payload = (suffix: string, fields: PayloadFields) => PayloadType(`${key}${suffix}`, fields);

  // The role every mutation of a model needs: checked by `mutate`, and said in each one's description.
  const role = ApiKeyRole.EDITOR;

  const defaultInputDescriptions = {
    Create: `The ${what}.`,
    Update: 'The changes.',
    Delete: `The ${what} to delete.`,
    Merge: `The ${what} to keep and its duplicate.`,
    Split: `The ${what} and what to move to a new one.`,
  };

  @Resolver()
  class ModelMutationResolver {}
  const define = <TInput extends object, TValue>(
    suffix: string,
    definition: Omit<MutationDefinition<TInput, TValue>, 'input'>,
    input: ClassType<TInput>,
    Payload: ClassType,
    toPayload: (value: TValue) => object,
  ) => {
    const inputDescription = definition.inputDescription ?? defaultInputDescriptions[suffix as keyof typeof defaultInputDescriptions];
    declareResolverMethod(
      ModelMutationResolver,
      `${key}${suffix}`,
      (input: never, ctx: GraphQLContext) => mutate(ctx, (w) => definition.run(w, input), toPayload, { role }),
      [
        (prototype, name) => Arg('input', () => input, { description: inputDescription })(prototype, name, 0),
        (prototype, name) => Ctx()(prototype, name, 1),
        Mutation(() => Payload, { nullable: true, description: `${definition.description} Needs an ${role} key.` }),
      ],
    );
  };
  const { create, update, delete: remove, merge, split } = mutations;
  if (create) {
    const Payload = payload('Create', { [key]: [() => nodeType, create.resultDescription ?? `The ${what} created; null when there are userErrors.`] });
    define('Create', create, create.input, Payload, (value) => ({ [key]: value }));
  }
  if (update) {
    const Payload = payload('Update', { [key]: [() => nodeType, update.resultDescription ?? `The ${what} as changed; null when there are userErrors.`] });
    define('Update', update, update.input, Payload, (value) => ({ [key]: value }));
  }
  if (remove) {
    const Payload = payload('Delete', {
      [deletedKey]: [() => ID, remove.resultDescription ?? `The ID of the ${what} deleted; null when there are userErrors.`],
    });
    define('Delete', remove, DeleteInputType(model, remove.input), Payload, (value) => ({ [deletedKey]: value }));
  }
  if (merge) {
    const Payload = payload('Merge', {
      [key]: [() => nodeType, merge.resultDescription ?? `The ${what} kept, with everything of the duplicate; null when there are userErrors.`],
      [deletedKey]: [() => ID, 'The ID of the duplicate, now deleted; null when there are userErrors.'],
    });
    define('Merge', merge, MergeInputType(model, merge.input), Payload, (value) => ({ [key]: value.kept, [deletedKey]: value.deletedId }));
  }
  if (split) {
    const newKey = `new${model.name}`;
    const Payload = payload('Split', {
      [key]: [() => nodeType, split.resultDescription ?? `The ${what} split, with what it kept; null when there are userErrors.`],
      [newKey]: [() => nodeType, `The new ${what}, with what moved to it; null when there are userErrors.`],
    });
    define('Split', split, split.input, Payload, (value) => ({ [key]: value.original, [newKey]: value.created }));
  }
  for (const [suffix, change] of Object.entries(mutations.changes ?? {})) {
    const Payload = payload(suffix, { [key]: [() => nodeType, change.resultDescription ?? `The ${what} as changed; null when there are userErrors.`] });
    define(suffix, change, change.input, Payload, (value) => ({ [key]: value }));
  }
  return ModelMutationResolver;
}
