/**
 * The counts an analyst would otherwise tally by hand: who says what about a deployment, what a
 * country says about each deployment and topic, computed in SQL, narrowed by the same filters as
 * the lists.
 */
import { describe, expect, it } from 'vitest';
import { expectBadUserInput, useSeededServer } from '../support/api.ts';
import { readSeed, seedPositions } from '../support/seed-data.ts';

const seed = readSeed();
const api = useSeededServer({ env: { REPORT_SQL_STATEMENTS: 'true' } });
const positions = seedPositions();
const thaad = seed.deployments.find((d) => d.system === 'THAAD')!;
const stances = ['SUPPORT', 'OPPOSE', 'CONCERN', 'CRITICIZE', 'URGE', 'COMMIT', 'THREATEN'];

/** Counts per stance, every stance listed, in the enum's order. */
function countsOf(selected: Array<{ stance: string }>): Array<{ stance: string; count: number }> {
  return stances.map((stance) => ({ stance, count: selected.filter((p) => p.stance === stance).length }));
}

const summaryFields = /* GraphQL */ `
  totalCount
  byStance { stance count }
  byHolder(first: 10) { holder { __typename name ... on Country { isoCode } } totalCount byStance { stance count } }
  byDeployment(first: 10) { deployment { name } totalCount byStance { stance count } }
  byTopic(first: 10) { topic totalCount byStance { stance count } }
`;

describe('stance summaries', () => {
  it('Deployment.stanceSummary: positions on THAAD per stance and per holder country', async () => {
    const data = await api.data(`{ deployments(first: 10, filter: { systems: ["THAAD"] }) { nodes { stanceSummary { ${summaryFields} } } } }`);
    const summary = data.deployments.nodes[0].stanceSummary;
    const onThaad = positions.filter((p) => p.deployment === thaad.name);
    expect(summary.totalCount).toBe(onThaad.length);
    expect(summary.byStance).toEqual(countsOf(onThaad));
    const holders = [...new Set(onThaad.flatMap((p) => p.holders))];
    expect(summary.byHolder).toHaveLength(holders.length);
    for (const entry of summary.byHolder) {
      const held = onThaad.filter((p) => p.holders.includes(entry.holder.isoCode));
      expect(entry).toMatchObject({ totalCount: held.length, byStance: countsOf(held) });
    }
    const totals = summary.byHolder.map((entry: any) => entry.totalCount);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(summary.byHolder[0].holder.isoCode).toBe('CN');
    expect(summary.byDeployment).toEqual([{ deployment: { name: thaad.name }, totalCount: onThaad.length, byStance: countsOf(onThaad) }]);
    expect(summary.byTopic).toEqual([]);
  });

  it('Country.stanceSummary: what Russia says about each deployment and topic', async () => {
    const data = await api.data(`{ country(isoCode: "RU") { stanceSummary { ${summaryFields} } } }`);
    const summary = data.country.stanceSummary;
    const russian = positions.filter((p) => p.holders.includes('RU'));
    expect(summary.totalCount).toBe(russian.length);
    expect(summary.byStance).toEqual(countsOf(russian));
    for (const entry of summary.byDeployment) {
      expect(entry.byStance).toEqual(countsOf(russian.filter((p) => p.deployment === entry.deployment.name)));
    }
    expect(summary.byDeployment.reduce((sum: number, entry: any) => sum + entry.totalCount, 0)).toBe(russian.filter((p) => p.deployment).length);
    expect(new Set(summary.byTopic.map((entry: any) => entry.topic))).toEqual(new Set(russian.map((p) => p.topic).filter(Boolean)));
  });

  it('a filter narrows the set; the root summary covers every position', async () => {
    const data = await api.data(`{
      all: stanceSummary { totalCount byStance { stance count } }
      dated: stanceSummary(filter: { statedOn: { from: "2016-07-28" }, holders: ["CN"] }) { totalCount byHolder(first: 1) { holder { name } totalCount } }
      country(isoCode: "CN") { stanceSummary(filter: { stances: [OPPOSE, CRITICIZE] }) { totalCount } }
    }`);
    expect(data.all).toEqual({ totalCount: positions.length, byStance: countsOf(positions) });
    const datedChinese = positions.filter((p) => p.statedOn && p.holders.includes('CN'));
    expect(data.dated.totalCount).toBe(datedChinese.length);
    expect(data.dated.byHolder).toEqual([{ holder: { name: 'China' }, totalCount: datedChinese.length }]);
    expect(data.country.stanceSummary.totalCount).toBe(positions.filter((p) => p.holders.includes('CN') && ['OPPOSE', 'CRITICIZE'].includes(p.stance)).length);
  });

  it('the summaries of many parents cost one statement per summary field, not one per parent', async () => {
    const query = (size: number) =>
      `{ countries(first: ${size}) { nodes { name stanceSummary { totalCount byStance { count } byDeployment(first: 3) { totalCount } } } } }`;
    const one = await api.query(query(1));
    const all = await api.query(query(100));
    expect(all.data.countries.nodes.length).toBe(seed.countries.length);
    expect(all.extensions?.sql?.statements).toBe(one.extensions?.sql?.statements);
  });

  it('bad arguments are BAD_USER_INPUT errors naming them', async () => {
    expectBadUserInput(await api.query(`{ stanceSummary { byHolder(first: 0) { totalCount } } }`), 'first');
    expectBadUserInput(await api.query(`{ stanceSummary { byTopic(first: 101) { totalCount } } }`), 'first');
    expectBadUserInput(await api.query(`{ stanceSummary(filter: { holders: ["XX"] }) { totalCount } }`), 'filter.holders');
  });
});
