/**
 * Helpers for tests of the HTTP layer: raw requests and GraphQL posts, the JSON log a server wrote,
 * waiting for a condition, and limits generous enough for tests that are not about them.
 */

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
