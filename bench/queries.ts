/**
 * The benchmark's queries: each a GraphQL operation sent to stancegraph, and the baseline for it,
 * one hand-written SQL statement that builds the same JSON response inside PostgreSQL (sent as is
 * by a bare Node http server: bench/baseline.ts). The runner checks that both answer the same
 * JSON before it measures either.
 *
 * Most also have the peer's operation: the same question asked of PostGraphile 4 (bench/peer.ts)
 * in its own schema (allDeployments, positionsByDeploymentId, positionHoldersByPositionId, …), and
 * normalizers that bring both answers to one shape, so that the runner can check that the peer
 * answers the same data before measuring it.
 */

export interface BenchQuery {
  name: string;
  description: string;
  graphql: string;
  variables: Record<string, unknown>;
  /** The baseline's SQL and its parameters; the statement returns one row with a `body` column (text). */
  baseline: { sql: string; params: unknown[] };
  /** The same question asked of the peer; null when PostGraphile has no equivalent (said where). */
  peer: PeerQuery | null;
}

export interface PeerQuery {
  graphql: string;
  variables: Record<string, unknown>;
  /** The peer's `data` in the shape compared (the API's, unless `api` changes it). */
  normalize(data: unknown): unknown;
  /** The API's `data` in the shape compared, when the two cannot be made to match otherwise (IDs, cursors). */
  api?(data: unknown): unknown;
}

/** The cursor of a position in the STATED_ON ordering, as the API encodes it (src/graphql/cursor.ts). */
export function statedOnCursor(key: string, id: number): string {
  return Buffer.from(`cursor:v2:${JSON.stringify(['STATED_ON', key, id])}`, 'utf8').toString('base64url');
}

/**
 * The peer's cursor of a position in the filtered page's order (statedFrom DESC, id DESC): base64
 * of the JSON PostGraphile 4 writes (graphile-build-pg: the order's names, then the row's values).
 */
export function peerStatedFromCursor(key: string, id: number): string {
  return Buffer.from(JSON.stringify(['stated_from_desc', 'id_desc', [key, id]]), 'utf8').toString('base64');
}

/**
 * A DateTime as the API prints it (ISO 8601, milliseconds, Z) from PostGraphile's spelling of a
 * `timestamp(3)` without time zone (PostgreSQL's: no zone, trailing zeros of the fraction dropped).
 */
function peerDateTime(value: string | null): string | null {
  return value === null ? null : new Date(`${value}Z`).toISOString();
}

/** SQL: the base64url spelling of a text (as Buffer's 'base64url': no padding, no line breaks). */
const base64url = (text: string) => `rtrim(translate(encode(convert_to(${text}, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;
/** SQL: a global ID (base64 of `Type:id`, padded). */
const globalId = (type: string, id: string) => `replace(encode(convert_to('${type}:' || ${id}, 'UTF8'), 'base64'), E'\\n', '')`;
/** SQL: a timestamp(3) as the DateTime scalar prints it. */
const dateTime = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// ---------------------------------------------------------------------------------------------
// The deep traversal of the foundation issue's contract (README's first example):
// deployments → positions → speakers / holders / meeting / evidence → article.

const deepTraversal = /* GraphQL */ `
  query DeepTraversal {
    deployments(first: 10) {
      nodes {
        name
        system
        host {
          name
        }
        operator {
          name
        }
        positions(first: 50) {
          totalCount
          nodes {
            stance
            summary
            statedOn
            holders {
              name
              ... on Country {
                isoCode
              }
            }
            speakers {
              name
              title
            }
            meeting {
              name
              city
              date
            }
            evidence {
              text
              start
              end
              article {
                source
                publishedAt
              }
            }
          }
        }
      }
    }
  }
