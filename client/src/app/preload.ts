import type { ApolloClient } from '@apollo/client';
import { matchPath } from 'react-router';

import { preloadCasePage } from '../features/cases/casePageQuery';
import { loadCasePage } from './pages';
import { ROUTES } from './routes';

/**
 * On a cold load, starts what the opened page needs at once instead of after the session check: for a
 * case page (/dossiers/:caseId) its code and its query, both in parallel with `Me`. The router still
 * decides what is shown: without a session the visitor lands on the login page, and the case query,
 * refused by the server as well, leaves nothing behind.
 */
export function preloadRoute(client: ApolloClient, pathname: string): void {
  const caseRoute = matchPath('/dossiers/:caseId', pathname);
  const caseId = caseRoute?.params.caseId;
  // /dossiers/nieuw is the form for a new case, not a case.
  if (!caseId || pathname === ROUTES.newCase) return;
  void loadCasePage().catch(() => {
    // The route's own lazy import tries again and shows the failure.
  });
  preloadCasePage(client, caseId);
}
