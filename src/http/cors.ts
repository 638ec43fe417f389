import type { IncomingMessage, ServerResponse } from 'node:http';

/** Response headers a page on another origin may read. */
const exposedHeaders = 'x-request-id, retry-after';
const allowedMethods = 'GET, POST, OPTIONS';
const preflightMaxAgeSeconds = 600;

/**
 * Cross-origin access for front ends served elsewhere (CORS_ORIGINS). Same-origin pages, such as
 * the IDE, need none of it. An origin not listed gets no CORS header, so the browser keeps the
 * answer from the page; CSRF prevention (Apollo's) stops the simple requests a page could still
 * send.
 */
export class CorsPolicy {
  private readonly anyOrigin: boolean;
  private readonly origins: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.anyOrigin = origins.includes('*');
    this.origins = new Set(origins.filter((origin) => origin !== '*'));
  }

  allows(origin: string): boolean {
    return this.anyOrigin || this.origins.has(origin);
  }

  /**
   * Adds the CORS headers a request needs. Returns true when it answered the request itself (a
   * preflight), false when the request goes on to be served.
   */
  handle(request: IncomingMessage, response: ServerResponse): boolean {
    const origin = request.headers.origin;
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    response.appendHeader('vary', 'Origin');
    if (!origin) {
      if (!preflight) return false;
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('a CORS preflight needs an Origin header\n');
      return true;
    }
    const allowed = this.allows(origin);
    if (allowed) {
      response.setHeader('access-control-allow-origin', this.anyOrigin ? '*' : origin);
      response.setHeader('access-control-expose-headers', exposedHeaders);
    }
    if (!preflight) return false;
    if (!allowed) {
      response
        .writeHead(403, { 'content-type': 'text/plain; charset=utf-8' })
        .end(`origin ${origin} may not call this API; the operator lists allowed origins in CORS_ORIGINS\n`);
      return true;
    }
    response.appendHeader('vary', 'Access-Control-Request-Headers');
    const requestedHeaders = request.headers['access-control-request-headers'];
    response.writeHead(204, {
      'access-control-allow-methods': allowedMethods,
      ...(requestedHeaders ? { 'access-control-allow-headers': requestedHeaders } : {}),
      'access-control-max-age': String(preflightMaxAgeSeconds),
      'content-length': '0',
    });
    response.end();
    return true;
  }
}
