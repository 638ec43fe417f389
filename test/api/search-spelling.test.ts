/**
 * British and American spellings find each other: "defense" finds a text that says "defence" and
 * "defence" one that says "defense", in `search` (matches and highlighted snippets) and in the
 * `text` filters, in phrases and exclusions too. The seed article is American-spelled; this file
 * imports a British-spelled one. The list of words is the migration
 * `*_search_spelling_variants`; its last part checks every row of it on the database itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { expectOk, useCurationServer, userErrorFields } from '../support/curation.ts';
import type { TestDatabase } from '../support/database.ts';
import { leaseTestDatabase } from '../support/leased-database.ts';
import { readSeed } from '../support/seed-data.ts';

const api = useCurationServer();
const seed = readSeed();

const british = {
  article: {
    source: 'The Guardian',
    url: 'https://www.theguardian.com/world/2017/mar/14/uk-missile-defence-programme',
    publishedAt: '2017-03-14T08:00:00Z',
    headline: 'Ministry of Defence commits to missile defence programme',
    body:
      'LONDON - The Ministry of Defence said on Tuesday that the missile defence programme would go ahead, and that military manoeuvres with Japan would be organised in the autumn. ' +
      "Officials criticised what they called rumours of a delay. 'We are sceptical of any offer to demilitarise the grey zone,' the defence secretary said.",
  },
  countries: [{ isoCode: 'GB', name: 'United Kingdom', aliases: ['Britain'] }],
  positions: [
    {
      stance: 'COMMIT',
      summary: 'The United Kingdom said its missile defence programme would go ahead, with military manoeuvres organised with Japan.',
      holders: ['GB'],
      topic: 'missile defence programme',
      evidence: [{ quote: 'the missile defence programme would go ahead' }],
    },
  ],
};

const searchQuery = /* GraphQL */ `
  query S($q: String!) {
    search(query: $q, first: 100) {
      totalCount
      edges {
        snippet
        node {
          __typename
          ... on Article {
            id
            source
          }
          ... on Position {
            id
            summary
          }
          ... on Evidence {
            id
            text
          }
          ... on Deployment {
            id
            name
          }
        }
      }
    }
  }
`;

async function search(query: string): Promise<Array<{ snippet: string; node: any }>> {
  const data = await api.data('READER', searchQuery, { q: query });
  expect(data.search.totalCount).toBe(data.search.edges.length);
  return data.search.edges;
}

async function articleSources(text: string): Promise<string[]> {
  const data = await api.data('READER', `query A($text: String!) { articles(first: 100, filter: { text: $text }) { nodes { source } } }`, { text });
  return data.articles.nodes.map((node: any) => node.source).sort();
}

async function positionSummaries(text: string): Promise<string[]> {
  const data = await api.data('READER', `query P($text: String!) { positions(first: 100, filter: { text: $text }) { nodes { summary } } }`, { text });
  return data.positions.nodes.map((node: any) => node.summary);
}

const articleOf = (edges: Array<{ snippet: string; node: any }>, source: string) =>
  edges.find((edge) => edge.node.__typename === 'Article' && edge.node.source === source);

