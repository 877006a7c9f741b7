import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Case } from '../cases/index.js';
import { Organization } from '../organizations/index.js';
import { User } from '../users/index.js';

export const ARRANGEMENT_STATUSES = ['ACTIVE', 'COMPLETED', 'BROKEN'] as const;
export type ArrangementStatus = (typeof ARRANGEMENT_STATUSES)[number];
export const INSTALMENT_STATUSES = ['DUE', 'PAID_ON_TIME', 'PAID_LATE', 'MISSED'] as const;
export type InstalmentStatus = (typeof INSTALMENT_STATUSES)[number];
export const MILESTONE_KINDS = ['ON_TIME_STREAK', 'COMPLETED'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];
export const REWARD_STATUSES = ['PROPOSED', 'CONFIRMED', 'DECLINED'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];

/** A payment arrangement (betalingsregeling) between the corporation and the tenant (category ARRANGEMENT). */
@Entity()
@Check(
  'payment_arrangement_amounts',
  `"total_cents" > 0 AND "instalment_count" BETWEEN 1 AND 120 AND "instalment_cents" > 0`,
)
@Check('payment_arrangement_due_day', `"due_day" BETWEEN 1 AND 28`)
@Check('payment_arrangement_tolerance', `"missed_tolerance" BETWEEN 1 AND 12`)
@Index('payment_arrangement_case', ['caseId', 'createdAt'])
// The missed-instalments job pages through the active arrangements by id.
@Index('payment_arrangement_active_id', ['id'], { where: `"status" = 'ACTIVE'` })
export class PaymentArrangement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column({ type: 'integer' })
  totalCents: number;

  @Column({ type: 'smallint' })
  instalmentCount: number;

  /** The regular instalment; the last one absorbs the rounding. */
  @Column({ type: 'integer' })
  instalmentCents: number;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'smallint' })
  dueDay: number;

  @Column({ type: 'enum', enum: ARRANGEMENT_STATUSES, enumName: 'arrangement_status', default: 'ACTIVE' })
  status: ArrangementStatus;

  /** Broken after this many missed instalments (default 2). */
  @Column({ type: 'smallint', default: 2 })
  missedTolerance: number;

  @Index()
  @Column('uuid')
  originOrgId: string;

  @Index()
  @Column('uuid')
  createdById: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'origin_org_id' })
  originOrg: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}

@Entity()
@Unique('instalment_sequence', ['arrangementId', 'sequence'])
@Check('instalment_amounts', `"amount_cents" > 0 AND ("paid_cents" IS NULL OR "paid_cents" >= 0)`)
@Check('instalment_paid_consistent', `("status" IN ('PAID_ON_TIME', 'PAID_LATE')) = ("paid_on" IS NOT NULL)`)
@Index('instalment_due', ['status', 'dueOn'])
// Does this arrangement have an unpaid instalment past a date? (the missed-instalments job, per arrangement)
@Index('instalment_due_arrangement', ['arrangementId', 'dueOn'], { where: `"status" = 'DUE'` })
export class Instalment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  arrangementId: string;

  @Index()
  @Column('uuid')
  caseId: string;

  @Column({ type: 'smallint' })
  sequence: number;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'integer' })
  amountCents: number;

  @Column({ type: 'enum', enum: INSTALMENT_STATUSES, enumName: 'instalment_status', default: 'DUE' })
  status: InstalmentStatus;

  @Column({ type: 'date', nullable: true })
  paidOn: string | null;

  @Column({ type: 'integer', nullable: true })
  paidCents: number | null;

  @Index()
  @Column('uuid')
  originOrgId: string;

  @ManyToOne(() => PaymentArrangement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'arrangement_id' })
  arrangement: Relation<PaymentArrangement>;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'origin_org_id' })
  originOrg: Relation<Organization>;

  @Column({ type: 'integer', default: 1 })
  version: number;
}

/** Rewarding good behaviour: a milestone reached, and the reward the corporation is asked to confirm. */
@Entity()
@Unique('arrangement_milestone_once', ['arrangementId', 'kind', 'reachedAtSequence'])
@Check('arrangement_milestone_reward', `"reward_cents" IS NULL OR "reward_cents" >= 0`)
export class ArrangementMilestone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  arrangementId: string;

  @Index()
  @Column('uuid')
  caseId: string;

  @Column({ type: 'enum', enum: MILESTONE_KINDS, enumName: 'milestone_kind' })
  kind: MilestoneKind;

  /** The instalment at which it was reached. */
  @Column({ type: 'smallint' })
  reachedAtSequence: number;

  @Column({ type: 'date' })
  reachedOn: string;

  /** E.g. "Incassokosten kwijtschelden". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  rewardDescription: string | null;

  @Column({ type: 'integer', nullable: true })
  rewardCents: number | null;

  @Column({ type: 'enum', enum: REWARD_STATUSES, enumName: 'reward_status', default: 'PROPOSED' })
  rewardStatus: RewardStatus;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Index()
  @Column('uuid')
  originOrgId: string;

  @ManyToOne(() => PaymentArrangement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'arrangement_id' })
  arrangement: Relation<PaymentArrangement>;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by_id' })
  decidedBy: Relation<User> | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'origin_org_id' })
  originOrg: Relation<Organization>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
