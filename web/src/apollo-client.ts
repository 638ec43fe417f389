/**
 * The app's Apollo Client, set up as the README's "Apollo Client's cache" says: the normalized
 * cache with the generated possibleTypes, position lists paged by their edges and merged by
 * relayStylePagination(), and subscriptions over a WebSocket to the same /graphql beside HTTP.
 *
 * On a server that runs TRUSTED_DOCUMENTS (its page says so in a meta tag, src/http/web-app.ts),
 * every operation is named by the hash GraphQL Code Generator gave it, and its text is not sent:
 * that server trusts the documents of the app it serves.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, split } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode, type DocumentNode } from 'graphql';
import { createClient, MessageType, type Message } from 'graphql-ws';
import generated from './gql/possible-types';

const graphqlUrl = new URL('/graphql', window.location.href);
const webSocketUrl = graphqlUrl.href.replace(/^http/, 'ws');
const trustedDocumentsOnly = document.querySelector('meta[name="stancegraph-trusted-documents"]') !== null;

/** The hash the client preset put in every generated document (`persistedDocuments` in codegen.ts). */
function documentHash(document: DocumentNode): string {
  const hash = (document as DocumentNode & { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== 'string') throw new Error('an operation without a generated hash: write it with graphql() from ./gql');
  return hash;
}

/** A subscribe message with an empty text (graphql-ws requires a string) and the hash in its extensions; other messages as they are. */
function withoutDocumentText(message: Message): Message {
  return message.type === MessageType.Subscribe ? { ...message, payload: { ...message.payload, query: '' } } : message;
}

const byTransport = split(
  ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
  // Connects on the first subscription only (graphql-ws is lazy): pages without one open no socket.
  new GraphQLWsLink(
    createClient({
      url: webSocketUrl,
      jsonMessageReplacer: trustedDocumentsOnly ? (key, value: unknown) => (key === '' ? withoutDocumentText(value as Message) : value) : undefined,
    }),
  ),
  new HttpLink({ uri: graphqlUrl.href }),
);

export const client = new ApolloClient({
  link: trustedDocumentsOnly
    ? // Only the hash; a server that does not know it answers with an error, and no text follows.
      ApolloLink.from([new PersistedQueryLink({ generateHash: documentHash, retry: () => false, disable: () => false }), byTransport])
    : byTransport,
  cache: new InMemoryCache({
    possibleTypes: generated.possibleTypes,
    typePolicies: {
      // One list per holder, deployment and filter: pages fetched with `after` grow the same list.
      Deployment: { fields: { positions: relayStylePagination(['filter', 'orderBy']) } },
      // The same for the top-level list (the review queue's proposals).
      Query: { fields: { positions: relayStylePagination(['filter', 'orderBy']) } },
    },
  }),
});
