/**
 * An editor curates the graph through mutations: every model can be created, corrected and
 * deleted; each refusal comes back as userErrors with a code and the field at fault, and the
 * change is recorded with who made it and a new version.
 */
import { describe, expect, it } from 'vitest';
import { codesOf, expectOk, useCurationServer, userErrorFields } from '../support/curation.ts';
import { readSeed } from '../support/seed-data.ts';

const api = useCurationServer();
const seed = readSeed();
const audit = 'createdAt updatedAt createdBy updatedBy version';
const CHINA_QUOTE = 'China has expressed strong dissatisfaction with and resolute opposition to the THAAD deployment';

async function ids() {
  const data = await api.data(
    'READER',
    `{
    cn: country(isoCode: "CN") { id } ru: country(isoCode: "RU") { id } us: country(isoCode: "US") { id } kr: country(isoCode: "KR") { id }
    articles(first: 1) { nodes { id } }
    deployments(first: 10) { nodes { id system } }
    meetings(first: 1) { nodes { id } }
    officials(first: 10) { nodes { id name } }
    positions(first: 20) { nodes { id stance topic version evidence { id } } }
  }`,
  );
  return {
    cn: data.cn.id as string,
    ru: data.ru.id as string,
    us: data.us.id as string,
    kr: data.kr.id as string,
    article: data.articles.nodes[0].id as string,
    thaad: data.deployments.nodes.find((d: any) => d.system === 'THAAD').id as string,
    meeting: data.meetings.nodes[0].id as string,
    kong: data.officials.nodes.find((o: any) => o.name === 'Kong Xuanyou').id as string,
    morgulov: data.officials.nodes.find((o: any) => o.name === 'Igor Morgulov').id as string,
    positions: data.positions.nodes as { id: string; stance: string; topic: string | null; version: number; evidence: { id: string }[] }[],
  };
}

