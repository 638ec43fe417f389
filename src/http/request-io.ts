/**
 * What the HTTP server reads and writes per request, apart from GraphQL: the body (bounded), the
 * answers it gives itself (errors, JSON), Apollo's answer, and the request's log line.
 */
import type { HTTPGraphQLResponse } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ideAssetPrefix } from './graphiql.ts';
import { livenessPath, readinessPath } from './health.ts';
import type { RequestScope } from './request-scope.ts';

/** Request bodies larger than this get 413. */
export const maxBodyBytes = 1024 * 1024;

/** A request the endpoint refuses before GraphQL sees it; `code` goes to `extensions.code`. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const tooLarge = () => new RequestError(413, 'REQUEST_TOO_LARGE', `The request body is larger than ${maxBodyBytes} bytes.`, { connection: 'close' });
  if (Number(request.headers['content-length'] ?? 0) > maxBodyBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseBody(request: IncomingMessage, text: string): unknown {
  const contentType = request.headers['content-type'] ?? '';
  if (text === '') return undefined;
  if (/^application\/(graphql-response\+)?json\b/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      throw new RequestError(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
    }
  }
  return text;
}

/** The media type of a GraphQL response: the spec's own when the client accepts it, else plain JSON. */
export function responseMediaType(request: IncomingMessage): string {
  return /application\/graphql-response\+json/i.test(request.headers.accept ?? '')
    ? 'application/graphql-response+json; charset=utf-8'
    : 'application/json; charset=utf-8';
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json; charset=utf-8',
): void {
  if (response.headersSent) return void response.destroy();
  response.writeHead(status, { ...headers, 'content-type': contentType });
  response.end(JSON.stringify(body));
}

/** Per-request log line: at info, except for probes and the IDE's files (debug). */
export function logRequest(scope: RequestScope, request: IncomingMessage, response: ServerResponse, path: string, startedAt: number): void {
  const quiet = path === livenessPath || path === readinessPath || path.startsWith(ideAssetPrefix);
  const fields = {
    reqId: scope.id,
    method: request.method,
    path,
    status: response.statusCode,
    durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
    ...(scope.operationName || scope.operationType ? { operationName: scope.operationName, operationType: scope.operationType } : {}),
    ...(scope.cost ? { cost: scope.cost } : {}),
    ...(scope.sql ? { sqlStatements: scope.sql.statements } : {}),
    ...(scope.errorCodes.size > 0 ? { errors: [...scope.errorCodes] } : {}),
    ...(scope.timedOut ? { timedOut: true } : {}),
    ...(response.writableFinished ? {} : { aborted: true }),
  };
  if (quiet) scope.log.debug(fields, 'request');
  else scope.log.info(fields, 'request');
}

/** Sends Apollo's answer; one Apollo gave before any plugin ran gets `extensions.cost` too, as every answer has. */
export async function writeResult(response: ServerResponse, result: HTTPGraphQLResponse, scope: RequestScope, costLimit: object): Promise<void> {
  for (const [name, value] of result.headers) response.setHeader(name, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    let text = result.body.string;
    // Apollo answers some mistakes (CSRF, a malformed request) before any plugin runs.
    if (scope.cost === null && /json/.test(String(response.getHeader('content-type') ?? ''))) {
      try {
        const parsed = JSON.parse(text) as { extensions?: Record<string, unknown> };
        text = JSON.stringify({ ...parsed, extensions: { ...parsed.extensions, cost: costLimit } });
      } catch {
        // not JSON after all: send as is
      }
    }
    response.end(text);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}
