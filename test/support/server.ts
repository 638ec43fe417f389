import { spawn, type ChildProcess } from 'node:child_process';
import { compiledPath } from '../../scripts/compiled-build.ts';
import { projectRoot } from '../../src/project-root.ts';

export { projectRoot };

/**
 * Settings every test server gets unless a test says otherwise. Idle connections are not kept: a
 * keep-alive timeout of 1 s is announced as `Keep-Alive: timeout=1`, which fetch takes as "do not
 * reuse". With Node's 5 s, fetch keeps each idle connection for 3 s, and a stop (or SIGTERM) waits
 * for them to close: 3 s per server stopped.
 */
export const testServerEnv: Record<string, string> = { KEEP_ALIVE_TIMEOUT_MS: '1000', LOG_FORMAT: 'json' };

/**
 * Node's flags for every process a test spawns (the server, a CLI command): V8 runs WebAssembly
 * with its baseline compiler (Liftoff) only. By default it also recompiles PGlite's PostgreSQL's
 * hot functions with its optimizing compiler (TurboFan) in background threads, ~0.8 s of CPU in
 * each process that opens an embedded database (a server's start and stop: 2.0 s of CPU, 1.2 s
 * with the flag, on a 2-core Intel Xeon). A test's process lives a few seconds, so that compilation
 * never paid for itself there: the spawned processes of the files outside test/browser/ took 60 s
 * of CPU without the flag and 37 s with it (docs/architecture.md). The code run is the same; only
 * its speed differs, and the servers users start (`npm start`) keep V8's default.
 */
export const spawnedNodeFlags = ['--liftoff-only'];

export interface StartedServer {
  url: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

export interface GraphQLResult<TData = any> {
  status: number;
  data?: TData;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }>;
  extensions?: Record<string, any>;
}

export interface WatchedServer {
  process: ChildProcess;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output (waits for it to appear). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

/** Starts the server (the compiled `src/main.ts`, as `npm start` does) with `env` (on a free port) and watches what it prints. */
export function spawnServer(env: Record<string, string>): WatchedServer {
  const child = spawn(process.execPath, [...spawnedNodeFlags, compiledPath('src/main.ts')], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: '', PGLITE_DATA_DIR: '', PORT: '0', ...testServerEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    output: () => output,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (!match) return;
          cleanup();
          resolve(match);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${pattern} in the server's output within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const onExit = () => {
          // Let the last output arrive, then give up if it still does not match.
          setTimeout(() => {
            check();
            cleanup();
            reject(new Error(`the server exited before printing ${pattern}:\n${output}`));
          }, 50);
        };
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
  };
}

/** Starts the real server (the compiled `src/main.ts`, as `npm start` does) as a child process on a free port, and waits until it serves. */
export async function startServer(env: Record<string, string>, { timeoutMs = 60_000 } = {}): Promise<StartedServer> {
  const server = spawnServer(env);
  const [, url] = await server.waitFor(/serves (http:\/\/\S+\/graphql)/, timeoutMs);
  return {
    url: url!,
    process: server.process,
    output: () => server.output(),
    async stop() {
      server.kill();
      return server.exited;
    },
  };
}

/** Posts a GraphQL operation over HTTP, as a client would. */
export async function graphql<TData = any>(url: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResult<TData>, 'status'>;
  return { status: response.status, ...body };
}
