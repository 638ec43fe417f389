/**
 * The Subscription type: live updates over the GraphQL over WebSocket protocol
 * (src/http/websocket.ts; docs/live-updates.md). Each subscription is an iterator over the
 * process's change feed (src/live/change-feed.ts); each event it accepts is executed with the
 * subscriber's selection, like a query.
 *
 * Work that is the same for every subscriber is done once per batch of events in the process:
 * a filter's SQL covers every event of the batch, and the records (and everything selected
 * under them) are read through loaders the batch shares, so that a thousand subscribers cost
 * a statement per filter and per level, not per subscriber.
 */
import { GraphQLError } from 'graphql';
import { Arg, Ctx, Extensions, Field, ID, ObjectType, Resolver, Root, Subscription, type ClassType } from 'type-graphql';
import { idsWhere } from '../../db/pages.ts';
import {
  articleImportOutcomeEnum,
  deploymentChangeKindEnum,
  positionChangeKindEnum,
  type ArticleImportOutcome,
  type ChangeEvent,
  type ChangeEventType,
} from '../../data/change-events.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import type { Listing } from '../../data/listing.ts';
import type { EnumDefinition, ModelDefinition, NodeRecord } from '../../data/model.ts';
import { References } from '../../data/references.ts';
import { articleNodes } from '../../data/models/article.ts';
import { positionNodes, type PositionRecord } from '../../data/models/position.ts';
import type { Delivery } from '../../live/change-feed.ts';
import type { GraphQLContext } from '../context.ts';
import { enumType } from '../enum-type.ts';
import { createLoaders, type Loaders } from '../loaders.ts';
import { listBound } from '../list-bounds.ts';
import { Article } from '../models/article.ts';
import { Deployment, deploymentSchema } from '../models/deployment.ts';
import { declareResolverMethod, type ModelSchema } from '../model-schema.ts';
import { Position, positionSchema } from '../models/position.ts';

const ArticleImportOutcomeEnum = enumType(articleImportOutcomeEnum);

/** The most positions an articleImported event lists of each kind (an article reporting more is rare; the list query has them all). */
const maxImportedPositions = 100;

@ObjectType('ArticleImported', { description: 'An article imported (articleImport, or the import command), with the positions it recorded and corroborated.' })
export class ArticleImported {
  @Field(() => Article, { description: 'The article.' })
  article!: Promise<unknown>;

  @Field(() => ArticleImportOutcomeEnum, { description: 'What the import did with the article itself.' })
  outcome!: ArticleImportOutcome;

  @Field(() => [Position], {
    description: `The positions the import recorded (new statements): the first ${maxImportedPositions}; all of them are listed by positions(filter: { articles: [<article id>] }).`,
  })
  @Extensions(listBound(maxImportedPositions))
  recordedPositions!: Promise<unknown[]>;

  @Field(() => [Position], {
    description: `The positions already recorded that the article now also reports (it became their evidence): the first ${maxImportedPositions}.`,
  })
  @Extensions(listBound(maxImportedPositions))
  corroboratedPositions!: Promise<unknown[]>;
}

type EventOf<T extends ChangeEventType> = Extract<ChangeEvent, { type: T }>;

/** The subscriber's side of its WebSocket connection (set only there). */
function subscriberOf(context: GraphQLContext): NonNullable<GraphQLContext['subscriber']> {
  if (!context.subscriber) {
    throw new GraphQLError('Subscriptions are served over WebSocket (the graphql-transport-ws protocol, graphql-ws) at this same URL, not over HTTP.', {
      extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
    });
  }
  return context.subscriber;
}

/**
 * The loaders of the batch an event came in: shared by every subscriber of this process, and
 * made the operation's own for this event, so that the fields under the root read through them
 * (and read the data as it is now, not as an earlier event left it in a loader).
 */
function batchLoaders(context: GraphQLContext, delivery: Delivery): Loaders {
  const loaders = delivery.batch.once('loaders', () => createLoaders(context.prisma));
  context.loaders = loaders;
  return loaders;
}

/**
 * A subscriber's events of some types; with a filter (the list's own, compiled once at the start),
 * only those whose record meets it. A record that no longer exists is not delivered: except for
 * deletions, which are delivered whatever the filter, since a deleted record cannot be tested (and
 * a client holding it needs to evict it).
 */
async function deliveries<T extends ChangeEventType>(
  context: GraphQLContext,
  types: readonly T[],
  filtered: {
    listing: Listing<unknown, Record<string, unknown>, string>;
    filter: Record<string, unknown> | null | undefined;
    idOf: (event: EventOf<T>) => number;
  } | null,
): Promise<AsyncIterableIterator<Delivery<EventOf<T>>>> {
  const { feed, dropSlowConsumer } = subscriberOf(context);
  if (!filtered) return feed.subscribe({ types, onOverflow: dropSlowConsumer });
  const { listing, filter, idOf } = filtered;
  // Without a filter too: the list's default leaves proposals under review out.
  const where = await listing.where(filter ?? {}, new References(context.prisma));
  const key = `${listing.name}:${JSON.stringify(filter ?? null)}`;
  return feed.subscribe({
    types,
    onOverflow: dropSlowConsumer,
    accepts: async ({ event, batch }) => {
      if ('kind' in event && event.kind === 'DELETED') return true;
      const ids = batch.events.filter((e): e is EventOf<T> => (types as readonly string[]).includes(e.type)).map(idOf);
      const matching = await batch.once(key, () => idsWhere(context.prisma, listing.nodes, where, ids));
      return matching.has(idOf(event));
    },
  });
}

interface FilterArgs {
  filter?: Record<string, unknown> | null;
}

