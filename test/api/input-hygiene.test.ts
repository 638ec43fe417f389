/**
 * Input hygiene (issue 8, item 4): control characters, unpaired surrogates, dates PostgreSQL
 * cannot store and forged cursors are the caller's errors — BAD_USER_INPUT naming the argument in
 * queries, userErrors INVALID with the field's path in mutations and import documents — never
 * INTERNAL_SERVER_ERROR, and nothing is logged as an error.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ArticleDocumentError, prepareDocument } from '../../src/data/import/document.ts';
import { useCurationServer } from '../support/curation.ts';
import { logLines } from '../support/http.ts';

const app = useCurationServer();

interface Answer {
  status: number;
  data?: any;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

async function post(query: string, variables: Record<string, unknown> = {}, key?: string): Promise<Answer> {
  const response = await fetch(app.url(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

function expectBadInput(answer: Answer, argumentName: string, message: RegExp): void {
  expect(answer.errors, JSON.stringify(answer)).toHaveLength(1);
  const [error] = answer.errors!;
  expect(error!.extensions?.code, error!.message).toBe('BAD_USER_INPUT');
  expect(error!.extensions?.argumentName).toBe(argumentName);
  expect(error!.message).toMatch(message);
}

const cursor = (order: string, key: unknown, id: unknown) => Buffer.from(`cursor:v2:${JSON.stringify([order, key, id])}`, 'utf8').toString('base64url');

describe('query arguments', () => {
  it('refuses NUL and other control characters in any text argument, with BAD_USER_INPUT naming it', async () => {
    expectBadInput(
      await post('query($t: String) { positions(filter: { text: $t }) { totalCount } }', { t: 'THAAD\u0000' }),
      'filter',
      /filter\.text.*U\+0000 at offset 5/,
    );
    expectBadInput(await post('{ search(query: "a\\u0000b") { totalCount } }'), 'query', /U\+0000/);
    expectBadInput(await post('{ country(isoCode: "K\\u001bR") { name } }'), 'isoCode', /U\+001B/);
    expectBadInput(await post('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['Q291bnRyeToxOjE', 'x\u007f'] }), 'ids', /ids\[1\].*U\+007F/);
    expectBadInput(await post('query($h: [String!]) { stanceSummary(filter: { holders: $h }) { totalCount } }', { h: ['CN', '\u0085'] }), 'filter', /U\+0085/);
    expectBadInput(await post('query($q: String!) { search(query: $q) { totalCount } }', { q: 'x\ud800' }), 'query', /unpaired UTF-16 surrogate/);
  });

  it('accepts tab, line feed and carriage return', async () => {
    const answer = await post('query($q: String!) { search(query: $q) { totalCount } }', { q: 'THAAD\tdeployment\r\nKorea' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.search.totalCount).toBeGreaterThanOrEqual(0);
  });

  it('refuses dates outside years 1 to 9999 in filters, with BAD_USER_INPUT naming the filter', async () => {
    expectBadInput(
      await post('{ positions(filter: { statedOn: { from: "0000-01-01" } }) { totalCount } }'),
      'filter',
      /filter\.statedOn\.from.*0000-01-01 is outside/,
    );
    expectBadInput(
      await post('query($to: DateTime) { articles(filter: { publishedAt: { to: $to } }) { totalCount } }', { to: '0001-01-01T00:00:00+05:00' }),
      'filter',
      /is outside the instants/,
    );
    expectBadInput(
      await post('query($to: DateTime) { articles(filter: { publishedAt: { to: $to } }) { totalCount } }', { to: '9999-12-31T23:59:59-05:00' }),
      'filter',
      /is outside the instants/,
    );
    const edges = await post(
      '{ positions(filter: { statedOn: { from: "0001-01-01", to: "9999-12-31" } }) { totalCount } articles(filter: { publishedAt: { from: "0001-01-01T00:00:00Z", to: "9999-12-31T23:59:59.999Z" } }) { totalCount } }',
    );
    expect(edges.errors).toBeUndefined();
    expect(edges.data.positions.totalCount).toBeGreaterThan(0);
  });
});

describe('cursors, checked after decoding', () => {
  it.each([
    ['an impossible day (30 February)', 'positions', 'STATED_ON', '2016-02-30', 'after'],
    ['year 0', 'positions', 'STATED_ON', '0000-01-01', 'before'],
    ['an impossible instant', 'articles', 'PUBLISHED_AT', '2016-02-30 10:00:00', 'after'],
    ['an hour 24', 'articles', 'PUBLISHED_AT', '2016-02-03 24:00:00', 'after'],
    ['a NUL in a name', 'countries', 'NAME', 'Korea\u0000', 'before'],
    ['a number where a day goes', 'meetings', 'DATE', 17, 'after'],
  ])('refuses a forged cursor holding %s, naming the argument', async (_what, field, order, key, argument) => {
    const answer = await post(
      `query($c: String) { ${field}(orderBy: { field: ${order} }, ${argument}: $c, ${argument === 'before' ? 'last' : 'first'}: 2) { totalCount } }`,
      {
        c: cursor(order, key, 1),
      },
    );
    expectBadInput(answer, argument, /not a valid cursor/);
  });

  it('refuses a forged search cursor with a NUL in its key', async () => {
    expectBadInput(
      await post('query($c: String) { search(query: "THAAD", after: $c) { totalCount } }', { c: cursor('RELEVANCE', '0.5\u0000 ARTICLE', 1) }),
      'after',
      /not a valid cursor/,
    );
  });

  it('still accepts the cursors it issues', async () => {
    const first = await post('{ positions(orderBy: { field: STATED_ON }, first: 2) { pageInfo { endCursor } } }');
    const next = await post('query($c: String) { positions(orderBy: { field: STATED_ON }, first: 2, after: $c) { totalCount } }', {
      c: first.data.positions.pageInfo.endCursor,
    });
    expect(next.errors).toBeUndefined();
  });
});

describe('mutation inputs', () => {
  const create = 'mutation($input: CountryCreateInput!) { countryCreate(input: $input) { country { id } userErrors { field code message } } }';

  it('reports control characters as userErrors INVALID with the field path, and changes nothing', async () => {
    const answer = await post(create, { input: { name: 'Korea\u0000', isoCode: 'KR', aliases: ['ROK', 'South\u0008Korea'] } }, app.keys.EDITOR);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.countryCreate.country).toBeNull();
    expect(answer.data.countryCreate.userErrors).toEqual([
      { field: ['input', 'name'], code: 'INVALID', message: expect.stringMatching(/U\+0000 at offset 5/) },
      { field: ['input', 'aliases', '1'], code: 'INVALID', message: expect.stringMatching(/U\+0008/) },
    ]);
  });

  it('asks a caller without a key for one first, as with a clean input', async () => {
    const answer = await post(create, { input: { name: 'Korea\u0000', isoCode: 'KR' } });
    expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('reports dates outside years 1 to 9999 as userErrors INVALID', async () => {
    const answer = await post(
      'mutation($input: MeetingCreateInput!) { meetingCreate(input: $input) { meeting { id } userErrors { field code message } } }',
      { input: { name: 'Year zero', date: '0000-12-31' } },
      app.keys.EDITOR,
    );
    expect(answer.data.meetingCreate).toEqual({
      meeting: null,
      userErrors: [{ field: ['input', 'date'], code: 'INVALID', message: expect.stringMatching(/0000-12-31 is outside/) }],
    });
  });

  it('reports a NUL in an imported article body with its path', async () => {
    const answer = await post(
      'mutation($input: ArticleImportInput!) { articleImport(input: $input) { article { id } userErrors { field code } } }',
      { input: { article: { source: 'Test', body: 'Body with a NUL \u0000 in it.' }, positions: [] } },
      app.keys.EDITOR,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data.articleImport.userErrors).toContainEqual({ field: ['input', 'article', 'body'], code: 'INVALID' });
  });
});

describe('import documents (npm run import, articleImport)', () => {
  const seed = JSON.parse(readFileSync(new URL('../../prisma/seed/xinhua-thaad-2016-07-28.json', import.meta.url), 'utf8'));

  function problemsOf(change: (document: any) => void) {
    const document = structuredClone(seed);
    change(document);
    try {
      prepareDocument(document);
    } catch (error) {
      if (error instanceof ArticleDocumentError) return error.problems.map((p) => ({ path: p.path.join('.'), code: p.code, message: p.message }));
      throw error;
    }
    return [];
  }

  it('refuses control characters anywhere in the document, with their path', () => {
    expect(problemsOf((d) => (d.positions[0].summary += '\u0000'))).toEqual([
      { path: 'positions.0.summary', code: 'INVALID', message: expect.stringMatching(/U\+0000/) },
    ]);
    expect(problemsOf((d) => (d.countries[0].aliases = ['\u001f']))).toContainEqual({
      path: 'countries.0.aliases.0',
      code: 'INVALID',
      message: expect.stringMatching(/U\+001F/),
    });
  });

  it('accepts Windows line ends in the body', () => {
    expect(problemsOf((d) => (d.article.body = d.article.body.replace(/\n/g, '\r\n')))).toEqual([]);
  });

  it('refuses impossible and unstorable dates', () => {
    expect(problemsOf((d) => (d.article.publishedAt = '2016-02-30T10:00:00Z'))).toEqual([
      { path: 'article.publishedAt', code: 'INVALID', message: expect.stringMatching(/must be an ISO 8601 date/) },
    ]);
    expect(problemsOf((d) => (d.article.publishedAt = '0001-01-01T00:00:00+01:00'))).toEqual([
      { path: 'article.publishedAt', code: 'INVALID', message: expect.stringMatching(/outside the instants/) },
    ]);
    expect(problemsOf((d) => (d.positions[0].statedOn = '0000-06-01'))).toEqual([
      { path: 'positions.0.statedOn', code: 'INVALID', message: expect.stringMatching(/must be a date/) },
    ]);
  });
});

describe('found by the fuzz test', () => {
  it('answers a filter whose key lookup fails while another of its parts is refused at once (an unobserved rejection used to end the process)', async () => {
    const answer = await post('{ positions(filter: { holders: ["!!"], speakers: ["not an ID"] }) { totalCount } }');
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // The lookup's rejection, unobserved, would surface on the next turns of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await post('{ countries(first: 1) { totalCount } }')).data.countries.totalCount).toBeGreaterThan(0);
  });
});

describe('the log', () => {
  it('holds no error for any of the above', () => {
    expect(logLines(app.output()).filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
  });
});
