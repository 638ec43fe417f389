/**
 * `npm run bench:responsiveness`: how quickly a server busy with requests answers another one. A
 * server on a new embedded database (PGlite, the default set-up, migrated and seeded at start) or
 * on the PostgreSQL database of BENCH_DATABASE_URL gets `--clients` clients (default 8) sending
 * the IDE's example query for `--seconds` (default 15), while `/healthz` is polled every 20 ms
 * over a connection of its own. Prints one JSON line: the query's throughput and latencies, and
 * /healthz's median, 99th percentile and worst.
 *
 *   npm run bench:responsiveness [-- --clients 8 --seconds 15]
 *
 * With PGlite the SQL runs on the server's own thread: this is what src/db/pglite-turns.ts is for.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exampleQuery } from '../src/http/graphiql.ts';
import { pollHealth, startBenchServer } from './limits-operations.ts';
import { runLoad } from './load.ts';

const { values } = parseArgs({ options: { clients: { type: 'string', default: '8' }, seconds: { type: 'string', default: '15' } } });
const clients = Math.max(1, Number(values.clients) || 8);
const seconds = Math.max(1, Number(values.seconds) || 15);
const scratchUrl = process.env.BENCH_DATABASE_URL?.trim();
const dataDir = scratchUrl ? null : await mkdtemp(path.join(os.tmpdir(), 'stancegraph-bench-responsiveness-'));
try {
  const server = await startBenchServer(
    scratchUrl ? { DATABASE_URL: scratchUrl } : { DATABASE_URL: '', PGLITE_DATA_DIR: path.join(dataDir!, 'db'), NODE_ENV: 'production' },
  );
  try {
    const loading = runLoad(
      {
        url: `${server.url}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: exampleQuery }),
        failed: (status) => status !== 200,
      },
      { concurrency: clients, durationMs: seconds * 1000 },
    );
    const [load, healthz] = await Promise.all([loading, pollHealth(server.url, loading)]);
    healthz.sort((a, b) => a - b);
    const at = (p: number) => Math.round(healthz[Math.min(healthz.length - 1, Math.floor(healthz.length * p))] ?? Number.NaN);
    console.log(
      JSON.stringify({
        database: scratchUrl ? 'postgres' : 'pglite',
        clients,
        ...load,
        healthz_p50_ms: at(0.5),
        healthz_p99_ms: at(0.99),
        healthz_worst_ms: Math.round(healthz.at(-1) ?? Number.NaN),
        healthz_polls: healthz.length,
      }),
    );
  } finally {
    await server.stop();
  }
} finally {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
