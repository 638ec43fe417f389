/**
 * Writers at the same time: twenty clients importing the same article leave exactly one copy of
 * everything; simultaneous edits of one record never lose an update silently — with the version
 * they read, all but one are refused (VERSION_CONFLICT); without it, each is applied in turn and
 * counted in the version and the change log.
 */
import { describe, expect, it } from 'vitest';
import { codesOf, expectOk, useCurationServer, userErrorFields } from '../support/curation.ts';

// Twenty imports of one article wait for each other (writes take the write lock in turn), and the
// wait counts toward each request's deadline: on a busy two-core machine the twentieth reached the
// default 10 s (REQUEST_TIMEOUT). What is tested here is what concurrent writers leave, not the
// deadline (test/api/write-deadline.test.ts and request-timeout.test.ts test that), so the deadline
// is a minute.
const api = useCurationServer({ REQUEST_TIMEOUT_MS: '60000' });
const N = 20;

const totals = `{
  countries(first: 1) { totalCount } organizations(first: 1) { totalCount } officials(first: 1) { totalCount }
  articles(first: 1) { totalCount } meetings(first: 1) { totalCount } deployments(first: 1) { totalCount } positions(first: 1) { totalCount }
}`;
type Totals = Record<'countries' | 'organizations' | 'officials' | 'articles' | 'meetings' | 'deployments' | 'positions', number>;
const counts = async (): Promise<Totals> => {
  const data = await api.data('READER', totals);
  return Object.fromEntries(Object.entries(data).map(([k, v]: [string, any]) => [k, v.totalCount])) as Totals;
};

const body = [
  'TOKYO, Aug. 2 (Kyodo) -- Japan and NATO said on Tuesday they support the THAAD deployment in South Korea.',
  'Japanese Defense Minister Tomomi Inada said the deployment was necessary to counter North Korea.',
  'NATO officials in Brussels said the alliance stood with Seoul.',
].join('\n');
const document = {
  article: { source: 'Kyodo', url: 'https://english.kyodonews.net/news/2016/08/thaad', publishedAt: '2016-08-02T06:00:00Z', body },
  countries: [
    { isoCode: 'JP', name: 'Japan', aliases: ['Tokyo'] },
    { isoCode: 'KR', name: 'South Korea', aliases: ['Seoul'] },
    { isoCode: 'US', name: 'United States' },
    { isoCode: 'KP', name: 'North Korea' },
  ],
  organizations: [{ acronym: 'NATO', name: 'North Atlantic Treaty Organization', aliases: ['the alliance'], members: ['US'] }],
  officials: [{ name: 'Tomomi Inada', title: 'Defense Minister', aliases: ['Inada'], country: 'JP' }],
  meetings: [],
  deployments: [{ key: 'thaad', name: 'THAAD battery in Seongju', system: 'THAAD', status: 'ANNOUNCED', operator: 'US', host: 'KR' }],
  positions: [
    {
      stance: 'SUPPORT',
      summary: 'Japan supports the THAAD deployment.',
      holders: ['JP'],
      speakers: ['Tomomi Inada'],
      deployment: 'thaad',
      statedOn: '2016-08-02',
      evidence: [{ quote: 'Japanese Defense Minister Tomomi Inada said the deployment was necessary to counter North Korea.' }],
    },
    {
      stance: 'SUPPORT',
      summary: 'NATO stands with Seoul.',
      holders: ['NATO'],
      addressees: ['KR'],
      deployment: 'thaad',
      evidence: [{ quote: 'NATO officials in Brussels said the alliance stood with Seoul.' }],
    },
  ],
};
const importMutation = `mutation($input: ArticleImportInput!) { articleImport(input: $input) {
  article { id } report { articles { created matched } positions { created matched } countries { created matched updated } organizations { created } } ${userErrorFields} } }`;

