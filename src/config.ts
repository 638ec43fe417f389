import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Where the data lives: a PostgreSQL server, or an embedded PGlite directory. `instance` is a
 * PGlite already open on `dataDir` that the caller owns (one process embedding the API, or many
 * apps in turn, as the tests do): it is used as it is, neither locked nor closed; its owner lets
 * no one else use it meanwhile.
 */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string; instance?: PGlite };

/** Where the embedded database lives when neither DATABASE_URL nor PGLITE_DATA_DIR is set. */
export const DEFAULT_PGLITE_DATA_DIR = './data/pglite';

/** A setting in the environment is unusable; the message names it and is one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Several settings are unusable: `problems` holds one line for each. */
export class ConfigErrors extends ConfigError {
  override name = 'ConfigErrors';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Reads one setting; a ConfigError is recorded in `problems` and `fallback` stands in meanwhile. */
export type SettingReader = <T>(setting: () => T, fallback: T) => T;

function settingReader(problems: string[]): SettingReader {
  return (setting, fallback) => {
    try {
      return setting();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...(error instanceof ConfigErrors ? error.problems : [error.message]));
      return fallback;
    }
  };
}

/**
 * Reads `.env` from the current directory, when there is one, into the process's environment
 * (Node's `process.loadEnvFile`): a variable the environment already has, even empty, is kept, so
 * the environment wins. Returns the file read, or null when there is none.
 */
export function loadDotEnv(file = '.env'): string | null {
  try {
    process.loadEnvFile(file);
    return path.resolve(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError(`cannot read ${path.resolve(file)}: ${(error as Error).message}`);
  }
}

/**
 * The database to use: a PostgreSQL server when `DATABASE_URL` is set, otherwise embedded
 * PostgreSQL (PGlite) in `PGLITE_DATA_DIR` (default ./data/pglite; `memory://` keeps it in memory).
 */
export function databaseTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgres', url: postgresUrlSetting('DATABASE_URL', url) };
  const dataDir = env.PGLITE_DATA_DIR?.trim() || DEFAULT_PGLITE_DATA_DIR;
  if (/^[a-z]+:\/\//.test(dataDir)) return { kind: 'pglite', dataDir };
  return { kind: 'pglite', dataDir: path.resolve(dataDir) };
}

function postgresUrlSetting(name: string, url: string): string {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new ConfigError(`${name} is not a valid URL (expected postgresql://user:password@host:port/database)`);
  }
  if (protocol !== 'postgresql:' && protocol !== 'postgres:') {
    throw new ConfigError(`${name} must be a postgresql:// URL, not ${protocol}//…`);
  }
  return url;
}

/**
 * MIGRATION_DATABASE_URL: the same database as DATABASE_URL, reached as the role that owns the
 * tables, for migrations; DATABASE_URL is then the server's least-privilege role
 * (src/db/privileges.ts). Unset: migrations go through DATABASE_URL.
 */
export function migrationTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget | null {
  const url = env.MIGRATION_DATABASE_URL?.trim();
  if (!url) return null;
  const checked = postgresUrlSetting('MIGRATION_DATABASE_URL', url);
  if (!env.DATABASE_URL?.trim()) {
    throw new ConfigError(
      'MIGRATION_DATABASE_URL needs DATABASE_URL: it names the owner role on a PostgreSQL server (the embedded database has a single role)',
    );
  }
  return { kind: 'postgres', url: checked };
}

export interface AppConfig extends ServerSettings {
  port: number;
  database: DatabaseTarget;
  /** MIGRATION_DATABASE_URL: where migrations run, as the tables' owner; null: through `database`. */
  migrationDatabase: DatabaseTarget | null;
  /**
   * PREPARED_STATEMENTS_MAX: on a PostgreSQL server, how many of its SQL statements a process
   * keeps prepared on each connection (src/db/statement-names.ts); 0 sends every statement
   * unnamed, for a connection pooler that cannot keep prepared statements.
   */
  preparedStatements: number;
  reportSqlStatements: boolean;
  /** REQUIRE_AUTH_FOR_READ: queries need an API key too (src/graphql/auth.ts). */
  requireAuthForRead: boolean;
  /**
   * REDIS_URL: live updates fan out through Redis; unset, through PostgreSQL's LISTEN/NOTIFY (or
   * in the process on the embedded database). docs/live-updates.md.
   */
  redisUrl: string | null;
  /**
   * WEB_CONCURRENCY: how many server processes share the port (src/cluster.ts); 1, the default,
   * serves from this process alone. More than one needs a PostgreSQL server: the embedded
   * database belongs to one process.
   */
  webConcurrency: number;
}

