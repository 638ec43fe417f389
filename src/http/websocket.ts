/**
 * Subscriptions over the GraphQL over WebSocket protocol (graphql-ws's `graphql-transport-ws`),
 * on the HTTP server's own port and path (docs/live-updates.md). The rules are HTTP's:
 *
 * - the API key comes in `connection_init`'s payload (`{ "authorization": "Bearer <key>" }`),
 *   REQUIRE_AUTH_FOR_READ applies, and a revoked key's connections are closed (4403);
 * - every subscription document is parsed with the token limit, validated with the depth, alias
 *   and directive limits, costed, and, with TRUSTED_DOCUMENTS, must be a trusted one;
 * - a browser's upgrade request must come from an origin CORS_ORIGINS allows (or the same origin);
 * - at most WEBSOCKET_MAX_CONNECTIONS connections per process and
 *   SUBSCRIPTIONS_PER_CONNECTION_MAX subscriptions per connection;
 * - a connection without a subscription for WEBSOCKET_IDLE_TIMEOUT_MS is closed (4008), one that
 *   answers no ping is cut, and one that reads too slowly (more than WEBSOCKET_MAX_BUFFERED_BYTES
 *   unsent, or SUBSCRIPTION_QUEUE_MAX events behind) is closed (4009): nothing is buffered
 *   without bound;
 * - on shutdown every connection is closed with 1001 (going away).
 *
 * Queries and mutations are not served here: they belong to HTTP, with its timeouts and limits.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode, type SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { OperationLimits, SubscriptionSettings } from '../config.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { authenticate, callerLabel, type Caller } from '../graphql/auth.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { jsonLargerThan, limitErrorCodes, operationLimitRules, requestedCost, tokenLimitError } from '../graphql/limits.ts';
import { createLoaders } from '../graphql/loaders.ts';
import { subscribeSharingExecution } from '../graphql/live-updates/shared-execution.ts';
import type { ChangeFeed } from '../live/change-feed.ts';
import type { Logger } from '../logger.ts';
import type { CorsPolicy } from './cors.ts';
import { createErrorFormatter } from './error-formatter.ts';
import { resolveTrustedDocument, type TrustedDocuments } from './trusted-documents.ts';

/** Close codes of this server besides graphql-ws's own (4400–4500: bad message, 4401 unauthorized, 4403 forbidden…). */
export const closeCodes = {
  goingAway: 1001,
  unauthorized: CloseCode.Unauthorized,
  forbidden: CloseCode.Forbidden,
  idle: 4008,
  slowConsumer: 4009,
} as const;

/** `extensions.code` of a subscription refused because the connection has as many as it may. */
export const subscriptionLimitCode = 'SUBSCRIPTION_LIMIT_EXCEEDED';

/** What subscriptions need once the API is up. */
export interface SubscriptionApi {
  schema: GraphQLSchema;
  prisma: PrismaClient;
  writer: PrismaClient;
  trustedDocuments: TrustedDocuments | null;
  feed: ChangeFeed;
}

export interface SubscriptionServerOptions {
  server: Server;
  path: string;
  log: Logger;
  production: boolean;
  limits: OperationLimits;
  settings: SubscriptionSettings;
  cors: CorsPolicy;
  requireAuthForRead: boolean;
  /** The API, once ready (null: the upgrade is refused with 503). */
  api: () => SubscriptionApi | null;
}

/** What this server keeps about a connection. */
interface Connection {
  socket: WebSocket;
  caller: Caller;
  /** The Authorization value it connected with (checked again at each subscribe: a key may be revoked since). */
  authorization: string | undefined;
  /** How many subscriptions it holds now. */
  subscriptions: () => number;
  idle: NodeJS.Timeout | null;
  openedAt: number;
}

/** A close reason fits in 123 bytes (RFC 6455). */
const closeReason = (text: string) =>
  Buffer.byteLength(text) <= 123
    ? text
    : `${Buffer.from(text)
        .subarray(0, 120)
        .toString('utf8')
        .replace(/\uFFFD$/, '')}…`;

/** The Authorization value of a `connection_init` payload: `authorization` (any case), at the top or under `headers`. */
export function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const find = (object: unknown): unknown => {
    if (object === null || typeof object !== 'object') return undefined;
    const entry = Object.entries(object).find(([name]) => name.toLowerCase() === 'authorization');
    return entry?.[1];
  };
  const value = find(params) ?? find(params?.headers);
  return typeof value === 'string' ? value : undefined;
}

