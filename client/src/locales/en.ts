import { FIELD_ISSUE_MESSAGES } from '@vangnet/shared';

import common from './en/common.json';
import actionPlans from './en/action-plans.json';
import arrangements from './en/arrangements.json';
import arrears from './en/arrears.json';
import cases from './en/cases.json';
import deadlines from './en/deadlines.json';
import finances from './en/finances.json';
import lifecycle from './en/lifecycle.json';
import monitoring from './en/monitoring.json';
import notes from './en/notes.json';
import privacy from './en/privacy.json';
import auditChain from './en/audit-chain.json';
import referrals from './en/referrals.json';
import signals from './en/signals.json';
import tenants from './en/tenants.json';

/**
 * One `common` namespace per language, assembled from one file per feature so features add their
 * strings without editing a shared file: `locales/<language>/<feature>.json`, named like the folder in
 * `features/`; `common.json` holds the app shell's strings and those of `ui/` and `lib/`. Each file owns
 * its own top-level keys (the locale test fails when two files define the same one).
 */
export const FILES = {
  common,
  actionPlans,
  arrangements,
  arrears,
  cases,
  deadlines,
  finances,
  lifecycle,
  monitoring,
  notes,
  privacy,
  validation: { fieldIssues: FIELD_ISSUE_MESSAGES.en },
  auditChain,
  referrals,
  signals,
  tenants,
} as const;

/**
 * The English strings: a chunk of their own, fetched only when someone chooses English (i18n.ts,
 * `loadLanguage`), so the first load carries one language.
 */
const strings = {
  ...common,
  ...actionPlans,
  ...arrangements,
  ...arrears,
  ...cases,
  ...deadlines,
  ...finances,
  ...lifecycle,
  ...monitoring,
  ...notes,
  ...privacy,
  // What is wrong with a field, worded once for server and client alike (@vangnet/shared).
  fieldIssues: FIELD_ISSUE_MESSAGES.en,
  ...auditChain,
  ...referrals,
  ...signals,
  ...tenants,
} as const;

export default strings;
