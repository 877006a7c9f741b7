import { SystemDatabase } from '../db/gateway.js';
import { recordDeadlineAlerts } from '../../features/deadlines/deadline.service.js';
import { expireReferrals } from '../../features/referrals/referral-expiry.js';
import { runRetention } from '../../features/retention/retention.service.js';
import { missedInstalmentsJob } from '../../features/arrangements/missed-instalments.js';
import type { JobDefinition } from './scheduler.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Retention (docs/product.md §5): removes the cases whose retention period has passed, keeping anonymous statistics. */
export const retentionJob: JobDefinition = {
  name: 'retention',
  intervalMs: HOUR,
  description: 'Removes cases whose retention period has passed; keeps anonymous statistics.',
  budgetMs: 5 * MINUTE,
  run: async ({ dataSource, now, logger, signal, resumeAfter }) => ({
    ...(await runRetention(new SystemDatabase(dataSource), now, { logger, signal, resumeAfter })),
  }),
};

/** Referrals nobody answered by their respond-by date become EXPIRED (docs/product.md §2, closed loop). */
export const referralExpiryJob: JobDefinition = {
  name: 'referral-expiry',
  intervalMs: 15 * MINUTE,
  description: 'Expires pending referrals past their respond-by date.',
  budgetMs: 2 * MINUTE,
  run: async ({ dataSource, now, logger, signal }) => ({
    ...(await expireReferrals(new SystemDatabase(dataSource), now, logger, { signal })),
  }),
};

/** Notes every deadline that became due soon or overdue as a deadline alert (docs/product.md §2, termijnen). */
export const deadlineAlertsJob: JobDefinition = {
  name: 'deadline-alerts',
  intervalMs: 15 * MINUTE,
  description: 'Records deadline alerts for deadlines that became due soon or overdue.',
  budgetMs: 5 * MINUTE,
  run: async ({ dataSource, now, logger, signal, resumeAfter }) => ({
    ...(await recordDeadlineAlerts(new SystemDatabase(dataSource), now, { signal, resumeAfter, logger })),
  }),
};

/** The jobs every server instance runs (`serve`) and `jobs:run <name>` knows. */
export function defaultJobs(): JobDefinition[] {
  return [retentionJob, referralExpiryJob, deadlineAlertsJob, missedInstalmentsJob];
}
