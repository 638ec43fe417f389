// @module-tag any-database
/**
 * An operator who misconfigures the server learns it at once: the process exits non-zero within
 * 15 s with one line that names the problem, not a stack trace and not a hang.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServerToExit, type FinishedProcess } from '../support/process.ts';

const limitMs = 15_000;
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'stancegraph-startup-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Exited by itself, non-zero, in time, with exactly one line on stderr and no stack trace. */
function expectOneLineFailure(run: FinishedProcess, names: RegExp): string {
  const report = `exit ${run.code} after ${Math.round(run.ms)} ms\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
  expect(run.timedOut, `still running after ${limitMs} ms\n${report}`).toBe(false);
  expect(run.code, report).not.toBe(0);
  expect(run.code, report).not.toBeNull();
  expect(run.ms, report).toBeLessThan(limitMs);
  const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines, report).toHaveLength(1);
  expect(run.stderr + run.stdout, report).not.toMatch(/^\s+at /m);
  expect(lines[0], report).toMatch(names);
  return lines[0]!;
}

describe('start-up fails fast, with one clear line, when', () => {
  it('DATABASE_URL points to a PostgreSQL server that is not there', async () => {
    const run = await runServerToExit({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5999/nowhere' }, limitMs + 5_000);
    const line = expectOneLineFailure(run, /127\.0\.0\.1:5999|port 5999/);
    expect(line).toMatch(/reach|connect|refused/i);
  }, 30_000);

  it('DATABASE_URL names a database that does not exist on a running server', async () => {
    const base = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL) : new URL('postgresql://postgres@127.0.0.1:5432/postgres');
    base.pathname = '/stancegraph_no_such_database';
    const run = await runServerToExit({ DATABASE_URL: base.toString() }, limitMs + 5_000);
    expectOneLineFailure(run, /stancegraph_no_such_database/);
  }, 30_000);

  it('DATABASE_URL is not a PostgreSQL URL', async () => {
    const run = await runServerToExit({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/stancegraph' }, limitMs + 5_000);
    expectOneLineFailure(run, /DATABASE_URL/);
  }, 30_000);

  it('PGLITE_DATA_DIR lies under a regular file', async () => {
    const file = path.join(scratch, 'a-regular-file');
    writeFileSync(file, 'not a directory\n');
    const dataDir = path.join(file, 'data');
    const run = await runServerToExit({ PGLITE_DATA_DIR: dataDir }, limitMs + 5_000);
    expectOneLineFailure(run, new RegExp(file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  }, 30_000);

  it('PGLITE_DATA_DIR is a regular file', async () => {
    const file = path.join(scratch, 'another-file');
    writeFileSync(file, 'not a directory\n');
    const run = await runServerToExit({ PGLITE_DATA_DIR: file }, limitMs + 5_000);
    expectOneLineFailure(run, /another-file/);
  }, 30_000);

  it('PGLITE_DATA_DIR is a directory of something else (not empty, not a PostgreSQL data dir)', async () => {
    const dir = path.join(scratch, 'holiday-photos');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'beach.jpg'), 'jpeg');
    const run = await runServerToExit({ PGLITE_DATA_DIR: dir }, limitMs + 5_000);
    expectOneLineFailure(run, /holiday-photos/);
  }, 30_000);

  it('PORT is not a port number', async () => {
    const run = await runServerToExit({ PORT: 'eighty', PGLITE_DATA_DIR: path.join(scratch, 'unused') }, limitMs + 5_000);
    expectOneLineFailure(run, /PORT/);
  }, 30_000);

  it('PORT is already taken by another process', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      // The server listens before it opens its database: this one is never made.
      const run = await runServerToExit({ PORT: String(port), PGLITE_DATA_DIR: path.join(scratch, 'port-taken') }, limitMs + 5_000);
      expectOneLineFailure(run, new RegExp(`\\b${port}\\b`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 60_000);
});
