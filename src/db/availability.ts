/**
 * Whether an error means "the database cannot be reached right now" rather than "this request is
 * wrong" or "the code is wrong": the caller may retry later (HTTP 503), and the operator sees an
 * outage, not a bug. Errors arrive wrapped several ways (Prisma's known request errors around the
 * driver adapter's, whose `cause` holds pg's), so the whole chain is looked at.
 */

/** Driver adapter error kinds (@prisma/driver-adapter-utils) that mean no usable connection. */
const unavailableKinds = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'DatabaseDoesNotExist',
  'TlsConnectionError',
]);

/** Prisma error codes: can't reach, timed out, connection closed, no connection from the pool in time. */
const unavailablePrismaCodes = new Set(['P1001', 'P1002', 'P1017', 'P2024']);

/** Node's socket errors. */
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * SQLSTATE: class 08 (connection exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot
 * connect now), 53300 (too many connections).
 */
const unavailableSqlState = /^(08...|57P0[123]|53300)$/;

/** What pg and pg-pool throw, as plain Errors, when a connection breaks or none can be made. */
const unavailableMessage =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection closed|connect ECONNREFUSED/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next !== 'object' || seen.has(next)) continue;
    seen.add(next);
    // Any object may hold any of these properties; each is checked for its type before use.
    const e = next as Record<string, unknown>;
    if (typeof e.kind === 'string' && unavailableKinds.has(e.kind)) return true;
    if (typeof e.code === 'string' && (unavailablePrismaCodes.has(e.code) || socketCodes.has(e.code) || unavailableSqlState.test(e.code))) return true;
    if (typeof e.originalCode === 'string' && unavailableSqlState.test(e.originalCode)) return true;
    if (typeof e.message === 'string' && unavailableMessage.test(e.message)) return true;
    pending.push(
      e.cause,
      e.originalError,
      (e.meta as { driverAdapterError?: unknown } | null | undefined)?.driverAdapterError,
      ...(Array.isArray(e.errors) ? (e.errors as unknown[]) : []),
    );
  }
  return false;
}