/** PREPARED_STATEMENTS_MAX's default: well above the distinct statements the benchmark's and the web app's operations send. */
export const defaultPreparedStatements = 200;

function webConcurrencySetting(env: NodeJS.ProcessEnv, database: DatabaseTarget): number {
  const processes = integerSetting(env, 'WEB_CONCURRENCY', 1, 1, 64);
  if (processes > 1 && database.kind === 'pglite') {
    throw new ConfigError(`WEB_CONCURRENCY=${processes} needs a PostgreSQL server (DATABASE_URL): the embedded database can be opened by one process only`);
  }
  return processes;
}

function booleanSetting(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name]?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(env[name])}`);
}

function portSetting(env: NodeJS.ProcessEnv): number {
  const rawPort = env.PORT?.trim() || '4000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65_535) throw new ConfigError(`PORT must be a port number (0-65535), got ${JSON.stringify(env.PORT)}`);
  return port;
}

/**
 * The server's settings from the environment. Every unusable setting is reported: the
 * ConfigErrors thrown holds one line per mistake (`problems`), so that all get fixed in one go.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, stdoutIsTerminal = process.stdout.isTTY === true): AppConfig {
  const problems: string[] = [];
  const read = settingReader(problems);
  const config: AppConfig = {
    port: read(() => portSetting(env), 0),
    database: read(() => databaseTargetFromEnv(env), { kind: 'pglite', dataDir: DEFAULT_PGLITE_DATA_DIR }),
    migrationDatabase: read(() => migrationTargetFromEnv(env), null),
    preparedStatements: read(() => integerSetting(env, 'PREPARED_STATEMENTS_MAX', defaultPreparedStatements, 0, 10_000), defaultPreparedStatements),
    reportSqlStatements: read(() => booleanSetting(env, 'REPORT_SQL_STATEMENTS'), false),
    requireAuthForRead: read(() => booleanSetting(env, 'REQUIRE_AUTH_FOR_READ'), false),
    redisUrl: read(() => redisUrlSetting(env), null),
    webConcurrency: 1,
    ...serverSettingsFromEnv(env, read, stdoutIsTerminal),
  };
  config.webConcurrency = read(() => webConcurrencySetting(env, config.database), 1);
  if (problems.length > 0) throw new ConfigErrors(problems);
  return config;
}

// ---- HTTP serving: operation limits, production mode, timeouts, CORS, trusted documents, logs ----

/** Bounds on one GraphQL operation, checked before it runs, and on its response, checked before it is sent (src/graphql/limits.ts). */
export interface OperationLimits {
  /** GRAPHQL_MAX_DEPTH: nesting of fields (a leaf field counts; fragments add none). */
  maxDepth: number;
  /** GRAPHQL_MAX_COST: the most objects a response may hold, page sizes multiplied in. */
  maxCost: number;
  /** GRAPHQL_MAX_ALIASES: aliased fields in one operation. */
  maxAliases: number;
  /** GRAPHQL_MAX_DIRECTIVES: directives in one operation. */
  maxDirectives: number;
  /** GRAPHQL_MAX_TOKENS: lexical tokens in the document (comments excluded). */
  maxTokens: number;
  /** RESPONSE_MAX_BYTES: the most bytes of JSON a response's data and errors may take. */
  maxResponseBytes: number;
  /** GRAPHQL_EXPENSIVE_COST: the cost from which an operation takes turns with the other expensive ones (src/http/operation-turns.ts). */
  expensiveCost: number;
  /** GRAPHQL_EXPENSIVE_AT_ONCE: how many expensive operations a process runs at once (0: no limit). */
  expensiveAtOnce: number;
}

export const defaultOperationLimits: Readonly<OperationLimits> = Object.freeze({
  maxDepth: 8,
  maxCost: 5_000,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 1_000,
  maxResponseBytes: 10_000_000,
  expensiveCost: 1_000,
  expensiveAtOnce: 1,
});

/** Subscriptions over WebSocket (src/http/websocket.ts) and the change feed behind them (src/live/). */
export interface SubscriptionSettings {
  /** WEBSOCKET_MAX_CONNECTIONS: WebSocket connections one process holds at most; more are refused (503). */
  maxConnections: number;
  /** SUBSCRIPTIONS_PER_CONNECTION_MAX: subscriptions one connection holds at most; more are refused (SUBSCRIPTION_LIMIT_EXCEEDED). */
  maxSubscriptionsPerConnection: number;
  /** WEBSOCKET_IDLE_TIMEOUT_MS: a connection without any subscription for this long is closed (4008). */
  idleTimeoutMs: number;
  /** WEBSOCKET_KEEPALIVE_MS: how often a connection is pinged; one that does not answer within as long is cut. */
  keepAliveMs: number;
  /** WEBSOCKET_MAX_BUFFERED_BYTES: a connection with more unsent bytes than this is closed as a slow consumer (4009). */
  maxBufferedBytes: number;
  /** SUBSCRIPTION_QUEUE_MAX: events a subscription may fall behind before its connection is closed as a slow consumer (4009). */
  maxQueued: number;
  /** LIVE_POLL_INTERVAL_MS: how often the change log is read without a signal (a safety net, and the only way while Redis is down); 0: never. */
  pollIntervalMs: number;
}

export const defaultSubscriptionSettings: Readonly<SubscriptionSettings> = Object.freeze({
  maxConnections: 10_000,
  maxSubscriptionsPerConnection: 25,
  idleTimeoutMs: 300_000,
  keepAliveMs: 12_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxQueued: 1_000,
  pollIntervalMs: 1_000,
});

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];
export const logFormats = ['json', 'pretty'] as const;
export type LogFormat = (typeof logFormats)[number];

function logFormatSetting(env: NodeJS.ProcessEnv, stdoutIsTerminal: boolean): LogFormat {
  const format = env.LOG_FORMAT?.trim().toLowerCase() || (stdoutIsTerminal ? 'pretty' : 'json');
  if (!(logFormats as readonly string[]).includes(format)) {
    throw new ConfigError(`LOG_FORMAT must be json or pretty, got ${JSON.stringify(env.LOG_FORMAT)}`);
  }
  return format as LogFormat;
}

export interface ServerSettings {
  /** NODE_ENV=production: no introspection (unless GRAPHQL_INTROSPECTION), no suggestions, masked errors. */
  production: boolean;
  /** GRAPHQL_INTROSPECTION: default true, except in production; the IDE is served only with it. */
  introspection: boolean;
  limits: OperationLimits;
  /** REQUEST_TIMEOUT_MS: a request still running after this long is cancelled (504), and so is its SQL. */
  requestTimeoutMs: number;
  /**
   * RESPONSE_WRITE_TIMEOUT_MS: how long past REQUEST_TIMEOUT_MS a connection may stay without
   * any progress (a client that does not read its response) before it is closed.
   */
  responseWriteTimeoutMs: number;
  /** SHUTDOWN_GRACE_MS: on SIGTERM, how long requests in flight get to finish. */
  shutdownGraceMs: number;
  /**
   * KEEP_ALIVE_TIMEOUT_MS: how long an idle connection is kept open for the client's next request
   * (announced to it in `Keep-Alive: timeout=`). Behind a load balancer, set it above the
   * balancer's idle timeout, or the balancer may send a request on a connection being closed.
   */
  keepAliveTimeoutMs: number;
  /** CORS_ORIGINS: origins whose pages may call the API (`*`: any); empty: same origin only. */
  corsOrigins: string[];
  /** TRUSTED_DOCUMENTS: a JSON file `{ "<hash>": "<document>" }`; when set, only those operations run. */
  trustedDocumentsPath: string | null;
  /** LOG_LEVEL: pino's level for the JSON log on stdout. */
  logLevel: LogLevel;
  /** LOG_FORMAT: `json` (one object per line) or `pretty` (for a terminal); by default pretty when stdout is a terminal. */
  logFormat: LogFormat;
  subscriptions: SubscriptionSettings;
}

function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim() ?? '';
  if (raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!/^\d[\d_]*$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(env[name])}`);
  }
  return value;
}

