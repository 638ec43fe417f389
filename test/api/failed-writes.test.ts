/**
 * A write that is refused changes nothing: not a row of any table, not the change log. Checked
 * the strongest way: a full dump of every table before a batch of refused mutations (including
 * imports and merges that are refused only after they have written part of their work inside
 * their transaction) equals the dump after.
 */
import { describe, expect, it } from 'vitest';
import { dumpTables, expectOk, useCurationServer, userErrorFields } from '../support/curation.ts';
import { readSeed } from '../support/seed-data.ts';

const api = useCurationServer();
const seed = readSeed();

const importMutation = `mutation($input: ArticleImportInput!) { articleImport(input: $input) { article { id } ${userErrorFields} } }`;
const URL_A = 'https://example.org/thaad-2016-08-01';
const documentA = {
  article: { source: 'Example Wire', url: URL_A, body: 'Russia and China restated their opposition to THAAD on Monday.' },
  countries: [
    { isoCode: 'RU', name: 'Russia' },
    { isoCode: 'CN', name: 'China' },
  ],
  positions: [
    {
      stance: 'OPPOSE',
      summary: 'Russia and China restated their opposition to THAAD.',
      holders: ['RU', 'CN'],
      topic: 'THAAD',
      evidence: [{ quote: 'restated their opposition to THAAD' }],
    },
  ],
};

describe('a refused write changes nothing', () => {
  it('every table is the same before and after a batch of refused mutations', async () => {
    expectOk((await api.data('EDITOR', importMutation, { input: documentA })).articleImport);
    const ids = await api.data(
      'READER',
      `{
      cn: country(isoCode: "CN") { id } kr: country(isoCode: "KR") { id }
      articles(first: 5) { nodes { id url } } deployments(first: 5) { nodes { id } } meetings(first: 1) { nodes { id } }
      officials(first: 5) { nodes { id } } positions(first: 1) { nodes { id version evidence { id } } }
    }`,
    );
    const seedArticle = ids.articles.nodes.find((a: any) => a.url === null).id;
    const position = ids.positions.nodes[0];
    const refused: Array<[string, string, Record<string, unknown>]> = [
      ['countryCreate', `mutation { countryCreate(input: { name: "Nowhere", isoCode: "QQ" }) { ${userErrorFields} } }`, {}],
      ['countryUpdate', `mutation($id: ID!) { countryUpdate(input: { id: $id, isoCode: "KR", name: "Changed" }) { ${userErrorFields} } }`, { id: ids.cn.id }],
      ['countryDelete', `mutation($id: ID!) { countryDelete(input: { id: $id }) { ${userErrorFields} } }`, { id: ids.cn.id }],
      ['countryMerge', `mutation($id: ID!) { countryMerge(input: { keepId: $id, duplicateId: $id }) { ${userErrorFields} } }`, { id: ids.cn.id }],
      [
        'countryMerge (missing duplicate)',
        `mutation($id: ID!, $dup: ID!) { countryMerge(input: { keepId: $id, duplicateId: $dup }) { ${userErrorFields} } }`,
        { id: ids.cn.id, dup: Buffer.from('Country:77777').toString('base64') },
      ],
      [
        'officialMerge',
        `mutation($id: ID!) { officialMerge(input: { keepId: $id, duplicateId: $id }) { ${userErrorFields} } }`,
        { id: ids.officials.nodes[0].id },
      ],
      [
        'organizationCreate',
        `mutation($kr: ID!) { organizationCreate(input: { name: "Alliance", memberIds: [$kr, "bad"] }) { ${userErrorFields} } }`,
        { kr: ids.kr.id },
      ],
      [
        'articleCreate',
        `mutation($body: String!) { articleCreate(input: { source: "Xinhua", body: $body }) { ${userErrorFields} } }`,
        { body: seed.article.body },
      ],
      [
        'articleUpdate',
        `mutation($id: ID!) { articleUpdate(input: { id: $id, body: "Completely different.", source: "Changed" }) { ${userErrorFields} } }`,
        { id: seedArticle },
      ],
      ['articleDelete', `mutation($id: ID!) { articleDelete(input: { id: $id }) { ${userErrorFields} } }`, { id: seedArticle }],
      ['meetingDelete', `mutation($id: ID!) { meetingDelete(input: { id: $id }) { ${userErrorFields} } }`, { id: ids.meetings.nodes[0].id }],
      ['deploymentDelete', `mutation($id: ID!) { deploymentDelete(input: { id: $id }) { ${userErrorFields} } }`, { id: ids.deployments.nodes[0].id }],
      [
        'positionUpdate',
        `mutation($id: ID!, $v: Int!) { positionUpdate(input: { id: $id, expectedVersion: $v, summary: "changed", stance: SUPPORT }) { ${userErrorFields} } }`,
        { id: position.id, v: position.version + 5 },
      ],
      ['evidenceDelete', `mutation($id: ID!) { evidenceDelete(input: { id: $id }) { ${userErrorFields} } }`, { id: position.evidence[0].id }],
      ['apiKeyCreate', `mutation { apiKeyCreate(input: { name: "test-editor", role: READER }) { ${userErrorFields} } }`, {}],
      [
        // Refused only after it has created France and an official inside its transaction: the URL is
        // already recorded with another body.
        'articleImport (conflict found late)',
        importMutation,
        {
          input: {
            ...documentA,
            article: { ...documentA.article, body: 'France restated its opposition to THAAD on Monday.' },
            countries: [{ isoCode: 'FR', name: 'France' }],
            officials: [{ name: 'Jean Dupont', country: 'FR' }],
            positions: [
              {
                stance: 'OPPOSE',
                summary: 'France opposes THAAD.',
                holders: ['FR'],
                speakers: ['Jean Dupont'],
                topic: 'THAAD',
                evidence: [{ quote: 'restated its opposition' }],
              },
            ],
          },
        },
      ],
      [
        'articleImport (invalid document)',
        importMutation,
        {
          input: {
            ...documentA,
            article: { ...documentA.article, url: null, body: 'A new body.' },
            positions: [{ ...documentA.positions[0], holders: ['XX'] }],
          },
        },
      ],
    ];

    const before = await api.offline(dumpTables);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['Actor', 'Country', 'Article', 'Position', 'Evidence', 'ChangeLog', 'ApiKey']));
    for (const [name, operation, variables] of refused) {
      const data = await api.data('ADMIN', operation, variables);
      const payload = Object.values(data)[0] as { userErrors: unknown[] };
      expect(payload.userErrors.length, `${name} was not refused`).toBeGreaterThan(0);
    }
    const after = await api.offline(dumpTables);
    expect(after).toEqual(before);
  });
});
