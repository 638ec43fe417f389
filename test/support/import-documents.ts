/**
 * Import documents (format stancegraph.article/1) for the tests: one article in which Japan
 * supports the THAAD battery in Seongju (`npm run import`, the CLI over the local socket), and
 * one as extraction proposes it (the review queue, over HTTP and in the browser).
 */

/** Japan supports the THAAD battery in Seongju, as `quote` of `body` says. */
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

/**
 * A document as extraction proposes it (provenance EXTRACTED, with a confidence), for the tests
 * of the review queue: China opposes the THAAD battery in Seongju, on the day it was published
 * (0.91), and Russia is concerned about it (0.84). `body` must hold both quotes.
 */
export function chinaAndRussiaOnThaadProposals({
  url,
  headline = null,
  publishedAt,
  body,
}: {
  url: string;
  headline?: string | null;
  publishedAt: string;
  body: string;
}) {
  return {
    article: { source: 'Wire', url, headline, publishedAt, body },
    countries: [
      { isoCode: 'CN', name: 'China' },
      { isoCode: 'RU', name: 'Russia' },
      { isoCode: 'KR', name: 'South Korea' },
    ],
    deployments: [{ key: 'thaad', name: 'THAAD battery in Seongju', system: 'THAAD', status: null, host: 'KR' }],
    positions: [
      {
        stance: 'OPPOSE',
        summary: 'China firmly opposes the THAAD deployment.',
        holders: ['CN'],
        deployment: 'thaad',
        statedOn: publishedAt,
        provenance: 'EXTRACTED',
        confidence: 0.91,
        evidence: [{ quote: 'China firmly opposes the deployment of the THAAD system in South Korea' }],
      },
      {
        stance: 'CONCERN',
        summary: 'Russia voiced serious concern over the THAAD deployment.',
        holders: ['RU'],
        deployment: 'thaad',
        provenance: 'EXTRACTED',
        confidence: 0.84,
        evidence: [{ quote: 'Russia voiced serious concern over the THAAD deployment.' }],
      },
    ],
  };
}