describe('spelling variants', () => {
  beforeAll(async () => {
    const mutation = `mutation($input: ArticleImportInput!) { articleImport(input: $input) { article { id } ${userErrorFields} } }`;
    expectOk((await api.data('EDITOR', mutation, { input: british })).articleImport);
  });

  it('search: "defense program" finds the British "defence programme", and marks those words', async () => {
    const edges = await search('defense program');
    expect(new Set(edges.map((edge) => edge.node.__typename))).toEqual(new Set(['Article', 'Position', 'Evidence']));
    // The seed says "defense" but never "program": every hit is the British article's.
    expect(edges.filter((edge) => edge.node.__typename === 'Article').map((edge) => edge.node.source)).toEqual(['The Guardian']);
    for (const edge of edges) {
      expect(edge.snippet).toMatch(/<mark>[Dd]efence<\/mark>/);
      expect(edge.snippet).toContain('<mark>programme</mark>');
    }
  });

  it('search: "defence" finds the American-spelled seed too, and marks "Defense" and "defense" there', async () => {
    const edges = await search('defence');
    expect(articleOf(edges, 'The Guardian')?.snippet).toMatch(/<mark>[Dd]efence<\/mark>/);
    const seedArticle = articleOf(edges, seed.article.source);
    expect(seedArticle?.snippet).toMatch(/<mark>[Dd]efense<\/mark>/);
    expect(seedArticle?.snippet).not.toMatch(/<mark>[Dd]efence<\/mark>/);
    // The seed's deployment system is the Terminal High Altitude Area Defense.
    expect(edges.find((edge) => edge.node.__typename === 'Deployment')?.snippet).toContain('<mark>Defense</mark>');
    // Either spelling finds the same objects.
    const ids = (list: Array<{ node: any }>) => list.map((edge) => `${edge.node.__typename}:${edge.node.id}`).sort();
    expect(ids(await search('defense'))).toEqual(ids(edges));
  });

  it('the text filters of articles and positions match the other spelling', async () => {
    expect(await articleSources('maneuvers')).toEqual(['The Guardian']);
    expect(await articleSources('manoeuvres')).toEqual(['The Guardian']);
    expect(await articleSources('defence')).toEqual([seed.article.source, 'The Guardian'].sort());
    expect(await articleSources('skeptical gray')).toEqual(['The Guardian']);
    expect(await articleSources('organize criticized demilitarize rumor')).toEqual(['The Guardian']);

    expect(await positionSummaries('maneuvers')).toEqual([british.positions[0]!.summary]);
    // "Realizing denuclearization …", a statement of the seed, found by its British spelling.
    const realising = await positionSummaries('realising denuclearisation');
    expect(realising.length).toBeGreaterThan(0);
    for (const summary of realising) expect(summary).toMatch(/Realizing denuclearization/);
  });

  it('a phrase keeps its words in order, whichever spelling each word has', async () => {
    const phrase = await search('"missile defense program"');
    expect(phrase.length).toBeGreaterThan(0);
    for (const edge of phrase) expect(edge.snippet).toMatch(/missile<\/mark> <mark>defence<\/mark> <mark>programme/);
    // The seed's "missile defense system", found by a British phrase.
    const system = await search('"missile defence system"');
    expect(system.map((edge) => edge.node.__typename).sort()).toEqual(['Article', 'Evidence']);
    expect(articleOf(system, seed.article.source)).toBeDefined();
    // Out of order, nothing: a phrase is still a phrase.
    expect(await search('"programme defense missile"')).toEqual([]);
    expect(await articleSources('"defense program"')).toEqual(['The Guardian']);
  });

  it('an excluded word excludes both of its spellings', async () => {
    // Both articles say "missile"; only the British one has manoeuvres.
    expect(await articleSources('missile')).toEqual([seed.article.source, 'The Guardian'].sort());
    expect(await articleSources('missile -maneuvers')).toEqual([seed.article.source]);
    expect(await articleSources('missile -manoeuvres')).toEqual([seed.article.source]);
    // Both say "defence" or "defense".
    expect(await articleSources('missile -defence')).toEqual([]);
    expect(await articleSources('missile -defense')).toEqual([]);
    const edges = await search('missile -maneuvering');
    expect(articleOf(edges, 'The Guardian')).toBeUndefined();
    expect(articleOf(edges, seed.article.source)).toBeDefined();
  });
});

