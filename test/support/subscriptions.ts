/**
 * Subscribers over a real WebSocket, with graphql-ws's own client (as Apollo Client's
 * GraphQLWsLink uses it), and a way to wait until a server has them registered: a write made
 * before that could commit before the subscription exists.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually } from './http.ts';

export const wsUrlOf = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

export interface Closed {
  code: number;
  reason: string;
}

export interface Connection {
  client: Client;
  /** Resolves when the socket closes, with its close code and reason. */
  closed: Promise<Closed>;
  dispose(): Promise<void>;
}

/** A client that connects at once and never retries: what happens to the connection is what the test sees. */
export function connect(
  url: string,
  { connectionParams, headers }: { connectionParams?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Connection {
  let onClosed!: (closed: Closed) => void;
  const closed = new Promise<Closed>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: wsUrlOf(url),
    webSocketImpl: headers
      ? class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { headers });
          }
        }
      : WebSocket,
    connectionParams,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason) });
      },
    },
  });
  return { client, closed, dispose: () => client.dispose() as Promise<void> };
}

export interface Subscriber<T = any> {
  /** Results received so far ({ data, errors }). */
  results: Array<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  /** The error the subscription ended with (GraphQL errors, or the close event). */
  error: unknown;
  completed: boolean;
  /** The `n`-th result (0-based), once it has arrived. */
  result(n: number, timeoutMs?: number): Promise<{ data?: T; errors?: any[] }>;
  /** Resolves when the subscription ends (error or complete). */
  ended: Promise<void>;
  unsubscribe(): void;
}

export function subscribe<T = any>(client: Client, query: string, variables?: Record<string, unknown>): Subscriber<T> {
  let onEnded!: () => void;
  const ended = new Promise<void>((resolve) => (onEnded = resolve));
  const subscriber: Subscriber<T> = {
    results: [],
    error: undefined,
    completed: false,
    ended,
    result: (n, timeoutMs = 30_000) => eventually(async () => subscriber.results[n], { timeoutMs, intervalMs: 10 }),
    unsubscribe: () => undefined,
  };
  subscriber.unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => void subscriber.results.push(value as Subscriber<T>['results'][number]),
      error: (error) => {
        subscriber.error = error;
        onEnded();
      },
      complete: () => {
        subscriber.completed = true;
        onEnded();
      },
    },
  );
  return subscriber;
}

/** What /readyz says of the live updates of the server at `url`. */
export async function liveUpdatesOf(url: string): Promise<{ transport: string; status: string; problem?: string; connections: number; subscriptions: number }> {
  const response = await fetch(new URL('/readyz', url));
  return ((await response.json()) as { liveUpdates: any }).liveUpdates;
}

/** Waits until the server at `url` holds at least `count` subscriptions (`exactly`: that many). */
export async function subscriptionsRegistered(url: string, count: number, { exactly = false } = {}): Promise<void> {
  await eventually(
    async () => {
      const { subscriptions } = await liveUpdatesOf(url);
      return (exactly ? subscriptions === count : subscriptions >= count) ? true : undefined;
    },
    { timeoutMs: 15_000, intervalMs: 20 },
  );
}
