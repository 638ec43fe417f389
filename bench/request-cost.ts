/**
 * `npm run bench:cost`: what one request of a benchmark query costs the API process, one request
 * at a time, with nothing else running in it: CPU milliseconds (user + system, the whole process),
 * garbage-collection milliseconds and the number of collections, and the wall time, per request.
 * It starts the app in this process (as `npm start` would, production mode) on the benchmark's
 * database and sends the query over HTTP to itself; the client's share (fetch, reading the body)
 * is in the CPU figure too, and is the same for every version of the server.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/stancegraph_bench npm run bench:cost -- [query …] [--requests n]
 *
 * With the database on this machine (a PostgreSQL server's postmaster found in /proc) it also
 * reports the CPU its processes spent per request (`db_cpu_ms_per_request`): moving work between
 * the API and the database (a relation read in a page's own statement rather than after it) shows
 * in the sum of the two, which one client at a time measures with far less noise than throughput
 * under load on a 2-core machine.
 *
 * Each query is sent as many times as it is measured before it is measured (a warm-up).
 *
 * To see where the time goes: `node --cpu-prof --import tsx bench/request-cost.ts …` (Node refuses
 * --cpu-prof in NODE_OPTIONS). LOG_LEVEL sets the app's log (default warn); BENCH_DEVELOPMENT=true
 * runs it out of production mode, so that an error's message is not masked. The database must
 * already hold the benchmark's graph (`npm run bench` makes it).
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { startApp } from '../src/app.ts';
import { defaultOperationLimits, type LogLevel } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { postmasterPid, treeCpuMs } from './process-cpu.ts';
import { benchQueries } from './queries.ts';

const args = process.argv.slice(2);
const requestsAt = args.indexOf('--requests');
const requests = requestsAt >= 0 ? Number(args.splice(requestsAt, 2)[1]) : 50;
/** How many times each query is sent before it is measured: as many as are measured, at least 10. */
const warmUpRequests = Math.max(10, requests);
const names = args;
const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL to the benchmark database');

let gcMs = 0;
let gcCount = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcMs += entry.duration;
    gcCount++;
  }
}).observe({ entryTypes: ['gc'] });

const app = await startApp({
  database: { kind: 'postgres', url },
  port: 0,
  host: '127.0.0.1',
  production: process.env.BENCH_DEVELOPMENT !== 'true',
  reportSqlStatements: true,
  limits: { ...defaultOperationLimits, maxCost: 100_000 },
  log: createLogger((process.env.LOG_LEVEL as LogLevel | undefined) ?? 'warn'),
});
try {
  // The deep page's cursor does not matter for its cost: any position's key and id will do.
  const queries = benchQueries({ deepAfter: { key: '2019-07-13', id: 868868 }, deepRank: 0, searchTerm: 'Seongju', commonSearchTerm: 'THAAD' }).filter(
    (query) => names.length === 0 || names.includes(query.name),
  );
  for (const query of queries) {
    const body = JSON.stringify({ query: query.graphql, variables: query.variables });
    const send = async () => {
      const response = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await response.text();
      if (response.status !== 200 || text.startsWith('{"errors"')) throw new Error(`${query.name}: ${response.status} ${text.slice(0, 300)}`);
      return text.length;
    };
    // Warm-up: JIT, plans, pools, the heap's size. Ten requests were not enough, nor three seconds:
    // the first query measured after them cost up to half as much again as when measured a second
    // time (filtered_page: 5.8 ms of CPU per request, then 4.0 and 4.2).
    for (let i = 0; i < warmUpRequests; i++) await send();
    const postmaster = ['localhost', '127.0.0.1', '[::1]', ''].includes(new URL(url).hostname) ? postmasterPid() : null;
    const dbCpu = postmaster === null ? null : treeCpuMs(postmaster);
    const cpu = process.cpuUsage();
    const [gc0, gcn0] = [gcMs, gcCount];
    const started = performance.now();
    let bytes = 0;
    for (let i = 0; i < requests; i++) bytes = await send();
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const dbCpuAfter = postmaster === null ? null : treeCpuMs(postmaster);
    const per = (value: number) => Math.round((value / requests) * 10) / 10;
    process.stdout.write(
      `${JSON.stringify({
        query: query.name,
        requests,
        cpu_ms_per_request: per((used.user + used.system) / 1000),
        gc_ms_per_request: per(gcMs - gc0),
        gcs_per_request: per(gcCount - gcn0),
        db_cpu_ms_per_request: dbCpu === null || dbCpuAfter === null ? null : per(dbCpuAfter - dbCpu),
        wall_ms_per_request: per(wall),
        response_kb: Math.round(bytes / 1024),
      })}\n`,
    );
  }
} finally {
  await app.stop();
}
