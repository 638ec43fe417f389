/**
 * An operation runs interpreted (graphql-js) the first time and compiled (graphql-jit) after
 * (src/http/compiled-executor.ts): the answers must not tell the two apart. Each operation here is
 * sent three times; the first answer (interpreted), the second (compiled then) and the third (the
 * compiled operation reused) are the same, down to their errors, their cost and the SQL
 * statements they took.
 */
import { describe, expect, it } from 'vitest';
import { useCurationServer, type Caller } from '../support/curation.ts';
import { generousLimits } from '../support/http.ts';

const api = useCurationServer({ REPORT_SQL_STATEMENTS: 'true', ...generousLimits });

/** The three answers to `query`, sent one after another as `caller`. */
async function threeAnswers(caller: Caller, query: string, variables?: Record<string, unknown>) {
  const answers = [];
  for (let i = 0; i < 3; i++) answers.push(await api.query(caller, query, variables));
  return answers;
}

async function expectSameAnswers(caller: Caller, query: string, variables?: Record<string, unknown>) {
  const [first, second, third] = await threeAnswers(caller, query, variables);
  expect(second, 'the compiled answer').toEqual(first);
  expect(third, 'the compiled answer, again').toEqual(first);
  return first!;
}

describe('an operation answers the same interpreted (its first run) and compiled (every later run)', () => {
  it('a deep traversal, with its statements', async () => {
    const answer = await expectSameAnswers(
      'anonymous',
      `{ deployments(first: 10) { totalCount nodes { id name system host { name } operator { name }
          positions(first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
            stance summary statedOn modality
            holders { __typename name ... on Country { isoCode } ... on Organization { acronym } }
            speakers { name title country { isoCode } }
            meeting { name city date }
            evidence { text start end article { source publishedAt headline } } } } } } } }`,
    );
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.deployments.nodes.length).toBeGreaterThan(0);
    expect(answer.extensions?.sql?.statements).toBeGreaterThan(0);
  });

  it('variables with defaults, in input objects too, and @include / @skip', async () => {
    const answer = await expectSameAnswers(
      'anonymous',
      `query Filtered($filter: PositionFilter = { stances: [OPPOSE, CONCERN] }, $first: Int = 5, $withHolders: Boolean = true, $noSummary: Boolean!) {
        positions(filter: $filter, first: $first, orderBy: { field: STATED_ON, direction: DESC }) {
          totalCount nodes { stance summary @skip(if: $noSummary) holders @include(if: $withHolders) { name } } } }`,
      { noSummary: true },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data.positions.nodes.length).toBeGreaterThan(0);
  });

  it('variables left out where the argument or input field has a default of its own', async () => {
    const answer = await expectSameAnswers(
      'anonymous',
      `query($n: Int, $d: OrderDirection) { positions(first: 3, orderBy: { field: STATED_ON, direction: $d }) { nodes { statedOn
          holders(first: $n) { name } evidence(first: $n) { start } } } }`,
    );
    expect(answer.errors).toBeUndefined();
  });

  it('an update that leaves out a variable keeps that field, run after run (null would clear it)', async () => {
    const { articles } = await api.data('anonymous', `{ articles(first: 1) { nodes { id } } }`);
    const before = { id: articles.nodes[0].id, headline: 'A headline to keep' };
    const set = await api.data(
      'EDITOR',
      `mutation($id: ID!) { articleUpdate(input: { id: $id, headline: "A headline to keep" }) { userErrors { message } } }`,
      {
        id: before.id,
      },
    );
    expect(set.articleUpdate.userErrors).toEqual([]);
    const update = `mutation($id: ID!, $headline: String, $credit: String) {
      articleUpdate(input: { id: $id, headline: $headline, photoCredit: $credit }) { article { headline photoCredit } userErrors { message } } }`;
    for (let i = 0; i < 3; i++) {
      const { articleUpdate } = await api.data('EDITOR', update, { id: before.id, credit: `credit ${i}` });
      expect(articleUpdate.userErrors).toEqual([]);
      expect(articleUpdate.article).toEqual({ headline: before.headline, photoCredit: `credit ${i}` });
    }
    // The same with the input as one variable that leaves the field out: compiled from its second run.
    const asInput = `mutation($input: ArticleUpdateInput!) { articleUpdate(input: $input) { article { headline photoCredit } userErrors { message } } }`;
    for (let i = 0; i < 3; i++) {
      const { articleUpdate } = await api.data('EDITOR', asInput, { input: { id: before.id, photoCredit: `input ${i}` } });
      expect(articleUpdate.userErrors).toEqual([]);
      expect(articleUpdate.article).toEqual({ headline: before.headline, photoCredit: `input ${i}` });
    }
  });

  it('abstract types: search results and nodes by ID, with fragments and aliases', async () => {
    const search = await expectSameAnswers(
      'anonymous',
      `query($q: String!) { search(query: $q, first: 10) { totalCount edges { cursor snippet rank node { __typename
          ... on Node { id } ... on Position { stance } ... on Article { headline } ...Named } } } }
       fragment Named on Actor { name }`,
      { q: 'THAAD' },
    );
    expect(search.errors).toBeUndefined();
    const ids = (search.data.search.edges as Array<{ node: { id: string } }>).map((edge) => edge.node.id);
    const nodes = await expectSameAnswers(
      'anonymous',
      `query($ids: [ID!]!) { first: nodes(ids: $ids) { __typename id } again: node(id: "bm90aGluZzox") { id } }`,
      {
        ids,
      },
    );
    expect(nodes.data.first).toHaveLength(ids.length);
  });

  it('errors: a bad argument, a bad variable, a field a caller may not read, a mutation refused', async () => {
    const badArgument = await expectSameAnswers('anonymous', `{ positions(filter: { holders: ["XX"] }) { totalCount } }`);
    expect(badArgument.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badVariable = await expectSameAnswers('anonymous', `query($n: Int!) { positions(first: $n) { totalCount } }`, { n: 'ten' });
    expect(badVariable.status).toBe(400);
    const anonymous = await expectSameAnswers('anonymous', `mutation { countryCreate(input: { isoCode: "ZZ", name: "Zedland" }) { country { id } } }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const reader = await expectSameAnswers('READER', `{ apiKeys { name } }`);
    expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a mutation whose input is refused: the same userErrors, and nothing written', async () => {
    const answer = await expectSameAnswers(
      'EDITOR',
      `mutation($input: CountryCreateInput!) { countryCreate(input: $input) { country { id } userErrors { field message code } } }`,
      { input: { isoCode: 'CN', name: 'China again' } },
    );
    expect(answer.data.countryCreate.country).toBeNull();
    expect(answer.data.countryCreate.userErrors.length).toBeGreaterThan(0);
  });

  it('introspection', async () => {
    const answer = await expectSameAnswers(
      'anonymous',
      `{ __schema { queryType { name } types { name kind fields { name } } } __type(name: "Position") { name } }`,
    );
    expect(answer.data.__type.name).toBe('Position');
  });
});
