/**
 * An analyst walks the graph in either direction: from a deployment to who said what about it,
 * where and according to which article; and from a country to its officials, their stances, and
 * on through the deployment, the other speakers, their meetings and the articles reporting them.
 */
import { describe, expect, it } from 'vitest';
import { useSeededServer } from '../support/api.ts';
import { generousLimits } from '../support/http.ts';
import { asMultiset, canonicalPosition, positionFields, readSeed, seedPositions } from '../support/seed-data.ts';

const seed = readSeed();
// Traversals in every direction go deeper than the default depth limit allows a public client.
const api = useSeededServer({ env: generousLimits });
const sorted = (items: string[]) => [...items].sort();

const thaad = seed.deployments.find((d) => d.system === 'THAAD')!;
const seedMeeting = seed.meetings[0]!;
const allSeedPositions = seedPositions();
const seedPositionsAbout = (deploymentName: string) => allSeedPositions.filter((p) => p.deployment === deploymentName);

describe('from a deployment to who said what about it, where, and according to which article', () => {
  it('the seed names a THAAD deployment with stances about it', () => {
    expect(thaad).toBeDefined();
    expect(seedPositionsAbout(thaad.name).length).toBeGreaterThan(0);
  });

  it('deployments → positions → speakers, holders, meeting, evidence → article returns every THAAD stance with verifiable evidence', async () => {
    const data = await api.data(`{
      deployments(first: 100) { nodes {
        id name system
        positions(first: 100) {
          totalCount
          nodes {
            ${positionFields}
            speakers { name title country { isoCode } }
            holders { __typename ... on Country { isoCode name } }
            meeting { name city date country { isoCode } }
            evidence { text start end article { id source headline body } }
          }
        }
      } }
    }`);
    const deployment = data.deployments.nodes.find((d: any) => d.system === 'THAAD');
    expect(deployment, 'no deployment with system THAAD').toBeDefined();
    const expected = seedPositionsAbout(thaad.name);
    expect(deployment.positions.totalCount).toBe(expected.length);
    expect(asMultiset(deployment.positions.nodes.map(canonicalPosition))).toEqual(asMultiset(expected));

    const stances = new Set(deployment.positions.nodes.map((p: any) => p.stance));
    for (const stance of new Set(expected.map((p) => p.stance))) expect(stances).toContain(stance);

    for (const position of deployment.positions.nodes) {
      expect(position.deployment.name).toBe(deployment.name);
      for (const speaker of position.speakers) {
        const official = seed.officials.find((o) => o.name === speaker.name)!;
        expect({ title: speaker.title, country: speaker.country?.isoCode ?? null }).toEqual({ title: official.title, country: official.country });
      }
      for (const holder of position.holders) {
        expect(holder.__typename).toBe('Country');
        expect(holder.name).toBe(seed.countries.find((c) => c.isoCode === holder.isoCode)!.name);
      }
      if (position.meeting) {
        expect({ city: position.meeting.city, date: position.meeting.date, country: position.meeting.country?.isoCode }).toEqual({
          city: seedMeeting.city,
          date: seedMeeting.date,
          country: seedMeeting.country,
        });
      }
      expect(position.evidence.length).toBeGreaterThan(0);
      for (const evidence of position.evidence) {
        expect(evidence.article.source).toBe(seed.article.source);
        expect(evidence.article.headline).toBeNull();
        expect(evidence.article.body.slice(evidence.start, evidence.end)).toBe(evidence.text);
      }
    }
  });

  it("the deployment's operator and host are actors; the host lists the deployment among those it hosts", async () => {
    const data = await api.data(`{
      deployments(first: 100) { nodes {
        id name
        operator {
          __typename id name
          ... on Country { isoCode }
          operatedDeployments(first: 100) { totalCount nodes { id } }
        }
        host {
          __typename id isoCode
          hostedDeployments(first: 100) { totalCount nodes { id name } }
        }
      } }
    }`);
    expect(data.deployments.nodes).toHaveLength(seed.deployments.length);
    for (const deployment of data.deployments.nodes) {
      const expected = seed.deployments.find((d) => d.name === deployment.name)!;
      expect(deployment.operator.__typename).toBe('Country');
      expect(deployment.operator.isoCode).toBe(expected.operator);
      expect(deployment.operator.operatedDeployments.nodes.map((d: any) => d.id)).toContain(deployment.id);
      expect(deployment.operator.operatedDeployments.totalCount).toBe(seed.deployments.filter((d) => d.operator === expected.operator).length);
      expect(deployment.host.__typename).toBe('Country');
      expect(deployment.host.isoCode).toBe(expected.host);
      expect(deployment.host.hostedDeployments.nodes.map((d: any) => d.id)).toContain(deployment.id);
      expect(deployment.host.hostedDeployments.totalCount).toBe(seed.deployments.filter((d) => d.host === expected.host).length);
    }
    const thaadNode = data.deployments.nodes.find((d: any) => d.name === thaad.name);
    expect(thaadNode.operator).toMatchObject({ __typename: 'Country', isoCode: 'US', name: 'United States' });
    expect(thaadNode.host.isoCode).toBe('KR');
  });
});

