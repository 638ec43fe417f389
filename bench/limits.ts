/**
 * `npm run bench:limits`: the most expensive operations the default limits accept (and a few they
 * refuse), each measured while `/healthz` is polled, so that one can see whether a single request
 * can keep the server's event loop busy. Prints one JSON line per operation:
 *
 *   { operation, status, code, cost, responseBytes, serverMs, healthzWorstMs, healthzPolls }
 *
 * `serverMs` is the time from sending the request to reading the whole answer; `healthzWorstMs`
 * the slowest `/healthz` answer while it ran (polled every 20 ms over a separate connection).
 *
 *   npm run bench:limits [-- --repeat <n>]
 *
 * The database is embedded PGlite in a temporary directory (the default set-up), or the
 * PostgreSQL database of BENCH_DATABASE_URL, which must be a scratch database (rows are added).
 * Before the server starts, every list that takes no page size is filled to its bound on one
 * record of each kind (a position with 50 holders, 50 addressees, 50 speakers and 100 evidence, a
 * meeting with 250 participants, an organization with 250 members), and 12 articles of 1 MB each
 * are added, so that the cost's bounds are reached, not just computed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DatabaseTarget } from '../src/db/database.ts';
import { fillToBounds, measure, operations, startBenchServer } from './limits-operations.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { repeat: { type: 'string', default: '1' } } });
  const repeat = Math.max(1, Number(values.repeat) || 1);
  const scratchUrl = process.env.BENCH_DATABASE_URL?.trim();
  const dataDir = scratchUrl ? null : await mkdtemp(path.join(os.tmpdir(), 'stancegraph-bench-limits-'));
  const target: DatabaseTarget = scratchUrl ? { kind: 'postgres', url: scratchUrl } : { kind: 'pglite', dataDir: dataDir! };
  try {
    const prepared = await fillToBounds(target);
    const server = await startBenchServer(scratchUrl ? { DATABASE_URL: scratchUrl } : { DATABASE_URL: '', PGLITE_DATA_DIR: dataDir! });
    try {
      for (let round = 0; round < repeat; round++) {
        for (const operation of operations(prepared)) {
          console.log(JSON.stringify({ database: target.kind, ...(await measure(server.url, operation)) }));
        }
      }
    } finally {
      await server.stop();
    }
  } finally {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