describe('concurrent writers', () => {
  it(`${N} simultaneous imports of the same article leave exactly one copy of everything`, async () => {
    const before = await counts();
    const results = await Promise.all(Array.from({ length: N }, () => api.data('EDITOR', importMutation, { input: document })));
    const payloads = results.map((r) => expectOk(r.articleImport));
    expect(new Set(payloads.map((p) => p.article.id)).size).toBe(1);
    expect(payloads.filter((p) => p.report.articles.created === 1)).toHaveLength(1);
    expect(payloads.filter((p) => p.report.articles.matched === 1)).toHaveLength(N - 1);
    expect(payloads.reduce((sum, p) => sum + p.report.positions.created, 0)).toBe(2);
    expect(await counts()).toEqual({
      ...before,
      countries: before.countries + 1,
      organizations: before.organizations + 1,
      officials: before.officials + 1,
      articles: before.articles + 1,
      positions: before.positions + 2,
    });
    const { node } = await api.data(
      'READER',
      'query($id: ID!) { node(id: $id) { ... on Article { positions(first: 10) { totalCount nodes { evidence { id } } } } } }',
      { id: payloads[0]!.article.id },
    );
    expect(node.positions.totalCount).toBe(2);
    expect(node.positions.nodes.map((p: any) => p.evidence.length)).toEqual([1, 1]);
  });

  it(`${N} simultaneous countryCreate of the same code: one is created, the others are told it is TAKEN`, async () => {
    const create = `mutation { countryCreate(input: { name: "Mongolia", isoCode: "MN" }) { country { id } ${userErrorFields} } }`;
    const results = await Promise.all(Array.from({ length: N }, () => api.data('EDITOR', create)));
    expect(results.filter((r) => r.countryCreate.country !== null)).toHaveLength(1);
    expect(results.filter((r) => codesOf(r.countryCreate).join() === 'TAKEN@input.isoCode')).toHaveLength(N - 1);
  });

  it('simultaneous updates from the same version: exactly one wins, the others get VERSION_CONFLICT, nothing is overwritten silently', async () => {
    const { officials } = await api.data('READER', '{ officials(first: 10) { nodes { id name version title } } }');
    const kong = officials.nodes.find((o: any) => o.name === 'Kong Xuanyou');
    const update = `mutation($input: OfficialUpdateInput!) { officialUpdate(input: $input) { official { title version } ${userErrorFields} } }`;
    const titles = Array.from({ length: 10 }, (_, i) => `Assistant Minister of Foreign Affairs (edit ${i})`);
    const results = await Promise.all(titles.map((title) => api.data('EDITOR', update, { input: { id: kong.id, expectedVersion: kong.version, title } })));
    const winners = results.filter((r) => r.officialUpdate.userErrors.length === 0);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => codesOf(r.officialUpdate).join() === 'VERSION_CONFLICT@input.expectedVersion')).toHaveLength(9);
    const { node } = await api.data('READER', 'query($id: ID!) { node(id: $id) { ... on Official { title version } } }', { id: kong.id });
    expect(node).toEqual({ title: winners[0]!.officialUpdate.official.title, version: kong.version + 1 });
  });

  it('simultaneous changes without a version are applied one after the other: every one is counted, none is lost', async () => {
    const { positions, articles } = await api.data(
      'READER',
      '{ positions(first: 1) { nodes { id version evidence { id } } } articles(first: 10) { nodes { id url } } }',
    );
    const position = positions.nodes[0];
    const lines = Array.from({ length: N }, (_, i) => `Corroborating sentence number ${i} about the same position.`);
    const article = expectOk(
      (
        await api.data('EDITOR', `mutation($input: ArticleCreateInput!) { articleCreate(input: $input) { article { id } ${userErrorFields} } }`, {
          input: { source: 'Wire', body: lines.join('\n') },
        })
      ).articleCreate,
    ).article;
    const add = `mutation($input: EvidenceCreateInput!) { evidenceCreate(input: $input) { evidence { id } ${userErrorFields} } }`;
    const results = await Promise.all(lines.map((text) => api.data('EDITOR', add, { input: { positionId: position.id, articleId: article.id, text } })));
    for (const r of results) expectOk(r.evidenceCreate);
    const { node } = await api.data('READER', 'query($id: ID!) { node(id: $id) { ... on Position { version evidence(first: 100) { text } } } }', {
      id: position.id,
    });
    expect(node.version).toBe(position.version + N);
    expect(node.evidence).toHaveLength(position.evidence.length + N);
    expect(articles).toBeTruthy();
  });
});
