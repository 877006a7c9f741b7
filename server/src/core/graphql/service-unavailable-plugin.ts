import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { RETRY_AFTER_SECONDS } from '../errors.js';

/** The HTTP side of SERVICE_UNAVAILABLE: status and header as the extensions say them. */
function unavailableHead(): { status: number; headers: HeaderMap } {
  return { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) };
}

/**
 * A request that failed because the database could not be reached answers HTTP 503 with Retry-After,
 * so proxies, monitoring and clients see "try again shortly" rather than a 200 with an error inside or
 * a 500. The GraphQL error itself (code SERVICE_UNAVAILABLE) comes from the one error formatter.
 */
export function serviceUnavailablePlugin(): ApolloServerPlugin {
  return {
    contextCreationDidFail({ error }) {
      // Building the context reads the session from the database. Apollo answers a failed context with
      // the status in the error's `extensions.http` (copied from the original error), else 500.
      if (isDatabaseUnavailable(error)) {
        Object.assign(error, { extensions: { code: 'SERVICE_UNAVAILABLE', http: unavailableHead() } });
      }
      return Promise.resolve();
    },
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          if (response.body.kind !== 'single') return Promise.resolve();
          const errors = response.body.singleResult.errors ?? [];
          if (errors.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) {
            const head = unavailableHead();
            response.http.status = head.status;
            for (const [name, value] of head.headers) response.http.headers.set(name, value);
          }
          return Promise.resolve();
        },
      });
    },
  };
}