/** The `subscribe` of a subscription to a model's events of one type, filtered as the model's root list. */
const filteredBy =
  <T extends ChangeEventType>(schema: ModelSchema<ModelDefinition, NodeRecord>, type: T, idOf: (event: EventOf<T>) => number) =>
  ({ args, context }: { args: FilterArgs; context: GraphQLContext }) =>
    deliveries(context, [type], { listing: schema.listing, filter: args.filter, idOf });

/** A subscription's `filter` argument: the model's root list's own (`subscribe` reads it). */
const filterArgument = (schema: ModelSchema<ModelDefinition, NodeRecord>) =>
  Arg('filter', () => schema.Filter, {
    nullable: true,
    description: `Only ${schema.model.plural} that the filter would list (as the root list's filter); none: all.`,
  });

@Resolver()
export class LiveUpdatesResolver {
  @Subscription(() => Position, {
    description:
      'Each new position that meets the filter, once committed: recorded by a mutation, an import, or split off another. Everything under it can be selected as in a query.',
    subscribe: filteredBy(positionSchema, 'positionRecorded', (event) => event.positionId),
  })
  positionRecorded(
    @Root() delivery: Delivery<EventOf<'positionRecorded'>>,
    @filterArgument(positionSchema) _filter: unknown,
    @Ctx() context: GraphQLContext,
  ): Promise<PositionRecord | null> {
    return batchLoaders(context, delivery).node(positionNodes).load(delivery.event.positionId);
  }

  @Subscription(() => ArticleImported, {
    description: 'Each article imported, with what the import recorded.',
    subscribe: ({ context }: { context: GraphQLContext }) => deliveries(context, ['articleImported'], null),
  })
  articleImported(@Root() delivery: Delivery<EventOf<'articleImported'>>, @Ctx() context: GraphQLContext): ArticleImported {
    const { event } = delivery;
    const loaders = batchLoaders(context, delivery);
    const positions = async (ids: number[]) => (await loaders.node(positionNodes).loadMany(ids)).filter((p) => p !== null && !(p instanceof Error));
    return {
      article: loaders.node(articleNodes).load(event.articleId),
      outcome: event.outcome,
      recordedPositions: positions(event.recordedPositionIds),
      corroboratedPositions: positions(event.corroboratedPositionIds),
    };
  }
}

/** A change event of a record: what `<Model>Change` reports. */
type RecordChangeEvent = EventOf<'positionChanged' | 'deploymentChanged'>;

/**
 * `<model>Changed(filter:)` with its type `<Model>Change`, as a resolver class: each change to a
 * record of the model that meets the filter (deletions whatever the filter), with what happened
 * and the record as it is now, under the model's name (`positionId`, `position`). Positions and
 * deployments report their changes alike.
 */
function recordChangeSubscription<T extends RecordChangeEvent['type']>(
  type: T,
  schema: ModelSchema<ModelDefinition, NodeRecord>,
  nodeType: ClassType,
  kindEnum: EnumDefinition,
  idOf: (event: EventOf<T>) => number,
  descriptions: { subscription: string; type: string; id: string },
) {
  const { name } = schema.model;
  const what = name.toLowerCase();
  // Registered now, not when the schema is built: type-graphql knows only enums registered before.
  const kindType = enumType(kindEnum);
  class RecordChange {}
  Field(() => kindType, { description: 'What happened to it.' })(RecordChange.prototype, 'kind');
  Field(() => ID, { description: descriptions.id })(RecordChange.prototype, `${what}Id`);
  Field(() => nodeType, { nullable: true, description: `The ${what} as it is now; null when it was deleted (or merged into another).` })(
    RecordChange.prototype,
    what,
  );
  Field(() => ID, { nullable: true, description: `When it was merged into another ${what} (kind DELETED): the global ID of that ${what}.` })(
    RecordChange.prototype,
    'mergedIntoId',
  );
  ObjectType(`${name}Change`, { description: descriptions.type })(RecordChange);

  @Resolver()
  class RecordChanges {}
  declareResolverMethod(
    RecordChanges,
    type,
    (delivery: Delivery<EventOf<T>>, _filter: unknown, context: GraphQLContext) => {
      const rowId = idOf(delivery.event);
      const { kind, mergedIntoId } = delivery.event as RecordChangeEvent;
      return {
        kind,
        [`${what}Id`]: encodeGlobalId(name, rowId),
        [what]: kind === 'DELETED' ? null : batchLoaders(context, delivery).node(schema.listing.nodes).load(rowId),
        mergedIntoId: mergedIntoId === null ? null : encodeGlobalId(name, mergedIntoId),
      };
    },
    [
      (prototype, key) => Root()(prototype, key, 0),
      (prototype, key) => filterArgument(schema)(prototype, key, 1),
      (prototype, key) => Ctx()(prototype, key, 2),
      Subscription(() => RecordChange, { description: descriptions.subscription, subscribe: filteredBy(schema, type, idOf) }),
    ],
  );
  return RecordChanges;
}

export const PositionChangeResolver = recordChangeSubscription(
  'positionChanged',
  positionSchema,
  Position,
  positionChangeKindEnum,
  (event) => event.positionId,
  {
    subscription:
      'Each change to a position that meets the filter: updated, corroborated by another article, split, merged, deleted (deletions whatever the filter: a deleted position cannot be tested).',
    type: 'A change to a position that already existed.',
    id: 'The global ID of the position (still usable to evict it from a cache when it was deleted).',
  },
);

export const DeploymentChangeResolver = recordChangeSubscription(
  'deploymentChanged',
  deploymentSchema,
  Deployment,
  deploymentChangeKindEnum,
  (event) => event.deploymentId,
  {
    subscription: 'Each deployment recorded or changed that meets the filter (deletions whatever the filter).',
    type: 'A deployment recorded or changed.',
    id: 'The global ID of the deployment.',
  },
);
