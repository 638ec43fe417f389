/**
 * The review queue (docs/extraction.md): an import document's positions with provenance EXTRACTED
 * are recorded as proposals (PROPOSED), left out of every list, count, summary and search until an
 * editor accepts them; a rejected proposal stays out, and a later extraction of the same statement
 * proposes nothing. Each decision is in the change log. And the whole path over HTTP: an article's
 * text through articleExtract, its proposal through articleImport, a decision on each.
 */
import { describe, expect, it } from 'vitest';
import { codesOf, expectOk, useCurationServer, userErrorFields } from '../support/curation.ts';
import { chinaAndRussiaOnThaadProposals } from '../support/import-documents.ts';
import { runScript } from '../support/process.ts';

const api = useCurationServer();

const body =
  'BEIJING, March 2 (Wire) -- China firmly opposes the deployment of the THAAD system in South Korea, a Foreign Ministry spokesperson said on Thursday. ' +
  'Russia voiced serious concern over the THAAD deployment. Japan urged calm.';

/** Two proposals about the THAAD battery. */
const extracted = chinaAndRussiaOnThaadProposals({ url: 'https://wire.example/review-queue', publishedAt: '2017-03-02', body });

const importMutation = `mutation($input: ArticleImportInput!) { articleImport(input: $input) {
  article { id } report { positions { created matched updated } } ${userErrorFields} } }`;

const positionFields = 'id version stance provenance confidence reviewStatus holders { name }';

/** What a reader sees of the THAAD deployment: its positions, their count and summary, and search. */
async function visible(filter = '') {
  const data = await api.data(
    'READER',
    `{ deployments(first: 5, filter: { systems: ["THAAD"] }) { nodes {
        positions(first: 50${filter}) { totalCount count { count } nodes { ${positionFields} } }
        stanceSummary${filter ? `(${filter.slice(2)})` : ''} { totalCount } } }
      positions(first: 100${filter}) { totalCount nodes { id } }
      search(query: "firmly opposes", first: 10, types: [POSITION]) { totalCount }
      evidenceSearch: search(query: "firmly opposes", first: 10, types: [EVIDENCE]) { totalCount } }`,
  );
  const deployment = data.deployments.nodes.find((d: any) => d.positions.nodes.length > 0) ?? data.deployments.nodes[0];
  return { deployment, all: data.positions, search: data.search, evidenceSearch: data.evidenceSearch };
}

const review = (name: 'positionAccept' | 'positionReject') => `mutation($input: PositionReviewInput!) {
  ${name}(input: $input) { position { ${positionFields} } ${userErrorFields} } }`;

