import { ApolloLink } from '@apollo/client';
import { parse } from 'graphql';
import { Observable } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { createApolloClient } from './apollo';

const unavailable = {
  errors: [
    {
      message: 'Vangnet is even niet bereikbaar. Probeer het zo opnieuw.',
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, retryAfterSeconds: 5 },
    },
  ],
};

/** A server that is unavailable for the first `outages` requests and answers normally afterwards. */
function flakyServer(outages: number) {
  const requests: string[] = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        requests.push(operation.operationName ?? '');
        observer.next(
          requests.length <= outages
            ? unavailable
            : { data: { __typename: 'Query', ping: 'pong' } as Record<string, unknown> },
        );
        observer.complete();
      }),
  );
  return { link, requests };
}

describe('the Apollo client while Vangnet is briefly unavailable', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads once more after the Retry-After wait, and not before', async () => {
    vi.useFakeTimers();
    const server = flakyServer(1);
    const client = createApolloClient('/graphql', server.link);

    const result = client.query({ query: parse('query Ping { ping }'), fetchPolicy: 'network-only' });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(server.requests).toEqual(['Ping']);
    await vi.advanceTimersByTimeAsync(1);

    expect((await result).data).toEqual({ ping: 'pong' });
    expect(server.requests).toEqual(['Ping', 'Ping']);
  });

  it('gives up after that one extra try, and never repeats a change by itself', async () => {
    vi.useFakeTimers();
    const server = flakyServer(10);
    const client = createApolloClient('/graphql', server.link);

    const read = client
      .query({ query: parse('query Ping { ping }'), fetchPolicy: 'network-only' })
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await read).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    expect(server.requests).toEqual(['Ping', 'Ping']);

    const write = client
      .mutate({ mutation: parse('mutation Change { change }') })
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await write).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    expect(server.requests).toEqual(['Ping', 'Ping', 'Change']);
  });
});
