/**
 * The web app in a real browser (Debian's Chromium through playwright-core, launched as the IDE's
 * browser test does), served by the app started in the test process on a clean copy of the seeded
 * database: each page renders the seed's data, search finds "Seongju", a position recorded through
 * the API appears on an open deployment page and is highlighted in an open article, and one recorded by selecting a sentence of the
 * article is then returned by the API, as is one recorded with the keyboard alone (a sentence
 * chosen with the arrow keys and Enter, the form filled by typing). No page logs a console error.
 * Screenshots go to test-results/, and the first render of the deployment page (navigation start
 * to the timeline's marks in the DOM) and the bundle's gzip size are printed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { haveChromium, screenshots, tabTo, useWebAppBrowser, webDist } from '../support/browser.ts';
import { useCurationServer } from '../support/curation.ts';
import { subscriptionsRegistered } from '../support/subscriptions.ts';

const server = useCurationServer();
const { origin, openPage } = useWebAppBrowser(server);

/** The text of the focused element, and its role. */
const focused = (page: Page) =>
  page.evaluate<{ role: string | null; text: string | null }>(
    `({ role: document.activeElement.getAttribute('role'), text: document.activeElement.textContent })`,
  );

const thaadQuery = `{
  deployments(filter: { systems: ["THAAD"] }, first: 1) {
    nodes { id name positions(first: 100) { nodes { id stance statedIn summary evidence { text } } } }
  }
  articles(first: 1) { nodes { id body positions(first: 100) { nodes { id evidence { start end article { id } } } } } }
  country(isoCode: "CN") { id name }
}`;

async function seed() {
  const data = await server.data('READER', thaadQuery);
  const thaad = data.deployments.nodes[0];
  const article = data.articles.nodes[0];
  return { thaad, article, china: data.country, dated: thaad.positions.nodes.filter((p: { statedIn: string | null }) => p.statedIn) };
}

/** Records a position through the API with an EDITOR key, as another editor would; its ID. */
async function recordPosition(input: Record<string, unknown>): Promise<string> {
  const created = await server.data(
    'EDITOR',
    `mutation($input: PositionCreateInput!) { positionCreate(input: $input) { position { id } userErrors { field message } } }`,
    { input },
  );
  expect(created.positionCreate.userErrors).toEqual([]);
  return created.positionCreate.position.id;
}

