/**
 * A deployment as reports describe it: in several host countries, under several names, with a
 * status that changes over time (each change with its date at its precision and the sentence that
 * says so), or no status at all; and two records of one site joined by deploymentMerge.
 */
import { describe, expect, it } from 'vitest';
import { codesOf, expectOk, useCurationServer, userErrorFields } from '../support/curation.ts';

const api = useCurationServer();

const importMutation = `mutation($input: ArticleImportInput!) { articleImport(input: $input) {
  report { deployments { created matched updated } }
  ${userErrorFields} } }`;
const deploymentFields = `id name system status aliases host { isoCode } hosts { isoCode }
  statusHistory { status on quote article { url } } positions { totalCount }`;

const countries = [
  { isoCode: 'US', name: 'United States' },
  { isoCode: 'RO', name: 'Romania' },
  { isoCode: 'PL', name: 'Poland' },
];

/** An article that reports one deployment and a U.S. statement about it. */
function report(url: string, body: string, deployment: Record<string, unknown>, quote: string) {
  return {
    article: { source: 'Wire', url, headline: null, publishedAt: null, body },
    countries,
    deployments: [{ key: 'site', operator: 'US', ...deployment }],
    positions: [{ stance: 'SUPPORT', summary: 'The U.S. defends the sites.', holders: ['US'], deployment: 'site', evidence: [{ quote }] }],
  };
}

async function importReport(input: unknown) {
  return expectOk((await api.data('EDITOR', importMutation, { input })).articleImport).report;
}

async function deploymentsIn(host: string): Promise<any[]> {
  return (await api.data('READER', `{ deployments(first: 20, filter: { hosts: ["${host}"] }) { nodes { ${deploymentFields} } } }`)).deployments.nodes;
}

