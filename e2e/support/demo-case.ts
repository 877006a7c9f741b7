import type { Browser, TestInfo } from '@playwright/test';
import { graphqlOk, loginThroughApi } from './graphql.js';
import { ORG, USERS } from './users.js';

export interface DemoCase {
  readonly id: string;
  readonly reference: string;
}

/**
 * One demo dossier every partner works on (Woonstichting De Linde → Gemeente Rivierstad → Kredietbank
 * Rivierstad), found the way the API shows it to Kredietbank: the De Linde dossier it may read most of.
 */
export async function sharedDemoCase(browser: Browser, testInfo: TestInfo): Promise<DemoCase> {
  const lookup = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  try {
    await loginThroughApi(lookup.request, USERS.sanne);
    const { cases } = await graphqlOk<{
      cases: {
        edges: {
          node: { id: string; reference: string; origin: { name: string }; access: { allowed: boolean }[] };
        }[];
      };
    }>(
      lookup.request,
      `{ cases(first: 100) { edges { node { id reference origin { name } access { allowed } } } } }`,
    );
    const readable = (node: { access: { allowed: boolean }[] }) =>
      node.access.filter((x) => x.allowed).length;
    const chosen = cases.edges
      .map((edge) => edge.node)
      .filter((node) => node.origin.name === ORG.delinde)
      .sort((a, b) => readable(b) - readable(a))[0];
    if (!chosen) throw new Error('the demo world has no De Linde dossier Kredietbank Rivierstad works on');
    return { id: chosen.id, reference: chosen.reference };
  } finally {
    await lookup.close();
  }
}
