/**
 * Helpers for tests of the HTTP layer: a server process watched line by line, raw GraphQL posts,
 * the JSON log, and a TCP proxy in front of PostgreSQL that a test can cut and restore.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { compiledPath } from '../../scripts/compiled-build.ts';
import { projectRoot, spawnedNodeFlags, testServerEnv } from './server.ts';

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

/** The JSON lines a server logged (lines that are not JSON are left out). */
export function logLines(output: string): Array<Record<string, any>> {
  const lines: Array<Record<string, any>> = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line));
    } catch {
      // not a log line
    }
  }
  return lines;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: any;
}

/** Sends a request as is and reads the whole answer. */
export async function request(url: string, init: RequestInit = {}): Promise<RawResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** POSTs a GraphQL operation with the usual JSON headers (more may be given). */
export function postGraphQL(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Polls `check` until it returns a value other than undefined. */
export async function eventually<T>(check: () => Promise<T | undefined>, { timeoutMs = 15_000, intervalMs = 50 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `condition not met within ${timeoutMs} ms${lastError ? `: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError)}` : ''}`,
      );
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Operation limits far above the defaults, for servers of tests whose queries are deeper, costlier
 * or more aliased than a public client's may be (traversal in every direction, a whole-graph
 * snapshot, refetching every node at once). test/api/operation-limits.test.ts tests the defaults.
 */
export const generousLimits: Record<string, string> = {
  GRAPHQL_MAX_DEPTH: '30',
  GRAPHQL_MAX_COST: String(Number.MAX_SAFE_INTEGER),
  GRAPHQL_MAX_ALIASES: '1000',
  GRAPHQL_MAX_TOKENS: '100000',
};
