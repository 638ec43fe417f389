/**
 * "Which articles mention Seongju?" One search over article bodies, evidence, position summaries,
 * the names and aliases of officials, countries and organizations, and deployments, best match
 * first, each hit with a snippet that marks the words found; PostgreSQL full-text search with GIN
 * indexes, the same on the embedded database and on the server.
 */
import { describe, expect, it } from 'vitest';
import { snippetSourceChars } from '../../src/data/search.ts';
import { expectBadUserInput, useSeededServer } from '../support/api.ts';
import { expectOk, useCurationServer, userErrorFields } from '../support/curation.ts';
import { readSeed } from '../support/seed-data.ts';

const seed = readSeed();
const api = useSeededServer();

const hitFields = /* GraphQL */ `
  edges {
    cursor
    rank
    snippet
    node {
      __typename
      ... on Article { id source }
      ... on Evidence { id text }
      ... on Position { id summary }
      ... on Deployment { id name }
      ... on Official { id name }
      ... on Country { id name isoCode }
      ... on Organization { id name }
    }
  }
  pageInfo { hasNextPage endCursor }
`;

async function search(query: string, extra = '') {
  const data = await api.data(`query S($q: String!) { search(query: $q${extra}) { totalCount ${hitFields} } }`, { q: query });
  return data.search;
}