describe('deployments as reports describe them', () => {
  it('one system in two host countries, with another name and a dated status that cites its sentence', async () => {
    const body =
      'The Aegis Ashore sites in Romania and Poland are part of the U.S. missile defence shield. The Romanian site became operational in May 2016, officials said. Washington says the sites defend Europe.';
    const first = await importReport(
      report(
        'https://wire.example/aegis-ashore',
        body,
        {
          name: 'Aegis Ashore sites in Romania and Poland',
          system: 'Aegis Ashore',
          aliases: ['the U.S. missile defence shield'],
          host: 'RO',
          hosts: ['PL'],
          status: 'OPERATIONAL',
          statusIn: '2016-05',
          statusQuote: 'The Romanian site became operational in May 2016',
        },
        'Washington says the sites defend Europe.',
      ),
    );
    expect(first.deployments).toEqual({ created: 1, matched: 0, updated: 0 });
    const [inPoland] = await deploymentsIn('Poland');
    expect(inPoland).toMatchObject({
      system: 'Aegis Ashore',
      status: 'OPERATIONAL',
      aliases: ['the U.S. missile defence shield'],
      host: { isoCode: 'RO' },
      hosts: [{ isoCode: 'RO' }, { isoCode: 'PL' }],
      statusHistory: [
        {
          status: 'OPERATIONAL',
          on: '2016-05',
          quote: 'The Romanian site became operational in May 2016',
          article: { url: 'https://wire.example/aegis-ashore' },
        },
      ],
    });
    expect((await deploymentsIn('RO')).map((d) => d.id)).toEqual([inPoland.id]);
  });

  it('a deployment whose status no report gives is UNKNOWN, with no history', async () => {
    const body = 'Japan is considering a missile defence system of its own.';
    await importReport(
      report('https://wire.example/japan', body, { name: 'missile defence system in Japan', system: null, host: null, status: null }, 'Japan is considering'),
    );
    const { deployments } = await api.data(
      'READER',
      `{ deployments(first: 50, filter: { statuses: [UNKNOWN] }) { nodes { name status statusHistory { status } } } }`,
    );
    expect(deployments.nodes).toEqual([{ name: 'missile defence system in Japan', status: 'UNKNOWN', statusHistory: [] }]);
  });

  it('one site under another name is another record until an editor merges them; then the name is an alias, the history one', async () => {
    const polandReport = (url: string, status: Record<string, unknown>, more = '') =>
      report(
        url,
        `Construction of the U.S. missile defense system in Poland is under way, a year late, the Pentagon said in 2018.${more}`,
        { name: 'the U.S. missile defense system in Poland', system: null, host: 'PL', ...status },
        'the Pentagon said',
      );
    const other = await importReport(
      polandReport('https://wire.example/redzikowo', {
        status: 'UNDER_CONSTRUCTION',
        statusIn: '2018',
        statusQuote: 'Construction of the U.S. missile defense system in Poland is under way',
      }),
    );
    expect(other.deployments).toEqual({ created: 1, matched: 0, updated: 0 });
    const inPoland = await deploymentsIn('PL');
    expect(inPoland.map((d) => d.name).sort()).toEqual(['Aegis Ashore sites in Romania and Poland', 'the U.S. missile defense system in Poland']);
    const aegis = inPoland.find((d) => d.system === 'Aegis Ashore');
    const unnamed = inPoland.find((d) => d.system === null);

    const merge = `mutation($input: DeploymentMergeInput!) { deploymentMerge(input: $input) { deployment { ${deploymentFields} } deletedDeploymentId ${userErrorFields} } }`;
    const merged = expectOk((await api.data('EDITOR', merge, { input: { keepId: aegis.id, duplicateId: unnamed.id } })).deploymentMerge);
    expect(merged.deletedDeploymentId).toBe(unnamed.id);
    expect(merged.deployment.aliases).toEqual(['the U.S. missile defence shield', 'the U.S. missile defense system in Poland']);
    expect(merged.deployment.positions.totalCount).toBe(aegis.positions.totalCount + unnamed.positions.totalCount);
    // The history joined, in order of date; the status is its latest.
    expect(merged.deployment.statusHistory.map((c: any) => [c.status, c.on])).toEqual([
      ['OPERATIONAL', '2016-05'],
      ['UNDER_CONSTRUCTION', '2018'],
    ]);
    expect(merged.deployment.status).toBe('UNDER_CONSTRUCTION');
    const log = `query($id: ID!) { changeLog(first: 5, entityId: $id) { nodes { action details } } }`;
    expect((await api.data('ADMIN', log, { id: aegis.id })).changeLog.nodes[0]).toMatchObject({ action: 'MERGE', details: { mergedFrom: unnamed.id } });
    expect((await api.data('ADMIN', log, { id: unnamed.id })).changeLog.nodes[0]).toMatchObject({ action: 'MERGE', details: { mergedInto: aegis.id } });

    // Reported again under that name, the site is found by its alias.
    const again = await importReport(polandReport('https://wire.example/redzikowo-2', { status: 'UNDER_CONSTRUCTION', statusIn: '2018' }, ' (Updated.)'));
    expect(again.deployments).toEqual({ created: 0, matched: 0, updated: 1 });
    expect((await deploymentsIn('PL')).map((d) => d.id)).toEqual([aegis.id]);
  });

  it('deploymentMerge refuses two systems, and changes nothing', async () => {
    const before = await deploymentsIn('KR');
    const [thaad] = before;
    const [aegis] = await deploymentsIn('PL');
    const merge = `mutation($input: DeploymentMergeInput!) { deploymentMerge(input: $input) { deletedDeploymentId ${userErrorFields} } }`;
    const refused = await api.data('EDITOR', merge, { input: { keepId: thaad.id, duplicateId: aegis.id } });
    expect(codesOf(refused.deploymentMerge)).toEqual(['CONFLICT@input.duplicateId']);
    expect(refused.deploymentMerge.userErrors[0].message).toMatch(/another system \(Aegis Ashore, not THAAD\)/);
    expect(await deploymentsIn('KR')).toEqual(before);
  });
});