function originSetting(env: NodeJS.ProcessEnv): string[] {
  const raw = env.CORS_ORIGINS?.trim() ?? '';
  if (raw === '') return [];
  const origins: string[] = [];
  for (const entry of raw.split(/[\s,]+/).filter(Boolean)) {
    if (entry === '*') {
      origins.push('*');
      continue;
    }
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== entry.replace(/\/$/, '')) {
      throw new ConfigError(
        `CORS_ORIGINS must list origins such as https://app.example.org or http://localhost:5173 (scheme, host and port only), or *, got ${JSON.stringify(entry)}`,
      );
    }
    origins.push(url.origin);
  }
  return origins;
}

function subscriptionSettingsFromEnv(env: NodeJS.ProcessEnv, read: SettingReader): SubscriptionSettings {
  const d = defaultSubscriptionSettings;
  const setting = (name: string, key: keyof SubscriptionSettings, min: number, max: number) => read(() => integerSetting(env, name, d[key], min, max), d[key]);
  return {
    maxConnections: setting('WEBSOCKET_MAX_CONNECTIONS', 'maxConnections', 0, 1_000_000),
    maxSubscriptionsPerConnection: setting('SUBSCRIPTIONS_PER_CONNECTION_MAX', 'maxSubscriptionsPerConnection', 1, 10_000),
    idleTimeoutMs: setting('WEBSOCKET_IDLE_TIMEOUT_MS', 'idleTimeoutMs', 1, 86_400_000),
    keepAliveMs: setting('WEBSOCKET_KEEPALIVE_MS', 'keepAliveMs', 1, 3_600_000),
    maxBufferedBytes: setting('WEBSOCKET_MAX_BUFFERED_BYTES', 'maxBufferedBytes', 1_024, 1024 * 1024 * 1024),
    maxQueued: setting('SUBSCRIPTION_QUEUE_MAX', 'maxQueued', 1, 1_000_000),
    pollIntervalMs: setting('LIVE_POLL_INTERVAL_MS', 'pollIntervalMs', 0, 3_600_000),
  };
}

