/**
 * A closed-loop load generator: `concurrency` clients, each sending its next request as soon as
 * the previous answer has been read, over keep-alive connections, for a fixed time.
 */
import http from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
}

export interface LoadTarget {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  /** Whether a response is a failure (read from its first bytes only: parsing 300 KB of JSON per request would load the client). */
  failed(status: number, head: Buffer): boolean;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function send(agent: http.Agent, target: LoadTarget): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.request(target.url, { method: target.method, agent, headers: target.headers }, (response) => {
      let head: Buffer | undefined;
      response.on('data', (chunk: Buffer) => {
        head ??= chunk.subarray(0, 64);
      });
      response.on('end', () => resolve(!target.failed(response.statusCode ?? 0, head ?? Buffer.alloc(0))));
      response.on('error', () => resolve(false));
    });
    request.on('error', () => resolve(false));
    request.end(target.body);
  });
}

export async function runLoad(target: LoadTarget, options: { concurrency: number; durationMs: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        const ok = await send(agent, target);
        latencies.push(performance.now() - sent);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    requests: latencies.length,
    errors,
    seconds: round(seconds),
    rps: round(latencies.length / seconds),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
  };
}
