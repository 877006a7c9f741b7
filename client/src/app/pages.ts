import { lazy } from 'react';

/**
 * The pages behind the login, each fetched when it is first opened (route-level code splitting): the
 * first load carries only the app shell, the login page and the session. The layout shows a skeleton
 * of the page's height while a page arrives (`<Suspense>` in `AppLayout`).
 */
export const WorkListPage = lazy(() =>
  import('../features/worklist/WorkListPage').then((module) => ({ default: module.WorkListPage })),
);
/** The case page's code; also started at app start on a cold load of a case (`preloadRoute`). */
export const loadCasePage = () => import('../features/cases/CasePage');
export const CasePage = lazy(() => loadCasePage().then((module) => ({ default: module.CasePage })));
export const NewCasePage = lazy(() =>
  import('../features/cases/NewCasePage').then((module) => ({ default: module.NewCasePage })),
);
export const ImportArrearsPage = lazy(() =>
  import('../features/arrears/ImportArrearsPage').then((module) => ({ default: module.ImportArrearsPage })),
);
export const ConsentRegisterPage = lazy(() =>
  import('../features/consents/ConsentRegisterPage').then((module) => ({
    default: module.ConsentRegisterPage,
  })),
);
export const AuditTrailPage = lazy(() =>
  import('../features/audit/AuditTrailPage').then((module) => ({ default: module.AuditTrailPage })),
);
export const PrivacyCasePage = lazy(() => import('../features/privacy/PrivacyCasePage'));
/** With the charting library, which only the dashboard needs. */
export const MonitoringPage = lazy(() => import('../features/monitoring/MonitoringPage'));
