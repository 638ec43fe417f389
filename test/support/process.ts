import { spawn } from 'node:child_process';
import path from 'node:path';
import { compiledPath } from '../../scripts/compiled-build.ts';
import { projectRoot, spawnedNodeFlags } from './server.ts';

export interface FinishedProcess {
  /** Exit code; null when the process was killed (it did not exit by itself in time). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from spawn to exit. */
  ms: number;
  timedOut: boolean;
}

interface RunOptions {
  /** Written to its standard input, which is then closed (closed at once without). */
  input?: string;
  /** Killed (SIGKILL) after this long; no limit without. */
  timeoutMs?: number;
}

/**
 * Runs the compiled `<file>` (dist/, which the test run's global setup builds) with `args` from the
 * project root, without npm's launcher process, with `env` on top of an environment that names no
 * database, and waits for it to exit.
 */
function runToExit(file: string, args: string[], env: Record<string, string>, { input = '', timeoutMs }: RunOptions): Promise<FinishedProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, [...spawnedNodeFlags, compiledPath(file), ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: '', MIGRATION_DATABASE_URL: '', PGLITE_DATA_DIR: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  let timedOut = false;
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started, timedOut });
    });
  });
}

/**
 * Runs the server (`src/main.ts`) as an operator would, with `env` (on a free port), and waits
 * for it to exit by itself; kills it after `timeoutMs`.
 */
export function runServerToExit(env: Record<string, string>, timeoutMs: number): Promise<FinishedProcess> {
  return runToExit('src/main.ts', [], { PORT: '0', ...env }, { timeoutMs });
}

/** Runs one of the CLI commands of `scripts/` (`key-create.ts` for `npm run key:create`) with `args` and `env`. */
export function runScript(script: string, args: string[], env: Record<string, string>, options: RunOptions = {}): Promise<FinishedProcess> {
  return runToExit(path.join('scripts', script), args, env, options);
}
