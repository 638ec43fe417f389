/**
 * The web app's files as the server serves them (src/http/web-app.ts): index.html for the app's
 * routes (global IDs in the path), hashed assets with their content type and a year's caching,
 * nothing outside web/dist/, and the API's own paths as they were.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededServer } from '../support/api.ts';
import { projectRoot } from '../support/server.ts';

const api = useSeededServer();
const webDist = path.join(projectRoot, 'web/dist');
const origin = () => new URL(api.url()).origin;
/** A raw request: fetch would resolve `..` and `%2e%2e` itself before sending. */
const get = (pathname: string, method = 'GET') => {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(`${origin()}/`, { method, path: pathname }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
};

beforeAll(() => {
  // npm ci builds the app (postinstall); a checkout where it was not builds it here.
  if (!existsSync(path.join(webDist, 'index.html'))) execFileSync('npm', ['run', '-s', 'web:build'], { cwd: projectRoot, stdio: 'inherit' });
}, 120_000);

describe('the web app', () => {
  it.each([
    '/',
    '/deployments/RGVwbG95bWVudDox',
    '/positions/UG9zaXRpb246MQ%3D%3D',
    '/articles/QXJ0aWNsZTox',
    '/actors/x',
    '/officials/x',
    '/search?q=THAAD',
    '/review',
  ])('%s is answered with the app, never cached', async (pathname) => {
    const response = await get(pathname);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<div id="root">');
    // This server sends operation texts: the page does not ask for hashes.
    expect(response.body).not.toContain('stancegraph-trusted-documents');
  });

  it("keeps the build's list of the app's documents to itself", async () => {
    expect(existsSync(path.join(webDist, 'persisted-documents.json'))).toBe(true);
    expect((await get('/persisted-documents.json')).status).toBe(404);
    expect((await get('/assets/../persisted-documents.json')).status).toBe(404);
  });

  it('its hashed assets have their content type and are cached for a year; HEAD sends no body', async () => {
    const assets = readdirSync(path.join(webDist, 'assets'));
    for (const [extension, type] of [
      ['.js', 'text/javascript; charset=utf-8'],
      ['.css', 'text/css; charset=utf-8'],
    ] as const) {
      const name = assets.find((asset) => asset.endsWith(extension))!;
      const response = await get(`/assets/${name}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe(type);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const head = await get(`/assets/${name}`, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.body).toBe('');
    }
  });

  it.each([
    '/assets/../../package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/%2e%2e/index.html',
    '/assets/nothing.js',
    '/assets/%E0%A4%A',
  ])('%s is not served', async (pathname) => {
    const response = await get(pathname);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('"name": "stancegraph"');
  });

  it("the API's paths are as they were: /graphql, the probes, and a 404 elsewhere", async () => {
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(200);
    const unknown = await get('/deployments');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).errors[0].message).toMatch(/GraphQL endpoint is \/graphql/);
    const answer = await fetch(api.url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await answer.json()).toMatchObject({ data: { __typename: 'Query' } });
  });
});