describe.skipIf(!haveChromium)('the web app, in Chromium', () => {
  it('the home page links to the deployment, whose timeline has one mark per dated statement', async () => {
    const { thaad, dated } = await seed();
    expect(dated.length).toBeGreaterThan(0);
    const page = await openPage();
    await page.goto(`${origin()}/`);
    await page.getByRole('link', { name: thaad.name }).click();
    await page.waitForURL(`**/deployments/${thaad.id}`);
    await page.locator('.timeline-mark').first().waitFor();
    expect(await page.locator('.timeline-mark').count()).toBe(dated.length);
    // Positions grouped by holder, and the status history.
    for (const position of thaad.positions.nodes) await expect(page.getByRole('link', { name: position.summary }).count()).resolves.toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Status history' }).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'web-deployment.png'), fullPage: true });

    // The first render, from a fresh page: navigation start to the marks in the DOM.
    const fresh = await openPage();
    await fresh.goto(`${origin()}/deployments/${thaad.id}`);
    await fresh.locator('.timeline-mark').first().waitFor();
    const firstRenderMs = await fresh.evaluate('performance.now()');
    const bundle = readdirSync(path.join(webDist, 'assets')).map((name) => readFileSync(path.join(webDist, 'assets', name)));
    const gzipBytes = bundle.reduce((sum, file) => sum + gzipSync(file).length, 0);
    console.log(`web app: first render of the deployment page ${Math.round(Number(firstRenderMs))} ms; bundle ${Math.round(gzipBytes / 1024)} KiB gzip`);
    await fresh.close();
    await page.close();
  }, 90_000);

  it('the filters narrow the timeline with the API: by stance, and by a date range', async () => {
    const { thaad } = await seed();
    const opposed = await server.data(
      'READER',
      `query($id: ID!) { node(id: $id) { ... on Deployment { positions(filter: { stances: [OPPOSE] }, first: 100) { nodes { statedIn } } } } }`,
      { id: thaad.id },
    );
    const page = await openPage();
    await page.goto(`${origin()}/deployments/${thaad.id}`);
    await page.locator('.timeline-mark').first().waitFor();
    await page.locator('select[name=stance]').selectOption('OPPOSE');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/stance=OPPOSE/);
    await expect.poll(() => page.locator('.positions li').count()).toBe(opposed.node.positions.nodes.length);
    expect(await page.locator('.timeline-mark').count()).toBe(opposed.node.positions.nodes.filter((p: { statedIn: string | null }) => p.statedIn).length);
    await page.goto(`${origin()}/deployments/${thaad.id}?from=2017-01-01`);
    await page.getByText('No dated statement').waitFor();
    await page.close();
  }, 60_000);

  it('a mark, reached with the keyboard, opens its position: the quote highlighted in its paragraph, speakers, holders, articles', async () => {
    const { thaad } = await seed();
    const page = await openPage();
    await page.goto(`${origin()}/deployments/${thaad.id}`);
    const mark = page.locator('.timeline-mark').first();
    const positionId = await mark.getAttribute('data-position-id');
    await mark.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/positions/${encodeURIComponent(positionId!)}`);
    const position = thaad.positions.nodes.find((p: { id: string }) => p.id === positionId);
    await expect.poll(() => page.locator('.evidence mark').first().textContent()).toBe(position.evidence[0].text);
    await page.getByRole('heading', { name: /Reported by/ }).waitFor();
    await page.getByRole('link', { name: 'Kong Xuanyou' }).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'web-position.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('the article highlights every evidence span, each linking to its position', async () => {
    const { article } = await seed();
    const evidence = article.positions.nodes.flatMap((p: any) =>
      p.evidence.filter((e: any) => e.article.id === article.id).map((e: any) => ({ ...e, position: p.id })),
    );
    const page = await openPage();
    await page.goto(`${origin()}/articles/${article.id}`);
    await page.locator('.article-body mark a').first().waitFor();
    // Every distinct span marked (two positions may quote the same sentence; one may quote a clause of another's), a link to each position.
    const marked = await page.locator('.article-body mark').evaluateAll((marks) => marks.map((mark) => mark.getAttribute('data-evidence-id')));
    expect(new Set(marked).size).toBe(new Set(evidence.map((e: any) => `${e.start}:${e.end}`)).size);
    const linked = await page.locator('.article-body mark a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(new Set(linked)).toEqual(new Set(evidence.map((e: any) => `/positions/${encodeURIComponent(e.position)}`)));
    // The body is shown verbatim (the offsets of a selection are counted in it): all but the extra links of a shared span.
    expect(
      await page.locator('.article-body').evaluate((body) => {
        const copy = body.cloneNode(true);
        for (const extra of copy.querySelectorAll('sup')) extra.remove();
        return copy.textContent;
      }),
    ).toBe(article.body);
    await page.screenshot({ path: path.join(screenshots, 'web-article.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it("a country's matrix shows stanceSummary's counts, by deployment; an official's page too", async () => {
    const { china } = await seed();
    const summary = await server.data(
      'READER',
      `query($id: ID!) { node(id: $id) { ... on Actor { stanceSummary { byDeployment(first: 50) { deployment { name } byStance { stance count } totalCount } } } } }`,
      { id: china.id },
    );
    const page = await openPage();
    await page.goto(`${origin()}/actors/${china.id}`);
    const table = page.locator('table.matrix').first();
    await table.waitFor();
    for (const row of summary.node.stanceSummary.byDeployment) {
      const cells = table.locator('tr', { hasText: row.deployment.name });
      for (const { stance, count } of row.byStance) expect(await cells.locator(`td[data-stance="${stance}"]`).getAttribute('data-count')).toBe(String(count));
      expect(await cells.locator('td[data-total]').textContent()).toBe(String(row.totalCount));
    }
    await page.screenshot({ path: path.join(screenshots, 'web-actor.png'), fullPage: true });
    // An official's page is the same, from the official's own stanceSummary.
    const official = await server.data('READER', `{ officials(filter: { name: "Kong" }, first: 1) { nodes { id stanceSummary { totalCount } } } }`);
    const kong = official.officials.nodes[0];
    await page.goto(`${origin()}/officials/${kong.id}`);
    await page.getByRole('heading', { name: 'Kong Xuanyou' }).waitFor();
    await page.getByText(`(${kong.stanceSummary.totalCount} positions in all)`).waitFor();
    expect(await page.locator('.timeline-mark').count()).toBeGreaterThan(0);
    await page.close();
  }, 60_000);

  it('search finds "Seongju", with the highlighted snippets', async () => {
    const page = await openPage(390);
    await page.goto(`${origin()}/`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('Seongju');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=Seongju/);
    await page.locator('.snippet mark').first().waitFor();
    expect(await page.locator('.snippet mark').first().textContent()).toBe('Seongju');
    await page.getByRole('link', { name: 'THAAD battery in Seongju', exact: true }).first().waitFor();
    // A phone's width: nothing wider than the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(screenshots, 'web-search-phone.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('a position recorded through the API appears on the open deployment page, without a reload', async () => {
    const { thaad, article, china } = await seed();
    const page = await openPage();
    await page.goto(`${origin()}/deployments/${thaad.id}`);
    await page.locator('.timeline-mark').first().waitFor();
    const before = await page.locator('.timeline-mark').count();
    // The page's subscription is registered (/readyz counts them) before the position is recorded.
    await subscriptionsRegistered(origin(), 1);
    const quote = article.body.slice(article.body.indexOf('China and Russia'), article.body.indexOf('.', article.body.indexOf('China and Russia')) + 1);
    const id = await recordPosition({
      stance: 'CONCERN',
      summary: 'Recorded while the page was open (a live update).',
      holderIds: [china.id],
      deploymentId: thaad.id,
      statedIn: '2016-08',
      evidence: [{ articleId: article.id, text: quote }],
    });
    await page.locator(`.timeline-mark[data-position-id="${id}"]`).waitFor({ timeout: 15_000 });
    expect(await page.locator('.timeline-mark').count()).toBe(before + 1);
    await page.getByRole('link', { name: 'Recorded while the page was open (a live update).', exact: true }).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'web-live.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('a position recorded through the API with evidence in an open article is highlighted there, without a reload', async () => {
    const { thaad, article, china } = await seed();
    const page = await openPage();
    await page.goto(`${origin()}/articles/${article.id}`);
    await page.locator('.article-body mark').first().waitFor();
    await subscriptionsRegistered(origin(), 1);
    const lastLine = article.body.trimEnd().split('\n').pop()!;
    const id = await recordPosition({
      stance: 'CONCERN',
      summary: 'Recorded while the article was open (a live update).',
      holderIds: [china.id],
      deploymentId: thaad.id,
      statedIn: '2016-09-01',
      evidence: [{ articleId: article.id, text: lastLine }],
    });
    await page.locator(`.article-body mark a[href="/positions/${encodeURIComponent(id)}"]`).waitFor({ timeout: 15_000 });
    await page.close();
  }, 60_000);

  it('curation by selection: with an editor key, a selected sentence becomes a position the API returns', async () => {
    const { thaad, article } = await seed();
    const page = await openPage();
    await page.goto(`${origin()}/articles/${article.id}`);
    await page.getByLabel('Editor key').fill(server.keys.EDITOR);
    await page.getByRole('button', { name: 'Use' }).click();
    await page.getByText('Select a sentence').waitFor();
    // Select a sentence of the body outside the highlighted evidence, as a mouse drag would.
    const selected = await page.evaluate<string | null>(`(() => {
      const body = document.querySelector('.article-body');
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('mark')) continue;
        const text = node.textContent;
        const start = text.search(/[A-Z]/);
        const end = text.indexOf('.', start + 20);
        if (start < 0 || end < 0) continue;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end + 1);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return range.toString();
      }
      return null;
    })()`);
    expect(selected).toBeTruthy();
    const form = page.getByRole('form', { name: 'Record a position' });
    await form.waitFor();
    // Without a holder, the API's userError is shown next to the field.
    await form.getByLabel('Summary').fill('Selected in the article and recorded in the web app.');
    // A click in the body that selects nothing keeps the form and what was typed.
    await page.evaluate(
      `getSelection().removeAllRanges(); document.querySelector('.article-body').dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))`,
    );
    expect(await form.getByLabel('Summary').inputValue()).toBe('Selected in the article and recorded in the web app.');
    await form.getByRole('button', { name: 'Record position' }).click();
    await form.locator('.field-error').first().waitFor();
    await page.screenshot({ path: path.join(screenshots, 'web-curation-errors.png'), fullPage: true });

    await form.locator('select[name=stance]').selectOption('URGE');
    await form.getByLabel('Holders').selectOption({ label: 'China' });
    await form.getByLabel('Deployment').selectOption({ label: thaad.name });
    await form.getByLabel(/Date/).fill('2016-07-29');
    await form.getByRole('button', { name: 'Record position' }).click();
    await page.getByRole('status').getByRole('link', { name: 'the new position' }).waitFor();
    const href = await page.getByRole('status').getByRole('link', { name: 'the new position' }).getAttribute('href');
    const id = decodeURIComponent(href!.split('/').pop()!);
    const stored = await server.data(
      'READER',
      `query($id: ID!) { node(id: $id) { ... on Position { summary statedIn holders { name } evidence { text article { id } } } } }`,
      { id },
    );
    expect(stored.node).toMatchObject({
      summary: 'Selected in the article and recorded in the web app.',
      statedIn: '2016-07-29',
      holders: [{ name: 'China' }],
      evidence: [{ text: selected, article: { id: article.id } }],
    });
    // And it is on its deployment's timeline.
    await page.getByRole('status').getByRole('link', { name: thaad.name }).click();
    await page.locator(`.timeline-mark[data-position-id="${id}"]`).waitFor();
    await page.close();
  }, 90_000);

  it('curation with the keyboard alone: a sentence chosen with the arrow keys and Enter becomes a position the API returns', async () => {
    const { thaad, article } = await seed();
    // The article's third line is one sentence, the fourth of the list (the first line is two).
    const sentence: string = article.body.split('\n')[2];
    const start = article.body.indexOf(sentence);
    // A phone's width: the list and the form below it stay readable.
    const page = await openPage(390);
    await page.goto(`${origin()}/articles/${article.id}`);
    await tabTo(page, page.getByLabel('Editor key'));
    await page.keyboard.type(server.keys.EDITOR);
    await page.keyboard.press('Enter');
    const choose = page.getByRole('button', { name: 'Choose a sentence as evidence' });
    await tabTo(page, choose);
    await page.keyboard.press('Enter');
    const list = page.getByRole('listbox', { name: 'Sentences of the article' });
    await list.waitFor();
    expect(await focused(page)).toEqual({ role: 'option', text: article.body.slice(0, article.body.indexOf('(Xinhua') - 1) });
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp']) await page.keyboard.press(key);
    expect(await focused(page)).toEqual({ role: 'option', text: sentence });
    expect(await list.getByRole('option', { selected: true }).textContent()).toBe(sentence);
    // Still the body verbatim, the option where the sentence is in it (the offsets of a mouse selection are counted in it).
    expect(await list.textContent()).toBe(article.body);
    expect(
      await list.evaluate((body) => {
        const before = body.ownerDocument.createRange();
        before.setStart(body, 0);
        before.setEndBefore(body.ownerDocument.activeElement);
        return before.toString().length;
      }),
    ).toBe(start);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(screenshots, 'web-curation-keyboard-phone.png'), fullPage: true });

    // Enter picks it: the form opens with the focus, and is filled by typing (a select's type-ahead picks its option).
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Record a position' });
    await form.waitFor();
    expect(await focused(page)).toMatchObject({ text: 'Record a position' });
    expect(await page.locator('.selected-evidence').textContent()).toBe(sentence);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Concern');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Chosen with the keyboard and recorded in the web app.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('China');
    await page.keyboard.press('Tab'); // speakers: none
    await page.keyboard.press('Tab');
    await page.keyboard.type('THAAD');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2016-07-30');
    await page.keyboard.press('Enter');
    const status = page.getByRole('status');
    await status.getByRole('link', { name: 'the new position' }).waitFor();
    // The result has the focus the gone submit button had.
    expect(await status.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    const href = await status.getByRole('link', { name: 'the new position' }).getAttribute('href');
    const id = decodeURIComponent(href!.split('/').pop()!);
    const stored = await server.data(
      'READER',
      `query($id: ID!) { node(id: $id) { ... on Position { stance summary statedIn holders { name } deployments { id } evidence { start end text article { id } } } } }`,
      { id },
    );
    expect(stored.node).toEqual({
      stance: 'CONCERN',
      summary: 'Chosen with the keyboard and recorded in the web app.',
      statedIn: '2016-07-30',
      holders: [{ name: 'China' }],
      deployments: [{ id: thaad.id }],
      evidence: [{ start, end: start + sentence.length, text: sentence, article: { id: article.id } }],
    });

    // Done returns the focus to the sentence; Escape leaves the list for the links, one of them to the new position.
    await tabTo(page, page.getByRole('button', { name: 'Done' }));
    await page.keyboard.press('Enter');
    expect(await focused(page)).toEqual({ role: 'option', text: sentence });
    await page.keyboard.press('Escape');
    expect(await choose.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    expect(await choose.getAttribute('aria-pressed')).toBe('false');
    await page.locator(`.article-body mark a[href="${href}"]`).waitFor();
    await page.close();
  }, 90_000);
});
