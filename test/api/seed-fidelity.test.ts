/**
 * A user who opens a new stancegraph finds in it everything the seed article states, exactly as
 * the repository's seed document records it: nothing missing, nothing invented, nothing twice.
 */
import { describe, expect, it } from 'vitest';
import { useSeededServer } from '../support/api.ts';
import { asMultiset, canonicalPosition, positionFields, readSeed, seedPositions } from '../support/seed-data.ts';

const seed = readSeed();
const sortedStrings = (items: string[]) => [...items].sort();
const api = useSeededServer();

describe('a new database holds the seed article (Xinhua, 28 July 2016) as the seed document states it', () => {
  it('has as many of each kind of object as the seed document, and no more', async () => {
    const data = await api.data(`{
      countries { totalCount }
      organizations { totalCount }
      officials { totalCount }
      articles { totalCount }
      meetings { totalCount }
      deployments { totalCount }
      positions(first: 100) { totalCount nodes { evidence { id } } }
    }`);
    expect({
      countries: data.countries.totalCount,
      organizations: data.organizations.totalCount,
      officials: data.officials.totalCount,
      articles: data.articles.totalCount,
      meetings: data.meetings.totalCount,
      deployments: data.deployments.totalCount,
      positions: data.positions.totalCount,
    }).toEqual({
      countries: seed.countries.length,
      organizations: seed.organizations.length,
      officials: seed.officials.length,
      articles: 1,
      meetings: seed.meetings.length,
      deployments: seed.deployments.length,
      positions: seed.positions.length,
    });
    const evidenceIds = data.positions.nodes.flatMap((p: any) => p.evidence.map((e: any) => e.id));
    expect(new Set(evidenceIds).size).toBe(evidenceIds.length);
    expect(evidenceIds).toHaveLength(seed.positions.reduce((n, p) => n + p.evidence.length, 0));
  });

  it('has every country with its ISO 3166-1 alpha-2 code, name and aliases', async () => {
    const data = await api.data(`{ countries(first: 100) { nodes { isoCode name aliases } } }`);
    const actual = data.countries.nodes.map((c: any) => ({ ...c, aliases: sortedStrings(c.aliases) }));
    const expected = seed.countries.map((c) => ({ isoCode: c.isoCode, name: c.name, aliases: sortedStrings(c.aliases) }));
    expect(asMultiset(actual)).toEqual(asMultiset(expected));
    for (const country of actual) expect(country.isoCode).toMatch(/^[A-Z]{2}$/);
    expect(actual.map((c: any) => c.isoCode).sort()).toEqual(['CN', 'KP', 'KR', 'RU', 'US']);
  });

  it('has every organization the seed document names (none in the seed article)', async () => {
    const data = await api.data(`{ organizations(first: 100) { nodes { name acronym aliases members { isoCode } } } }`);
    const actual = data.organizations.nodes.map((o: any) => ({
      name: o.name,
      acronym: o.acronym,
      aliases: sortedStrings(o.aliases),
      members: sortedStrings(o.members.map((m: any) => m.isoCode)),
    }));
    const expected = seed.organizations.map((o) => ({
      name: o.name,
      acronym: o.acronym,
      aliases: sortedStrings(o.aliases),
      members: sortedStrings(o.members ?? []),
    }));
    expect(asMultiset(actual)).toEqual(asMultiset(expected));
  });

  it('has every official with the title as the article states it and the country they speak for', async () => {
    const data = await api.data(`{ officials(first: 100) { nodes { name title aliases country { isoCode } organization { acronym } } } }`);
    const actual = data.officials.nodes.map((o: any) => ({
      name: o.name,
      title: o.title,
      aliases: sortedStrings(o.aliases),
      country: o.country?.isoCode ?? null,
      organization: o.organization?.acronym ?? null,
    }));
    const expected = seed.officials.map((o) => ({
      name: o.name,
      title: o.title,
      aliases: sortedStrings(o.aliases),
      country: o.country,
      organization: o.organization,
    }));
    expect(asMultiset(actual)).toEqual(asMultiset(expected));
    expect(actual).toContainEqual(expect.objectContaining({ name: 'Kong Xuanyou', title: 'Assistant Minister of Foreign Affairs', country: 'CN' }));
    expect(actual).toContainEqual(expect.objectContaining({ name: 'Igor Morgulov', title: 'Deputy Foreign Minister', country: 'RU' }));
  });

  it('has the meeting: name, series, ordinal, city, host country, date and participants', async () => {
    const data = await api.data(`{ meetings(first: 100) { nodes { name series ordinal city country { isoCode } date participants { name } } } }`);
    const actual = data.meetings.nodes.map((m: any) => ({
      name: m.name,
      series: m.series,
      ordinal: m.ordinal,
      city: m.city,
      country: m.country?.isoCode ?? null,
      date: m.date,
      participants: sortedStrings(m.participants.map((p: any) => p.name)),
    }));
    const expected = seed.meetings.map(({ key: _key, ...m }) => ({ ...m, participants: sortedStrings(m.participants) }));
    expect(asMultiset(actual)).toEqual(asMultiset(expected));
    expect(actual).toContainEqual({
      name: 'fourth meeting on Northeast Asia security',
      series: 'Northeast Asia security',
      ordinal: 4,
      city: 'Moscow',
      country: 'RU',
      date: '2016-07-28',
      participants: ['Igor Morgulov', 'Kong Xuanyou'],
    });
  });

  it("has both deployments: the THAAD battery and Russia's missile unit in the Far Eastern region", async () => {
    const data = await api.data(`{ deployments(first: 100) { nodes {
      name system systemName status location announcedOn
      operator { __typename ... on Country { isoCode } ... on Organization { acronym } }
      host { isoCode }
      statusHistory { status on quote article { source } }
    } } }`);
    const actual = data.deployments.nodes.map((d: any) => ({
      name: d.name,
      system: d.system,
      systemName: d.systemName,
      status: d.status,
      location: d.location,
      announcedOn: d.announcedOn,
      operator: d.operator ? (d.operator.isoCode ?? d.operator.acronym) : null,
      host: d.host?.isoCode ?? null,
    }));
    const expected = seed.deployments.map(({ key: _key, statusQuote: _quote, ...d }) => d);
    expect(asMultiset(actual)).toEqual(asMultiset(expected));
    // Each status as the article gives it, with the sentence that says so.
    expect(data.deployments.nodes.map((d: any) => d.statusHistory)).toEqual(
      seed.deployments.map((d) => [{ status: d.status, on: null, quote: d.statusQuote, article: { source: 'Xinhua' } }]),
    );
    expect(actual).toContainEqual(
      expect.objectContaining({ system: 'THAAD', systemName: 'Terminal High Altitude Area Defense', host: 'KR', operator: 'US', location: 'Seongju' }),
    );
    expect(actual).toContainEqual(expect.objectContaining({ operator: 'RU', host: 'RU', location: 'Far Eastern region' }));
  });

  it('has the article as published: no headline, source Xinhua, and the body byte for byte', async () => {
    const data = await api.data(`{ articles(first: 100) { nodes { headline source url publishedAt photoCredit body } } }`);
    expect(data.articles.nodes).toHaveLength(1);
    const [article] = data.articles.nodes;
    expect(article.headline).toBeNull();
    expect(article.source).toBe('Xinhua');
    expect({
      url: article.url,
      publishedAt: article.publishedAt,
      photoCredit: article.photoCredit,
      source: article.source,
      headline: article.headline,
    }).toEqual({
      url: seed.article.url,
      publishedAt: seed.article.publishedAt,
      photoCredit: seed.article.photoCredit,
      source: seed.article.source,
      headline: seed.article.headline,
    });
    expect(article.body.length).toBe(seed.article.body.length);
    expect(Buffer.from(article.body, 'utf8').equals(Buffer.from(seed.article.body, 'utf8'))).toBe(true);
  });

  it('has every position of the seed document: stance, summary, holders, speakers, addressees, target, meeting, date, modality, attribution and evidence', async () => {
    const data = await api.data(`{ positions(first: 100) { nodes { ${positionFields} } } }`);
    const actual = data.positions.nodes.map(canonicalPosition);
    expect(actual).toHaveLength(seed.positions.length);
    expect(asMultiset(actual)).toEqual(asMultiset(seedPositions()));
  });

  it('says how each statement was made and attributed: all paraphrased (the article quotes no one), two of them intentions', async () => {
    const { positions } = await api.data('{ positions(first: 100) { nodes { topic modality attribution provenance confidence } } }');
    expect(positions.nodes).toHaveLength(13);
    for (const p of positions.nodes) expect(p).toMatchObject({ attribution: 'PARAPHRASE', provenance: 'IMPORTED', confidence: null });
    // "would further strengthen communications…", "would continue pushing forward the settlement…"
    const intended = positions.nodes.filter((p: any) => p.modality === 'INTENDED').map((p: any) => p.topic);
    expect(intended.sort()).toEqual(['Six Party Talks', 'strategic stability']);
    expect(positions.nodes.filter((p: any) => p.modality === 'ASSERTED')).toHaveLength(11);
  });

  it('backs every position with evidence whose text is exactly the article body at its offsets', async () => {
    const data = await api.data(`{ positions(first: 100) { nodes { id evidence { id text start end article { id body } position { id } } } } }`);
    let spans = 0;
    for (const position of data.positions.nodes) {
      expect(position.evidence.length, `position ${position.id} has no evidence`).toBeGreaterThan(0);
      for (const evidence of position.evidence) {
        spans++;
        expect(evidence.start).toBeGreaterThanOrEqual(0);
        expect(evidence.end).toBeGreaterThan(evidence.start);
        expect(evidence.end).toBeLessThanOrEqual(evidence.article.body.length);
        expect(evidence.article.body.slice(evidence.start, evidence.end)).toBe(evidence.text);
        expect(evidence.position.id).toBe(position.id);
      }
    }
    expect(spans).toBe(seed.positions.reduce((n, p) => n + p.evidence.length, 0));
  });
});
