import { ApolloLink, type ApolloClient } from '@apollo/client';
import { MockLink } from '@apollo/client/testing';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { tap } from 'rxjs';

import { createApolloClient } from '../app/apollo';
import { AppProviders } from '../app/App';

export type Mock = MockLink.MockedResponse;

export interface RenderOptions {
  readonly mocks?: readonly Mock[];
  readonly route?: string;
  /** Receives every operation the app sends and every answer it gets, in order (see `OperationLog`). */
  readonly log?: OperationLog;
  /** Runs with the app's Apollo client before the first render, as main.tsx does (route preloading). */
  readonly beforeRender?: (client: ApolloClient) => void;
}

/** What went over the (mocked) network, in order: `→ CasePage` a request, `← CasePage` its answer. */
export type OperationLog = string[];

/** Writes each request and each answer to the log, in the order the app sees them. */
function loggingLink(log: OperationLog): ApolloLink {
  return new ApolloLink((operation, forward) => {
    log.push(`→ ${operation.operationName ?? '(anonymous)'}`);
    return forward(operation).pipe(tap(() => log.push(`← ${operation.operationName ?? '(anonymous)'}`)));
  });
}

/** Renders with the app's own Apollo cache policies, a mock network and an in-memory router. */
export function renderWithApp(
  ui: ReactElement,
  { mocks = [], route = '/', log, beforeRender }: RenderOptions = {},
): RenderResult {
  const network = new MockLink(mocks, { showWarnings: false });
  const client = createApolloClient('/graphql', log ? ApolloLink.from([loggingLink(log), network]) : network);
  beforeRender?.(client);
  return render(
    <AppProviders client={client}>
      <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
    </AppProviders>,
  );
}

/** A GraphQL error as the server formats it. */
export function graphQLError(code: string, message = code, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}
