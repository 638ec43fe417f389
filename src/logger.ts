import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger } from 'pino';

/**
 * Header names and fields that must never reach the log, whatever a caller passes to it: API
 * keys, cookies and GraphQL variables (which may carry anything a client considers secret).
 */
const redactedPaths = [
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'headers["proxy-authorization"]',
  'variables',
  '*.variables',
  'query',
  '*.query',
];

/**
 * The process's structured log: one JSON object per line on stdout (pino), with `msg` in words
 * and the facts as fields, so that lines can be searched by request id, operation, status….
 */
export function createLogger(level: LogLevel = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'stancegraph' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactedPaths, censor: '[redacted]' },
    },
    destination ?? pino.destination({ fd: 1, sync: true }),
  );
}
