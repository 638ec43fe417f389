/**
 * The web app's review queue in a real browser (Chromium, as test/browser/web-app.test.ts runs
 * it), at a phone's width: an extracted document imported through the API puts two proposals in
 * the queue, reached from the header's link, each with its confidence and its evidence highlighted;
 * without an editor key there are no buttons. With one (typed in the header's field), a stale
 * version is refused with VERSION_CONFLICT, shown on the proposal until the queue is read again;
 * then one proposal is accepted with the keyboard and the other rejected with a click, the queue
 * is empty, and the API lists the accepted one but not the rejected one. A longer queue is paged
 * with "More proposals". No page logs a console error; screenshots go to test-results/.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { haveChromium, screenshots, tabTo, useWebAppBrowser } from '../support/browser.ts';
import { expectOk, useCurationServer, userErrorFields } from '../support/curation.ts';
import { chinaAndRussiaOnThaadProposals } from '../support/import-documents.ts';

const server = useCurationServer();
const { origin, openPage } = useWebAppBrowser(server);

const body =
  'SEOUL, March 3 (Wire) -- Officials met in Seoul on Friday. China firmly opposes the deployment of the THAAD system in South Korea, a Foreign Ministry spokesperson said. ' +
  'Russia voiced serious concern over the THAAD deployment. Japan urged calm.';

/** Two proposals about the THAAD battery. */
const headline = 'THAAD: China opposes, Russia concerned';
const extracted = chinaAndRussiaOnThaadProposals({
  url: 'https://wire.example/review-queue-web',
  headline,
  publishedAt: '2017-03-03',
  body,
});

const importMutation = `mutation($input: ArticleImportInput!) { articleImport(input: $input) {
  article { id } report { positions { created matched updated } } ${userErrorFields} } }`;

const proposalsQuery = `{ positions(first: 50, filter: { reviewStatuses: [PROPOSED] }) {
  totalCount nodes { id version stance summary confidence evidence { text } } } }`;

