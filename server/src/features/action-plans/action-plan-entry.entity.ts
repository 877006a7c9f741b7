import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Case } from '../cases/index.js';
import { Organization } from '../organizations/index.js';
import { User } from '../users/index.js';
import { ActionPlan } from './action-plan.entity.js';

export const ACTION_ITEM_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** A SMART goal of the plan: what, how it is measured, by when. */
@Entity()
@Index('action_plan_goal_plan', ['planId', 'createdAt'])
export class ActionPlanGoal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  planId: string;

  @Index()
  @Column('uuid')
  caseId: string;

  @Column({ type: 'text' })
  what: string;

  @Column({ type: 'text' })
  measure: string;

  @Column({ type: 'date', nullable: true })
  targetDate: string | null;

  @Index()
  @Column('uuid')
  originOrgId: string;

  @Index()
  @Column('uuid')
  createdById: string;

  @ManyToOne(() => ActionPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan: Relation<ActionPlan>;

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

/** An action of the plan: who does what by when (B1 description for the tenant). */
@Entity()
@Index('action_item_plan', ['planId', 'createdAt'])
@Check('action_item_title_present', `length(trim("title")) > 0`)
export class ActionItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  planId: string;

  @Index()
  @Column('uuid')
  caseId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Index()
  @Column('uuid')
  ownerOrgId: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'enum', enum: ACTION_ITEM_STATUSES, enumName: 'action_item_status', default: 'OPEN' })
  status: ActionItemStatus;

  @Index()
  @Column('uuid')
  originOrgId: string;

  @Index()
  @Column('uuid')
  createdById: string;

  @ManyToOne(() => ActionPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan: Relation<ActionPlan>;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_org_id' })
  ownerOrg: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id' })
  assignee: Relation<User> | null;

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

/** A condition of the plan, e.g. "geen nieuwe schulden maken". */
@Entity()
@Index('action_plan_condition_plan', ['planId', 'createdAt'])
export class ActionPlanCondition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  planId: string;

  @Index()
  @Column('uuid')
  caseId: string;

  @Column({ type: 'text' })
  text: string;

  @Index()
  @Column('uuid')
  originOrgId: string;

  @Index()
  @Column('uuid')
  createdById: string;

  @ManyToOne(() => ActionPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan: Relation<ActionPlan>;

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

  @Column({ type: 'integer', default: 1 })
  version: number;
}

/** Comments on an action: append-only, so they never conflict. */
@Entity()
@Index('action_item_comment_item', ['actionItemId', 'createdAt'])
@Check('action_item_comment_body_present', `length(trim("body")) > 0`)
export class ActionItemComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  actionItemId: string;

  @Index()
  @Column('uuid')
  caseId: string;

  @Column({ type: 'text' })
  body: string;

  @Index()
  @Column('uuid')
  originOrgId: string;

  @Index()
  @Column('uuid')
  authorId: string;

  @ManyToOne(() => ActionItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem: Relation<ActionItem>;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'origin_org_id' })
  originOrg: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * Field-level history of every change to a co-edited row (who, when, which field, old → new), kept in
 * the same transaction as the change. Values are JSON so any field type fits.
 */
@Entity()
@Index('change_history_entity', ['entityType', 'entityId', 'changedAt'])
export class ChangeHistory {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  caseId: string;

  @Column({ type: 'varchar', length: 50 })
  entityType: string;

  @Column('uuid')
  entityId: string;

  /** The version the change produced. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 100 })
  field: string;

  @Column({ type: 'jsonb', nullable: true })
  oldValue: unknown;

  @Column({ type: 'jsonb', nullable: true })
  newValue: unknown;

  @Index()
  @Column('uuid')
  changedById: string;

  @Index()
  @Column('uuid')
  changedByOrgId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'changed_by_id' })
  changedBy: Relation<User>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'changed_by_org_id' })
  changedByOrg: Relation<Organization>;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt: Date;
}
