import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { projectRoot } from '../project-root.ts';

/** Where `npm run web:build` (run on install) writes the web app: web/dist/. */
export const webAppDir = path.join(projectRoot, 'web', 'dist');

/** The app's operations by hash, from its build (web/vite.config.ts); not served. */
export const webAppDocumentsFile = path.join(webAppDir, 'persisted-documents.json');

/**
 * Tells the page that this server runs trusted documents only, so that the app names its
 * operations by hash (web/src/apollo-client.ts) instead of sending their text.
 */
const trustedDocumentsMark = '<meta name="stancegraph-trusted-documents" content="only" />';

/**
 * The web app's own routes (client-side, with global IDs: `/deployments/<id>`): each is answered
 * with index.html, and the app renders the page. Any other path keeps the API's 404, so that a
 * mistyped API path is not answered with a page.
 */
const appRoutes = /^\/(?:|deployments\/[^/]+|positions\/[^/]+|articles\/[^/]+|actors\/[^/]+|officials\/[^/]+|search|review)$/;

/** Vite puts every built file but index.html under /assets/, with a hash of its content in its name. */
const hashedAssetPrefix = '/assets/';

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** `name` inside `dir`, or null for a name that would leave it (`..`, an absolute path, a NUL). */
function fileWithin(dir: string, name: string): string | null {
  if (name.includes('\0')) return null;
  const file = path.resolve(dir, name);
  return file.startsWith(dir) ? file : null; // `dir` ends with a separator: a sibling such as dist-old/ is not within
}

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch {
    return null;
  }
}

/**
 * Serves the web app (GET and HEAD): its hashed assets, cached for a year since a new build
 * gives them new names, and index.html for the app's routes, never cached, so that a new build's
 * page (naming the new assets) is fetched at once. Returns false for a path that is not the app's.
 */
export async function serveWebApp(
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  { trustedDocumentsOnly }: { trustedDocumentsOnly: boolean },
): Promise<boolean> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  let file: string | null = null;
  let cacheControl = 'no-cache';
  if (pathname.startsWith(hashedAssetPrefix)) {
    let name: string;
    try {
      name = decodeURIComponent(pathname.slice(1));
    } catch {
      return false; // a malformed escape names no file
    }
    file = fileWithin(webAppDir, name);
    cacheControl = 'public, max-age=31536000, immutable';
  } else if (appRoutes.test(pathname)) {
    file = path.join(webAppDir, 'index.html');
  } else {
    return false;
  }
  let body = file ? await readOrNull(file) : null;
  if (body && trustedDocumentsOnly && !pathname.startsWith(hashedAssetPrefix))
    body = Buffer.from(body.toString('utf8').replace('</head>', `${trustedDocumentsMark}</head>`));
  if (!file || !body) {
    const missingApp = !pathname.startsWith(hashedAssetPrefix);
    response.writeHead(missingApp ? 503 : 404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end(missingApp ? 'The web app is not built: run npm run web:build.\n' : 'not found\n');
    return true;
  }
  response.writeHead(200, {
    'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
  return true;
}
