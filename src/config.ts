import path from 'node:path';
import type { DatabaseTarget } from './db/database.ts';

/** Where the embedded database lives when neither DATABASE_URL nor PGLITE_DATA_DIR is set. */
export const DEFAULT_PGLITE_DATA_DIR = './data/pglite';

/** A setting in the environment is unusable; the message names it and is one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * The database to use: a PostgreSQL server when `DATABASE_URL` is set, otherwise embedded
 * PostgreSQL (PGlite) in `PGLITE_DATA_DIR` (default ./data/pglite; `memory://` keeps it in memory).
 */
export function databaseTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    let protocol: string;
    try {
      protocol = new URL(url).protocol;
    } catch {
      throw new ConfigError('DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database)');
    }
    if (protocol !== 'postgresql:' && protocol !== 'postgres:') {
      throw new ConfigError(`DATABASE_URL must be a postgresql:// URL, not ${protocol}//…`);
    }
    return { kind: 'postgres', url };
  }
  const dataDir = env.PGLITE_DATA_DIR?.trim() || DEFAULT_PGLITE_DATA_DIR;
  if (/^[a-z]+:\/\//.test(dataDir)) return { kind: 'pglite', dataDir };
  return { kind: 'pglite', dataDir: path.resolve(dataDir) };
}

export interface AppConfig {
  port: number;
  database: DatabaseTarget;
  reportSqlStatements: boolean;
}

function booleanSetting(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name]?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(env[name])}`);
}

/** The server's settings from the environment; a mistake is reported as one ConfigError line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const rawPort = env.PORT?.trim() || '4000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65_535) throw new ConfigError(`PORT must be a port number (0-65535), got ${JSON.stringify(env.PORT)}`);
  return { port, database: databaseTargetFromEnv(env), reportSqlStatements: booleanSetting(env, 'REPORT_SQL_STATEMENTS') };
}
