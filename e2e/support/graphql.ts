import type { APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, type DemoUser, type Role } from './users.js';

export interface GraphQLError {
  message: string;
  extensions?: Record<string, unknown>;
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

/**
 * One GraphQL request through a Playwright request context. `page.request` and `context.request` share
 * the browser context's cookies, so a login here logs the pages of that context in too.
 */
export async function graphql<T>(
  request: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const response = await request.post('/graphql', { data: { query, variables } });
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphQLResponse<T>;
  } catch {
    throw new Error(
      `POST /graphql answered ${response.status()} with something that is not JSON: ${text.slice(0, 300)}`,
    );
  }
}

/** The data of a request that must succeed; a GraphQL error fails the test with its message and code. */
export async function graphqlOk<T>(
  request: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const result = await graphql<T>(request, query, variables);
  if (result.errors?.length || !result.data) {
    const errors = (result.errors ?? []).map(
      (error) =>
        `${error.message} (${String(error.extensions?.code ?? 'no code')}` +
        `${error.extensions?.fieldErrors ? `, ${JSON.stringify(error.extensions.fieldErrors)}` : ''})`,
    );
    throw new Error(`GraphQL request failed: ${errors.join('; ') || 'no data'}\n${query}`);
  }
  return result.data;
}

export interface MeView {
  user: { displayName: string };
  activeMembership: { role: Role; organization: { name: string } } | null;
}

const ME_FIELDS = 'user { displayName } activeMembership { role organization { name } }';
export const ME = `{ me { ${ME_FIELDS} } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { ${ME_FIELDS} } }`;

export async function loginThroughApi(request: APIRequestContext, user: DemoUser): Promise<MeView> {
  const { login } = await graphqlOk<{ login: MeView }>(request, LOGIN, {
    email: user.email,
    password: DEMO_PASSWORD,
  });
  return login;
}

export async function me(request: APIRequestContext): Promise<MeView> {
  return (await graphqlOk<{ me: MeView }>(request, ME)).me;
}
