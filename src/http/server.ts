import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { countStatements, type StatementTally } from '../db/statement-counter.ts';
import { createContext, type GraphQLContext } from '../graphql/context.ts';
import { ideAssetPrefix, readIdeAsset, renderIdePage } from './graphiql.ts';

export const graphqlPath = '/graphql';
const maxBodyBytes = 1024 * 1024;

/**
 * Reports in `extensions.sql.statements` how many SQL statements the request cost, so that
 * tests and benchmarks can check that a query's cost follows its shape, not its page sizes.
 */
function statementCountPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, sql: { statements: contextValue.sql.statements } };
        },
      };
    },
  };
}

/** Serves the offline GraphiQL page where Apollo would serve its CDN-hosted landing page. */
function idePlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: renderIdePage(graphqlPath) };
        },
      };
    },
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new HttpError(413, `request body is larger than ${maxBodyBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(request: IncomingMessage, text: string): unknown {
  const contentType = request.headers['content-type'] ?? '';
  if (text === '') return undefined;
  if (/^application\/(graphql-response\+)?json\b/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpError(400, 'request body is not valid JSON');
    }
  }
  return text;
}

function sendJsonError(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify({ errors: [{ message }] }));
}

export interface GraphQLHttpServer {
  server: Server;
  apollo: ApolloServer<GraphQLContext>;
}

/** Apollo Server on Node's own http server: `/graphql` for the API and the IDE, `/ide/*` for its files. */
export interface GraphQLHttpServerOptions {
  /** Add `extensions.sql.statements` to every response (REPORT_SQL_STATEMENTS). */
  reportSqlStatements: boolean;
}

export async function createGraphQLHttpServer(
  schema: GraphQLSchema,
  prisma: PrismaClient,
  { reportSqlStatements }: GraphQLHttpServerOptions,
): Promise<GraphQLHttpServer> {
  const server = createServer();
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      idePlugin(),
      ...(reportSqlStatements ? [statementCountPlugin()] : []),
    ],
  });
  await apollo.start();

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      if (error instanceof HttpError) return sendJsonError(response, error.status, error.message);
      console.error('unexpected error while serving a request', error);
      sendJsonError(response, 500, 'Internal server error');
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith(ideAssetPrefix) && request.method === 'GET') {
      const asset = await readIdeAsset(url.pathname.slice(ideAssetPrefix.length));
      if (!asset) return sendJsonError(response, 404, 'not found');
      response.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=86400' });
      response.end(asset.body);
      return;
    }
    if (url.pathname !== graphqlPath) return sendJsonError(response, 404, `not found; the GraphQL endpoint is ${graphqlPath}`);

    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const body = parseBody(request, await readBody(request));
    const sql: StatementTally = { statements: 0 };
    const result = await countStatements(sql, () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
        context: () => createContext({ prisma, sql, headers: request.headers }),
      }),
    );
    for (const [name, value] of result.headers) response.setHeader(name, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }

  return { server, apollo };
}