function redisUrlSetting(env: NodeJS.ProcessEnv): string | null {
  const url = env.REDIS_URL?.trim();
  if (!url) return null;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new ConfigError('REDIS_URL is not a valid URL (expected redis://host:port or rediss://host:port)');
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL, not ${protocol}//…`);
  return url;
}

/** The settings of the HTTP server around the GraphQL API, each problem reported through `read`. */
export function serverSettingsFromEnv(env: NodeJS.ProcessEnv, read: SettingReader, stdoutIsTerminal = false): ServerSettings {
  const production = read(() => {
    const nodeEnv = env.NODE_ENV?.trim() ?? '';
    if (!['', 'production', 'development', 'test'].includes(nodeEnv)) {
      throw new ConfigError(`NODE_ENV must be production, development or test, got ${JSON.stringify(env.NODE_ENV)}`);
    }
    return nodeEnv === 'production';
  }, true);
  const introspection = read(() => (env.GRAPHQL_INTROSPECTION?.trim() ? booleanSetting(env, 'GRAPHQL_INTROSPECTION') : !production), false);
  const limit = (name: string, key: keyof OperationLimits, min: number) =>
    read(() => integerSetting(env, name, defaultOperationLimits[key], min, Number.MAX_SAFE_INTEGER), defaultOperationLimits[key]);
  return {
    production,
    introspection,
    limits: {
      maxDepth: limit('GRAPHQL_MAX_DEPTH', 'maxDepth', 1),
      maxCost: limit('GRAPHQL_MAX_COST', 'maxCost', 1),
      maxAliases: limit('GRAPHQL_MAX_ALIASES', 'maxAliases', 0),
      maxDirectives: limit('GRAPHQL_MAX_DIRECTIVES', 'maxDirectives', 0),
      maxTokens: limit('GRAPHQL_MAX_TOKENS', 'maxTokens', 1),
      expensiveCost: limit('GRAPHQL_EXPENSIVE_COST', 'expensiveCost', 1),
      expensiveAtOnce: limit('GRAPHQL_EXPENSIVE_AT_ONCE', 'expensiveAtOnce', 0),
      // A JavaScript string holds at most 2^29 - 24 characters: a larger response could not be written.
      maxResponseBytes: read(
        () => integerSetting(env, 'RESPONSE_MAX_BYTES', defaultOperationLimits.maxResponseBytes, 1_000, 256 * 1024 * 1024),
        defaultOperationLimits.maxResponseBytes,
      ),
    },
    requestTimeoutMs: read(() => integerSetting(env, 'REQUEST_TIMEOUT_MS', 10_000, 1, 3_600_000), 10_000),
    responseWriteTimeoutMs: read(() => integerSetting(env, 'RESPONSE_WRITE_TIMEOUT_MS', 30_000, 1, 3_600_000), 30_000),
    shutdownGraceMs: read(() => integerSetting(env, 'SHUTDOWN_GRACE_MS', 15_000, 0, 3_600_000), 15_000),
    keepAliveTimeoutMs: read(() => integerSetting(env, 'KEEP_ALIVE_TIMEOUT_MS', 5_000, 0, 3_600_000), 5_000),
    corsOrigins: read(() => originSetting(env), []),
    subscriptions: subscriptionSettingsFromEnv(env, read),
    trustedDocumentsPath: env.TRUSTED_DOCUMENTS?.trim() ? path.resolve(env.TRUSTED_DOCUMENTS.trim()) : null,
    logLevel: read(() => {
      const level = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
      if (!(logLevels as readonly string[]).includes(level)) {
        throw new ConfigError(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got ${JSON.stringify(env.LOG_LEVEL)}`);
      }
      return level as LogLevel;
    }, 'info'),
    logFormat: read(() => logFormatSetting(env, stdoutIsTerminal), 'json'),
  };
}
