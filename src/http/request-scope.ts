import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../logger.ts';

/** What `extensions.cost` reports: the computed cost, the objects actually returned, the limit. */
export interface CostReport {
  /** Upper bound on the objects the response can hold, computed before running (null: not computable). */
  requested: number | null;
  /** Objects the response holds (null: the operation did not run). */
  actual: number | null;
  limit: number;
}

/** One HTTP request as the log line and the error masking see it. */
export interface RequestScope {
  /** `x-request-id` of the request if it sent a sane one, else a new UUID; sent back in the response. */
  readonly id: string;
  readonly log: Logger;
  operationName: string | null;
  operationType: string | null;
  cost: CostReport | null;
  /** SQL statements the request sent (GraphQL requests only). */
  sql: { statements: number } | null;
  /** `extensions.code` of the errors sent back. */
  errorCodes: Set<string>;
  /** `performance.now()` at which REQUEST_TIMEOUT_MS runs out for the request. */
  deadline: number;
  /** Set when REQUEST_TIMEOUT_MS ran out: what the request still does is discarded. */
  timedOut: boolean;
}

const scopes = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The scope of the request being served, if any. */
export function currentRequest(): RequestScope | undefined {
  return scopes.getStore();
}

/** A request id the client or a proxy in front may set: letters, digits, `-_.:`, at most 128. */
const saneRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(headers: IncomingHttpHeaders): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && saneRequestId.test(given) ? given : randomUUID();
}
