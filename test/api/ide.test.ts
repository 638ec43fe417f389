/**
 * A person opens /graphql in a browser on a machine without internet: the GraphQL IDE loads from
 * the server itself, with an example query that works.
 */
import { Kind, parse, print, type DocumentNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededServer } from '../support/api.ts';
import { graphql } from '../support/server.ts';
import { readSeed } from '../support/seed-data.ts';

const seed = readSeed();
const api = useSeededServer();

let page: { status: number; contentType: string; html: string };

beforeAll(async () => {
  const response = await fetch(api.url(), { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
  page = { status: response.status, contentType: response.headers.get('content-type') ?? '', html: await response.text() };
});

/** Every URL the page makes the browser load or link to: src and href attributes, and CSS url(). */
function referencedUrls(html: string): string[] {
  const attributes = [...html.matchAll(/\b(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  const cssUrls = [...html.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/gi)].map((m) => m[1]!);
  const imports = [...html.matchAll(/\bimport\s*(?:[^'"]*from\s*)?["']([^"']+)["']/g)].map((m) => m[1]!);
  return [...attributes, ...cssUrls, ...imports];
}

/** The GraphQL operations written in the page: JSON or JS string literals that parse as GraphQL. */
function embeddedOperations(html: string): DocumentNode[] {
  const literals = [...html.matchAll(/"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)].map((m) => m[0]);
  const operations: DocumentNode[] = [];
  for (const literal of literals) {
    let text: string;
    try {
      text = literal.startsWith('`') ? literal.slice(1, -1) : (JSON.parse(literal) as string);
    } catch {
      continue;
    }
    if (!/\b(query|\{)/.test(text)) continue;
    try {
      const document = parse(text);
      if (document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)) operations.push(document);
    } catch {
      // not GraphQL
    }
  }
  return operations;
}

describe('the GraphQL IDE at /graphql', () => {
  it('is an HTML page for a browser', () => {
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.html).toMatch(/<html/i);
    expect(page.html.toLowerCase()).toContain('graphiql');
  });

  it('loads nothing from another host: every src and href is a path on this server', () => {
    const urls = referencedUrls(page.html);
    expect(urls.length).toBeGreaterThan(0);
    const origin = new URL(api.url()).origin;
    for (const ref of urls) {
      expect(ref, `${ref} is protocol-relative`).not.toMatch(/^\/\//);
      const resolved = new URL(ref, api.url());
      expect(resolved.origin, `${ref} leaves the server`).toBe(origin);
    }
    expect(page.html).not.toMatch(/https?:\/\/(?!localhost|127\.0\.0\.1)[a-z0-9.-]+\.[a-z]{2,}\//i);
  });

  it('serves every script and stylesheet the page references, with a JavaScript or CSS content type', async () => {
    const scripts = [...page.html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!);
    const styles = [...page.html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']([^"']+)["'][^>]*>/gi)].filter((m) => /stylesheet/i.test(m[0])).map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    expect(styles.length).toBeGreaterThan(0);
    for (const [refs, type] of [
      [scripts, /^(text|application)\/javascript\b/],
      [styles, /^text\/css\b/],
    ] as const) {
      for (const ref of refs) {
        const response = await fetch(new URL(ref, api.url()));
        expect(response.status, ref).toBe(200);
        expect(response.headers.get('content-type'), ref).toMatch(type);
        expect((await response.arrayBuffer()).byteLength, ref).toBeGreaterThan(1000);
      }
    }
  });

  it('holds an example query that returns THAAD positions without errors', async () => {
    const operations = embeddedOperations(page.html);
    expect(operations.length, 'no GraphQL query found in the page').toBeGreaterThan(0);
    const example = operations.find((d) => /deployment|THAAD/i.test(print(d)))!;
    expect(example, 'no example query about deployments').toBeDefined();
    const result = await graphql(api.url(), print(example));
    expect(result.errors).toBeUndefined();
    expect(result.status).toBe(200);
    const json = JSON.stringify(result.data);
    expect(json).toContain('THAAD');
    // The example shows what was said about THAAD: every stance taken on it comes back.
    const thaad = seed.deployments.find((d) => d.system === 'THAAD')!;
    for (const stance of new Set(seed.positions.filter((p) => p.deployment === thaad.key).map((p) => p.stance))) {
      expect(json, `the example's answer lacks the ${stance} stance on THAAD`).toContain(`"${stance}"`);
    }
  });

  it('does not replace the API: a POST to /graphql still answers GraphQL', async () => {
    const result = await graphql(api.url(), '{ __typename }');
    expect(result).toMatchObject({ status: 200, data: { __typename: 'Query' } });
  });

  it('an unknown IDE file is a 404, not the page', async () => {
    const script = /<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/i.exec(page.html)![1]!;
    const response = await fetch(new URL('no-such-file.js', new URL(script, api.url())));
    expect(response.status).toBe(404);
  });
});
