/** What other features show of a case (the case page itself is a route, loaded by the app). */
export { CaseStatusBadge } from './CaseStatus';