describe('the review queue', () => {
  let before: Awaited<ReturnType<typeof visible>>;
  let proposals: any[];

  it('records the positions of an extracted document as proposals, which no list, count, summary or search shows', async () => {
    before = await visible();
    const imported = expectOk((await api.data('EDITOR', importMutation, { input: extracted })).articleImport);
    expect(imported.report.positions).toEqual({ created: 2, matched: 0, updated: 0 });

    const after = await visible();
    expect(after.deployment.positions.totalCount).toBe(before.deployment.positions.totalCount);
    expect(after.deployment.positions.count.count).toBe(before.deployment.positions.count.count);
    expect(after.deployment.stanceSummary.totalCount).toBe(before.deployment.stanceSummary.totalCount);
    expect(after.all.totalCount).toBe(before.all.totalCount);
    expect(after.search.totalCount).toBe(before.search.totalCount);
    expect(after.evidenceSearch.totalCount).toBe(before.evidenceSearch.totalCount);

    const asked = await visible(', filter: { reviewStatuses: [PROPOSED] }');
    proposals = asked.deployment.positions.nodes;
    expect(proposals.map((p: any) => [p.stance, p.provenance, p.confidence, p.reviewStatus]).sort()).toEqual([
      ['CONCERN', 'EXTRACTED', 0.84, 'PROPOSED'],
      ['OPPOSE', 'EXTRACTED', 0.91, 'PROPOSED'],
    ]);
    expect(asked.deployment.positions.totalCount).toBe(2);
    expect(asked.deployment.stanceSummary.totalCount).toBe(2);
  });

  it('an editor accepts one and rejects the other: lists then show the accepted one only, and the change log has both decisions', async () => {
    const oppose = proposals.find((p) => p.stance === 'OPPOSE');
    const concern = proposals.find((p) => p.stance === 'CONCERN');
    const forbidden = await api.query('READER', review('positionAccept'), { input: { id: oppose.id } });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const accepted = expectOk(
      (await api.data('EDITOR', review('positionAccept'), { input: { id: oppose.id, expectedVersion: oppose.version } })).positionAccept,
    );
    expect(accepted.position).toMatchObject({ id: oppose.id, reviewStatus: 'ACCEPTED', provenance: 'EXTRACTED', version: oppose.version + 1 });
    const rejected = expectOk((await api.data('EDITOR', review('positionReject'), { input: { id: concern.id } })).positionReject);
    expect(rejected.position).toMatchObject({ id: concern.id, reviewStatus: 'REJECTED' });

    const after = await visible();
    expect(after.deployment.positions.totalCount).toBe(before.deployment.positions.totalCount + 1);
    expect(after.deployment.positions.count.count).toBe(before.deployment.positions.count.count + 1);
    expect(after.deployment.positions.nodes.map((p: any) => p.id)).toContain(oppose.id);
    expect(after.deployment.positions.nodes.map((p: any) => p.id)).not.toContain(concern.id);
    expect(after.deployment.stanceSummary.totalCount).toBe(before.deployment.stanceSummary.totalCount + 1);
    expect(after.all.totalCount).toBe(before.all.totalCount + 1);
    expect(after.search.totalCount).toBe(before.search.totalCount + 1);
    expect(after.evidenceSearch.totalCount).toBe(before.evidenceSearch.totalCount + 1);
    expect((await visible(', filter: { reviewStatuses: [REJECTED] }')).deployment.positions.nodes.map((p: any) => p.id)).toEqual([concern.id]);

    const log = `query($id: ID!) { changeLog(first: 5, entityId: $id) { nodes { action actor details } } }`;
    expect((await api.data('ADMIN', log, { id: oppose.id })).changeLog.nodes[0]).toMatchObject({
      action: 'UPDATE',
      actor: 'test-editor',
      details: { changes: { reviewStatus: { from: 'PROPOSED', to: 'ACCEPTED' } } },
    });
    expect((await api.data('ADMIN', log, { id: concern.id })).changeLog.nodes[0]).toMatchObject({
      details: { changes: { reviewStatus: { from: 'PROPOSED', to: 'REJECTED' } } },
    });
  });

  it('extracting the same article again proposes nothing new: decided statements are matched, not proposed again', async () => {
    const again = expectOk((await api.data('EDITOR', importMutation, { input: extracted })).articleImport);
    expect(again.report.positions).toEqual({ created: 0, matched: 2, updated: 0 });
    expect((await visible(', filter: { reviewStatuses: [PROPOSED] }')).deployment.positions.totalCount).toBe(0);
  });

  it('refuses to review a position recorded by hand or by an import (NOT_A_PROPOSAL), and a stale version (VERSION_CONFLICT), changing nothing', async () => {
    const seedPosition = (await api.data('READER', '{ positions(first: 1) { nodes { id version reviewStatus provenance } } }')).positions.nodes[0];
    expect(seedPosition.provenance).toBe('IMPORTED');
    const refused = (await api.data('EDITOR', review('positionReject'), { input: { id: seedPosition.id } })).positionReject;
    expect(refused.position).toBeNull();
    expect(codesOf(refused)).toEqual(['NOT_A_PROPOSAL@input.id']);
    const oppose = proposals.find((p) => p.stance === 'OPPOSE');
    const stale = (await api.data('EDITOR', review('positionReject'), { input: { id: oppose.id, expectedVersion: oppose.version } })).positionReject;
    expect(codesOf(stale)).toEqual(['VERSION_CONFLICT@input.expectedVersion']);
    const now = (await api.data('READER', 'query($id: ID!) { node(id: $id) { ... on Position { reviewStatus } } }', { id: oppose.id })).node;
    expect(now.reviewStatus).toBe('ACCEPTED');
  });

  it('an import document refuses provenance MANUAL and a confidence without EXTRACTED', async () => {
    const [position] = extracted.positions;
    const input = {
      ...extracted,
      article: { ...extracted.article, url: 'https://wire.example/review-queue-refused' },
      positions: [
        { ...position, provenance: 'MANUAL', confidence: null },
        { ...extracted.positions[1], provenance: 'IMPORTED' },
      ],
    };
    const refused = (await api.data('EDITOR', importMutation, { input })).articleImport;
    expect(refused.userErrors.map((e: any) => [e.field.slice(-3).join('.'), e.code])).toEqual([
      ['positions.0.provenance', 'INVALID'],
      ['positions.1.confidence', 'INVALID'],
    ]);
  });
});