describe.skipIf(!haveChromium)('the review queue, in Chromium', () => {
  it('shows the proposals with their evidence highlighted; an editor accepts one and rejects the other, and the API agrees', async () => {
    expect((await server.data('READER', proposalsQuery)).positions.totalCount).toBe(0);
    const imported = expectOk((await server.data('EDITOR', importMutation, { input: extracted })).articleImport);
    expect(imported.report.positions).toEqual({ created: 2, matched: 0, updated: 0 });
    const proposals = (await server.data('READER', proposalsQuery)).positions.nodes;
    const oppose = proposals.find((p: { stance: string }) => p.stance === 'OPPOSE');
    const concern = proposals.find((p: { stance: string }) => p.stance === 'CONCERN');
    expect([oppose?.confidence, concern?.confidence]).toEqual([0.91, 0.84]);

    // A phone's width; the queue reached from the header's link.
    const page = await openPage(390);
    await page.goto(`${origin()}/`);
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Review queue' }).click();
    await page.waitForURL('**/review');
    await page.getByRole('heading', { name: 'Review queue (2)' }).waitFor();
    const card = (proposal: { id: string }) => page.locator(`.proposal[data-position-id="${proposal.id}"]`);
    // Newest first: the second position of the document was recorded last.
    expect(await page.locator('.proposal').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-position-id')))).toEqual([concern.id, oppose.id]);
    for (const proposal of [oppose, concern]) {
      const shown = card(proposal);
      await expect(shown.getByRole('heading', { level: 2 }).textContent()).resolves.toContain(proposal.summary);
      // The quote highlighted in the words around it, and a link to its article.
      expect(await shown.locator('.evidence mark').allTextContents()).toEqual([proposal.evidence[0].text]);
      // The quote's sentence and one either side, verbatim, an ellipsis where the paragraph goes on.
      const context = (await shown.locator('.evidence blockquote').textContent())!;
      expect(body).toContain(context.replace(/^… /, '').replace(/ …$/, ''));
      expect(context).toMatch(proposal === oppose ? /^SEOUL, .* deployment\. …$/ : /^… China .* calm\.$/);
      expect(await shown.getByRole('link', { name: headline }).getAttribute('href')).toBe(`/articles/${encodeURIComponent(imported.article.id)}`);
      expect(await shown.locator('.confidence').textContent()).toBe(`${Math.round(proposal.confidence * 100)}%`);
    }
    await expect(card(oppose).getByRole('link', { name: 'China', exact: true }).count()).resolves.toBe(1);
    await expect(card(oppose).getByRole('link', { name: 'THAAD battery in Seongju', exact: true }).count()).resolves.toBe(1);
    // Without an editor key: no buttons, and a note saying what is needed.
    expect(await page.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    await page.getByText('Enter an editor key (top right) to accept or reject proposals.').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(screenshots, 'web-review-queue-phone.png'), fullPage: true });

    // The editor key, typed in the header's field with the keyboard.
    await tabTo(page, page.getByLabel('Editor key'));
    await page.keyboard.type(server.keys.EDITOR);
    await page.keyboard.press('Enter');
    await card(oppose).getByRole('button', { name: 'Accept' }).waitFor();
    expect(await page.getByText('Enter an editor key').count()).toBe(0);

    // Another editor changes a proposal meanwhile: the page's version is stale, and the decision is refused and says so.
    expectOk(
      (
        await server.data('EDITOR', `mutation($input: PositionUpdateInput!) { positionUpdate(input: $input) { position { id version } ${userErrorFields} } }`, {
          input: { id: concern.id, expectedVersion: concern.version, summary: 'Russia is seriously concerned about THAAD (edited).' },
        })
      ).positionUpdate,
    );
    await card(concern).getByRole('button', { name: 'Reject' }).click();
    const refused = card(concern).getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('VERSION_CONFLICT');
    // Until the queue is read again, a decision would be refused again.
    expect(await card(concern).getByRole('button', { name: 'Reject' }).isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'web-review-queue-conflict.png'), fullPage: true });
    await refused.getByRole('button', { name: 'Read the queue again' }).click();
    await card(concern)
      .getByRole('heading', { name: /\(edited\)/ })
      .waitFor();
    expect(await card(concern).getByRole('alert').count()).toBe(0);

    // Rejected with a click, accepted with the keyboard; each leaves the queue, and the news takes the focus.
    await card(concern).getByRole('button', { name: 'Reject' }).click();
    await page.getByRole('status').filter({ hasText: 'Rejected: Russia is seriously concerned about THAAD (edited).' }).waitFor();
    await expect.poll(() => card(concern).count()).toBe(0);
    await page.getByRole('heading', { name: 'Review queue (1)' }).waitFor();
    await tabTo(page, card(oppose).getByRole('button', { name: 'Accept' }));
    await page.keyboard.press('Enter');
    const accepted = page.getByRole('status').filter({ hasText: 'Accepted:' });
    await accepted.waitFor();
    expect(await accepted.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    expect(await accepted.getByRole('link', { name: oppose.summary }).getAttribute('href')).toBe(`/positions/${encodeURIComponent(oppose.id)}`);
    await page.getByText('No proposals are waiting for review.').waitFor();
    await page.getByRole('heading', { name: 'Review queue (0)' }).waitFor();
    expect(await page.locator('.proposal').count()).toBe(0);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(screenshots, 'web-review-queue-empty.png'), fullPage: true });

    // The API: the accepted one is listed, the rejected one is not, and the queue is empty; a fresh page says so too.
    const listed = await server.data(
      'READER',
      `query($ids: [ID!]!) { positions(first: 100) { nodes { id } } nodes(ids: $ids) { ... on Position { id reviewStatus } } }`,
      { ids: [oppose.id, concern.id] },
    );
    const ids = listed.positions.nodes.map((p: { id: string }) => p.id);
    expect(ids).toContain(oppose.id);
    expect(ids).not.toContain(concern.id);
    expect(listed.nodes).toEqual([
      { id: oppose.id, reviewStatus: 'ACCEPTED' },
      { id: concern.id, reviewStatus: 'REJECTED' },
    ]);
    expect((await server.data('READER', proposalsQuery)).positions.totalCount).toBe(0);
    // Loaded directly, as a bookmark or a reload loads it.
    await page.goto(`${origin()}/review`);
    await page.getByText('No proposals are waiting for review.').waitFor();
    await page.close();
  }, 120_000);

  it('pages the queue: the first 20 proposals, then "More proposals" adds the rest', async () => {
    const count = 23;
    const sentences = Array.from({ length: count }, (_, i) => `China restated its opposition to THAAD for the ${i + 1}th time.`);
    const input = {
      ...extracted,
      article: { ...extracted.article, url: 'https://wire.example/review-queue-web-pages', headline: 'China repeats itself', body: sentences.join(' ') },
      positions: sentences.map((sentence, i) => ({
        stance: 'OPPOSE',
        summary: `China restates its opposition (${i + 1}).`,
        holders: ['CN'],
        deployment: 'thaad',
        // One statement a day: the same stance by the same holder on the same day would be one statement.
        statedOn: `2017-04-${String(i + 1).padStart(2, '0')}`,
        provenance: 'EXTRACTED',
        confidence: 0.5,
        evidence: [{ quote: sentence }],
      })),
    };
    expect(expectOk((await server.data('EDITOR', importMutation, { input })).articleImport).report.positions.created).toBe(count);
    const page = await openPage();
    await page.goto(`${origin()}/`);
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Review queue' }).click();
    await page.getByRole('heading', { name: `Review queue (${count})` }).waitFor();
    expect(await page.locator('.proposal').count()).toBe(20);
    // Newest first: the last position of the document.
    await expect(page.locator('.proposal h2').first().textContent()).resolves.toContain(`(${count}).`);
    await page.getByRole('button', { name: 'More proposals' }).click();
    await expect.poll(() => page.locator('.proposal').count()).toBe(count);
    await expect(page.locator('.proposal h2').last().textContent()).resolves.toContain('(1).');
    expect(await page.getByRole('button', { name: 'More proposals' }).count()).toBe(0);
    await page.close();
  }, 60_000);
});
