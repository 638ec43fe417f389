/**
 * In a real browser (Debian's Chromium, driven by playwright-core; no browser download): the IDE
 * at /graphql loads from the server alone, runs its preloaded example and shows what Kong Xuanyou
 * said; and a front end served from another origin queries the API when CORS_ORIGINS lists that
 * origin, and cannot when it does not. Screenshots go to test-results/.
 */
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium, screenshots } from '../support/browser.ts';
import type { TestDatabase } from '../support/database.ts';
import { leaseTestDatabase } from '../support/leased-database.ts';
import { startTestApp, type TestApp } from '../support/in-process.ts';

/** The page's globals the code run in the browser uses (this project compiles without the DOM library). */
declare const document: {
  querySelectorAll(selector: string): ArrayLike<{ CodeMirror?: { getValue(): string; setValue(value: string): void } }>;
  getElementById(id: string): { textContent: string | null } | null;
};

/** A page of a front end on another origin: a blank HTML page served on its own port. */
async function startFrontEnd(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html><head><title>a front end</title></head><body><h1>A front end on another origin</h1><pre id="out"></pre></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

let browser: Browser;
let api: TestApp;
let database: TestDatabase;
let allowedFrontEnd: Awaited<ReturnType<typeof startFrontEnd>>;
let otherFrontEnd: Awaited<ReturnType<typeof startFrontEnd>>;

beforeAll(async () => {
  if (!haveChromium) return;
  allowedFrontEnd = await startFrontEnd();
  otherFrontEnd = await startFrontEnd();
  database = await leaseTestDatabase();
  api = await startTestApp(database, { CORS_ORIGINS: allowedFrontEnd.origin });
  browser = await launchChromium();
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await database?.dispose();
  for (const frontEnd of [allowedFrontEnd, otherFrontEnd]) frontEnd?.server.close();
}, 60_000);

/** A page for the IDE, noting every request to another host and every uncaught error. */
async function openIdePage() {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const offsite: string[] = [];
  page.on('request', (req) => {
    if (new URL(req.url()).origin !== new URL(api.url).origin) offsite.push(req.url());
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, offsite, pageErrors };
}

describe.skipIf(!haveChromium)('in Chromium', () => {
  it('the IDE runs its example query and shows what Kong Xuanyou said', async () => {
    const { page, offsite, pageErrors } = await openIdePage();

    await page.goto(api.url);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ timeout: 30_000 });
    await run.click();
    // The answer is in the result editor (CodeMirror renders only the lines in view: ask it for all).
    const answer = await page.waitForFunction(
      () => {
        const editors = Array.from(document.querySelectorAll('.graphiql-response .CodeMirror'));
        const text = editors.map((e) => e.CodeMirror?.getValue() ?? '').join('\n');
        return text.includes('"data"') ? text : false;
      },
      undefined,
      { timeout: 30_000 },
    );
    const text = (await answer.jsonValue()) as string;
    expect(text).toContain('Kong Xuanyou');
    expect(text).toContain('THAAD');
    expect(JSON.parse(text).errors).toBeUndefined();
    // And a person sees it: the name is on screen, in the answer pane.
    await page.locator('.graphiql-response').getByText('Kong Xuanyou').first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.screenshot({ path: path.join(screenshots, 'ide.png') });
    expect(offsite, 'the IDE contacted another host').toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 90_000);

  it('the IDE has the explorer, and keeps the headers across reloads once "Persist headers" is turned on', async () => {
    const { page, offsite, pageErrors } = await openIdePage();
    const headersEditor = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror';
    const readHeaders = async () => {
      await page.getByRole('button', { name: 'Headers' }).click();
      await page.locator(headersEditor).waitFor({ timeout: 10_000 });
      return page.evaluate((selector) => Array.from(document.querySelectorAll(selector)).map((e) => e.CodeMirror?.getValue() ?? ''), headersEditor);
    };
    const writeHeaders = async (value: string) => {
      await readHeaders();
      await page.evaluate(([selector, text]) => Array.from(document.querySelectorAll(selector)).forEach((e) => e.CodeMirror?.setValue(text)), [
        headersEditor,
        value,
      ] as const);
    };
    const headers = '{ "Authorization": "Bearer sgk_kept" }';

    await page.goto(api.url);
    // The explorer: a query builder over the schema, served by the server like the rest.
    await page.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
    await page.locator('.graphiql-explorer-root').getByText('deployments', { exact: true }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.screenshot({ path: path.join(screenshots, 'ide-explorer.png') });

    // Off by default: a reload forgets the headers.
    await writeHeaders(headers);
    await page.waitForTimeout(600); // GraphiQL stores edits after a short debounce
    await page.reload();
    expect((await readHeaders()).join('')).not.toContain('sgk_kept');

    // Turned on in the settings: a reload keeps them.
    await page.getByRole('button', { name: 'Open settings dialog' }).click();
    await page.locator('#enable-persist-headers').click();
    await page.keyboard.press('Escape');
    await writeHeaders(headers);
    await page.waitForTimeout(600);
    await page.reload();
    expect((await readHeaders()).join('')).toContain('sgk_kept');

    expect(offsite, 'the IDE contacted another host').toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 90_000);

  it('a front end on an origin listed in CORS_ORIGINS queries the API; one on another origin cannot', async () => {
    const query = '{ country(isoCode: "CN") { officials(first: 5) { nodes { name title } } } }';
    // Runs in the page: the browser applies CORS to it as to any front end's code.
    const callApi = ([url, payload]: readonly [string, string]) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload }).then(
        async (response) => ({ ok: true, status: response.status, requestId: response.headers.get('x-request-id'), body: await response.text() }),
        (error: Error) => ({ ok: false, status: 0, requestId: null as string | null, body: String(error) }),
      );
    const body = JSON.stringify({ query });

    const page = await browser.newPage();
    await page.goto(allowedFrontEnd.origin);
    const allowed = await page.evaluate(callApi, [api.url, body] as const);
    expect(allowed.ok, allowed.body).toBe(true);
    expect(allowed.status).toBe(200);
    expect(allowed.body).toContain('Kong Xuanyou');
    expect(allowed.requestId, 'x-request-id is exposed to the page').toBeTruthy();
    await page.evaluate((text) => (document.getElementById('out')!.textContent = text), allowed.body);
    await page.screenshot({ path: path.join(screenshots, 'cross-origin-front-end.png') });

    await page.goto(otherFrontEnd.origin);
    const refused = await page.evaluate(callApi, [api.url, body] as const);
    expect(refused.ok, 'a page of an origin not listed read the answer').toBe(false);
    expect(refused.body).toMatch(/Failed to fetch/);
    await page.close();
  }, 90_000);
});
