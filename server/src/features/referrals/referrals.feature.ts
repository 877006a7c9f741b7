import type { FeatureDescriptor } from '../../core/feature.js';
import type { JobDefinition } from '../../core/jobs/scheduler.js';
import { expireReferrals } from './referral-expiry.js';
import { Referral } from './referral.entity.js';
import { ReferralResolver } from './referral.resolver.js';

const MINUTE = 60_000;

/** Referrals nobody answered by their respond-by date become EXPIRED (docs/product.md §2, closed loop). */
export const referralExpiryJob: JobDefinition = {
  name: 'referral-expiry',
  intervalMs: 15 * MINUTE,
  description: 'Expires pending referrals past their respond-by date.',
  budgetMs: 2 * MINUTE,
  run: async ({ database, now, logger, signal }) => ({
    ...(await expireReferrals(database, now, logger, { signal })),
  }),
};

export const referralsFeature: FeatureDescriptor = {
  name: 'referrals',
  entities: [Referral],
  resolvers: [ReferralResolver],
  jobs: [referralExpiryJob],
};
