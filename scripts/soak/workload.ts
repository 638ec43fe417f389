/**
 * What the soak's clients send: read operations, curation mutations and article documents to
 * import, generated from a seed. Every text a client makes carries the run's and the client's
 * marks, so that what one client creates is its own (no two clients update the same row) and every
 * quote occurs exactly once in its article.
 */
import type { SentPosition } from './invariants.ts';

export type Rng = () => number;
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export const between = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

export const stances = ['SUPPORT', 'OPPOSE', 'CONCERN', 'CRITICIZE', 'URGE', 'COMMIT', 'THREATEN'] as const;
const deploymentStatuses = ['PROPOSED', 'ANNOUNCED', 'UNDER_CONSTRUCTION', 'OPERATIONAL', 'WITHDRAWN'] as const;

/** Countries the documents name: the seed's five (under their seed names) and five the first imports create. */
export const countries: readonly { isoCode: string; name: string }[] = [
  { isoCode: 'CN', name: 'China' },
  { isoCode: 'RU', name: 'Russia' },
  { isoCode: 'US', name: 'United States' },
  { isoCode: 'KR', name: 'South Korea' },
  { isoCode: 'KP', name: 'North Korea' },
  { isoCode: 'JP', name: 'Japan' },
  { isoCode: 'DE', name: 'Germany' },
  { isoCode: 'FR', name: 'France' },
  { isoCode: 'GB', name: 'United Kingdom' },
  { isoCode: 'IN', name: 'India' },
];
const systems = ['THAAD', 'Aegis Ashore', 'Patriot', 'S-400', 'Iron Dome'] as const;
const words = [
  'deployment',
  'missile',
  'security',
  'battery',
  'region',
  'talks',
  'radar',
  'alliance',
  'stability',
  'défense',
  'Übung',
  '安全',
  'peninsula',
  'treaty',
];

/** One sentence that holds `mark` (a token no other sentence contains), ending with a period. */
function sentence(rng: Rng, mark: string): string {
  const n = between(rng, 6, 16);
  const text = Array.from({ length: n }, () => pick(rng, words)).join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} [${mark}].`;
}

export interface ImportDocument {
  /** articleImport's input; with `format` added, a document of the file format (every field is given). */
  input: Record<string, unknown>;
  url: string;
  /** What the invariant checker compares the stored article with. */
  positions: SentPosition[];
}

/**
 * An article document: `positions` positions (on topics of their own, and up to one per stance on
 * the document's deployment), each with one or two quotes of the body.
 */
export function importDocument(rng: Rng, mark: string, positionCount: number): ImportDocument {
  const named = [...countries].sort(() => rng() - 0.5).slice(0, between(rng, 1, 3));
  const host = named[0]!;
  const system = pick(rng, systems);
  const sentences: string[] = [];
  const positions: SentPosition[] = [];
  const inputPositions: Record<string, unknown>[] = [];
  const usedStances = new Set<string>();
  for (let i = 0; i < positionCount; i++) {
    const holders = [...named]
      .sort(() => rng() - 0.5)
      .slice(0, between(rng, 1, named.length))
      .map((c) => c.isoCode)
      .sort();
    let stance: string = pick(rng, stances);
    // One position per stance on the deployment; the others are about topics of their own.
    const onDeployment = !usedStances.has(stance) && rng() < 0.3;
    if (onDeployment) usedStances.add(stance);
    else stance = pick(rng, stances);
    const topic = onDeployment ? null : `soak topic ${mark}.${i}`;
    const quotes = Array.from({ length: between(rng, 1, 2) }, (_, q) => sentence(rng, `${mark}.${i}.${q}`));
    sentences.push(...quotes, sentence(rng, `${mark}.${i}.x`));
    positions.push({ stance, holders, topic, system: onDeployment ? system : null, quotes: quotes.map((text) => ({ text, start: -1 })) });
    inputPositions.push({
      stance,
      summary: `Soak position ${mark}.${i}: ${holders.join(' and ')} ${stance.toLowerCase()}.`,
      holders,
      speakers: [],
      addressees: [],
      deployment: onDeployment ? 'd' : null,
      topic,
      meeting: null,
      statedOn: null,
      evidence: quotes.map((quote) => ({ quote, start: null })),
    });
  }
  const body = sentences.join(' ');
  for (const p of positions) for (const q of p.quotes) q.start = body.indexOf(q.text);
  const url = `https://soak.example/${mark}`;
  return {
    url,
    positions,
    input: {
      article: { source: 'Soak', headline: `Soak article ${mark}`, url, publishedAt: '2020-01-02T03:04:05Z', photoCredit: null, body },
      countries: named.map((c) => ({ isoCode: c.isoCode, name: c.name, aliases: [] })),
      organizations: [],
      officials: [],
      meetings: [],
      deployments: [
        {
          key: 'd',
          name: `${system} deployment in ${host.name}`,
          system,
          systemName: null,
          status: pick(rng, deploymentStatuses),
          location: null,
          operator: null,
          host: host.isoCode,
          announcedOn: null,
        },
      ],
      positions: inputPositions,
    },
  };
}