/** The path of a request's URL (null when it cannot be read). */
function pathOf(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

/** The host of an Origin header, or null for one that is not a URL (`null`, sent by sandboxed pages). */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

function refuseUpgrade(socket: Duplex, status: number, message: string, headers: Record<string, string> = {}): void {
  const body = `${JSON.stringify({ errors: [{ message }] })}\n`;
  const lines = [
    `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : 'Service Unavailable'}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

export interface SubscriptionServer {
  /** Connections open now. */
  readonly connections: number;
  /** Closes every connection (1001) and stops taking new ones. */
  stop(): Promise<void>;
}

export function createSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { server, path, log, production, limits, settings, cors, requireAuthForRead } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const connections = new Set<Connection>();
  const formatError = createErrorFormatter({ production, log });
  let stopping = false;
  let revocationsHeard = false;

  const close = (connection: { socket: WebSocket }, code: number, reason: string) => {
    if (connection.socket.readyState === connection.socket.OPEN || connection.socket.readyState === connection.socket.CONNECTING) {
      connection.socket.close(code, closeReason(reason));
    }
  };

  /** Closes the connection if it holds no subscription when the timer ends (and looks again later if it does). */
  const armIdleTimer = (connection: Connection) => {
    if (connection.idle) clearTimeout(connection.idle);
    connection.idle = setTimeout(() => {
      if (connection.subscriptions() > 0) return armIdleTimer(connection);
      close(connection, closeCodes.idle, `Idle: no subscription for ${settings.idleTimeoutMs} ms`);
    }, settings.idleTimeoutMs).unref();
  };

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (pathOf(request.url) !== path) return refuseUpgrade(socket, 404, `not found; the GraphQL endpoint is ${path}`);
    const origin = request.headers.origin;
    // Browsers always send Origin; a page may only connect from its own origin or an allowed one.
    if (origin !== undefined && !cors.allows(origin) && hostOf(origin) !== request.headers.host) {
      return refuseUpgrade(socket, 403, `origin ${origin} may not subscribe to this API; the operator lists allowed origins in CORS_ORIGINS`);
    }
    const api = options.api();
    if (!api || stopping)
      return refuseUpgrade(socket, 503, 'The server is not taking connections (starting or shutting down); try again in a moment.', { 'retry-after': '1' });
    if (connections.size >= settings.maxConnections) {
      return refuseUpgrade(socket, 503, `The server has its maximum of ${settings.maxConnections} WebSocket connections; try again later or elsewhere.`, {
        'retry-after': '5',
      });
    }
    if (!revocationsHeard) {
      revocationsHeard = true;
      api.feed.onEvents((events) => {
        for (const event of events) {
          if (event.type !== 'apiKeyRevoked') continue;
          for (const connection of connections) {
            if (connection.caller.kind === 'apiKey' && connection.caller.keyId === event.apiKeyId)
              close(connection, closeCodes.forbidden, 'Forbidden: the API key was revoked');
          }
        }
      });
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  /** Parses, checks and costs a subscribe message as HTTP would a request; errors are sent for the subscription alone. */
  const prepare = (api: SubscriptionApi, connection: Connection, payload: SubscribePayload): ExecutionArgs | GraphQLError[] => {
    let params: SubscribePayload = payload;
    if (api.trustedDocuments) {
      // graphql-ws requires a `query` string: a client sending an id alone sends "".
      const resolution = resolveTrustedDocument({ ...payload, query: payload.query === '' ? undefined : payload.query }, api.trustedDocuments);
      if (!resolution.ok) return [new GraphQLError(resolution.message, { extensions: { code: resolution.code } })];
      params = resolution.params as SubscribePayload;
    }
    let document: DocumentNode;
    try {
      document = parse(params.query, { maxTokens: limits.maxTokens });
    } catch (error) {
      const tokens = tokenLimitError((error as Error).message);
      if (tokens) return [new GraphQLError(tokens.message, { extensions: { code: limitErrorCodes.maxTokens, limit: tokens.limit } })];
      return [new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    }
    const invalid = validate(api.schema, document, [...specifiedRules, ...operationLimitRules(limits)]);
    if (invalid.length > 0) return [...invalid];
    const operation = getOperationAST(document, params.operationName);
    if (!operation) return [new GraphQLError('Unable to identify the operation: name one with operationName', { extensions: { code: 'BAD_REQUEST' } })];
    if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
      return [
        new GraphQLError(
          `Only subscriptions are served over WebSocket: send ${operation.operation === OperationTypeNode.QUERY ? 'queries' : 'mutations'} over HTTP (POST ${path}).`,
          {
            extensions: { code: 'BAD_REQUEST' },
          },
        ),
      ];
    }
    const cost = requestedCost(api.schema, document, params.operationName, params.variables ?? undefined);
    if (cost) {
      const [pageSizeError] = cost.pageSizeErrors;
      if (pageSizeError) return [pageSizeError];
      if (cost.cost > limits.maxCost) {
        return [
          new GraphQLError(`Operation cost ${cost.cost} exceeds the limit of ${limits.maxCost}: ask for smaller pages (first/last) or fewer nested lists.`, {
            extensions: { code: limitErrorCodes.maxCost, cost: cost.cost, limit: limits.maxCost },
          }),
        ];
      }
    }
    const contextValue: GraphQLContext = {
      prisma: api.prisma,
      writer: api.writer,
      loaders: createLoaders(api.prisma),
      sql: { statements: 0 },
      caller: connection.caller,
      subscriber: {
        feed: api.feed,
        dropSlowConsumer: () => close(connection, closeCodes.slowConsumer, `Slow consumer: more than ${settings.maxQueued} events behind`),
      },
    };
    return { schema: api.schema, document, operationName: params.operationName, variableValues: params.variables, contextValue };
  };

  const formattedResults = new WeakMap<ExecutionResult, FormattedExecutionResult>();
  /** An event as sent: errors formatted (masked in production), or one RESPONSE_TOO_LARGE error instead of an oversized event. */
  const formatResult = (result: ExecutionResult): FormattedExecutionResult => {
    const errors = result.errors?.map((error) => formatError(error.toJSON(), error));
    const formatted = { ...(result.data !== undefined ? { data: result.data } : {}), ...(errors ? { errors } : {}) };
    if (!jsonLargerThan(formatted, limits.maxResponseBytes)) return formatted;
    return {
      data: null,
      errors: [
        {
          message: `The event would be larger than ${limits.maxResponseBytes} bytes: select fewer objects or leave out large fields such as Article.body.`,
          extensions: { code: limitErrorCodes.maxResponseBytes, limit: limits.maxResponseBytes },
        },
      ],
    };
  };

  const graphqlWs = useServer<Record<string, unknown>, { connection: Connection }>(
    {
      connectionInitWaitTimeout: 10_000,
      onConnect: async (ctx) => {
        const api = options.api();
        if (!api) return false;
        const authorization = authorizationOf(ctx.connectionParams);
        let caller: Caller;
        try {
          caller = await authenticate(api.prisma, authorization === undefined ? {} : { authorization }, { requireAuthForRead });
        } catch (error) {
          if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') {
            close(ctx.extra, closeCodes.unauthorized, `Unauthorized: ${error.message}`);
            return false;
          }
          throw error;
        }
        const connection: Connection = {
          socket: ctx.extra.socket,
          caller,
          authorization,
          subscriptions: () => Object.keys(ctx.subscriptions).length,
          idle: null,
          openedAt: performance.now(),
        };
        ctx.extra.connection = connection;
        connections.add(connection);
        armIdleTimer(connection);
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const api = options.api();
        const connection = ctx.extra.connection;
        if (!api || !connection) return [new GraphQLError('The server is shutting down', { extensions: { code: 'SERVICE_UNAVAILABLE' } })];
        // ctx.subscriptions holds this one already.
        if (Object.keys(ctx.subscriptions).length > settings.maxSubscriptionsPerConnection) {
          return [
            new GraphQLError(
              `A connection may hold at most ${settings.maxSubscriptionsPerConnection} subscriptions: complete one first, or open another connection.`,
              {
                extensions: { code: subscriptionLimitCode, limit: settings.maxSubscriptionsPerConnection },
              },
            ),
          ];
        }
        if (connection.caller.kind === 'apiKey') {
          // Revoked since the connection was made (its close may be on its way): refuse now.
          const still = await authenticate(api.prisma, { authorization: connection.authorization }, { requireAuthForRead }).catch(() => null);
          if (!still) {
            close(connection, closeCodes.forbidden, 'Forbidden: the API key was revoked');
            return [new GraphQLError('The API key was revoked', { extensions: { code: 'UNAUTHENTICATED' } })];
          }
        }
        return prepare(api, connection, payload);
      },
      subscribe: subscribeSharingExecution,
      onNext: (ctx, _id, _payload, _args, result) => {
        const connection = ctx.extra.connection;
        if (connection && connection.socket.bufferedAmount > settings.maxBufferedBytes) {
          close(connection, closeCodes.slowConsumer, `Slow consumer: more than ${settings.maxBufferedBytes} bytes unread`);
        }
        // Subscribers of one operation share an event's result (shared-execution.ts): format it once.
        let formatted = formattedResults.get(result);
        if (!formatted) {
          formatted = formatResult(result);
          formattedResults.set(result, formatted);
        }
        return formatted;
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatError(error.toJSON(), error)),
      onComplete: (ctx) => {
        if (ctx.extra.connection) armIdleTimer(ctx.extra.connection);
      },
      onClose: (ctx, code, reason) => {
        const connection = ctx.extra.connection;
        if (!connection) return;
        if (connection.idle) clearTimeout(connection.idle);
        connections.delete(connection);
        // One line per connection, as HTTP has one per request.
        log.info(
          {
            path,
            protocol: 'graphql-transport-ws',
            code,
            reason,
            durationMs: Math.round(performance.now() - connection.openedAt),
            caller: callerLabel(connection.caller),
          },
          'websocket closed',
        );
      },
    },
    wss,
    settings.keepAliveMs,
  );

  return {
    get connections() {
      return connections.size;
    },
    async stop() {
      stopping = true;
      for (const client of wss.clients) close({ socket: client }, closeCodes.goingAway, 'Going away: the server is shutting down');
      // Clients answer the close handshake at once; one that does not within a second is cut.
      const deadline = Date.now() + 1_000;
      while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      for (const client of wss.clients) client.terminate();
      await graphqlWs.dispose();
    },
  };
}
