/**
 * An editor finds two records of the same person, country or organization and merges them: every
 * relation of the duplicate moves onto the record kept, its names become aliases, the duplicate
 * is gone, and the change log keeps what it was.
 */
import { describe, expect, it } from 'vitest';
import { codesOf, expectOk, useCurationServer, userErrorFields } from '../support/curation.ts';
import { readSeed } from '../support/seed-data.ts';

const api = useCurationServer();
const seed = readSeed();

const importMutation = `mutation($input: ArticleImportInput!) { articleImport(input: $input) { article { id } ${userErrorFields} } }`;

async function seedIds() {
  const data = await api.data(
    'READER',
    `{
    cn: country(isoCode: "CN") { id } kr: country(isoCode: "KR") { id } us: country(isoCode: "US") { id }
    officials(first: 10) { nodes { id name } } meetings(first: 1) { nodes { id } } articles(first: 1) { nodes { id } }
    deployments(first: 5) { nodes { id system } }
  }`,
  );
  return {
    cn: data.cn.id,
    kr: data.kr.id,
    us: data.us.id,
    kong: data.officials.nodes.find((o: any) => o.name === 'Kong Xuanyou').id,
    meeting: data.meetings.nodes[0].id,
    article: data.articles.nodes[0].id,
    thaad: data.deployments.nodes.find((d: any) => d.system === 'THAAD').id,
  };
}

describe('officialMerge', () => {
  it('moves the positions and meetings of a duplicate official onto the one kept, adds their name as an alias, and deletes the duplicate', async () => {
    const ids = await seedIds();
    const duplicate = expectOk(
      (
        await api.data('EDITOR', `mutation($input: OfficialCreateInput!) { officialCreate(input: $input) { official { id } ${userErrorFields} } }`, {
          input: { name: 'Xuanyou Kong', title: null, aliases: ['K. Xuanyou'], countryId: ids.cn },
        })
      ).officialCreate,
    ).official;
    // The duplicate voiced a position of its own and attended the seed meeting (where Kong already is).
    const quote = 'China has expressed strong dissatisfaction';
    const position = expectOk(
      (
        await api.data('EDITOR', `mutation($input: PositionCreateInput!) { positionCreate(input: $input) { position { id version } ${userErrorFields} } }`, {
          input: {
            stance: 'CRITICIZE',
            summary: 'Kong criticized the THAAD decision.',
            topic: 'the THAAD decision',
            holderIds: [ids.cn],
            speakerIds: [duplicate.id],
            evidence: [{ articleId: ids.article, text: quote }],
          },
        })
      ).positionCreate,
    ).position;
    await api.data('EDITOR', `mutation($id: ID!, $p: [ID!]!) { meetingUpdate(input: { id: $id, participantIds: $p }) { ${userErrorFields} } }`, {
      id: ids.meeting,
      p: [
        ids.kong,
        duplicate.id,
        (await api.data('READER', '{ officials(first: 5) { nodes { id name } } }')).officials.nodes.find((o: any) => o.name === 'Igor Morgulov').id,
      ],
    });

    const merge = `mutation($input: OfficialMergeInput!) { officialMerge(input: $input) {
      official { id name aliases version positions(first: 50) { totalCount nodes { id } } meetings(first: 5) { nodes { id participants { name } } } } deletedOfficialId ${userErrorFields} } }`;
    expect(codesOf((await api.data('EDITOR', merge, { input: { keepId: ids.kong, duplicateId: ids.kong } })).officialMerge)).toEqual([
      'SAME_RECORD@input.duplicateId',
    ]);
    expect(codesOf((await api.data('EDITOR', merge, { input: { keepId: ids.kong, duplicateId: ids.cn } })).officialMerge)).toEqual([
      'INVALID_ID@input.duplicateId',
    ]);
    const seedSpoken = seed.positions.filter((p) => p.speakers.includes('Kong Xuanyou')).length;
    const merged = expectOk((await api.data('EDITOR', merge, { input: { keepId: ids.kong, duplicateId: duplicate.id } })).officialMerge);
    expect(merged.deletedOfficialId).toBe(duplicate.id);
    expect(merged.official.aliases).toEqual(expect.arrayContaining(['Kong', 'Xuanyou Kong', 'K. Xuanyou']));
    expect(merged.official.positions.totalCount).toBe(seedSpoken + 1);
    expect(merged.official.positions.nodes.map((p: any) => p.id)).toContain(position.id);
    expect(merged.official.meetings.nodes).toHaveLength(1);
    expect(merged.official.meetings.nodes[0].participants.map((p: any) => p.name).sort()).toEqual(['Igor Morgulov', 'Kong Xuanyou']);
    expect((await api.data('READER', 'query($id: ID!) { node(id: $id) { id } }', { id: duplicate.id })).node).toBeNull();
    const { node } = await api.data('READER', 'query($id: ID!) { node(id: $id) { ... on Position { version speakers { name } } } }', { id: position.id });
    expect(node).toEqual({ version: position.version + 1, speakers: [{ name: 'Kong Xuanyou' }] });

    const log = await api.data('ADMIN', 'query($id: ID!) { changeLog(first: 1, entityId: $id) { nodes { action actor details } } }', { id: ids.kong });
    expect(log.changeLog.nodes[0]).toMatchObject({ action: 'MERGE', actor: 'test-editor', details: { duplicate: { name: 'Xuanyou Kong' } } });
  });
});

