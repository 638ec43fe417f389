/**
 * An analyst narrows a list in the domain's own terms: stances, holders by ISO code, acronym,
 * name or alias, speakers by name or alias, deployments and weapon systems, topics, meetings, articles, dates and words. A value
 * that names nothing, or a contradictory range, is a BAD_USER_INPUT error that names the
 * argument, never an empty answer that hides the typo.
 */
import { describe, expect, it } from 'vitest';
import { expectBadUserInput, useSeededServer } from '../support/api.ts';
import { readSeed, seedPositions } from '../support/seed-data.ts';

const seed = readSeed();
const api = useSeededServer();
const positions = seedPositions();
const thaad = seed.deployments.find((d) => d.system === 'THAAD')!;
const sorted = (items: string[]) => [...items].sort();
const summaries = (connection: { nodes: Array<{ summary: string }> }) => sorted(connection.nodes.map((p) => p.summary));
const expected = (keep: (p: (typeof positions)[number]) => boolean) => sorted(positions.filter(keep).map((p) => p.summary));

async function positionsWhere(filter: string): Promise<{ totalCount: number; nodes: Array<{ summary: string }> }> {
  const data = await api.data(`{ positions(first: 100, filter: ${filter}) { totalCount nodes { summary } } }`);
  expect(data.positions.totalCount).toBe(data.positions.nodes.length);
  return data.positions;
}

async function idOf(query: string, pick: (data: any) => string): Promise<string> {
  return pick(await api.data(query));
}

describe('positions filtered by what was said, by whom, about what, where and when', () => {
  it('stances: any of them', async () => {
    expect(summaries(await positionsWhere(`{ stances: [THREATEN, OPPOSE] }`))).toEqual(expected((p) => ['THREATEN', 'OPPOSE'].includes(p.stance)));
  });

  it('holders: by ISO code, in any case, any of them', async () => {
    expect(summaries(await positionsWhere(`{ holders: ["ru"] }`))).toEqual(expected((p) => p.holders.includes('RU')));
    expect(summaries(await positionsWhere(`{ holders: ["KR", "US"] }`))).toEqual(expected((p) => p.holders.includes('KR') || p.holders.includes('US')));
  });

  it('holders and speakers: by name or alias, in any case, as well as by code', async () => {
    expect(summaries(await positionsWhere(`{ holders: ["Russia"] }`))).toEqual(expected((p) => p.holders.includes('RU')));
    expect(summaries(await positionsWhere(`{ holders: ["seoul", "Washington"] }`))).toEqual(
      expected((p) => p.holders.includes('KR') || p.holders.includes('US')),
    );
    expect(summaries(await positionsWhere(`{ holders: ["  South   Korea "] }`))).toEqual(expected((p) => p.holders.includes('KR')));
    expect(summaries(await positionsWhere(`{ speakers: ["Kong Xuanyou"] }`))).toEqual(expected((p) => p.speakers.includes('Kong Xuanyou')));
    expect(summaries(await positionsWhere(`{ speakers: ["morgulov"] }`))).toEqual(expected((p) => p.speakers.includes('Igor Morgulov')));
  });

  it('deployments by host and operator, meetings by participant, officials by country: by name or alias too', async () => {
    const data = await api.data(`{
      byHost: deployments(filter: { hosts: ["Seoul"] }) { nodes { name } }
      byOperator: deployments(filter: { operators: ["Washington"] }) { nodes { name } }
      byParticipant: meetings(filter: { participants: ["Kong"] }) { nodes { name } }
      byCountry: officials(filter: { countries: ["Russia"] }) { nodes { name } }
    }`);
    expect(data.byHost.nodes.map((d: any) => d.name)).toEqual([thaad.name]);
    expect(data.byOperator.nodes.map((d: any) => d.name)).toEqual([thaad.name]);
    expect(data.byParticipant.nodes.map((m: any) => m.name)).toEqual(seed.meetings.map((m) => m.name));
    expect(data.byCountry.nodes.map((o: any) => o.name)).toEqual(['Igor Morgulov']);
  });

  it('holders: by ID, as well as by code', async () => {
    const china = await idOf(`{ country(isoCode: "CN") { id } }`, (d) => d.country.id);
    expect(summaries(await positionsWhere(`{ holders: ["${china}"] }`))).toEqual(expected((p) => p.holders.includes('CN')));
  });

  it('conditions combine: held by China, opposing or criticizing, about THAAD', async () => {
    const found = await positionsWhere(`{ holders: ["CN"], stances: [OPPOSE, CRITICIZE], systems: ["thaad"] }`);
    expect(summaries(found)).toEqual(expected((p) => p.holders.includes('CN') && ['OPPOSE', 'CRITICIZE'].includes(p.stance) && p.deployment === thaad.name));
    expect(found.totalCount).toBeGreaterThan(1);
  });

  it('speakers, deployments, meetings and articles: by ID', async () => {
    const ids = await api.data(`{
      officials(first: 10, filter: { name: "Morgulov" }) { nodes { id } }
      deployments(first: 10, filter: { systems: ["THAAD"] }) { nodes { id } }
      meetings(first: 10) { nodes { id } }
      articles(first: 10) { nodes { id } }
    }`);
    const [morgulov] = ids.officials.nodes;
    expect(summaries(await positionsWhere(`{ speakers: ["${morgulov.id}"] }`))).toEqual(expected((p) => p.speakers.includes('Igor Morgulov')));
    expect(summaries(await positionsWhere(`{ deployments: ["${ids.deployments.nodes[0].id}"] }`))).toEqual(expected((p) => p.deployment === thaad.name));
    expect(summaries(await positionsWhere(`{ meetings: ["${ids.meetings.nodes[0].id}"] }`))).toEqual(expected((p) => p.meeting !== null));
    expect((await positionsWhere(`{ articles: ["${ids.articles.nodes[0].id}"] }`)).totalCount).toBe(positions.length);
  });

  it('topics, in any case', async () => {
    expect(summaries(await positionsWhere(`{ topics: ["six party talks", "Strategic Stability"] }`))).toEqual(
      expected((p) => p.topic === 'Six Party Talks' || p.topic === 'strategic stability'),
    );
  });

  it('statedOn: a range of days, bounds included; undated positions are outside every range', async () => {
    const dated = expected((p) => p.statedOn === '2016-07-28');
    expect(dated.length).toBeLessThan(positions.length);
    expect(summaries(await positionsWhere(`{ statedOn: { from: "2016-07-28", to: "2016-07-28" } }`))).toEqual(dated);
    expect(summaries(await positionsWhere(`{ statedOn: { from: "2016-07-28" } }`))).toEqual(dated);
    expect(summaries(await positionsWhere(`{ statedOn: { to: "2016-07-28" } }`))).toEqual(dated);
    expect((await positionsWhere(`{ statedOn: { from: "2016-07-29" } }`)).totalCount).toBe(0);
  });

  it('text: words of the summary or topic, stemmed ("talk" finds "Talks")', async () => {
    expect(summaries(await positionsWhere(`{ text: "talk" }`))).toEqual(expected((p) => /talk/i.test(`${p.summary} ${p.topic ?? ''}`)));
  });

  it('on relations too: what China holds about THAAD, what was said at the meeting', async () => {
    const data = await api.data(`{
      country(isoCode: "CN") { positions(first: 100, filter: { systems: ["THAAD"], stances: [OPPOSE] }) { totalCount nodes { summary } } }
      meetings(first: 1) { nodes { positions(first: 100, filter: { stances: [URGE] }) { totalCount } } }
      deployments(first: 10, filter: { systems: ["THAAD"] }) { nodes { positions(first: 100, filter: { holders: ["US"] }) { totalCount } } }
    }`);
    expect(summaries(data.country.positions)).toEqual(expected((p) => p.holders.includes('CN') && p.deployment === thaad.name && p.stance === 'OPPOSE'));
    expect(data.meetings.nodes[0].positions.totalCount).toBe(positions.filter((p) => p.meeting && p.stance === 'URGE').length);
    expect(data.deployments.nodes[0].positions.totalCount).toBe(positions.filter((p) => p.deployment === thaad.name && p.holders.includes('US')).length);
  });
});

