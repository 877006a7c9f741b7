import {
  ARRANGEMENT_MILESTONE_KINDS,
  arrangementStreak,
  type ArrangementMilestoneKind,
  type ArrangementStatus,
  type InstalmentStatus,
  type RewardStatus,
} from '@vangnet/shared';
import type {
  ArrangementMilestoneType,
  InstalmentType,
  PaymentArrangementType,
} from './arrangement.types.js';

/** The columns of the three arrangement tables as the service reads them (dates as YYYY-MM-DD). */
export const ARRANGEMENT_COLUMNS = `x.id, x.case_id, x.status, x.total_cents, x.instalment_count, x.instalment_cents,
  to_char(x.start_date, 'YYYY-MM-DD') AS start_date, x.due_day, x.missed_tolerance, x.created_at, x.updated_at, x.version`;
export const INSTALMENT_COLUMNS = `x.id, x.arrangement_id, x.sequence, to_char(x.due_on, 'YYYY-MM-DD') AS due_on, x.amount_cents,
  x.status, to_char(x.paid_on, 'YYYY-MM-DD') AS paid_on, x.paid_cents, x.version`;
export const MILESTONE_COLUMNS = `x.id, x.arrangement_id, x.kind, x.reached_at_sequence, to_char(x.reached_on, 'YYYY-MM-DD') AS reached_on,
  x.reward_description, x.reward_cents, x.reward_status, x.decided_at, x.created_at, x.version`;

export interface ArrangementRow {
  id: string;
  case_id: string;
  status: ArrangementStatus;
  total_cents: number;
  instalment_count: number;
  instalment_cents: number;
  start_date: string;
  due_day: number;
  missed_tolerance: number;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export interface InstalmentRow {
  id: string;
  arrangement_id: string;
  sequence: number;
  due_on: string;
  amount_cents: number;
  status: InstalmentStatus;
  paid_on: string | null;
  paid_cents: number | null;
  version: number;
}

export interface MilestoneRow {
  id: string;
  arrangement_id: string;
  kind: ArrangementMilestoneKind;
  reached_at_sequence: number;
  reached_on: string;
  reward_description: string | null;
  reward_cents: number | null;
  reward_status: RewardStatus;
  decided_at: Date | null;
  created_at: Date;
  version: number;
}

const isPaid = (status: InstalmentStatus) => status === 'PAID_ON_TIME' || status === 'PAID_LATE';

export function toInstalment(row: InstalmentRow): InstalmentType {
  return {
    id: row.id,
    sequence: row.sequence,
    dueOn: row.due_on,
    amountCents: row.amount_cents,
    status: row.status,
    paidOn: row.paid_on,
    paidCents: row.paid_cents,
    version: row.version,
  };
}

export function toMilestone(row: MilestoneRow): ArrangementMilestoneType {
  return {
    id: row.id,
    kind: row.kind,
    reachedAtSequence: row.reached_at_sequence,
    reachedOn: row.reached_on,
    rewardDescription: row.reward_description,
    rewardCents: row.reward_cents,
    rewardStatus: row.reward_status,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    version: row.version,
  };
}

/**
 * The arrangement as partners see it, with what follows from its instalments: the streak (on-time
 * payments in a row), how many are missed, what was paid and what is still open.
 */
export function toArrangement(
  row: ArrangementRow,
  instalmentRows: readonly InstalmentRow[],
  milestoneRows: readonly MilestoneRow[],
): PaymentArrangementType {
  const instalments = [...instalmentRows].sort((a, b) => a.sequence - b.sequence).map(toInstalment);
  return {
    id: row.id,
    caseId: row.case_id,
    status: row.status,
    totalCents: row.total_cents,
    instalmentCount: row.instalment_count,
    instalmentCents: row.instalment_cents,
    startDate: row.start_date,
    dueDay: row.due_day,
    missedTolerance: row.missed_tolerance,
    streak: arrangementStreak(instalments),
    missedCount: instalments.filter((instalment) => instalment.status === 'MISSED').length,
    paidCents: instalments.reduce((sum, instalment) => sum + (instalment.paidCents ?? 0), 0),
    remainingCents: instalments
      .filter((instalment) => !isPaid(instalment.status))
      .reduce((sum, instalment) => sum + instalment.amountCents, 0),
    instalments,
    milestones: [...milestoneRows]
      .sort(
        (a, b) =>
          a.reached_at_sequence - b.reached_at_sequence ||
          ARRANGEMENT_MILESTONE_KINDS.indexOf(a.kind) - ARRANGEMENT_MILESTONE_KINDS.indexOf(b.kind),
      )
      .map(toMilestone),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
