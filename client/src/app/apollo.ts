import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever the server says the session is gone (expired, revoked, logged out elsewhere). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** Sections of a case have no id of their own: they belong to their case, so fields are merged. */
const EMBEDDED_TYPES = [
  'ArrearsSection',
  'ContactSection',
  'DebtsSection',
  'HouseholdSection',
  'IncomeExpensesSection',
  'SpecialSection',
  'CaseIntake',
  'SignalSummary',
  'Me',
] as const;

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      ...Object.fromEntries(EMBEDDED_TYPES.map((type) => [type, { merge: true }])),
      Me: { keyFields: [], merge: true },
      Query: {
        fields: {
          cases: relayStylePagination(['filter']),
          consentRegister: relayStylePagination(['filter']),
          auditEvents: relayStylePagination(['filter']),
          auditTrail: relayStylePagination(['caseId']),
        },
      },
    },
  });
}

/**
 * Queries and mutations over HTTP; subscriptions (live case changes) over a WebSocket on the same
 * path (graphql-transport-ws), opened only when something subscribes. The session cookie travels with
 * both (same origin).
 */
function networkLink(uri: string): ApolloLink {
  const http = new HttpLink({ uri, credentials: 'same-origin' });
  if (typeof window === 'undefined' || typeof WebSocket === 'undefined') return http;
  const url = new URL(uri, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new GraphQLWsLink(createClient({ url: url.href, lazy: true, retryAttempts: 5 }));
  return ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    ws,
    http,
  );
}

export function createApolloClient(uri = '/graphql', link?: ApolloLink): ApolloClient {
  const errorLink = new ErrorLink(({ error, operation }) => {
    if (operation.operationName === 'Me' || operation.operationName === 'Login') return;
    if (
      CombinedGraphQLErrors.is(error) &&
      error.errors.some((item) => item.extensions?.code === 'UNAUTHENTICATED')
    ) {
      for (const listener of unauthenticatedListeners) listener();
    }
  });
  return new ApolloClient({
    cache: createCache(),
    link: ApolloLink.from([errorLink, link ?? networkLink(uri)]),
  });
}