describe('from a country to its officials, what they said, and on through the graph', () => {
  it('country(RU) → officials → positions → deployment → positions → speakers → meetings → articles', async () => {
    const data = await api.data(`{
      country(isoCode: "RU") {
        isoCode name
        officials(first: 100) { totalCount nodes {
          name
          positions(first: 100) { totalCount nodes {
            stance topic
            deployment {
              name
              positions(first: 100) { totalCount nodes {
                stance
                speakers {
                  name
                  meetings(first: 100) { totalCount nodes {
                    name
                    articles(first: 100) { totalCount nodes { source headline } }
                  } }
                }
              } }
            }
          } }
        } }
      }
    }`);
    const russia = data.country;
    expect(russia).toMatchObject({ isoCode: 'RU', name: 'Russia' });

    const seedOfficials = seed.officials.filter((o) => o.country === 'RU');
    expect(russia.officials.totalCount).toBe(seedOfficials.length);
    expect(sorted(russia.officials.nodes.map((o: any) => o.name))).toEqual(sorted(seedOfficials.map((o) => o.name)));

    for (const official of russia.officials.nodes) {
      const spoken = allSeedPositions.filter((p) => p.speakers.includes(official.name));
      expect(official.positions.totalCount).toBe(spoken.length);
      expect(asMultiset(official.positions.nodes.map((p: any) => `${p.stance} ${p.topic ?? p.deployment?.name}`))).toEqual(
        asMultiset(spoken.map((p) => `${p.stance} ${p.topic ?? p.deployment}`)),
      );

      const aboutDeployments = official.positions.nodes.filter((p: any) => p.deployment);
      expect(aboutDeployments.length).toBe(spoken.filter((p) => p.deployment).length);
      for (const position of aboutDeployments) {
        const onDeployment = seedPositionsAbout(position.deployment.name);
        expect(position.deployment.positions.totalCount).toBe(onDeployment.length);
        const speakers = position.deployment.positions.nodes.flatMap((p: any) => p.speakers);
        expect(new Set(speakers.map((s: any) => s.name))).toEqual(new Set(onDeployment.flatMap((p) => p.speakers)));
        for (const speaker of speakers) {
          const attended = seed.meetings.filter((m) => m.participants.includes(speaker.name));
          expect(sorted(speaker.meetings.nodes.map((m: any) => m.name))).toEqual(sorted(attended.map((m) => m.name)));
          for (const meeting of speaker.meetings.nodes) {
            expect(meeting.articles.totalCount).toBe(1);
            expect(meeting.articles.nodes).toEqual([{ source: seed.article.source, headline: seed.article.headline }]);
          }
        }
      }
    }
    // What Igor Morgulov said about THAAD is reachable from Russia.
    const morgulov = russia.officials.nodes.find((o: any) => o.name === 'Igor Morgulov');
    expect(morgulov).toBeDefined();
    expect(morgulov.positions.nodes.some((p: any) => p.deployment?.name === thaad.name)).toBe(true);
  });

  it('every country holds the positions the seed attributes to it, and hosts and operates its deployments', async () => {
    const data = await api.data(`{ countries(first: 100) { nodes {
      isoCode
      positions(first: 100) { totalCount nodes { ${positionFields} } }
      hostedDeployments(first: 100) { totalCount nodes { name } }
      operatedDeployments(first: 100) { totalCount nodes { name } }
      officials(first: 100) { totalCount nodes { name } }
    } } }`);
    expect(data.countries.nodes).toHaveLength(seed.countries.length);
    for (const country of data.countries.nodes) {
      const iso = country.isoCode;
      const held = allSeedPositions.filter((p) => p.holders.includes(iso));
      expect(country.positions.totalCount, `${iso} positions`).toBe(held.length);
      expect(asMultiset(country.positions.nodes.map(canonicalPosition))).toEqual(asMultiset(held));
      expect(sorted(country.hostedDeployments.nodes.map((d: any) => d.name))).toEqual(
        sorted(seed.deployments.filter((d) => d.host === iso).map((d) => d.name)),
      );
      expect(sorted(country.operatedDeployments.nodes.map((d: any) => d.name))).toEqual(
        sorted(seed.deployments.filter((d) => d.operator === iso).map((d) => d.name)),
      );
      expect(sorted(country.officials.nodes.map((o: any) => o.name))).toEqual(sorted(seed.officials.filter((o) => o.country === iso).map((o) => o.name)));
    }
  });

  it('positions name their holders through the Actor interface (... on Country)', async () => {
    const data = await api.data(`{ positions(first: 100) { nodes {
      holders { __typename id name aliases ... on Country { isoCode } positions(first: 1) { totalCount } }
    } } }`);
    for (const position of data.positions.nodes) {
      expect(position.holders.length).toBeGreaterThan(0);
      for (const holder of position.holders) {
        expect(holder.__typename).toBe('Country');
        const country = seed.countries.find((c) => c.isoCode === holder.isoCode);
        expect(country, `holder ${holder.isoCode} is not a seed country`).toBeDefined();
        expect(holder.name).toBe(country!.name);
        expect(holder.positions.totalCount).toBe(allSeedPositions.filter((p) => p.holders.includes(holder.isoCode)).length);
      }
    }
  });
});