`;

const deepTraversalSql = `
SELECT json_build_object('data', json_build_object('deployments', json_build_object('nodes', coalesce((
  SELECT json_agg(json_build_object(
    'name', d.name,
    'system', d.system,
    'host', (SELECT json_build_object('name', a.name) FROM "Actor" AS a WHERE a.id = d."hostId"),
    'operator', (SELECT json_build_object('name', a.name) FROM "Actor" AS a WHERE a.id = d."operatorId"),
    'positions', json_build_object(
      'totalCount', (SELECT count(*) FROM "Position" AS p WHERE p."deploymentId" = d.id),
      'nodes', coalesce((
        SELECT json_agg(json_build_object(
          'stance', p.stance,
          'summary', p.summary,
          'statedOn', p."statedOn",
          'holders', coalesce((
            SELECT json_agg(CASE WHEN c.id IS NULL THEN json_build_object('name', a.name) ELSE json_build_object('name', a.name, 'isoCode', c."isoCode") END ORDER BY a.id)
            FROM "PositionHolder" AS h JOIN "Actor" AS a ON a.id = h."actorId" LEFT JOIN "Country" AS c ON c.id = a.id
            WHERE h."positionId" = p.id), '[]'),
          'speakers', coalesce((
            SELECT json_agg(json_build_object('name', o.name, 'title', o.title) ORDER BY o.id)
            FROM "PositionSpeaker" AS s JOIN "Official" AS o ON o.id = s."officialId"
            WHERE s."positionId" = p.id), '[]'),
          'meeting', (SELECT json_build_object('name', m.name, 'city', m.city, 'date', m.date) FROM "Meeting" AS m WHERE m.id = p."meetingId"),
          'evidence', coalesce((
            SELECT json_agg(json_build_object('text', e.text, 'start', e.start, 'end', e."end",
                     'article', json_build_object('source', ar.source, 'publishedAt', ${dateTime('ar."publishedAt"')}))
                   ORDER BY e."articleId", e.start, e.id)
            FROM "Evidence" AS e JOIN "Article" AS ar ON ar.id = e."articleId"
            WHERE e."positionId" = p.id), '[]')
        ) ORDER BY p.id)
        FROM (SELECT id, stance, summary, "statedOn", "meetingId" FROM "Position" WHERE "deploymentId" = d.id ORDER BY id LIMIT 50) AS p), '[]')
    )
  ) ORDER BY d.id)
  FROM (SELECT id, name, system, "hostId", "operatorId" FROM "Deployment" ORDER BY id LIMIT 10) AS d), '[]'))))::text AS body`;

// The peer's deep traversal: the same objects in PostGraphile's schema. Relations are its foreign
// keys (a position's deployment is Position.deploymentId: the generator gives each position one
// target, so it is the same set as the API's PositionDeployment); lists in the API's orders (the
// join tables' primary keys order a position's holders and speakers by actor and official id).
// A holder is an Actor with an optional Country (isoCode): the API's `... on Country`.

const peerDeepTraversal = /* GraphQL */ `
  query DeepTraversal {
    allDeployments(first: 10, orderBy: PRIMARY_KEY_ASC) {
      nodes {
        name
        system
        countryByHostId {
          actorById {
            name
          }
        }
        actorByOperatorId {
          name
        }
        positionsByDeploymentId(first: 50, orderBy: PRIMARY_KEY_ASC) {
          totalCount
          nodes {
            stance
            summary
            statedOn
            positionHoldersByPositionId(orderBy: PRIMARY_KEY_ASC) {
              nodes {
                actorByActorId {
                  name
                  countryById {
                    isoCode
                  }
                }
              }
            }
            positionSpeakersByPositionId(orderBy: PRIMARY_KEY_ASC) {
              nodes {
                officialByOfficialId {
                  name
                  title
                }
              }
            }
            meetingByMeetingId {
              name
              city
              date
            }
            evidencesByPositionId(orderBy: [ARTICLE_ID_ASC, START_ASC, ID_ASC]) {
              nodes {
                text
                start
                end
                articleByArticleId {
                  source
                  publishedAt
                }
              }
            }
          }
        }
      }
    }
  }
