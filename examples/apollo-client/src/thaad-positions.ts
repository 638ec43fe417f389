/**
 * Every position taken on THAAD, with who holds it and the evidence quoted from the articles, and
 * then one live update: a small program on Apollo Client 4 whose operations are typed by GraphQL
 * Code Generator's client preset (`npm run codegen`), run with `npm run example:apollo-client`.
 * It uses the set-up the README describes under "Apollo Client's cache": the normalized cache
 * with the generated `possibleTypes`, the positions paged with `fetchMore` and merged by
 * `relayStylePagination()`, and a subscription over a WebSocket (GraphQLWsLink) beside the
 * queries and mutations over HTTP.
 *
 * GRAPHQL_URL: the API (default http://localhost:4000/graphql); subscriptions use the same URL
 * with ws:// (wss:// for https://).
 * STANCEGRAPH_API_KEY: an EDITOR key (`npm run -s key:create -- --role editor --name example`).
 * With it, the program subscribes to new positions on THAAD, records one (quoting the seed
 * article), prints the event it receives, and deletes the position again, so that the graph is
 * left as it was and the program can run again. Without it, it stops after reading.
 * PERSISTED_DOCUMENTS=true: send only each operation's hash, as a server with TRUSTED_DOCUMENTS
 * (set to the generated persisted-documents.json) requires.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, split } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode, type DocumentNode } from 'graphql';
import { createClient, MessageType, type Message } from 'graphql-ws';
import { firstValueFrom, throwError, timeout } from 'rxjs';
import WebSocket from 'ws';
import { graphql } from './gql/index.js';
import type { PositionDetailsFragment, ThaadPositionsQuery } from './gql/graphql.js';
import generated from './gql/possible-types.js';

// What the program shows of a position, in the query and in the subscription (typed as
// PositionDetailsFragment).
graphql(`
  fragment PositionDetails on Position {
    id
    stance
    summary
    statedOn
    holders {
      id
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
        id
        source
        publishedAt
      }
    }
  }
`);

const ThaadDeployment = graphql(`
  query ThaadDeployment {
    deployments(filter: { systems: ["THAAD"] }, first: 1) {
      nodes {
        id
        name
      }
    }
  }
`);

// `edges`, not `nodes`: relayStylePagination() merges pages by their edges (and cursors); a
// `nodes` list would be replaced by each new page instead of growing. Five a page, so that the
// seed's eight positions on THAAD take two.
const ThaadPositions = graphql(`
  query ThaadPositions($deployment: ID!, $after: String) {
    node(id: $deployment) {
      ... on Deployment {
        positions(first: 5, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            cursor
            node {
              ...PositionDetails
            }
          }
        }
      }
    }
  }
`);

const ThaadPositionRecorded = graphql(`
  subscription ThaadPositionRecorded($deployment: ID!) {
    positionRecorded(filter: { deployments: [$deployment] }) {
      ...PositionDetails
    }
  }
`);

const RecordPosition = graphql(`
  mutation RecordPosition($input: PositionCreateInput!) {
    positionCreate(input: $input) {
      position {
        id
      }
      userErrors {
        code
        message
      }
    }
  }
`);

const DeletePosition = graphql(`
  mutation DeletePosition($id: ID!) {
    positionDelete(input: { id: $id }) {
      deletedPositionId
      userErrors {
        code
        message
      }
    }
  }
`);

const uri = process.env.GRAPHQL_URL ?? 'http://localhost:4000/graphql';
const apiKey = process.env.STANCEGRAPH_API_KEY;
const persisted = process.env.PERSISTED_DOCUMENTS === 'true';
const authorization = apiKey ? `Bearer ${apiKey}` : undefined;
const webSocketUrl = uri.replace(/^http/, 'ws');

/** The hash the client preset put in every generated document (`persistedDocuments`). */
function documentHash(document: DocumentNode): string {
  const hash = (document as DocumentNode & { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== 'string') throw new Error('a document without a hash: run npm run codegen');
  return hash;
}

/** A subscribe message with an empty text instead of its document's (graphql-ws requires a string); other messages as they are. */
function withoutDocumentText(message: Message): Message {
  return message.type === MessageType.Subscribe ? { ...message, payload: { ...message.payload, query: '' } } : message;
}

// Node 20 has no global WebSocket, and GraphQLWsLink looks at it when a subscription is refused:
// "WebSocket is not defined" would hide the server's errors (apollo-client issue 11761).
globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;

const webSocket = createClient({
  url: webSocketUrl,
  webSocketImpl: WebSocket,
  // The WebSocket has no headers of its own: the key goes in the connection_init message.
  connectionParams: authorization ? { authorization } : {},
  // GraphQLWsLink always sends the document's text. With persisted documents, PersistedQueryLink
  // has put the hash in `extensions.persistedQuery`: leave the text out of the subscribe message,
  // as HttpLink does (`includeQuery: false`).
  jsonMessageReplacer: persisted ? (key, value: unknown) => (key === '' ? withoutDocumentText(value as Message) : value) : undefined,
});

const client = new ApolloClient({
  link: ApolloLink.from([
    // Only the hash is sent; a server that does not know it answers with an error, and no full
    // text is sent instead (a trusted-documents server would refuse it anyway).
    ...(persisted ? [new PersistedQueryLink({ generateHash: documentHash, retry: () => false, disable: () => false })] : []),
    split(
      ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
      new GraphQLWsLink(webSocket),
      new HttpLink({ uri, headers: authorization ? { authorization } : {} }),
    ),
  ]),
  cache: new InMemoryCache({
    // Which types implement each interface and make up each union (generated from the schema):
    // without it, fields selected in a fragment on an interface or union are dropped.
    possibleTypes: generated.possibleTypes,
    typePolicies: {
      // One list per deployment and filter and order: `after` (the page) is not part of its key,
      // so each page fetched is merged into the same list.
      Deployment: { fields: { positions: relayStylePagination(['filter', 'orderBy']) } },
    },
  }),
});

async function findThaad(): Promise<{ id: string; name: string }> {
  const { data } = await client.query({ query: ThaadDeployment });
  const thaad = data?.deployments.nodes[0];
  if (!thaad) throw new Error('no THAAD deployment in the graph');
  return thaad;
}

/**
 * Every position on the deployment, page by page with fetchMore: each page is merged into the
 * cached list, which is then read back whole. Returns the positions and the size of each page.
 */
async function allPositions(deployment: string): Promise<{ positions: PositionDetailsFragment[]; pages: number[] }> {
  const connectionOf = (data: ThaadPositionsQuery | null | undefined) => {
    if (data?.node?.__typename !== 'Deployment') throw new Error(`${deployment} is not a deployment`);
    return data.node.positions;
  };
  // A watched query, as a view would hold: fetchMore fetches a page with its variables and the
  // `after` given, and the cache merges it into the query's list. It has not run yet: refetch()
  // fetches the first page.
  const query = client.watchQuery({ query: ThaadPositions, variables: { deployment } });
  let page = connectionOf((await query.refetch()).data);
  const pages = [page.edges.length];
  while (page.pageInfo.hasNextPage) {
    page = connectionOf((await query.fetchMore({ variables: { after: page.pageInfo.endCursor } })).data);
    pages.push(page.edges.length);
  }
  // The list as the cache holds it now: every page fetched, in order. (The watched query's own
  // result catches up a moment later: the cache tells its watchers asynchronously.)
  const cached = connectionOf(client.readQuery({ query: ThaadPositions, variables: { deployment } }));
  const fetched = pages.reduce((sum, size) => sum + size, 0);
  if (cached.edges.length !== fetched || fetched !== cached.totalCount) {
    throw new Error(`the cache holds ${cached.edges.length} positions, ${fetched} were fetched, ${cached.totalCount} exist`);
  }
  return { positions: cached.edges.map((edge) => edge.node), pages };
}

function describePosition(position: PositionDetailsFragment): string {
  const holders = position.holders
    .map((holder) => (holder.__typename === 'Country' ? `${holder.name} (${holder.isoCode})` : (holder.acronym ?? holder.name)))
    .join(', ');
  const speakers = position.speakers.map((speaker) => (speaker.title ? `${speaker.name}, ${speaker.title}` : speaker.name)).join('; ');
  const lines = [
    `${position.stance}  ${holders}${speakers ? ` — ${speakers}` : ''}${position.statedOn ? ` (${position.statedOn})` : ''}`,
    `  ${position.summary}`,
  ];
  for (const evidence of position.evidence) {
    lines.push(`  “${evidence.text}” — ${evidence.article.source}${evidence.article.publishedAt ? `, ${evidence.article.publishedAt.slice(0, 10)}` : ''}`);
  }
  return lines.join('\n');
}

/** The quote the live update's position cites: a sentence of the seed article. */
const QUOTE = 'China and Russia on Thursday voiced serious concern over the deployment of the Terminal High Altitude Area Defense (THAAD) in South Korea.';

/**
 * Subscribes to new positions on the deployment, records one (Russia's concern, as the seed
 * article reports it), and returns the position the subscription received. The position is
 * deleted again whatever happens.
 */
async function liveUpdate(deployment: string, known: PositionDetailsFragment[]): Promise<PositionDetailsFragment> {
  const russia = known.flatMap((position) => position.holders).find((holder) => holder.__typename === 'Country' && holder.isoCode === 'RU');
  const article = known.flatMap((position) => position.evidence).find((evidence) => evidence.text === QUOTE)?.article;
  if (!russia || !article) throw new Error('the seed article is not in the graph: the live update quotes it');

  const connected = new Promise<void>((resolve, reject) => {
    webSocket.on('connected', () => resolve());
    webSocket.on('closed', () => reject(new Error(`the WebSocket to ${webSocketUrl} closed before the server accepted it`)));
  });
  const received = firstValueFrom(
    client
      .subscribe({ query: ThaadPositionRecorded, variables: { deployment } })
      .pipe(timeout({ first: 15_000, with: () => throwError(() => new Error('no positionRecorded event within 15 s of subscribing')) })),
  );
  // Awaited below; this only keeps a failure before then from being reported a second time.
  received.catch(() => undefined);
  // The protocol does not acknowledge a subscription: give the server a moment to start it
  // after the connection is accepted, since a write committed before that is not sent to it.
  await connected;
  await new Promise((resolve) => setTimeout(resolve, 1_000));

  const { data } = await client.mutate({
    mutation: RecordPosition,
    variables: {
      input: {
        stance: 'CONCERN',
        summary: 'Russia voiced serious concern over the deployment of THAAD in South Korea.',
        holderIds: [russia.id],
        deploymentId: deployment,
        statedOn: '2016-07-28',
        evidence: [{ articleId: article.id, text: QUOTE }],
      },
    },
  });
  const created = data?.positionCreate;
  if (!created?.position) throw new Error(`positionCreate: ${created?.userErrors.map((e) => `${e.message} (${e.code})`).join('; ')}`);
  try {
    const event = await received;
    if (event.error) throw new Error(`positionRecorded: ${event.error.message}`, { cause: event.error });
    if (!event.data) throw new Error('a positionRecorded event without data');
    return event.data.positionRecorded;
  } finally {
    const deleted = (await client.mutate({ mutation: DeletePosition, variables: { id: created.position.id } })).data?.positionDelete;
    if (!deleted?.deletedPositionId) console.error(`could not delete ${created.position.id}: ${deleted?.userErrors.map((e) => e.message).join('; ')}`);
  }
}

try {
  const thaad = await findThaad();
  const { positions, pages } = await allPositions(thaad.id);
  console.log(`${thaad.name}: ${positions.length} positions${persisted ? ' (persisted documents)' : ''}`);
  console.log(`cache: ${positions.length} positions in one list, merged from ${pages.length} pages (${pages.join(' + ')})\n`);
  for (const position of positions) console.log(`${describePosition(position)}\n`);

  if (!apiKey) {
    console.log('live: skipped (set STANCEGRAPH_API_KEY to an EDITOR key to record a position and receive it)');
  } else {
    const recorded = await liveUpdate(thaad.id, positions);
    console.log(`live: positionRecorded ${recorded.id}\n${describePosition(recorded)}`);
  }
} finally {
  // The WebSocket would keep the process running.
  await webSocket.dispose();
}