describe('countries', () => {
  const create = `mutation($input: CountryCreateInput!) { countryCreate(input: $input) { country { id name isoCode aliases ${audit} } ${userErrorFields} } }`;
  const update = `mutation($input: CountryUpdateInput!) { countryUpdate(input: $input) { country { id name isoCode aliases ${audit} } ${userErrorFields} } }`;
  const del = `mutation($input: CountryDeleteInput!) { countryDelete(input: $input) { deletedCountryId ${userErrorFields} } }`;

  it('countryCreate records a country with who created it, and it can be read back', async () => {
    const { countryCreate } = await api.data('EDITOR', create, { input: { name: '  Japan ', isoCode: 'jp', aliases: ['Tokyo', 'Tokyo', 'Japan'] } });
    const country = expectOk(countryCreate).country;
    expect(country).toMatchObject({ name: 'Japan', isoCode: 'JP', aliases: ['Tokyo'], createdBy: 'test-editor', updatedBy: 'test-editor', version: 1 });
    expect(Date.parse(country.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const { country: read } = await api.data('anonymous', '{ country(isoCode: "JP") { id name } }');
    expect(read).toEqual({ id: country.id, name: 'Japan' });
  });

  it('countryCreate refuses an empty name, an unknown ISO code and a code already recorded', async () => {
    const bad = await api.data('EDITOR', create, { input: { name: ' ', isoCode: 'XX' } });
    expect(bad.countryCreate.country).toBeNull();
    expect(codesOf(bad.countryCreate)).toEqual(['BLANK@input.name', 'UNKNOWN_ISO_CODE@input.isoCode']);
    const taken = await api.data('EDITOR', create, { input: { name: "People's Republic of China", isoCode: 'CN' } });
    expect(codesOf(taken.countryCreate)).toEqual(['TAKEN@input.isoCode']);
    expect(taken.countryCreate.userErrors[0].message).toContain('China');
  });

  it('countryUpdate changes the fields given, bumps the version, and refuses a stale expectedVersion', async () => {
    const { countryCreate } = await api.data('EDITOR', create, { input: { name: 'Nepal', isoCode: 'NP' } });
    const { id } = countryCreate.country;
    const first = await api.data('EDITOR', update, { input: { id, expectedVersion: 1, aliases: ['Kathmandu'] } });
    expect(expectOk(first.countryUpdate).country).toMatchObject({ name: 'Nepal', aliases: ['Kathmandu'], version: 2, updatedBy: 'test-editor' });
    const stale = await api.data('ADMIN', update, { input: { id, expectedVersion: 1, name: 'Federal Democratic Republic of Nepal' } });
    expect(codesOf(stale.countryUpdate)).toEqual(['VERSION_CONFLICT@input.expectedVersion']);
    expect(stale.countryUpdate.userErrors[0].message).toMatch(/version 2, not 1/);
    const { country } = await api.data('READER', '{ country(isoCode: "NP") { name version } }');
    expect(country).toEqual({ name: 'Nepal', version: 2 });
  });

  it('countryUpdate refuses a missing record, a wrong kind of ID, a blank name and a taken code', async () => {
    const { cn, us, kong } = await ids();
    const missing = await api.data('EDITOR', update, { input: { id: Buffer.from('Country:99999').toString('base64'), name: 'X' } });
    expect(codesOf(missing.countryUpdate)).toEqual(['NOT_FOUND@input.id']);
    const wrongType = await api.data('EDITOR', update, { input: { id: kong, name: 'X' } });
    expect(codesOf(wrongType.countryUpdate)).toEqual(['INVALID_ID@input.id']);
    const malformed = await api.data('EDITOR', update, { input: { id: 'not an id', name: 'X' } });
    expect(codesOf(malformed.countryUpdate)).toEqual(['INVALID_ID@input.id']);
    const blankAndTaken = await api.data('EDITOR', update, { input: { id: us, name: '', isoCode: 'CN' } });
    expect(codesOf(blankAndTaken.countryUpdate)).toEqual(['BLANK@input.name']);
    const taken = await api.data('EDITOR', update, { input: { id: us, isoCode: 'cn' } });
    expect(codesOf(taken.countryUpdate)).toEqual(['TAKEN@input.isoCode']);
    expect(cn).toBeTruthy();
  });

  it('countryDelete deletes an unused country and refuses one that holds positions', async () => {
    const { countryCreate } = await api.data('EDITOR', create, { input: { name: 'Bhutan', isoCode: 'BT' } });
    const deleted = await api.data('EDITOR', del, { input: { id: countryCreate.country.id } });
    expect(expectOk(deleted.countryDelete).deletedCountryId).toBe(countryCreate.country.id);
    expect((await api.data('READER', '{ country(isoCode: "BT") { id } }')).country).toBeNull();
    const { cn } = await ids();
    const refused = await api.data('EDITOR', del, { input: { id: cn } });
    expect(codesOf(refused.countryDelete)).toEqual(['IN_USE@input.id']);
    expect(refused.countryDelete.userErrors[0].message).toMatch(/holds \d+ positions.*countryMerge/);
  });
});

describe('organizations', () => {
  const create = `mutation($input: OrganizationCreateInput!) { organizationCreate(input: $input) { organization { id name acronym aliases members { isoCode } ${audit} } ${userErrorFields} } }`;
  const update = `mutation($input: OrganizationUpdateInput!) { organizationUpdate(input: $input) { organization { id name acronym members { isoCode } version } ${userErrorFields} } }`;

  it('organizationCreate, organizationUpdate and organizationDelete, with their userErrors', async () => {
    const { us, kr, kong } = await ids();
    const created = expectOk(
      (await api.data('EDITOR', create, { input: { name: 'North Atlantic Treaty Organization', acronym: 'NATO', memberIds: [us] } })).organizationCreate,
    ).organization;
    expect(created).toMatchObject({ acronym: 'NATO', members: [{ isoCode: 'US' }], createdBy: 'test-editor', version: 1 });

    const bad = await api.data('EDITOR', create, {
      input: { name: '', acronym: 'NATO', memberIds: [kong, Buffer.from('Country:4242').toString('base64'), us, us] },
    });
    expect(codesOf(bad.organizationCreate)).toEqual([
      'BLANK@input.name',
      'INVALID_ID@input.memberIds.0',
      'NOT_FOUND@input.memberIds.1',
      'DUPLICATE@input.memberIds.3',
      'TAKEN@input.acronym',
    ]);

    const updated = await api.data('EDITOR', update, { input: { id: created.id, expectedVersion: 1, memberIds: [us, kr] } });
    expect(expectOk(updated.organizationUpdate).organization).toMatchObject({ members: [{ isoCode: 'US' }, { isoCode: 'KR' }], version: 2 });

    const deleted = await api.data(
      'EDITOR',
      `mutation($input: OrganizationDeleteInput!) { organizationDelete(input: $input) { deletedOrganizationId ${userErrorFields} } }`,
      { input: { id: created.id } },
    );
    expect(expectOk(deleted.organizationDelete).deletedOrganizationId).toBe(created.id);
    const { country } = await api.data('READER', '{ country(isoCode: "US") { organizations(first: 5) { totalCount } } }');
    expect(country.organizations.totalCount).toBe(0);
  });
});

describe('officials', () => {
  const create = `mutation($input: OfficialCreateInput!) { officialCreate(input: $input) { official { id name title aliases country { isoCode } ${audit} } ${userErrorFields} } }`;

  it('officialCreate records an official of a country; the same person twice is a DUPLICATE', async () => {
    const { ru } = await ids();
    const created = expectOk(
      (await api.data('EDITOR', create, { input: { name: 'Sergei Lavrov', title: 'Foreign Minister', aliases: ['Lavrov'], countryId: ru } })).officialCreate,
    ).official;
    expect(created).toMatchObject({
      name: 'Sergei Lavrov',
      title: 'Foreign Minister',
      aliases: ['Lavrov'],
      country: { isoCode: 'RU' },
      createdBy: 'test-editor',
    });
    const again = await api.data('EDITOR', create, { input: { name: 'Sergei Lavrov', countryId: ru } });
    expect(codesOf(again.officialCreate)).toEqual(['DUPLICATE@input.name']);
    const badRefs = await api.data('EDITOR', create, {
      input: { name: 'Nobody', countryId: Buffer.from('Country:999').toString('base64'), organizationId: ru },
    });
    expect(codesOf(badRefs.officialCreate)).toEqual(['NOT_FOUND@input.countryId', 'INVALID_ID@input.organizationId']);
  });

  it('officialUpdate corrects a title and clears it with null; officialDelete removes them from what they said', async () => {
    const { ru } = await ids();
    const official = expectOk(
      (await api.data('EDITOR', create, { input: { name: 'Maria Zakharova', title: 'Spokesperson', countryId: ru } })).officialCreate,
    ).official;
    const update = `mutation($input: OfficialUpdateInput!) { officialUpdate(input: $input) { official { title version updatedBy } ${userErrorFields} } }`;
    const corrected = await api.data('ADMIN', update, { input: { id: official.id, title: 'Foreign Ministry spokesperson' } });
    expect(expectOk(corrected.officialUpdate).official).toEqual({ title: 'Foreign Ministry spokesperson', version: 2, updatedBy: 'test-admin' });
    const cleared = await api.data('EDITOR', update, { input: { id: official.id, title: null } });
    expect(expectOk(cleared.officialUpdate).official.title).toBeNull();
    const blank = await api.data('EDITOR', update, { input: { id: official.id, name: '  ' } });
    expect(codesOf(blank.officialUpdate)).toEqual(['BLANK@input.name']);
    const del = `mutation($input: OfficialDeleteInput!) { officialDelete(input: $input) { deletedOfficialId ${userErrorFields} } }`;
    expect(expectOk((await api.data('EDITOR', del, { input: { id: official.id } })).officialDelete).deletedOfficialId).toBe(official.id);
    expect(codesOf((await api.data('EDITOR', del, { input: { id: official.id } })).officialDelete)).toEqual(['NOT_FOUND@input.id']);
  });
});

describe('articles', () => {
  const create = `mutation($input: ArticleCreateInput!) { articleCreate(input: $input) { article { id source url headline publishedAt ${audit} } ${userErrorFields} } }`;
  const update = `mutation($input: ArticleUpdateInput!) { articleUpdate(input: $input) { article { id body headline version } ${userErrorFields} } }`;

  it('articleCreate records an article; a URL or a body already recorded is TAKEN; a future date, a bad URL and an empty body are refused', async () => {
    const input = {
      source: 'Yonhap',
      body: 'Seoul said on Friday the THAAD battery would be operational by the end of next year.',
      url: 'https://en.yna.co.kr/view/1',
      publishedAt: '2016-07-29T03:00:00Z',
    };
    const created = expectOk((await api.data('EDITOR', create, { input })).articleCreate).article;
    expect(created).toMatchObject({ source: 'Yonhap', url: input.url, publishedAt: '2016-07-29T03:00:00.000Z', headline: null, createdBy: 'test-editor' });
    const again = await api.data('EDITOR', create, { input });
    expect(codesOf(again.articleCreate)).toEqual(['TAKEN@input.url', 'TAKEN@input.body']);
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const bad = await api.data('EDITOR', create, { input: { source: ' ', body: '   ', url: 'ftp://x', publishedAt: future } });
    expect(codesOf(bad.articleCreate)).toEqual(['BLANK@input.source', 'BLANK@input.body', 'INVALID@input.url', 'FUTURE_DATE@input.publishedAt']);
  });

  it('articleUpdate takes a corrected body only when every quote stays where it is', async () => {
    const { article } = await ids();
    const { article: current } = await api.data('READER', `query($id: ID!) { article: node(id: $id) { ... on Article { body version } } }`, { id: article });
    const keeps = `${current.body}\n(Corrected: the meeting was the fourth.)`;
    const ok = await api.data('EDITOR', update, {
      input: { id: article, expectedVersion: current.version, body: keeps, headline: 'China, Russia voice concern over THAAD' },
    });
    expect(expectOk(ok.articleUpdate).article).toMatchObject({ body: keeps, headline: 'China, Russia voice concern over THAAD', version: current.version + 1 });
    const breaks = await api.data('EDITOR', update, { input: { id: article, body: `Summary. ${current.body}` } });
    expect(codesOf(breaks.articleUpdate)).toEqual(['EVIDENCE_NOT_IN_ARTICLE@input.body']);
    const restored = await api.data('EDITOR', update, { input: { id: article, body: current.body, headline: null } });
    expectOk(restored.articleUpdate);
  });

  it('articleDelete refuses an article that positions cite unless deletePositions is true', async () => {
    const { article } = await ids();
    const del = `mutation($input: ArticleDeleteInput!) { articleDelete(input: $input) { deletedArticleId deletedPositionIds ${userErrorFields} } }`;
    const refused = await api.data('EDITOR', del, { input: { id: article } });
    expect(codesOf(refused.articleDelete)).toEqual(['ARTICLE_CITED@input.deletePositions']);
    expect(refused.articleDelete.userErrors[0].message).toMatch(/13 positions cite this article/);
    const plain = expectOk((await api.data('EDITOR', create, { input: { source: 'AP', body: 'An article nobody cites.' } })).articleCreate).article;
    const deleted = await api.data('EDITOR', del, { input: { id: plain.id } });
    expect(expectOk(deleted.articleDelete)).toMatchObject({ deletedArticleId: plain.id, deletedPositionIds: [] });
  });
});

describe('meetings and deployments', () => {
  it('meetingCreate, meetingUpdate, meetingDelete (refused while positions were stated there)', async () => {
    const { ru, kong, morgulov, meeting } = await ids();
    const created = expectOk(
      (
        await api.data(
          'EDITOR',
          `mutation($input: MeetingCreateInput!) { meetingCreate(input: $input) { meeting { id name ordinal date country { isoCode } participants { name } ${audit} } ${userErrorFields} } }`,
          {
            input: {
              name: 'fifth meeting on Northeast Asia security',
              series: 'Northeast Asia security',
              ordinal: 5,
              city: 'Beijing',
              countryId: ru,
              date: '2017-04-10',
              participantIds: [kong, morgulov],
            },
          },
        )
      ).meetingCreate,
    ).meeting;
    expect(created).toMatchObject({ ordinal: 5, date: '2017-04-10', country: { isoCode: 'RU' }, createdBy: 'test-editor' });
    expect(created.participants.map((p: any) => p.name).sort()).toEqual(['Igor Morgulov', 'Kong Xuanyou']);
    const update = `mutation($input: MeetingUpdateInput!) { meetingUpdate(input: $input) { meeting { city participants { name } version } ${userErrorFields} } }`;
    const updated = await api.data('EDITOR', update, { input: { id: created.id, expectedVersion: 1, city: null, participantIds: [kong], ordinal: 0 } });
    expect(codesOf(updated.meetingUpdate)).toEqual(['INVALID@input.ordinal']);
    const fixed = await api.data('EDITOR', update, { input: { id: created.id, expectedVersion: 1, city: null, participantIds: [kong] } });
    expect(expectOk(fixed.meetingUpdate).meeting).toEqual({ city: null, participants: [{ name: 'Kong Xuanyou' }], version: 2 });
    const del = `mutation($input: MeetingDeleteInput!) { meetingDelete(input: $input) { deletedMeetingId ${userErrorFields} } }`;
    expect(codesOf((await api.data('EDITOR', del, { input: { id: meeting } })).meetingDelete)).toEqual(['IN_USE@input.id']);
    expect(expectOk((await api.data('EDITOR', del, { input: { id: created.id, expectedVersion: 2 } })).meetingDelete).deletedMeetingId).toBe(created.id);
  });

  it('deploymentCreate refuses a second THAAD in South Korea and a future announcement; deploymentUpdate moves the status on; deploymentDelete refuses one positions are about', async () => {
    const { us, kr, thaad, kong } = await ids();
    const create = `mutation($input: DeploymentCreateInput!) { deploymentCreate(input: $input) { deployment { id name system status operator { name } host { isoCode } ${audit} } ${userErrorFields} } }`;
    const dup = await api.data('EDITOR', create, { input: { name: 'Another THAAD', system: 'THAAD', status: 'ANNOUNCED', hostId: kr, operatorId: us } });
    expect(codesOf(dup.deploymentCreate)).toEqual(['DUPLICATE@input.system']);
    const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const bad = await api.data('EDITOR', create, {
      input: { name: 'Patriot battery', system: 'Patriot', status: 'OPERATIONAL', hostId: kr, operatorId: kong, announcedOn: future },
    });
    expect(codesOf(bad.deploymentCreate)).toEqual(['FUTURE_DATE@input.announcedOn', 'INVALID_ID@input.operatorId']);
    const created = expectOk(
      (await api.data('EDITOR', create, { input: { name: 'Patriot battery in Osan', system: 'Patriot', status: 'PROPOSED', hostId: kr, operatorId: us } }))
        .deploymentCreate,
    ).deployment;
    expect(created).toMatchObject({ system: 'Patriot', status: 'PROPOSED', operator: { name: 'United States' }, host: { isoCode: 'KR' } });
    const updated = await api.data(
      'EDITOR',
      `mutation($input: DeploymentUpdateInput!) { deploymentUpdate(input: $input) { deployment { status version } ${userErrorFields} } }`,
      {
        input: { id: created.id, expectedVersion: 1, status: 'OPERATIONAL' },
      },
    );
    expect(expectOk(updated.deploymentUpdate).deployment).toEqual({ status: 'OPERATIONAL', version: 2 });
    const del = `mutation($input: DeploymentDeleteInput!) { deploymentDelete(input: $input) { deletedDeploymentId ${userErrorFields} } }`;
    expect(codesOf((await api.data('EDITOR', del, { input: { id: thaad } })).deploymentDelete)).toEqual(['IN_USE@input.id']);
    expect(expectOk((await api.data('EDITOR', del, { input: { id: created.id } })).deploymentDelete).deletedDeploymentId).toBe(created.id);
  });
});

describe('positions and evidence', () => {
  const create = `mutation($input: PositionCreateInput!) { positionCreate(input: $input) {
    position { id stance summary topic statedOn holders { name } speakers { name } evidence { text start end article { id } } ${audit} } ${userErrorFields} } }`;

  it('positionCreate computes the offsets of the quoted text and records who created it', async () => {
    const { article, cn, kong } = await ids();
    const quote = 'to protect the strategic security of China, Russia and other regional countries';
    const created = expectOk(
      (
        await api.data('EDITOR', create, {
          input: {
            stance: 'SUPPORT',
            summary: 'China supports protecting the strategic security of the region.',
            topic: 'regional strategic security',
            holderIds: [cn],
            speakerIds: [kong],
            statedOn: '2016-07-28',
            evidence: [{ articleId: article, text: quote }],
          },
        })
      ).positionCreate,
    ).position;
    const start = seed.article.body.indexOf(quote);
    expect(created.evidence).toEqual([{ text: quote, start, end: start + quote.length, article: { id: article } }]);
    expect(created).toMatchObject({
      stance: 'SUPPORT',
      holders: [{ name: 'China' }],
      speakers: [{ name: 'Kong Xuanyou' }],
      createdBy: 'test-editor',
      version: 1,
    });
  });

  it('positionCreate refuses evidence not in the article, ambiguous text without a start, and takes it with one', async () => {
    const { article, cn } = await ids();
    const base = { stance: 'CONCERN', summary: 'China worries about THAAD.', topic: 'THAAD in general', holderIds: [cn] };
    const missing = await api.data('EDITOR', create, { input: { ...base, evidence: [{ articleId: article, text: 'China welcomed the THAAD deployment.' }] } });
    expect(codesOf(missing.positionCreate)).toEqual(['EVIDENCE_NOT_IN_ARTICLE@input.evidence.0.text']);
    const ambiguous = await api.data('EDITOR', create, { input: { ...base, evidence: [{ articleId: article, text: 'THAAD deployment' }] } });
    expect(codesOf(ambiguous.positionCreate)).toEqual(['EVIDENCE_AMBIGUOUS@input.evidence.0.text']);
    expect(ambiguous.positionCreate.userErrors[0].message).toMatch(/occurs \d+ times.*give its start/);
    const wrongStart = await api.data('EDITOR', create, { input: { ...base, evidence: [{ articleId: article, text: 'THAAD deployment', start: 3 }] } });
    expect(codesOf(wrongStart.positionCreate)).toEqual(['EVIDENCE_NOT_IN_ARTICLE@input.evidence.0.text']);
    const start = seed.article.body.lastIndexOf('THAAD deployment');
    const ok = await api.data('EDITOR', create, { input: { ...base, evidence: [{ articleId: article, text: 'THAAD deployment', start }] } });
    expect(expectOk(ok.positionCreate).position.evidence[0]).toMatchObject({ start, end: start + 'THAAD deployment'.length });
  });

  it('positionCreate refuses a position about nothing, with no holder, no evidence, a future date, a speaker of another country, or a twin of a known position', async () => {
    const { article, cn, us, thaad, kong, meeting, ru } = await ids();
    const evidence = [{ articleId: article, text: CHINA_QUOTE }];
    const neither = await api.data('EDITOR', create, { input: { stance: 'OPPOSE', summary: 's', holderIds: [cn], evidence } });
    expect(codesOf(neither.positionCreate)).toEqual(['TARGET_REQUIRED@input.topic']);
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const many = await api.data('EDITOR', create, {
      input: { stance: 'OPPOSE', summary: ' ', holderIds: [], deploymentId: thaad, statedOn: future, evidence: [] },
    });
    expect(codesOf(many.positionCreate)).toEqual([
      'BLANK@input.summary',
      'FUTURE_DATE@input.statedOn',
      'EVIDENCE_REQUIRED@input.evidence',
      'HOLDER_REQUIRED@input.holderIds',
    ]);
    const speaker = await api.data('EDITOR', create, { input: { stance: 'OPPOSE', summary: 's', holderIds: [us], speakerIds: [kong], topic: 'x', evidence } });
    expect(codesOf(speaker.positionCreate)).toEqual(['SPEAKER_NOT_HOLDER@input.speakerIds.0']);
    // The seed's "China opposes THAAD" (OPPOSE, THAAD, holders CN, no meeting) is already recorded.
    const twin = await api.data('EDITOR', create, {
      input: { stance: 'OPPOSE', summary: 'China opposes THAAD again.', holderIds: [cn], deploymentId: thaad, evidence },
    });
    expect(codesOf(twin.positionCreate)).toEqual(['DUPLICATE@']);
    expect(twin.positionCreate.userErrors[0].message).toMatch(/evidenceCreate/);
    expect(meeting && ru).toBeTruthy();
  });

  it('positionUpdate corrects a stance with the version read; positionDelete removes it with its evidence', async () => {
    const { article, ru } = await ids();
    const created = expectOk(
      (
        await api.data('EDITOR', create, {
          input: {
            stance: 'CONCERN',
            summary: 'Russia on missile units.',
            topic: 'missile units in the Far East',
            holderIds: [ru],
            evidence: [{ articleId: article, text: 'Russia indicated a military response' }],
          },
        })
      ).positionCreate,
    ).position;
    const update = `mutation($input: PositionUpdateInput!) { positionUpdate(input: $input) { position { stance topic deployment { name } version updatedBy } ${userErrorFields} } }`;
    const ok = await api.data('EDITOR', update, { input: { id: created.id, expectedVersion: 1, stance: 'THREATEN' } });
    expect(expectOk(ok.positionUpdate).position).toMatchObject({ stance: 'THREATEN', version: 2, updatedBy: 'test-editor' });
    const noTarget = await api.data('EDITOR', update, { input: { id: created.id, topic: null } });
    expect(codesOf(noTarget.positionUpdate)).toEqual(['TARGET_REQUIRED@input.topic']);
    const noHolders = await api.data('EDITOR', update, { input: { id: created.id, holderIds: [] } });
    expect(codesOf(noHolders.positionUpdate)).toEqual(['HOLDER_REQUIRED@input.holderIds']);
    const stale = await api.data('EDITOR', update, { input: { id: created.id, expectedVersion: 1, summary: 'x' } });
    expect(codesOf(stale.positionUpdate)).toEqual(['VERSION_CONFLICT@input.expectedVersion']);
    const del = `mutation($input: PositionDeleteInput!) { positionDelete(input: $input) { deletedPositionId ${userErrorFields} } }`;
    expect(expectOk((await api.data('EDITOR', del, { input: { id: created.id, expectedVersion: 2 } })).positionDelete).deletedPositionId).toBe(created.id);
    expect((await api.data('READER', 'query($id: ID!) { node(id: $id) { id } }', { id: created.id })).node).toBeNull();
  });

  it('evidenceCreate adds a corroborating quote (once); evidenceDelete removes it, but never the last one', async () => {
    const { cn, positions } = await ids();
    const oppose = positions.find((p) => p.stance === 'OPPOSE' && p.evidence.length === 1 && p.topic === null)!;
    const other = expectOk(
      (
        await api.data('EDITOR', `mutation($input: ArticleCreateInput!) { articleCreate(input: $input) { article { id } ${userErrorFields} } }`, {
          input: { source: 'Global Times', body: 'Beijing reiterated that it firmly opposes the THAAD deployment in South Korea.' },
        })
      ).articleCreate,
    ).article;
    const add = `mutation($input: EvidenceCreateInput!) { evidenceCreate(input: $input) { evidence { id text start end } position { id version evidence { id } } ${userErrorFields} } }`;
    const added = expectOk(
      (await api.data('EDITOR', add, { input: { positionId: oppose.id, articleId: other.id, text: 'it firmly opposes the THAAD deployment' } })).evidenceCreate,
    );
    expect(added.evidence).toMatchObject({ text: 'it firmly opposes the THAAD deployment', start: 24, end: 62 });
    expect(added.position).toMatchObject({ id: oppose.id, version: oppose.version + 1 });
    expect(added.position.evidence).toHaveLength(2);
    const again = await api.data('EDITOR', add, { input: { positionId: oppose.id, articleId: other.id, text: 'it firmly opposes the THAAD deployment' } });
    expect(codesOf(again.evidenceCreate)).toEqual(['DUPLICATE@input.text']);
    const notThere = await api.data('EDITOR', add, { input: { positionId: cn, articleId: other.id, text: 'welcomes' } });
    expect(codesOf(notThere.evidenceCreate)).toEqual(['INVALID_ID@input.positionId', 'EVIDENCE_NOT_IN_ARTICLE@input.text']);
    const del = `mutation($input: EvidenceDeleteInput!) { evidenceDelete(input: $input) { deletedEvidenceId position { evidence { id } } ${userErrorFields} } }`;
    const removed = expectOk((await api.data('EDITOR', del, { input: { id: added.evidence.id } })).evidenceDelete);
    expect(removed.position.evidence).toEqual(oppose.evidence);
    const last = await api.data('EDITOR', del, { input: { id: oppose.evidence[0]!.id } });
    expect(codesOf(last.evidenceDelete)).toEqual(['EVIDENCE_REQUIRED@input.id']);
  });
});

describe('the change log', () => {
  it('records deletes with the last state of the record and who deleted it, readable by admins only', async () => {
    const { countryCreate } = await api.data(
      'EDITOR',
      `mutation { countryCreate(input: { name: "Laos", isoCode: "LA" }) { country { id } ${userErrorFields} } }`,
    );
    const id = countryCreate.country.id;
    await api.data('ADMIN', `mutation($id: ID!) { countryDelete(input: { id: $id }) { deletedCountryId ${userErrorFields} } }`, { id });
    const log = await api.data(
      'ADMIN',
      `query($id: ID!) { changeLog(first: 10, entityId: $id) { totalCount nodes { actor action entityType entityId details } } }`,
      { id },
    );
    expect(log.changeLog.nodes.map((e: any) => [e.action, e.actor])).toEqual([
      ['DELETE', 'test-admin'],
      ['CREATE', 'test-editor'],
    ]);
    expect(log.changeLog.nodes[0]).toMatchObject({ entityType: 'Country', entityId: id, details: { deleted: { name: 'Laos', isoCode: 'LA' } } });
    const forbidden = await api.query('EDITOR', '{ changeLog(first: 1) { totalCount } }');
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
