/** Every view has its own URL (bookmarks, the back button, e2e tests). */
export const ROUTES = {
  home: '/',
  login: '/inloggen',
  workList: '/werklijst',
  organisation: '/organisatie',
  account: '/account',
  consentRegister: '/toestemmingen',
  auditTrail: '/auditlog',
  case: (caseId: string) => `/dossiers/${encodeURIComponent(caseId)}`,
  newCase: '/dossiers/nieuw',
  importArrears: '/import',
  dashboard: '/dashboard',
  privacyCase: (caseId: string) => `/privacy/dossiers/${encodeURIComponent(caseId)}`,
} as const;

/** Work list tabs, as `?lijst=` values. */
export const WORK_LIST_TABS = ['mijn', 'wachtrij', 'alle'] as const;
export type WorkListTab = (typeof WORK_LIST_TABS)[number];