describe('the other lists filtered in their own terms', () => {
  it('deployments: system, host, operator, status, location', async () => {
    const names = async (filter: string) =>
      sorted((await api.data(`{ deployments(first: 10, filter: ${filter}) { nodes { name } } }`)).deployments.nodes.map((d: any) => d.name));
    expect(await names(`{ systems: ["THAAD"], hosts: ["kr"], operators: ["US"] }`)).toEqual([thaad.name]);
    expect(await names(`{ hosts: ["RU"] }`)).toEqual(sorted(seed.deployments.filter((d) => d.host === 'RU').map((d) => d.name)));
    expect(await names(`{ statuses: [PROPOSED] }`)).toEqual(sorted(seed.deployments.filter((d) => d.status === 'PROPOSED').map((d) => d.name)));
    expect(await names(`{ location: "SEONG" }`)).toEqual([thaad.name]);
    expect(await names(`{ location: "far east", operators: ["US"] }`)).toEqual([]);
  });

  it('officials: country, name or alias', async () => {
    const names = async (filter: string) =>
      (await api.data(`{ officials(first: 10, filter: ${filter}) { nodes { name } } }`)).officials.nodes.map((o: any) => o.name);
    expect(await names(`{ countries: ["RU"] }`)).toEqual(['Igor Morgulov']);
    expect(await names(`{ name: "kong" }`)).toEqual(['Kong Xuanyou']);
    expect(await names(`{ name: "xuan", countries: ["RU"] }`)).toEqual([]);
  });

  it('countries: name or alias ("Seoul" is South Korea); on a relation as on the root', async () => {
    const names = async (filter: string) =>
      sorted((await api.data(`{ countries(first: 10, filter: ${filter}) { nodes { name } } }`)).countries.nodes.map((c: any) => c.name));
    expect(await names(`{ name: "korea" }`)).toEqual(['North Korea', 'South Korea']);
    expect(await names(`{ name: "Seoul" }`)).toEqual(['South Korea']);
    expect(await names(`{ name: "dprk" }`)).toEqual(['North Korea']);
    const organizations = await api.data(`{ organizations(first: 10, filter: { name: "nato" }) { totalCount } }`);
    expect(organizations.organizations.totalCount).toBe(0);
  });

  it('articles: source, publication time, words of the body; meetings: city, country, dates, participants', async () => {
    const data = await api.data(`{
      bySource: articles(first: 10, filter: { sources: ["XINHUA"] }) { totalCount }
      byWords: articles(first: 10, filter: { text: "Morgulov THAAD" }) { totalCount }
      notThere: articles(first: 10, filter: { text: "Pyeongtaek" }) { totalCount }
      undated: articles(first: 10, filter: { publishedAt: { from: "2000-01-01T00:00:00Z" } }) { totalCount }
      meetings(first: 10, filter: { cities: ["moscow"], countries: ["RU"], date: { from: "2016-07-01", to: "2016-07-31" } }) { nodes { name } }
      officials(first: 1, filter: { name: "Kong" }) { nodes { meetings(first: 10, filter: { countries: ["CN"] }) { totalCount } } }
    }`);
    expect(data.bySource.totalCount).toBe(1);
    expect(data.byWords.totalCount).toBe(1);
    expect(data.notThere.totalCount).toBe(0);
    expect(data.undated.totalCount).toBe(0); // the seed article states no publication time
    expect(data.meetings.nodes.map((m: any) => m.name)).toEqual([seed.meetings[0]!.name]);
    expect(data.officials.nodes[0].meetings.totalCount).toBe(0);
    const [kong] = (await api.data(`{ officials(first: 1, filter: { name: "Kong" }) { nodes { id } } }`)).officials.nodes;
    const attended = await api.data(`{ meetings(first: 10, filter: { participants: ["${kong.id}"] }) { totalCount } }`);
    expect(attended.meetings.totalCount).toBe(1);
  });
});