describe('meetings, officials and articles link to each other both ways', () => {
  it('official → meetings → participants', async () => {
    const data = await api.data(`{ officials(first: 100) { nodes {
      name
      meetings(first: 100) { totalCount nodes { name participants { name country { isoCode } } } }
    } } }`);
    for (const official of data.officials.nodes) {
      const attended = seed.meetings.filter((m) => m.participants.includes(official.name));
      expect(official.meetings.totalCount).toBe(attended.length);
      for (const meeting of official.meetings.nodes) {
        const expected = seed.meetings.find((m) => m.name === meeting.name)!;
        expect(sorted(meeting.participants.map((p: any) => p.name))).toEqual(sorted(expected.participants));
        expect(meeting.participants.map((p: any) => p.name)).toContain(official.name);
      }
    }
  });

  it('article → positions lists every position the article reports, and article → meetings the meetings', async () => {
    const data = await api.data(`{ articles(first: 10) { nodes {
      id source
      positions(first: 100) { totalCount nodes { ${positionFields} evidence { article { id } } } }
      meetings(first: 100) { totalCount nodes { name } }
    } } }`);
    const [article] = data.articles.nodes;
    expect(article.source).toBe(seed.article.source);
    expect(article.positions.totalCount).toBe(seed.positions.length);
    expect(asMultiset(article.positions.nodes.map(canonicalPosition))).toEqual(asMultiset(allSeedPositions));
    for (const position of article.positions.nodes) {
      expect(position.evidence.map((e: any) => e.article.id)).toContain(article.id);
    }
    const reportedMeetings = new Set(allSeedPositions.map((p) => p.meeting).filter((m): m is string => m !== null));
    expect(article.meetings.totalCount).toBe(reportedMeetings.size);
    expect(new Set(article.meetings.nodes.map((m: any) => m.name))).toEqual(reportedMeetings);
  });

  it('meeting → articles and meeting → positions stated there', async () => {
    const data = await api.data(`{ meetings(first: 10) { nodes {
      name
      articles(first: 100) { totalCount nodes { source body } }
      positions(first: 100) { totalCount nodes { ${positionFields} } }
    } } }`);
    expect(data.meetings.nodes).toHaveLength(seed.meetings.length);
    for (const meeting of data.meetings.nodes) {
      expect(meeting.articles.totalCount).toBe(1);
      expect(meeting.articles.nodes[0].source).toBe(seed.article.source);
      expect(meeting.articles.nodes[0].body).toBe(seed.article.body);
      const stated = allSeedPositions.filter((p) => p.meeting === meeting.name);
      expect(meeting.positions.totalCount).toBe(stated.length);
      expect(asMultiset(meeting.positions.nodes.map(canonicalPosition))).toEqual(asMultiset(stated));
    }
  });

  it('position → meeting → positions contains the position back', async () => {
    const data = await api.data(`{ positions(first: 100) { nodes { id meeting { positions(first: 100) { nodes { id } } } } } }`);
    for (const position of data.positions.nodes) {
      if (position.meeting) expect(position.meeting.positions.nodes.map((p: any) => p.id)).toContain(position.id);
    }
  });
});
