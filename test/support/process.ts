import { spawn } from 'node:child_process';
import { projectRoot } from './server.ts';

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

/**
 * Runs the server (`node --import tsx src/main.ts`) as an operator would, with `env` on top of a
 * clean database environment, and waits for it to exit by itself; kills it after `timeoutMs`.
 */
export function runServerToExit(env: Record<string, string>, timeoutMs: number): Promise<FinishedProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: '', PGLITE_DATA_DIR: '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let timedOut = false;
  const timer = setTimeout(() => {
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
