/**
 * Import documents (format stancegraph.article/1) for the tests of `npm run import` and of the
 * CLI over the local socket: one article in which Japan supports the THAAD battery in Seongju.
 */
export function japanSupportsThaad({ url, publishedAt, body, quote }: { url: string; publishedAt: string; body: string; quote: string }) {
  return {
    format: 'stancegraph.article/1',
    article: { source: 'Wire', headline: null, url, publishedAt, photoCredit: null, body },
    countries: [
      { isoCode: 'JP', name: 'Japan', aliases: [] },
      { isoCode: 'KR', name: 'South Korea', aliases: [] },
    ],
    organizations: [],
    officials: [],
    meetings: [],
    deployments: [
      {
        key: 't',
        name: 'THAAD battery in Seongju',
        system: 'THAAD',
        systemName: null,
        status: 'ANNOUNCED',
        location: null,
        operator: null,
        host: 'KR',
        announcedOn: null,
      },
    ],
    positions: [
      {
        stance: 'SUPPORT',
        summary: 'Japan supports THAAD.',
        holders: ['JP'],
        speakers: [],
        addressees: [],
        deployment: 't',
        topic: null,
        meeting: null,
        statedOn: null,
        evidence: [{ quote }],
      },
    ],
  };
}
