/**
 * The app started in the test process, as src/main.ts starts it in its own: the settings read
 * from an environment by the same loadConfig, then startApp on a copy of the test database,
 * listening on a free port for real HTTP requests. What the process would print on stdout (its
 * JSON log) is kept in memory instead.
 *
 * Tests of what only the process does (start-up failures printed on stderr and the exit status,
 * signals, restarts, the CLI commands) spawn it instead: test/support/server.ts and http.ts.
 */
import { Writable } from 'node:stream';
import { startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import type { TestDatabase } from './database.ts';
import { testServerEnv } from './server.ts';

export interface TestApp {
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** Everything logged so far, one JSON object per line, as the process prints it on stdout. */
  output(): string;
  /** Stops it as SIGTERM stops the process (requests in flight finish), then closes the database. */
  stop(): Promise<void>;
}

/** Starts the app on `database` with the settings of `env` (variables as an operator sets them), beyond testServerEnv's. */
export async function startTestApp(database: TestDatabase, env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ PORT: '0', ...testServerEnv, ...env });
  let output = '';
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  const app = await startApp({ ...config, database: database.target, host: '127.0.0.1', log: createLogger(config.logLevel, stdout) });
  return { url: app.url, output: () => output, stop: () => app.stop() };
}
