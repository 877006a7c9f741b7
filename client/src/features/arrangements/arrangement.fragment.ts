import { graphql } from '../../gql';

/**
 * A payment arrangement as the arrangement section shows it. Every write on an arrangement answers with
 * these fields, so Apollo's cache replaces the arrangement (status, streak, milestones) in one go.
 */
export const ArrangementViewFragment = graphql(`
  fragment ArrangementView_arrangement on PaymentArrangement {
    id
    caseId
    status
    totalCents
    instalmentCount
    instalmentCents
    startDate
    dueDay
    missedCount
    missedTolerance
    paidCents
    remainingCents
    streak
    version
    updatedAt
    instalments {
      id
      sequence
      dueOn
      amountCents
      status
      paidOn
      paidCents
      version
    }
    milestones {
      id
      kind
      reachedAtSequence
      reachedOn
      rewardCents
      rewardDescription
      rewardStatus
      decidedAt
      version
    }
  }
`);
