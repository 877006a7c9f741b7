import type { ArrangementMilestoneKind } from './instalments.js';

/**
 * Rewarding good behaviour (docs/product.md §4; Mobility Mentoring's third building block): which reward Vangnet
 * proposes for a milestone. The corporation confirms or declines the proposal; nothing is granted
 * automatically. The one place these rules live.
 */

/**
 * The amount proposed for waiving collection costs when the case has no collection-costs amount of its
 * own: €40, the statutory minimum for collection costs (Besluit vergoeding voor buitengerechtelijke
 * incassokosten). Configurable per server (ArrangementService settings).
 */
export const DEFAULT_STREAK_REWARD_CENTS = 4000;

export interface RewardProposal {
  /** Plain Dutch (B1), shown to the corporation and, once confirmed, to the tenant. */
  readonly description: string;
  /** The amount the reward is worth, in cents; null when it is not about money. */
  readonly cents: number | null;
}

export interface RewardSettings {
  /** The collection costs on the case, when known; otherwise `defaultStreakRewardCents` is proposed. */
  readonly collectionCostsCents?: number | null;
  readonly defaultStreakRewardCents?: number;
}

export function proposeReward(kind: ArrangementMilestoneKind, settings: RewardSettings = {}): RewardProposal {
  switch (kind) {
    case 'ON_TIME_STREAK':
      return {
        description: 'Incassokosten kwijtschelden',
        cents:
          settings.collectionCostsCents ?? settings.defaultStreakRewardCents ?? DEFAULT_STREAK_REWARD_CENTS,
      };
    case 'COMPLETED':
      return { description: 'Afsluitend gesprek en compliment', cents: null };
  }
}
