// @module-tag any-database
/** Which errors mean "the database cannot be reached" (HTTP 503) rather than a bug or a bad request. */
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/db/availability.ts';

const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect', errno: -111 });
/** As Prisma wraps a driver adapter's error: a known request error whose meta holds the adapter's. */
const prismaWrapped = (cause: Record<string, unknown>) =>
  Object.assign(new Error('Invalid `prisma.deployment.findMany()` invocation'), {
    code: 'P2010',
    meta: { driverAdapterError: Object.assign(new Error('DriverAdapterError'), { name: 'DriverAdapterError', cause }) },
  });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', socketError('ECONNREFUSED')],
    ['a reset connection, as the cause of another error', new Error('query failed', { cause: socketError('ECONNRESET') })],
    ["pg's broken connection", new Error('Connection terminated unexpectedly')],
    ["pg-pool's connect timeout", new Error('timeout exceeded when trying to connect')],
    ['the adapter: not reachable', prismaWrapped({ kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 })],
    ['the adapter: closed', prismaWrapped({ kind: 'ConnectionClosed' })],
    ['the adapter: too many connections', prismaWrapped({ kind: 'TooManyConnections', cause: 'sorry' })],
    [
      'PostgreSQL shutting down (57P01)',
      prismaWrapped({ kind: 'postgres', originalCode: '57P01', originalMessage: 'terminating connection due to administrator command' }),
    ],
    ['a connection exception (08006)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['Prisma: cannot reach (P1001)', Object.assign(new Error("Can't reach database server"), { code: 'P1001' })],
    ['one of several errors', new AggregateError([new Error('first'), socketError('ECONNREFUSED')])],
  ])('%s: yes', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a missing column (a bug)', prismaWrapped({ kind: 'ColumnNotFound', column: 'name' })],
    ['a unique violation', prismaWrapped({ kind: 'UniqueConstraintViolation', constraint: { fields: ['isoCode'] } })],
    [
      'a statement cut by statement_timeout (57014)',
      prismaWrapped({ kind: 'postgres', originalCode: '57014', originalMessage: 'canceling statement due to statement timeout' }),
    ],
    ['an invalid text (22021)', prismaWrapped({ kind: 'postgres', originalCode: '22021', originalMessage: 'invalid byte sequence' })],
    ['a plain error', new Error('something else')],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s: no', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('survives an error whose cause is itself', () => {
    const error: Error & { cause?: unknown } = new Error('loop');
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
