import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { mergeMap, timer } from 'rxjs';

import { retryAfterSeconds } from '../lib/graphql-errors';

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever the server says the session is gone (expired, revoked, logged out elsewhere). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** Set in an operation's context when the app starts it before the session check has answered. */
export const PRELOAD_CONTEXT = 'preload';

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
 * both (same origin). When the WebSocket comes back after it was lost, changes may have been missed
 * meanwhile: `onReconnected` then re-reads what is on screen.
 */
function networkLink(uri: string, onReconnected: () => void): ApolloLink {
  const http = new HttpLink({ uri, credentials: 'same-origin' });
  if (typeof window === 'undefined' || typeof WebSocket === 'undefined') return http;
  const url = new URL(uri, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new GraphQLWsLink(
    createClient({
      url: url.href,
      lazy: true,
      retryAttempts: 5,
      on: {
        connected: (_socket, _payload, wasRetry) => {
          if (wasRetry) onReconnected();
        },
      },
    }),
  );
  return ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    ws,
    http,
  );
}

/** A longer wait than this is not worth holding a read open for; the user can press "Opnieuw proberen". */
const MAX_AUTOMATIC_RETRY_WAIT_SECONDS = 30;
const RETRIED_AFTER_UNAVAILABLE = 'retriedAfterUnavailable';

/**
 * A read that failed because Vangnet was briefly unavailable (SERVICE_UNAVAILABLE, with Retry-After) is
 * tried once more after that wait, so a short database restart goes unnoticed. Mutations are never
 * repeated automatically: the user decides whether to send a change again.
 */
const retryReadOnceWhenUnavailable = new ErrorLink(({ error, operation, forward }) => {
  if (operation.operationType !== OperationTypeNode.QUERY) return;
  const seconds = retryAfterSeconds(error);
  if (seconds === null || operation.getContext()[RETRIED_AFTER_UNAVAILABLE] === true) return;
  if (seconds > MAX_AUTOMATIC_RETRY_WAIT_SECONDS) return;
  operation.setContext({ [RETRIED_AFTER_UNAVAILABLE]: true });
  return timer(seconds * 1000).pipe(mergeMap(() => forward(operation)));
});

export function createApolloClient(uri = '/graphql', link?: ApolloLink): ApolloClient {
  const errorLink = new ErrorLink(({ error, operation }) => {
    if (operation.operationName === 'Me' || operation.operationName === 'Login') return;
    // A query started before the session was known: `Me`, asked at the same moment, answers for the session.
    if (operation.getContext()[PRELOAD_CONTEXT] === true) return;
    if (
      CombinedGraphQLErrors.is(error) &&
      error.errors.some((item) => item.extensions?.code === 'UNAUTHENTICATED')
    ) {
      for (const listener of unauthenticatedListeners) listener();
    }
  });
  const client: ApolloClient = new ApolloClient({
    cache: createCache(),
    link: ApolloLink.from([
      errorLink,
      retryReadOnceWhenUnavailable,
      link ?? networkLink(uri, () => void client.refetchQueries({ include: 'active' })),
    ]),
  });
  return client;
}