`;

/** What the peer's deep traversal answers (as much of it as the normalizer reads). */
interface PeerDeepTraversal {
  allDeployments: {
    nodes: Array<{
      name: string;
      system: string | null;
      countryByHostId: { actorById: { name: string } } | null;
      actorByOperatorId: { name: string } | null;
      positionsByDeploymentId: {
        totalCount: number;
        nodes: Array<{
          stance: string;
          summary: string;
          statedOn: string | null;
          positionHoldersByPositionId: { nodes: Array<{ actorByActorId: { name: string; countryById: { isoCode: string } | null } }> };
          positionSpeakersByPositionId: { nodes: Array<{ officialByOfficialId: { name: string; title: string | null } }> };
          meetingByMeetingId: { name: string; city: string | null; date: string | null } | null;
          evidencesByPositionId: {
            nodes: Array<{ text: string; start: number; end: number; articleByArticleId: { source: string; publishedAt: string | null } }>;
          };
        }>;
      };
    }>;
  };
}

/** The peer's deep traversal in the API's shape (deployments → nodes → positions → nodes → …). */
function normalizePeerDeepTraversal(data: unknown): unknown {
  const { allDeployments } = data as PeerDeepTraversal;
  return {
    deployments: {
      nodes: allDeployments.nodes.map((d) => ({
        name: d.name,
        system: d.system,
        host: d.countryByHostId && { name: d.countryByHostId.actorById.name },
        operator: d.actorByOperatorId && { name: d.actorByOperatorId.name },
        positions: {
          totalCount: d.positionsByDeploymentId.totalCount,
          nodes: d.positionsByDeploymentId.nodes.map((p) => ({
            stance: p.stance,
            summary: p.summary,
            statedOn: p.statedOn,
            holders: p.positionHoldersByPositionId.nodes.map(({ actorByActorId: a }) =>
              a.countryById ? { name: a.name, isoCode: a.countryById.isoCode } : { name: a.name },
            ),
            speakers: p.positionSpeakersByPositionId.nodes.map(({ officialByOfficialId: o }) => ({ name: o.name, title: o.title })),
            meeting: p.meetingByMeetingId,
            evidence: p.evidencesByPositionId.nodes.map((e) => ({
              text: e.text,
              start: e.start,
              end: e.end,
              article: { source: e.articleByArticleId.source, publishedAt: peerDateTime(e.articleByArticleId.publishedAt) },
            })),
          })),
        },
      })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// "Every statement of opposition, concern, criticism or threat by Russia or China since 2010,
// newest first": a filtered, ordered page, and the same page thousands of pages deep.

const filteredPage = /* GraphQL */ `
  query FilteredPage($after: String) {
    positions(
      first: 20
      after: $after
      filter: { holders: ["RU", "CN"], stances: [OPPOSE, CONCERN, CRITICIZE, THREATEN], statedOn: { from: "2010-01-01" } }
      orderBy: { field: STATED_ON, direction: DESC }
    ) {
      edges {
        cursor
        node {
          id
          stance
          summary
          statedOn
          holders {
            name
          }
          deployment {
            name
            system
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** The filter and order of the filtered page, in SQL, over the Position `n`. */
export const filteredPageConditions = `
  n.stance IN ('OPPOSE', 'CONCERN', 'CRITICIZE', 'THREATEN')
  AND EXISTS (SELECT 1 FROM "PositionHolder" AS h JOIN "Country" AS c ON c.id = h."actorId" WHERE h."positionId" = n.id AND c."isoCode" IN ('RU', 'CN'))
  AND n."statedFrom" IS NOT NULL AND n."statedUntil" >= DATE '2010-01-01'`;
export const filteredPageOrder = `COALESCE(n."statedFrom", '-infinity'::date) DESC, n.id DESC`;

// The peer's filtered page, with postgraphile-plugin-connection-filter: the same conditions as the
// API's filter compiles to (filteredPageConditions: "since 2010" is a stated range that is known and
// ends on or after 2010-01-01), holders through the join table (`some`) and the forward relations
// actor → country. Its order is statedFrom DESC, id DESC: the API's COALESCE(statedFrom, -infinity)
// is statedFrom itself once statedFrom IS NOT NULL. `id` is the row's id (the peer's global ID is
// `nodeId`); cursors are the peer's own.

const peerFilteredPage = /* GraphQL */ `
  query FilteredPage($after: Cursor) {
    allPositions(
      first: 20
      after: $after
      filter: {
        stance: { in: [OPPOSE, CONCERN, CRITICIZE, THREATEN] }
        statedFrom: { isNull: false }
        statedUntil: { greaterThanOrEqualTo: "2010-01-01" }
        positionHoldersByPositionId: { some: { actorByActorId: { countryById: { isoCode: { in: ["RU", "CN"] } } } } }
      }
      orderBy: [STATED_FROM_DESC, ID_DESC]
    ) {
      edges {
        cursor
        node {
          id
          stance
          summary
          statedOn
          positionHoldersByPositionId(orderBy: PRIMARY_KEY_ASC) {
            nodes {
              actorByActorId {
                name
              }
            }
          }
          deploymentByDeploymentId {
            name
            system
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** The shape both filtered pages are compared in: the API's, with row ids for global IDs and no cursors (each server has its own). */
interface ComparedFilteredPage {
  positions: {
    edges: Array<{ node: { id: number; stance: string; summary: string; statedOn: string | null; holders: Array<{ name: string }>; deployment: unknown } }>;
    pageInfo: { hasNextPage: boolean };
  };
}

interface ApiFilteredPage {
  positions: {
    edges: Array<{ cursor: string; node: Omit<ComparedFilteredPage['positions']['edges'][number]['node'], 'id'> & { id: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

interface PeerFilteredPage {
  allPositions: {
    edges: Array<{
      cursor: string;
      node: {
        id: number;
        stance: string;
        summary: string;
        statedOn: string | null;
        positionHoldersByPositionId: { nodes: Array<{ actorByActorId: { name: string } }> };
        deploymentByDeploymentId: { name: string; system: string | null } | null;
      };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** The row id of an API global ID (base64 of `Position:<id>`, src/data/global-id.ts). */
function rowId(globalId: string): number {
  return Number(/^[A-Za-z]+:(\d+)$/.exec(Buffer.from(globalId, 'base64').toString('utf8'))?.[1] ?? Number.NaN);
}

function apiFilteredPageCompared(data: unknown): ComparedFilteredPage {
  const { positions } = data as ApiFilteredPage;
  return {
    positions: {
      edges: positions.edges.map(({ node }) => ({ node: { ...node, id: rowId(node.id) } })),
      pageInfo: { hasNextPage: positions.pageInfo.hasNextPage },
    },
  };
}

function peerFilteredPageCompared(data: unknown): ComparedFilteredPage {
  const { allPositions } = data as PeerFilteredPage;
  return {
    positions: {
      edges: allPositions.edges.map(({ node }) => ({
        node: {
          id: node.id,
          stance: node.stance,
          summary: node.summary,
          statedOn: node.statedOn,
          holders: node.positionHoldersByPositionId.nodes.map(({ actorByActorId: a }) => ({ name: a.name })),
          deployment: node.deploymentByDeploymentId,
        },
      })),
      pageInfo: { hasNextPage: allPositions.pageInfo.hasNextPage },
    },
  };
}

function filteredPageSql(deep: boolean): string {
  const cursor = (row: string) => base64url(`'cursor:v2:["STATED_ON","' || ${row}.key::text || '",' || ${row}.id || ']'`);
  return `
WITH page AS (
  SELECT n.id, n.stance, n.summary, n."statedOn", n."deploymentId", COALESCE(n."statedFrom", '-infinity'::date) AS key,
         row_number() OVER (ORDER BY ${filteredPageOrder}) AS rank
  FROM (
    SELECT n.* FROM "Position" AS n
    WHERE ${filteredPageConditions} ${deep ? `AND (COALESCE(n."statedFrom", '-infinity'::date), n.id) < ($1::date, $2::int)` : ''}
    ORDER BY ${filteredPageOrder} LIMIT 21
  ) AS n
)
SELECT json_build_object('data', json_build_object('positions', json_build_object(
  'edges', coalesce((
    SELECT json_agg(json_build_object('cursor', ${cursor('p')}, 'node', json_build_object(
      'id', ${globalId('Position', 'p.id')},
      'stance', p.stance,
      'summary', p.summary,
      'statedOn', p."statedOn",
      'holders', coalesce((SELECT json_agg(json_build_object('name', a.name) ORDER BY a.id) FROM "PositionHolder" AS h JOIN "Actor" AS a ON a.id = h."actorId" WHERE h."positionId" = p.id), '[]'),
      'deployment', (SELECT json_build_object('name', d.name, 'system', d.system) FROM "Deployment" AS d WHERE d.id = p."deploymentId")
    )) ORDER BY p.rank)
    FROM page AS p WHERE p.rank <= 20), '[]'),
  'pageInfo', json_build_object(
    'hasNextPage', (SELECT count(*) > 20 FROM page),
    'endCursor', (SELECT ${cursor('p')} FROM page AS p WHERE p.rank <= 20 ORDER BY p.rank DESC LIMIT 1))
)))::text AS body`;
}

// ---------------------------------------------------------------------------------------------
// Full-text search over every searchable type.

const search = /* GraphQL */ `
  query Search($query: String!) {
    search(query: $query, first: 20) {
      edges {
        cursor
        rank
        snippet
        node {
          __typename
          ... on Article {
            id
            source
            publishedAt
          }
          ... on Evidence {
            id
            text
          }
          ... on Position {
            id
            stance
            summary
          }
          ... on Deployment {
            id
            name
          }
          ... on Official {
            id
            name
          }
          ... on Country {
            id
            name
          }
          ... on Organization {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

// Article snippets are cut from the first 100,000 characters, as the API's (snippetSourceChars, src/data/search.ts).
const snippetOptions = `'StartSel=' || chr(2) || ',StopSel=' || chr(3) || ',MaxWords=30,MinWords=12,ShortWord=3,MaxFragments=2,FragmentDelimiter=" … "'`;
const html = (text: string) =>
  `replace(replace(replace(replace(replace(replace(replace(${text}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'), chr(2), '<mark>'), chr(3), '</mark>')`;

// The query as the API makes it (src/data/text-query.ts): web search syntax, either spelling.
const searchSql = `
WITH q AS MATERIALIZED (SELECT stancegraph_spelling_variants(websearch_to_tsquery('english', $1)) AS query),
hits AS (
  SELECT 'ARTICLE' AS type, c.id, ts_rank(c.vector, q.query, 1)::float8 AS rank FROM (SELECT n.id, n."searchVector" AS vector FROM "Article" AS n WHERE n."searchVector" @@ stancegraph_spelling_variants(websearch_to_tsquery('english', $1)) ORDER BY n.id DESC LIMIT 500) AS c, q
  UNION ALL SELECT 'COUNTRY' AS type, c.id, ts_rank(c.vector, q.query, 1)::float8 AS rank FROM (SELECT n.id, n."searchVector" AS vector FROM "Country" AS c JOIN "Actor" AS n ON n.id = c.id WHERE n."searchVector" @@ stancegraph_spelling_variants(websearch_to_tsquery('english', $1)) ORDER BY n.id DESC LIMIT 500) AS c, q
  UNION ALL SELECT 'DEPLOYMENT' AS type, c.id, ts_rank(c.vector, q.query, 1)::float8 AS rank FROM (SELECT n.id, n."searchVector" AS vector FROM "Deployment" AS n WHERE n."searchVector" @@ stancegraph_spelling_variants(websearch_to_tsquery('english', $1)) ORDER BY n.id DESC LIMIT 500) AS c, q
  UNION ALL SELECT 'EVIDENCE' AS type, c.id, ts_rank(c.vector, q.query, 1)::float8 AS rank FROM (SELECT n.id, n."searchVector" AS vector FROM "Evidence" AS n WHERE n."searchVector" @@ stancegraph_spelling_variants(websearch_to_tsquery('english', $1)) ORDER BY n.id DESC LIMIT 500) AS c, q
  UNION ALL SELECT 'OFFICIAL' AS type, c.id, ts_rank(c.vector, q.query, 1)::float8 AS rank FROM (SELECT n.id, n."searchVector" AS vector FROM "Official" AS n WHERE n."searchVector" @@ stancegraph_spelling_variants(websearch_to_tsquery('english', $1)) ORDER BY n.id DESC LIMIT 500) AS c, q
  UNION ALL SELECT 'ORGANIZATION' AS type, c.id, ts_rank(c.vector, q.query, 1)::float8 AS rank FROM (SELECT n.id, n."searchVector" AS vector FROM "Organization" AS o JOIN "Actor" AS n ON n.id = o.id WHERE n."searchVector" @@ stancegraph_spelling_variants(websearch_to_tsquery('english', $1)) ORDER BY n.id DESC LIMIT 500) AS c, q
  UNION ALL SELECT 'POSITION' AS type, c.id, ts_rank(c.vector, q.query, 1)::float8 AS rank FROM (SELECT n.id, n."searchVector" AS vector FROM "Position" AS n WHERE n."searchVector" @@ stancegraph_spelling_variants(websearch_to_tsquery('english', $1)) ORDER BY n.id DESC LIMIT 500) AS c, q
),
page AS (SELECT type, id, rank, row_number() OVER (ORDER BY rank DESC, type, id) AS ordinal FROM (SELECT * FROM hits ORDER BY rank DESC, type, id LIMIT 21) AS top),
shown AS (
  SELECT page.*, ${base64url(`'cursor:v2:["RELEVANCE","' || page.rank::text || ' ' || page.type || '",' || page.id || ']'`)} AS cursor,
    CASE page.type
      WHEN 'ARTICLE' THEN (SELECT json_build_object('snippet', ts_headline('english', left(concat_ws('. ', n.headline, n.body), 100000), q.query, ${snippetOptions}),
        'node', json_build_object('__typename', 'Article', 'id', ${globalId('Article', 'n.id')}, 'source', n.source, 'publishedAt', ${dateTime('n."publishedAt"')})) FROM "Article" AS n WHERE n.id = page.id)
      WHEN 'COUNTRY' THEN (SELECT json_build_object('snippet', ts_headline('english', concat_ws(', ', n.name, array_to_string(n.aliases, ', ')), q.query, ${snippetOptions}),
        'node', json_build_object('__typename', 'Country', 'id', ${globalId('Country', 'n.id')}, 'name', n.name)) FROM "Actor" AS n WHERE n.id = page.id)
      WHEN 'DEPLOYMENT' THEN (SELECT json_build_object('snippet', ts_headline('english', concat_ws(', ', n.name, n.system, n."systemName", n.location), q.query, ${snippetOptions}),
        'node', json_build_object('__typename', 'Deployment', 'id', ${globalId('Deployment', 'n.id')}, 'name', n.name)) FROM "Deployment" AS n WHERE n.id = page.id)
      WHEN 'EVIDENCE' THEN (SELECT json_build_object('snippet', ts_headline('english', n.text, q.query, ${snippetOptions}),
        'node', json_build_object('__typename', 'Evidence', 'id', ${globalId('Evidence', 'n.id')}, 'text', n.text)) FROM "Evidence" AS n WHERE n.id = page.id)
      WHEN 'OFFICIAL' THEN (SELECT json_build_object('snippet', ts_headline('english', concat_ws(', ', n.name, array_to_string(n.aliases, ', ')), q.query, ${snippetOptions}),
        'node', json_build_object('__typename', 'Official', 'id', ${globalId('Official', 'n.id')}, 'name', n.name)) FROM "Official" AS n WHERE n.id = page.id)
      WHEN 'ORGANIZATION' THEN (SELECT json_build_object('snippet', ts_headline('english', concat_ws(', ', n.name, array_to_string(n.aliases, ', ')), q.query, ${snippetOptions}),
        'node', json_build_object('__typename', 'Organization', 'id', ${globalId('Organization', 'n.id')}, 'name', n.name)) FROM "Actor" AS n WHERE n.id = page.id)
      WHEN 'POSITION' THEN (SELECT json_build_object('snippet', ts_headline('english', concat_ws('. ', n.summary, n.topic), q.query, ${snippetOptions}),
        'node', json_build_object('__typename', 'Position', 'id', ${globalId('Position', 'n.id')}, 'stance', n.stance, 'summary', n.summary)) FROM "Position" AS n WHERE n.id = page.id)
    END AS hit
  FROM page, q WHERE page.ordinal <= 20
)
SELECT json_build_object('data', json_build_object('search', json_build_object(
  'edges', coalesce((SELECT json_agg(json_build_object('cursor', s.cursor, 'rank', s.rank, 'snippet', ${html(`s.hit->>'snippet'`)}, 'node', s.hit->'node') ORDER BY s.ordinal) FROM shown AS s), '[]'),
  'pageInfo', json_build_object(
    'hasNextPage', (SELECT count(*) > 20 FROM page),
    'endCursor', (SELECT s.cursor FROM shown AS s ORDER BY s.ordinal DESC LIMIT 1))
)))::text AS body`;

export interface QueryOptions {
  /** Where the deep page starts: the key and id of the element before it. */
  deepAfter: { key: string; id: number };
  /** The rank of the deep page's element before it (1-based), for the report. */
  deepRank: number;
  searchTerm: string;
  commonSearchTerm: string;
}

export function benchQueries(options: QueryOptions): BenchQuery[] {
  const deepCursor = statedOnCursor(options.deepAfter.key, options.deepAfter.id);
  const filteredPagePeer = (after: string | null): PeerQuery => ({
    graphql: peerFilteredPage,
    variables: after === null ? {} : { after },
    normalize: peerFilteredPageCompared,
    api: apiFilteredPageCompared,
  });
  return [
    {
      name: 'deep_traversal',
      description: 'deployments(first: 10) → positions(first: 50) → holders, speakers, meeting, evidence → article (README, issue 2 contract)',
      graphql: deepTraversal,
      variables: {},
      baseline: { sql: deepTraversalSql, params: [] },
      peer: { graphql: peerDeepTraversal, variables: {}, normalize: normalizePeerDeepTraversal },
    },
    {
      name: 'filtered_page',
      description: 'positions by RU or CN, 4 stances, since 2010, newest first: page 1 of 20',
      graphql: filteredPage,
      variables: {},
      baseline: { sql: filteredPageSql(false), params: [] },
      peer: filteredPagePeer(null),
    },
    {
      name: 'filtered_page_deep',
      description: `the same page after element ${options.deepRank.toLocaleString('en')} (page ${Math.round(options.deepRank / 20) + 1}), by cursor`,
      graphql: filteredPage,
      variables: { after: deepCursor },
      baseline: { sql: filteredPageSql(true), params: [options.deepAfter.key, options.deepAfter.id] },
      peer: filteredPagePeer(peerStatedFromCursor(options.deepAfter.key, options.deepAfter.id)),
    },
    // Search has no peer: PostGraphile exposes tables and functions, and ranking with snippets
    // over seven types is a SQL function of one's own (the baseline's statement) that the
    // database would have to hold; the benchmark does not add objects to the API's schema.
    {
      name: 'search',
      description: `search(query: "${options.searchTerm}", first: 20) over every type, with snippets`,
      graphql: search,
      variables: { query: options.searchTerm },
      baseline: { sql: searchSql, params: [options.searchTerm] },
      peer: null,
    },
    {
      name: 'search_common',
      description: `search(query: "${options.commonSearchTerm}", first: 20): a term in a large share of all documents (shows the cost of ranking many matches)`,
      graphql: search,
      variables: { query: options.commonSearchTerm },
      baseline: { sql: searchSql, params: [options.commonSearchTerm] },
      peer: null,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The scaling run's extra query: the filtered page's totalCount alone, which counts every match
// (185,000 at full scale), so it grows with the graph where a page does not.

const filteredTotalCount = /* GraphQL */ `
  query FilteredTotalCount {
    positions(filter: { holders: ["RU", "CN"], stances: [OPPOSE, CONCERN, CRITICIZE, THREATEN], statedOn: { from: "2010-01-01" } }) {
      totalCount
    }
  }
`;

const filteredTotalCountSql = `
SELECT json_build_object('data', json_build_object('positions', json_build_object(
  'totalCount', (SELECT count(*) FROM "Position" AS n WHERE ${filteredPageConditions}))))::text AS body`;

// The bounded alternative: `count` stops at 10,000 (src/graphql/connection.ts), an index range of
// 10,001 rows at most whatever the number of matches.
const filteredCount = /* GraphQL */ `
  query FilteredCount {
    positions(filter: { holders: ["RU", "CN"], stances: [OPPOSE, CONCERN, CRITICIZE, THREATEN], statedOn: { from: "2010-01-01" } }) {
      count {
        count
        precision
      }
    }
  }
`;

const filteredCountSql = `
SELECT json_build_object('data', json_build_object('positions', json_build_object('count', json_build_object(
  'count', least(c.total, 10000), 'precision', CASE WHEN c.total > 10000 THEN 'AT_LEAST' ELSE 'EXACT' END))))::text AS body
FROM (SELECT count(*)::int AS total FROM (SELECT 1 FROM "Position" AS n WHERE ${filteredPageConditions} LIMIT 10001) AS s) AS c`;

/** The queries of `--scaling`: the benchmark's, the filtered page's totalCount, and its bounded count. */
export function scalingQueries(options: QueryOptions): BenchQuery[] {
  return [
    ...benchQueries(options),
    {
      name: 'filtered_total_count',
      description: "positions(filter: the filtered page's) { totalCount } alone: counts every match",
      graphql: filteredTotalCount,
      variables: {},
      baseline: { sql: filteredTotalCountSql, params: [] },
      peer: null,
    },
    {
      name: 'filtered_count',
      description: "positions(filter: the filtered page's) { count { count precision } } alone: counts up to 10,000",
      graphql: filteredCount,
      variables: {},
      baseline: { sql: filteredCountSql, params: [] },
      peer: null,
    },
  ];
}
