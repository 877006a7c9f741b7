import { FIELD_ISSUE_MESSAGES } from '@vangnet/shared';

import common from './nl/common.json';
import actionPlans from './nl/action-plans.json';
import arrangements from './nl/arrangements.json';
import arrears from './nl/arrears.json';
import cases from './nl/cases.json';
import deadlines from './nl/deadlines.json';
import finances from './nl/finances.json';
import lifecycle from './nl/lifecycle.json';
import monitoring from './nl/monitoring.json';
import notes from './nl/notes.json';
import privacy from './nl/privacy.json';
import auditChain from './nl/audit-chain.json';
import referrals from './nl/referrals.json';
import signals from './nl/signals.json';
import tenants from './nl/tenants.json';

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
  validation: { fieldIssues: FIELD_ISSUE_MESSAGES.nl },
  auditChain,
  referrals,
  signals,
  tenants,
} as const;

/**
 * The Dutch strings, the default language: bundled with the app, so the first render is already
 * translated.
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
  fieldIssues: FIELD_ISSUE_MESSAGES.nl,
  ...auditChain,
  ...referrals,
  ...signals,
  ...tenants,
} as const;

export default strings;
