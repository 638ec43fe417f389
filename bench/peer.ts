/**
 * The peer: PostGraphile 4, a GraphQL server that compiles each whole query into one SQL statement
 * that builds the JSON in PostgreSQL (the other architecture the benchmark's notes name), serving
 * the `public` schema of the same database (Prisma's tables, quoted PascalCase names) from its own
 * introspection. Run by bench/run.ts as a third server beside the API and the baseline.
 *
 * Production-like: no GraphiQL, no schema watching, no query log, no extended errors; JSON columns
 * as JSON (dynamicJson); a pg pool of 10 as the API's and the baseline's. With
 * postgraphile-plugin-connection-filter (relations on) so that the filtered page can be asked at
 * all: PostGraphile's own `condition` argument only tests columns for equality.
 *
 *   DATABASE_URL=… PORT=… node --import tsx bench/peer.ts      (POST /graphql)
 *
 * PostGraphile 4 is the peer because 5 needs Node 22 and this machine runs Node 20. The runner
 * starts it with NODE_ENV=production, as the API.
 */
import { createServer } from 'node:http';
import Module, { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import pg from 'pg';
import type { Plugin } from 'postgraphile';

/**
 * One graphql for the whole peer. PostGraphile 4 needs graphql 15, the project has 16 at the top
 * of node_modules, so npm gives postgraphile (and graphile-build-pg) a graphql 15 of their own,
 * while graphql-parse-resolve-info, which also accepts 16, is hoisted beside the project's 16. Two
 * graphql modules in one schema fail on their instanceof checks ("Unexpected input type: Int" for
 * every argument). Every `require('graphql…')` in this process goes to postgraphile's copy; the
 * API's process is not concerned. CommonJS only: every package of PostGraphile 4 is CommonJS.
 */
const fromPostgraphile = createRequire(createRequire(import.meta.url).resolve('postgraphile/package.json'));
const graphql15 = dirname(fromPostgraphile.resolve('graphql/package.json'));
const cjs = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const resolveFilename = cjs._resolveFilename.bind(Module);
cjs._resolveFilename = (request, ...rest) =>
  resolveFilename(request === 'graphql' || request.startsWith('graphql/') ? graphql15 + request.slice('graphql'.length) : request, ...rest);

// Loaded after the redirection above is in place (static imports would be evaluated before it).
const { postgraphile } = await import('postgraphile');
// Its declarations name graphile-build's Plugin type, which npm nested where TypeScript does not look.
const { default: ConnectionFilterPlugin } = (await import('postgraphile-plugin-connection-filter')) as unknown as { default: Plugin };

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');

const pool = new pg.Pool({ connectionString: url, max: 10 });
const handler = postgraphile(pool, 'public', {
  graphiql: false,
  watchPg: false,
  disableQueryLog: true,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  // As a deployment would run it: what the connecting role may do is what the schema shows (here
  // the superuser of the benchmark's database may do everything, so nothing is hidden).
  ignoreRBAC: false,
  enableQueryBatching: false,
  extendedErrors: [],
  showErrorStack: false,
  // Fail rather than wait for a database that is not there: the runner reports the error.
  retryOnInitFail: false,
  appendPlugins: [ConnectionFilterPlugin],
  graphileBuildOptions: {
    // `some` over a position's holders, and filters through forward relations (holder → country).
    connectionFilterRelations: true,
  },
});

// The handler answers every request itself (no `next`) and reports its own errors as GraphQL errors.
const server = createServer((request, response) => void handler(request, response));
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`peer serves http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