describe('from raw text to the graph, over HTTP', () => {
  const article = {
    source: 'Wire',
    url: 'https://wire.example/extracted',
    headline: null,
    publishedAt: '2017-04-04',
    body:
      'MOSCOW, April 4 (Wire) -- Russia slammed the deployment of the THAAD system in South Korea, Deputy Foreign Minister Igor Morgulov said on Tuesday.\n\n' +
      'China urged the United States and South Korea to halt the THAAD deployment.',
  };
  const extract = `mutation($input: ArticleExtractInput!) { articleExtract(input: $input) {
    document proposedPositions newOfficials newMeetings unresolved { text start end kind } ${userErrorFields} } }`;

  it('articleExtract proposes the statements with exact evidence, stores nothing, and needs an editor key', async () => {
    const count = async () => (await api.data('READER', '{ articles(first: 1) { totalCount } }')).articles.totalCount as number;
    const articles = await count();
    const result = expectOk((await api.data('EDITOR', extract, { input: article })).articleExtract);
    expect(await count()).toBe(articles);
    const { positions } = result.document;
    expect(result.proposedPositions).toBe(positions.length);
    expect(positions.map((p: any) => `${p.stance} ${p.holders.join('+')} ${p.speakers.join('+')}`)).toEqual(
      expect.arrayContaining(['CRITICIZE RU Igor Morgulov', 'URGE CN ']),
    );
    for (const position of positions) {
      expect(position).toMatchObject({ provenance: 'EXTRACTED', deployment: expect.any(String) });
      expect(position.confidence).toBeGreaterThan(0);
      expect(position.confidence).toBeLessThanOrEqual(1);
      for (const { quote, start } of position.evidence) expect(article.body.slice(start, start + quote.length)).toBe(quote);
    }
    expect((await api.query('READER', extract, { input: article })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const blank = (await api.data('EDITOR', extract, { input: { ...article, body: ' \n ' } })).articleExtract;
    expect(codesOf(blank)).toEqual(['BLANK@input.body']);
    const long = (await api.data('EDITOR', extract, { input: { ...article, body: 'x'.repeat(50_001) } })).articleExtract;
    expect(codesOf(long)).toEqual(['INVALID@input.body']);
    expect(long.document).toBeNull();
  });

  it('its document, imported, queues the proposals; accepting one and rejecting another leaves the accepted one only in the lists', async () => {
    const { document } = expectOk((await api.data('EDITOR', extract, { input: article })).articleExtract);
    const { format: _format, ...input } = document;
    const imported = expectOk((await api.data('EDITOR', importMutation, { input })).articleImport);
    expect(imported.report.positions.created).toBe(document.positions.length);

    const listed = async (filter: string) =>
      (
        await api.data('READER', `query($id: ID!) { positions(first: 20, filter: { articles: [$id]${filter} }) { nodes { ${positionFields} } } }`, {
          id: imported.article.id,
        })
      ).positions.nodes;
    expect(await listed('')).toEqual([]);
    const queued = await listed(', reviewStatuses: [PROPOSED]');
    expect(queued).toHaveLength(document.positions.length);
    const criticize = queued.find((p: any) => p.stance === 'CRITICIZE');
    const urge = queued.find((p: any) => p.stance === 'URGE');
    expectOk((await api.data('EDITOR', review('positionAccept'), { input: { id: criticize.id } })).positionAccept);
    expectOk((await api.data('EDITOR', review('positionReject'), { input: { id: urge.id } })).positionReject);

    expect((await listed('')).map((p: any) => p.id)).toEqual([criticize.id]);
    const russia = (await api.data('READER', '{ positions(first: 100, filter: { holders: ["RU"], stances: [CRITICIZE] }) { nodes { id } } }')).positions.nodes;
    expect(russia.map((p: any) => p.id)).toContain(criticize.id);
  });
});

describe('npm run extract', () => {
  const body = 'Russia voiced serious concern over the THAAD deployment in South Korea, Deputy Foreign Minister Igor Morgulov said on Wednesday.';

  it('prints the proposal of a text as an import document, which npm run import records as proposals; usage errors exit 2', async () => {
    const [extracted, imported, usage] = await api.stopped(async (env) => {
      const run = await runScript('extract.ts', ['-', '--source', 'Wire', '--published', '2017-05-03'], env, { input: body });
      return [
        run,
        await runScript('import.ts', ['-'], { IMPORT_PROGRESS_MS: '0', ...env }, { input: run.stdout }),
        await runScript('extract.ts', ['-'], env, { input: body }),
      ];
    });
    expect(extracted.code, extracted.stderr).toBe(0);
    expect(extracted.stderr).toMatch(/^extract: 1 position proposed in [\d.]+ ms$/m);
    const document = JSON.parse(extracted.stdout);
    expect(document.positions).toMatchObject([
      { stance: 'CONCERN', holders: ['RU'], speakers: ['Igor Morgulov'], statedOn: '2017-05-03', provenance: 'EXTRACTED', evidence: [{ quote: body }] },
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/imported new article \d+: created 1 articles, 1 positions/);
    const queued = (await api.data('READER', '{ positions(first: 50, filter: { reviewStatuses: [PROPOSED], holders: ["RU"] }) { nodes { statedOn stance } } }'))
      .positions.nodes;
    expect(queued).toContainEqual({ statedOn: '2017-05-03', stance: 'CONCERN' });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/give --source/);
  });
});
