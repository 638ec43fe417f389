/**
 * Every position taken on THAAD, with who holds it and the evidence quoted from the articles: a
 * small program on Apollo Client 4 whose operations are typed by GraphQL Code Generator's client
 * preset (`npm run codegen`), run with `npm run example:apollo-client`.
 *
 * GRAPHQL_URL: the API (default http://localhost:4000/graphql).
 * PERSISTED_DOCUMENTS=true: send only each operation's hash, as a server with TRUSTED_DOCUMENTS
 * (set to the generated persisted-documents.json) requires.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import type { DocumentNode } from 'graphql';
import { graphql } from './gql/index.js';
import type { DeploymentsPageQuery, ThaadPositionsPageQuery } from './gql/graphql.js';

const DeploymentsPage = graphql(`
  query DeploymentsPage($after: String) {
    deployments(first: 20, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        system
      }
    }
  }
`);

const ThaadPositionsPage = graphql(`
  query ThaadPositionsPage($deployment: ID!, $after: String) {
    node(id: $deployment) {
      ... on Deployment {
        name
        host {
          name
        }
        positions(first: 20, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            id
            stance
            summary
            statedOn
            holders {
              name
              ... on Country {
                isoCode
              }
              ... on Organization {
                acronym
              }
            }
            speakers {
              name
              title
            }
            evidence {
              text
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
`);

type Position = Extract<ThaadPositionsPageQuery['node'], { __typename: 'Deployment' }>['positions']['nodes'][number];

const uri = process.env.GRAPHQL_URL ?? 'http://localhost:4000/graphql';
const persisted = process.env.PERSISTED_DOCUMENTS === 'true';

/** The hash the client preset put in every generated document (`persistedDocuments`). */
function documentHash(document: DocumentNode): string {
  const hash = (document as DocumentNode & { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== 'string') throw new Error('a document without a hash: run npm run codegen');
  return hash;
}

const http = new HttpLink({ uri });
const client = new ApolloClient({
  link: persisted
    ? ApolloLink.from([
        // Only the hash is sent; a server that does not know it answers with an error, and no
        // full text is sent instead (a trusted-documents server would refuse it anyway).
        new PersistedQueryLink({ generateHash: documentHash, retry: () => false, disable: () => false }),
        http,
      ])
    : http,
  cache: new InMemoryCache(),
  defaultOptions: { query: { fetchPolicy: 'no-cache' } },
});

async function deploymentsPage(after: string | null): Promise<DeploymentsPageQuery['deployments']> {
  const { data } = await client.query({ query: DeploymentsPage, variables: { after } });
  if (!data) throw new Error('no data');
  return data.deployments;
}

async function findThaad(): Promise<{ id: string; name: string }> {
  let after: string | null = null;
  for (;;) {
    const page = await deploymentsPage(after);
    const thaad = page.nodes.find((deployment) => deployment.system === 'THAAD');
    if (thaad) return thaad;
    if (!page.pageInfo.hasNextPage) throw new Error('no THAAD deployment in the graph');
    after = page.pageInfo.endCursor ?? null;
  }
}

async function positionsPage(
  deployment: string,
  after: string | null,
): Promise<Extract<ThaadPositionsPageQuery['node'], { __typename: 'Deployment' }>['positions']> {
  const { data } = await client.query({ query: ThaadPositionsPage, variables: { deployment, after } });
  const node = data?.node;
  if (node?.__typename !== 'Deployment') throw new Error(`${deployment} is not a deployment`);
  return node.positions;
}

async function thaadPositions(deployment: string): Promise<Position[]> {
  const positions: Position[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await positionsPage(deployment, after);
    positions.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return positions;
    after = page.pageInfo.endCursor ?? null;
  }
}

const thaad = await findThaad();
const positions = await thaadPositions(thaad.id);
console.log(`${thaad.name}: ${positions.length} positions${persisted ? ' (persisted documents)' : ''}\n`);
for (const position of positions) {
  const holders = position.holders
    .map((holder) => (holder.__typename === 'Country' ? `${holder.name} (${holder.isoCode})` : (holder.acronym ?? holder.name)))
    .join(', ');
  const speakers = position.speakers.map((speaker) => (speaker.title ? `${speaker.name}, ${speaker.title}` : speaker.name)).join('; ');
  console.log(`${position.stance}  ${holders}${speakers ? ` — ${speakers}` : ''}${position.statedOn ? ` (${position.statedOn})` : ''}`);
  console.log(`  ${position.summary}`);
  for (const evidence of position.evidence) {
    console.log(`  “${evidence.text}” — ${evidence.article.source}${evidence.article.publishedAt ? `, ${evidence.article.publishedAt.slice(0, 10)}` : ''}`);
  }
  console.log();
}
if (positions.length === 0) process.exitCode = 1;
