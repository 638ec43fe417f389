/**
 * The app's Apollo Client, set up as the README's "Apollo Client's cache" says: the normalized
 * cache with the generated possibleTypes, position lists paged by their edges and merged by
 * relayStylePagination(), and subscriptions over a WebSocket to the same /graphql beside HTTP.
 */
import { ApolloClient, HttpLink, InMemoryCache, split } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import generated from './gql/possible-types';

const graphqlUrl = new URL('/graphql', window.location.href);
const webSocketUrl = graphqlUrl.href.replace(/^http/, 'ws');

export const client = new ApolloClient({
  link: split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    // Connects on the first subscription only (graphql-ws is lazy): pages without one open no socket.
    new GraphQLWsLink(createClient({ url: webSocketUrl })),
    new HttpLink({ uri: graphqlUrl.href }),
  ),
  cache: new InMemoryCache({
    possibleTypes: generated.possibleTypes,
    typePolicies: {
      // One list per holder, deployment and filter: pages fetched with `after` grow the same list.
      Deployment: { fields: { positions: relayStylePagination(['filter', 'orderBy']) } },
    },
  }),
});
