import { MockLink } from '@apollo/client/testing';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';

import { createApolloClient } from '../app/apollo';
import { AppProviders } from '../app/App';

export type Mock = MockLink.MockedResponse;

export interface RenderOptions {
  readonly mocks?: readonly Mock[];
  readonly route?: string;
}

/** Renders with the app's own Apollo cache policies, a mock network and an in-memory router. */
export function renderWithApp(
  ui: ReactElement,
  { mocks = [], route = '/' }: RenderOptions = {},
): RenderResult {
  const client = createApolloClient('/graphql', new MockLink(mocks, { showWarnings: false }));
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
