import { pino, type DestinationStream, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { LogFormat, LogLevel } from './config.ts';

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
 * A log line as a person reads it on a terminal (LOG_FORMAT=pretty): time, level and message,
 * then the fields, one per line; written in the process (no worker thread), synchronously.
 */
function prettyStdout(): DestinationStream {
  return PinoPretty({
    destination: 1,
    sync: true,
    colorize: process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'service,pid,hostname',
    singleLine: false,
  });
}

/**
 * The process's structured log: one JSON object per line on stdout (pino), with `msg` in words
 * and the facts as fields, so that lines can be searched by request id, operation, status…; with
 * `format` pretty (and no `destination`), lines for a terminal instead.
 *
 * JSON lines are written asynchronously: a line per request written synchronously held the event
 * loop for a system call each (the filtered page of the benchmark answered 3–6 % fewer requests per
 * second, docs/benchmarks.md); lines logged meanwhile go out together in the next write. pino
 * writes what is left synchronously when the process exits, so a fatal error's line is not lost.
 */
export function createLogger(level: LogLevel = 'info', destination?: DestinationStream, format: LogFormat = 'json'): Logger {
  return pino(
    {
      level,
      base: { service: 'stancegraph' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactedPaths, censor: '[redacted]' },
    },
    destination ?? (format === 'pretty' ? prettyStdout() : pino.destination({ fd: 1, sync: false })),
  );
}
