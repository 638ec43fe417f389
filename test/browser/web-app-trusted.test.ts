/**
 * The web app on a server that runs trusted documents only (TRUSTED_DOCUMENTS), in Chromium: the
 * page says so, the app names every operation by its generated hash and sends no document text,
 * over HTTP and over the WebSocket, and the server, which trusts the documents of the app it
 * serves beside the operator's list, answers them. A text the list does not hold is still refused.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium, screenshots } from '../support/browser.ts';
import { useCurationServer } from '../support/curation.ts';
import { postGraphQL } from '../support/http.ts';
import { subscriptionsRegistered } from '../support/subscriptions.ts';

// The operator's list: the two operations this test sends itself, as text.
const seedQuery = `{ deployments(filter: { systems: ["THAAD"] }, first: 1) { nodes { id } } articles(first: 1) { nodes { id body } } country(isoCode: "CN") { id } }`;
const recordPosition = `mutation($input: PositionCreateInput!) { positionCreate(input: $input) { position { id } userErrors { field message } } }`;
const workDir = mkdtempSync(path.join(tmpdir(), 'stancegraph-web-trusted-'));
const manifest = path.join(workDir, 'persisted-documents.json');
writeFileSync(
  manifest,
  JSON.stringify(Object.fromEntries([seedQuery, recordPosition].map((text) => [`sha256:${createHash('sha256').update(text).digest('hex')}`, text]))),
);

const server = useCurationServer({ TRUSTED_DOCUMENTS: manifest });
let browser: Browser;

beforeAll(async () => {
  if (haveChromium) browser = await launchChromium();
}, 150_000);

afterAll(async () => {
  await browser?.close();
  rmSync(workDir, { recursive: true, force: true });
}, 60_000);

interface Sent {
  page: Page;
  /** The GraphQL requests' bodies (HTTP) and subscribe payloads (WebSocket) the page sent. */
  operations: Array<Record<string, any>>;
  errors: string[];
}

async function openPage(url: string): Promise<Sent> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const sent: Sent = { page, operations: [], errors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') sent.errors.push(message.text());
  });
  page.on('pageerror', (error) => sent.errors.push(error.message));
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') sent.operations.push(JSON.parse(request.postData() ?? '{}'));
  });
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { type: string; payload?: Record<string, any> };
      if (message.type === 'subscribe' && message.payload) sent.operations.push(message.payload);
    }),
  );
  await page.goto(url);
  return sent;
}

describe.skipIf(!haveChromium)('the web app on a server with trusted documents only, in Chromium', () => {
  it('refuses a text that neither list holds', async () => {
    const refused = await postGraphQL(server.url(), { query: '{ countries(first: 1) { nodes { id } } }' });
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0].extensions.code).toBe('QUERY_NOT_IN_SAFELIST');
  });

  it('shows a deployment and a position recorded meanwhile, sending hashes only', async () => {
    const data = await server.data('READER', seedQuery);
    const thaad = data.deployments.nodes[0];
    const article = data.articles.nodes[0];
    const { page, operations, errors } = await openPage(new URL(`/deployments/${thaad.id}`, server.url()).href);
    expect(await page.locator('meta[name="stancegraph-trusted-documents"]').count()).toBe(1);
    await page.locator('.timeline-mark').first().waitFor();
    const before = await page.locator('.timeline-mark').count();
    await subscriptionsRegistered(server.url(), 1);

    const quote = article.body.slice(article.body.indexOf('China and Russia'), article.body.indexOf('.', article.body.indexOf('China and Russia')) + 1);
    const created = await server.data('EDITOR', recordPosition, {
      input: {
        stance: 'CONCERN',
        summary: 'Recorded while the trusted page was open.',
        holderIds: [data.country.id],
        deploymentId: thaad.id,
        statedIn: '2016-08',
        evidence: [{ articleId: article.id, text: quote }],
      },
    });
    expect(created.positionCreate.userErrors).toEqual([]);
    await page.locator(`.timeline-mark[data-position-id="${created.positionCreate.position.id}"]`).waitFor({ timeout: 15_000 });
    expect(await page.locator('.timeline-mark').count()).toBe(before + 1);
    await page.screenshot({ path: path.join(screenshots, 'web-trusted-documents.png'), fullPage: true });

    // A query over HTTP and the subscription over the WebSocket, each named by its hash alone.
    expect(operations.length).toBeGreaterThanOrEqual(2);
    for (const operation of operations) {
      expect(operation.query ?? '', JSON.stringify(operation)).toBe('');
      expect(operation.extensions?.persistedQuery?.sha256Hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