describe('countryMerge', () => {
  it('moves held and addressed positions, officials, deployments, meetings and memberships of a duplicate country onto the one kept', async () => {
    const ids = await seedIds();
    // A second record of South Korea, made by mistake under another code, with relations of its own.
    const dup = expectOk(
      (
        await api.data(
          'EDITOR',
          `mutation { countryCreate(input: { name: "Republic of Korea", isoCode: "SK", aliases: ["ROK"] }) { country { id } ${userErrorFields} } }`,
        )
      ).countryCreate,
    ).country;
    const body =
      'Seoul and Washington confirmed the THAAD battery would be deployed by the end of 2017. The Republic of Korea defense ministry said it remained committed. Washington urged the Republic of Korea to speed up the deployment.';
    const imported = expectOk(
      (
        await api.data('EDITOR', importMutation, {
          input: {
            article: { source: 'Yonhap', body },
            countries: [
              { isoCode: 'SK', name: 'Republic of Korea' },
              { isoCode: 'KR', name: 'South Korea' },
              { isoCode: 'US', name: 'United States' },
            ],
            organizations: [{ acronym: 'UNC', name: 'United Nations Command', members: ['SK', 'US'] }],
            officials: [{ name: 'Han Min-koo', title: 'Defense Minister', country: 'SK' }],
            deployments: [{ key: 'patriot', name: 'Patriot battery', system: 'Patriot', status: 'OPERATIONAL', operator: 'SK', host: 'SK' }],
            positions: [
              // Held by both records of the same country: after the merge, one holder.
              {
                stance: 'COMMIT',
                summary: 'Both confirmed the deployment.',
                holders: ['SK', 'KR', 'US'],
                deployment: null,
                topic: 'THAAD timeline',
                evidence: [{ quote: 'confirmed the THAAD battery would be deployed by the end of 2017' }],
              },
              {
                stance: 'SUPPORT',
                summary: 'The ministry remains committed.',
                holders: ['SK'],
                speakers: ['Han Min-koo'],
                addressees: ['US'],
                topic: 'the alliance',
                evidence: [{ quote: 'said it remained committed' }],
              },
              {
                stance: 'URGE',
                summary: 'Washington urged Seoul to hurry.',
                holders: ['US'],
                addressees: ['SK'],
                topic: 'THAAD timeline',
                evidence: [{ quote: 'urged the Republic of Korea to speed up the deployment' }],
              },
            ],
          },
        })
      ).articleImport,
    );
    expect(imported.article.id).toBeTruthy();

    const before = await api.data(
      'READER',
      '{ country(isoCode: "KR") { positions(first: 50) { totalCount } officials(first: 10) { totalCount } hostedDeployments(first: 10) { totalCount } organizations(first: 5) { totalCount } } }',
    );
    const merge = `mutation($input: CountryMergeInput!) { countryMerge(input: $input) { country { id isoCode name aliases version } deletedCountryId ${userErrorFields} } }`;
    const merged = expectOk((await api.data('EDITOR', merge, { input: { keepId: ids.kr, duplicateId: dup.id } })).countryMerge);
    expect(merged.country).toMatchObject({ id: ids.kr, isoCode: 'KR', name: 'South Korea' });
    expect(merged.country.aliases).toEqual(expect.arrayContaining(['Seoul', 'Republic of Korea', 'ROK']));
    expect(merged.deletedCountryId).toBe(dup.id);

    const after = await api.data(
      'READER',
      `{
      country(isoCode: "KR") {
        positions(first: 50) { totalCount nodes { topic holders { ... on Country { isoCode } } } }
        officials(first: 10) { totalCount nodes { name } } hostedDeployments(first: 10) { totalCount nodes { system operator { name } } }
        organizations(first: 5) { totalCount nodes { acronym } }
      }
      sk: country(isoCode: "SK") { id }
    }`,
    );
    expect(after.sk).toBeNull();
    const c = after.country;
    expect(c.positions.totalCount).toBe(before.country.positions.totalCount + 1); // the SUPPORT one; the COMMIT one was already held
    const commit = c.positions.nodes.find((p: any) => p.topic === 'THAAD timeline');
    expect(commit.holders.map((h: any) => h.isoCode).sort()).toEqual(['KR', 'US']);
    expect(c.officials.nodes.map((o: any) => o.name)).toContain('Han Min-koo');
    expect(c.hostedDeployments.nodes).toEqual(expect.arrayContaining([{ system: 'Patriot', operator: { name: 'South Korea' } }]));
    expect(c.organizations.nodes).toEqual([{ acronym: 'UNC' }]);
    const addressed = await api.data('READER', '{ country(isoCode: "US") { positions(first: 50) { nodes { stance topic addressees { name } } } } }');
    const urge = addressed.country.positions.nodes.find((p: any) => p.stance === 'URGE' && p.topic === 'THAAD timeline');
    expect(urge.addressees).toEqual([{ name: 'South Korea' }]);

    const log = await api.data('ADMIN', 'query($id: ID!) { changeLog(first: 1, entityId: $id) { nodes { action details } } }', { id: ids.kr });
    expect(log.changeLog.nodes[0].action).toBe('MERGE');
    expect(log.changeLog.nodes[0].details.duplicate).toMatchObject({ name: 'Republic of Korea', isoCode: 'SK' });
  });
});

describe('organizationMerge', () => {
  it('merges a duplicate organization, taking its acronym when the kept one has none', async () => {
    const ids = await seedIds();
    const create = `mutation($input: OrganizationCreateInput!) { organizationCreate(input: $input) { organization { id } ${userErrorFields} } }`;
    const kept = expectOk((await api.data('EDITOR', create, { input: { name: 'European Union', memberIds: [ids.kr] } })).organizationCreate).organization;
    const dup = expectOk(
      (await api.data('EDITOR', create, { input: { name: 'The EU', acronym: 'EU', memberIds: [ids.us, ids.kr] } })).organizationCreate,
    ).organization;
    const merged = expectOk(
      (
        await api.data(
          'EDITOR',
          `mutation($input: OrganizationMergeInput!) { organizationMerge(input: $input) { organization { acronym aliases members { isoCode } } deletedOrganizationId ${userErrorFields} } }`,
          {
            input: { keepId: kept.id, duplicateId: dup.id },
          },
        )
      ).organizationMerge,
    );
    expect(merged.organization).toEqual({ acronym: 'EU', aliases: ['The EU'], members: [{ isoCode: 'US' }, { isoCode: 'KR' }] });
    expect(merged.deletedOrganizationId).toBe(dup.id);
  });
});