describe('search', () => {
  it('finds "Seongju" in the deployment, positions, evidence and the article, best first, with marked snippets', async () => {
    const result = await search('Seongju', ', first: 100');
    const types = new Set(result.edges.map((edge: any) => edge.node.__typename));
    expect(types).toEqual(new Set(['Deployment', 'Position', 'Evidence', 'Article']));
    expect(result.totalCount).toBe(result.edges.length);
    const ranks = result.edges.map((edge: any) => edge.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    // The deployment is named for the place: it ranks above body text.
    expect(result.edges[0].node).toMatchObject({ __typename: 'Deployment', name: 'THAAD battery in Seongju' });
    for (const edge of result.edges) {
      expect(edge.snippet).toMatch(/<mark>Seongju<\/mark>/);
      // Only the marks are markup: the rest is escaped text.
      expect(edge.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    }
    const article = result.edges.find((edge: any) => edge.node.__typename === 'Article');
    expect(article.node.source).toBe(seed.article.source);
    const evidence = result.edges.filter((edge: any) => edge.node.__typename === 'Evidence');
    for (const edge of evidence) expect(edge.node.text).toMatch(/Seongju/);
  });

  it('finds names and aliases: "Seoul" is South Korea, "Morgulov" an official', async () => {
    const seoul = await search('Seoul', ', types: [COUNTRY]');
    expect(seoul.edges.map((edge: any) => edge.node.isoCode)).toEqual(['KR']);
    expect(seoul.edges[0].snippet).toContain('<mark>Seoul</mark>');
    const morgulov = await search('Morgulov', ', types: [OFFICIAL]');
    expect(morgulov.edges.map((edge: any) => edge.node.name)).toEqual(['Igor Morgulov']);
  });

  it('stems English words, finds phrases, excludes words', async () => {
    const stemmed = await search('deploying', ', types: [POSITION], first: 100');
    expect(stemmed.edges.length).toBeGreaterThan(0);
    for (const edge of stemmed.edges) expect(edge.node.summary).toMatch(/deploy/i);
    const phrase = await search('"Six Party Talks"', ', types: [POSITION]');
    expect(phrase.edges.length).toBe(1);
    const excluded = await search('THAAD -China', ', types: [POSITION], first: 100');
    for (const edge of excluded.edges) expect(edge.node.summary).not.toMatch(/China/);
  });

  it('finds the American-spelled seed by British spellings, and marks the words as the text spells them', async () => {
    // test/api/search-spelling.test.ts has the other way round, on a British-spelled article.
    const defence = await search('"Area Defence"', ', types: [DEPLOYMENT, EVIDENCE]');
    expect(defence.edges.map((edge: any) => edge.node.__typename)).toContain('Deployment');
    for (const edge of defence.edges) expect(edge.snippet).toContain('<mark>Area</mark> <mark>Defense</mark>');
    const realise = await search('realising denuclearisation', ', types: [POSITION, ARTICLE], first: 100');
    expect(realise.edges.length).toBeGreaterThan(0);
    for (const edge of realise.edges) expect(edge.snippet).toMatch(/<mark>[Rr]ealiz(e|ing)<\/mark> <mark>denuclearization<\/mark>/);
    const data = await api.data(
      `{ positions(first: 100, filter: { text: "realising" }) { nodes { summary } } articles(filter: { text: "defence" }) { totalCount } excluded: articles(filter: { text: "missile -defence" }) { totalCount } }`,
    );
    expect(data.positions.nodes.map((node: any) => node.summary)).toEqual([expect.stringMatching(/^Realizing denuclearization/)]);
    expect(data.articles.totalCount).toBe(1);
    expect(data.excluded.totalCount).toBe(0);
  });

  it('types narrow the kinds of hits', async () => {
    const result = await search('THAAD', ', types: [EVIDENCE, ARTICLE], first: 100');
    expect(new Set(result.edges.map((edge: any) => edge.node.__typename))).toEqual(new Set(['Evidence', 'Article']));
  });

  it('pages by cursor: pages of 3 tile the full ranking, each hit once', async () => {
    const all = await search('THAAD', ', first: 100');
    expect(all.edges.length).toBeGreaterThan(6);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const data: any = await api.data(`query S($after: String) { search(query: "THAAD", first: 3, after: $after) { ${hitFields} } }`, { after });
      seen.push(...data.search.edges.map((edge: any) => edge.node.id));
      if (!data.search.pageInfo.hasNextPage) break;
      after = data.search.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((edge: any) => edge.node.id));
  });

  it('nothing found is an empty page, not an error', async () => {
    const result = await search('Pyongyang submarine');
    expect(result).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    // Stop words only: nothing to look for, nothing found.
    expect((await search('the')).totalCount).toBe(0);
  });

  it.each([
    ['query: "   "', 'query'],
    ['query: "THAAD", types: []', 'types'],
    ['query: "THAAD", first: 0', 'first'],
    ['query: "THAAD", first: 101', 'first'],
    ['query: "THAAD", after: "nope"', 'after'],
  ])('search(%s) is a BAD_USER_INPUT error naming the argument', async (args, argument) => {
    expectBadUserInput(await api.query(`{ search(${args}) { totalCount } }`), argument);
  });

  it('a cursor of another connection is refused', async () => {
    const data = await api.data(`{ positions(first: 1) { pageInfo { endCursor } } }`);
    expectBadUserInput(
      await api.query(`query S($after: String) { search(query: "THAAD", after: $after) { totalCount } }`, { after: data.positions.pageInfo.endCursor }),
      'after',
    );
  });
});

describe('snippets of long texts', () => {
  const curation = useCurationServer();

  it(`are cut from the first ${snippetSourceChars} characters: a word found only past them is found, and its snippet is the text's start, unmarked`, async () => {
    const filler = 'Routine remarks about the weather and the harvest. '.repeat(Math.ceil(snippetSourceChars / 50));
    const create = `mutation($input: ArticleCreateInput!) { articleCreate(input: $input) { article { id } ${userErrorFields} } }`;
    const early = expectOk(
      (await curation.data('EDITOR', create, { input: { source: 'Wire', headline: 'Early', body: `Zeppelinfield opened. ${filler}` } })).articleCreate,
    );
    const late = expectOk(
      (await curation.data('EDITOR', create, { input: { source: 'Wire', headline: 'Late', body: `${filler}Zeppelinfield closed.` } })).articleCreate,
    );
    const { search } = await curation.data(
      'READER',
      `{ search(query: "Zeppelinfield", types: [ARTICLE]) { totalCount edges { snippet node { ... on Article { id } } } } }`,
    );
    expect(search.totalCount).toBe(2);
    const snippetOf = (id: string) => search.edges.find((edge: any) => edge.node.id === id)?.snippet;
    expect(snippetOf(early.article.id)).toMatch(/<mark>Zeppelinfield<\/mark> opened/);
    expect(snippetOf(late.article.id)).toMatch(/^Late\. Routine remarks/);
    expect(snippetOf(late.article.id)).not.toMatch(/<mark>/);
  });
});