describe('a filter value that names nothing, or contradicts itself, is a BAD_USER_INPUT error naming the argument', () => {
  const positionsQuery = (filter: string) => api.query(`{ positions(first: 5, filter: ${filter}) { totalCount } }`);

  it.each([
    ['{ holders: ["XX"] }', 'filter.holders'],
    ['{ holders: ["CN", "NATO"] }', 'filter.holders'],
    ['{ systems: ["THADD"] }', 'filter.systems'],
    ['{ stances: [] }', 'filter.stances'],
    ['{ holders: [] }', 'filter.holders'],
    ['{ speakers: ["nobody by this name"] }', 'filter.speakers'],
    ['{ holders: ["Atlantis"] }', 'filter.holders'],
    ['{ statedOn: { from: "2017-01-01", to: "2016-01-01" } }', 'filter.statedOn'],
    ['{ statedOn: {} }', 'filter.statedOn'],
    ['{ text: "   " }', 'filter.text'],
    [`{ topics: ["${'x'.repeat(201)}"] }`, 'filter.topics'],
  ])('positions(filter: %s)', async (filter, argument) => {
    const result = await positionsQuery(filter);
    expectBadUserInput(result, argument);
    expect(result.errors![0]!.extensions?.argumentName).toBe(argument);
  });

  it('an ID of the wrong type', async () => {
    const china = await idOf(`{ country(isoCode: "CN") { id } }`, (d) => d.country.id);
    expectBadUserInput(await positionsQuery(`{ speakers: ["${china}"] }`), 'filter.speakers');
    const [position] = (await api.data(`{ positions(first: 1) { nodes { id } } }`)).positions.nodes;
    expectBadUserInput(await positionsQuery(`{ holders: ["${position.id}"] }`), 'filter.holders');
  });

  it('on the other lists: a host that is not a country code, an unknown organization, a reversed range', async () => {
    expectBadUserInput(await api.query(`{ deployments(filter: { hosts: ["NATO"] }) { totalCount } }`), 'filter.hosts');
    expectBadUserInput(await api.query(`{ officials(filter: { organizations: ["NATO"] }) { totalCount } }`), 'filter.organizations');
    expectBadUserInput(
      await api.query(`{ articles(filter: { publishedAt: { from: "2020-01-01T00:00:00Z", to: "2019-01-01T00:00:00Z" } }) { totalCount } }`),
      'filter.publishedAt',
    );
    expectBadUserInput(await api.query(`{ meetings(filter: { countries: ["ZZ"] }) { totalCount } }`), 'filter.countries');
    expectBadUserInput(await api.query(`{ country(isoCode: "CN") { positions(filter: { holders: ["QQ"] }) { totalCount } } }`), 'filter.holders');
  });

  it('an unknown field or enum value is rejected by GraphQL validation before anything runs', async () => {
    const result = await api.query(`{ positions(filter: { stances: [MAYBE] }) { totalCount } }`);
    expect(result.errors?.[0]?.message).toMatch(/MAYBE/);
    const unknownField = await api.query(`{ positions(filter: { holder: ["CN"] }) { totalCount } }`);
    expect(unknownField.errors?.[0]?.message).toMatch(/holder/);
  });
});