describe('the list of spelling variants (stancegraph_spelling_pairs)', () => {
  let copy: TestDatabase;
  let db: Database;
  const rows = <T>(sql: string) => db.prisma.$queryRawUnsafe<T[]>(sql);

  beforeAll(async () => {
    copy = await leaseTestDatabase();
    db = await openDatabase(copy.target);
  });
  afterAll(async () => {
    await db?.close();
    await copy?.dispose();
  });

  const lexemes = `SELECT american, british, to_tsquery('english', american)::text AS a, to_tsquery('english', british)::text AS b FROM stancegraph_spelling_pairs()`;

  it('has a few dozen words, each spelled two ways that English stemming keeps apart (one lexeme each)', async () => {
    const pairs = await rows<{ american: string; british: string; a: string; b: string }>(lexemes);
    expect(pairs.length).toBeGreaterThan(40);
    for (const { american, british, a, b } of pairs) {
      expect(a, `${american}: one lexeme`).toMatch(/^'[a-z]+'$/);
      expect(b, `${british}: one lexeme`).toMatch(/^'[a-z]+'$/);
      expect(a, `${american}/${british}: the stemmer already makes them one, so the row does nothing`).not.toBe(b);
    }
  });

  it('never names a lexeme twice, so no rule rewrites what another rule wrote', async () => {
    const repeated = await rows<{ lexeme: string }>(
      `SELECT lexeme FROM (SELECT a AS lexeme FROM (${lexemes}) AS l UNION ALL SELECT b FROM (${lexemes}) AS l) AS all_lexemes GROUP BY lexeme HAVING count(*) > 1`,
    );
    expect(repeated).toEqual([]);
  });

  it('every word finds its other spelling, both ways, and itself', async () => {
    const misses = await rows<{ american: string; british: string }>(
      `SELECT american, british FROM stancegraph_spelling_pairs() WHERE NOT (
         to_tsvector('english', british) @@ stancegraph_spelling_variants(to_tsquery('english', american))
         AND to_tsvector('english', american) @@ stancegraph_spelling_variants(to_tsquery('english', british))
         AND to_tsvector('english', american) @@ stancegraph_spelling_variants(to_tsquery('english', american))
         AND to_tsvector('english', british) @@ stancegraph_spelling_variants(to_tsquery('english', british)))`,
    );
    expect(misses).toEqual([]);
  });

  it.each([
    // Other forms of a listed word share its stems.
    ['organizations', 'organisations'],
    ['maneuvering', 'manoeuvring'],
    ['militarization', 'militarisation'],
    ['recognized', 'recognises'],
    ['favorable', 'favourable'],
    ['armored', 'armoured'],
    ['defenses', 'defences'],
    ['theaters', 'theatres'],
    ['programs', 'programmes'],
    ['skeptical', 'sceptical'],
    // Not in the list: English stemming already makes these one.
    ['traveled', 'travelled'],
    ['canceled', 'cancelled'],
    ['signaled', 'signalled'],
  ])('"%s" and "%s" find each other', async (american, britishWord) => {
    const [found] = await rows<{ forward: boolean; backward: boolean }>(
      `SELECT to_tsvector('english', '${britishWord}') @@ stancegraph_spelling_variants(websearch_to_tsquery('english', '${american}')) AS forward,
              to_tsvector('english', '${american}') @@ stancegraph_spelling_variants(websearch_to_tsquery('english', '${britishWord}')) AS backward`,
    );
    expect(found).toEqual({ forward: true, backward: true });
  });

  it('leaves a query without listed words as it was', async () => {
    const [same] = await rows<{ same: boolean }>(
      `SELECT v @> q AND q @> v AND numnode(v) = numnode(q) AS same
       FROM (SELECT q, stancegraph_spelling_variants(q) AS v FROM websearch_to_tsquery('english', '"THAAD battery" Seongju -China') AS q) AS t`,
    );
    expect(same).toEqual({ same: true });
    const [empty] = await rows<{ q: string }>(`SELECT stancegraph_spelling_variants(websearch_to_tsquery('english', 'the'))::text AS q`);
    expect(empty).toEqual({ q: '' });
  });

  // ts_rewrite's query as it writes every query it returns (operands of & and | in its own order):
  // two rewrites are the same when their canonical forms are (a rule that matches nothing).
  const canonical = (tsquery: string) => `ts_rewrite(${tsquery}, 'xxnothingxx'::tsquery, 'xxnothingxx'::tsquery)::text`;

  it('rewrites a query as the list does through ts_rewrite and a query of its rules, for every word, phrase and exclusion', async () => {
    // The rewrite before migration *_spelling_variants_without_queries: the rules as a query.
    const byRulesQuery = `ts_rewrite(q, '
      WITH lexemes AS (SELECT to_tsquery(''english'', american) AS american, to_tsquery(''english'', british) AS british FROM stancegraph_spelling_pairs())
      SELECT target, substitute FROM (
        SELECT 1 AS pass, british AS target, american AS substitute FROM lexemes
        UNION ALL SELECT 2, american, american || british FROM lexemes
      ) AS rules ORDER BY pass')`;
    const compared = await rows<{ words: string; rewritten: string; expected: string }>(
      `SELECT words, ${canonical('stancegraph_spelling_variants(q)')} AS rewritten, ${canonical(byRulesQuery)} AS expected
       FROM (SELECT words, websearch_to_tsquery('english', words) AS q FROM (
         SELECT american AS words FROM stancegraph_spelling_pairs()
         UNION ALL SELECT british FROM stancegraph_spelling_pairs()
         UNION ALL SELECT format('"missile %s" -%s or THAAD', american, british) FROM stancegraph_spelling_pairs()
         UNION ALL SELECT format('%s %s -"%s %s"', british, american, american, british) FROM stancegraph_spelling_pairs()
       ) AS texts) AS queries`,
    );
    expect(compared.length).toBeGreaterThan(160);
    expect(compared.filter((row) => row.rewritten !== row.expected)).toEqual([]);
  });

  it('is written from the list: a changed list, rewritten by stancegraph_write_spelling_variants(), is what the rewrite follows', async () => {
    const rewrite = (word: string) => canonical(`stancegraph_spelling_variants(to_tsquery('english', '${word}'))`);
    // Inside a transaction that is then rolled back, so that the other tests keep the migration's list.
    const rolledBack = new Error('rolled back');
    let inside: { colour: string; defence: string } | undefined;
    try {
      await db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(
          `CREATE OR REPLACE FUNCTION stancegraph_spelling_pairs() RETURNS TABLE (american text, british text) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ VALUES ('color', 'colour') $$`,
        );
        await tx.$executeRawUnsafe('SELECT stancegraph_write_spelling_variants()');
        [inside] = await tx.$queryRawUnsafe<Array<{ colour: string; defence: string }>>(
          `SELECT ${rewrite('colour')} AS colour, ${rewrite('defence')} AS defence`,
        );
        throw rolledBack;
      });
    } catch (error) {
      if (error !== rolledBack) throw error;
    }
    expect(inside).toEqual({ colour: `'color' | 'colour'`, defence: `'defenc'` });
    // Rolled back: the migration's list and its rewrite again.
    const [after] = await rows<{ defence: string }>(`SELECT ${rewrite('defence')} AS defence`);
    expect(after?.defence).toMatch(/^'defen[cs]' \| 'defen[cs]'$/);
  });

  it.each([
    ['"missile defence"', 'the missile defense system', true],
    ['"missile defence"', 'defense against a missile', false],
    ['"defense program"', 'the defence programme', true],
    ['missile -manoeuvres', 'missile maneuvers', false],
    ['missile -manoeuvres', 'missile tests', true],
    ['grey or programme', 'a gray area', true],
  ])('%s on "%s": %s', async (query, text, expected) => {
    const [found] = await rows<{ found: boolean }>(
      `SELECT to_tsvector('english', '${text}') @@ stancegraph_spelling_variants(websearch_to_tsquery('english', '${query}')) AS found`,
    );
    expect(found).toEqual({ found: expected });
  });
});