/** An article body for articleCreate, with the quotes positionCreate and evidenceCreate will cite. */
export function articleBody(rng: Rng, mark: string, sentences: number): { body: string; quotes: string[] } {
  const quotes = Array.from({ length: sentences }, (_, i) => sentence(rng, `${mark}.${i}`));
  return { body: quotes.join(' '), quotes };
}

export const randomStatus = (rng: Rng) => pick(rng, deploymentStatuses);

// ---- Operations ----

export const importMutation = `mutation SoakImport($input: ArticleImportInput!) { articleImport(input: $input) {
  article { id url } report { positions { created matched updated } evidence { created } } userErrors { field message code } } }`;

export const mutations = {
  deploymentCreate: `mutation SoakDeploymentCreate($input: DeploymentCreateInput!) { deploymentCreate(input: $input) { deployment { id name status location version } userErrors { field message code } } }`,
  deploymentUpdate: `mutation SoakDeploymentUpdate($input: DeploymentUpdateInput!) { deploymentUpdate(input: $input) { deployment { id status location version } userErrors { field message code } } }`,
  deploymentDelete: `mutation SoakDeploymentDelete($input: DeploymentDeleteInput!) { deploymentDelete(input: $input) { deletedDeploymentId userErrors { field message code } } }`,
  articleCreate: `mutation SoakArticleCreate($input: ArticleCreateInput!) { articleCreate(input: $input) { article { id url } userErrors { field message code } } }`,
  positionCreate: `mutation SoakPositionCreate($input: PositionCreateInput!) { positionCreate(input: $input) { position { id summary evidence { id text } } userErrors { field message code } } }`,
  evidenceCreate: `mutation SoakEvidenceCreate($input: EvidenceCreateInput!) { evidenceCreate(input: $input) { evidence { id text start end } userErrors { field message code } } }`,
} as const;

/** Reads any client may send (the node read of an own row is built by the client). */
export const reads: readonly { name: string; query: string; variables?: (rng: Rng) => Record<string, unknown> }[] = [
  {
    name: 'positions',
    query: `query SoakPositions($first: Int!) { positions(first: $first) { totalCount nodes { id stance summary holders { ... on Country { isoCode } ... on Organization { acronym } } evidence { text start end article { id } } } } }`,
    variables: (rng) => ({ first: between(rng, 5, 40) }),
  },
  {
    name: 'stanceSummary',
    query: `query SoakSummary { stanceSummary { totalCount byStance { stance count } byHolder(first: 5) { holder { ... on Country { isoCode } } totalCount } } }`,
  },
  {
    name: 'search',
    query: `query SoakSearch($q: String!) { search(query: $q, first: 10) { totalCount nodes { __typename ... on Position { id summary } ... on Article { id headline } ... on Evidence { id text } } } }`,
    variables: (rng) => ({ q: pick(rng, ['THAAD', 'missile', 'security', 'radar alliance', 'soak']) }),
  },
  {
    name: 'articles',
    query: `query SoakArticles($first: Int!) { articles(first: $first) { totalCount nodes { id headline source url } } }`,
    variables: (rng) => ({ first: between(rng, 5, 30) }),
  },
  {
    name: 'countries',
    query: `query SoakCountries { countries(first: 50) { totalCount nodes { id isoCode name aliases } } }`,
  },
  {
    name: 'deployments',
    query: `query SoakDeployments($first: Int!) { deployments(first: $first) { totalCount nodes { id name system status host { isoCode } } } }`,
    variables: (rng) => ({ first: between(rng, 5, 30) }),
  },
];

export const nodeQuery = `query SoakNode($id: ID!) { node(id: $id) { id ... on Deployment { name status location } ... on Article { url } ... on Position { summary evidence { id } } ... on Evidence { text } } }`;
