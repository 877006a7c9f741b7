import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { Case } from '../cases/index.js';
import { Organization } from '../organizations/index.js';

export const DEADLINE_KINDS = [
  'REFERRAL_RESPONSE',
  'FIRST_CONTACT',
  'FIRST_CONVERSATION',
  'ACCESS_DECISION',
  'PAUSE_END',
  'CONSENT_EXPIRY',
  'EVICTION',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_ALERT_STATES = ['DUE_SOON', 'OVERDUE'] as const;
export type DeadlineAlertState = (typeof DEADLINE_ALERT_STATES)[number];

/**
 * A deadline that became due soon or overdue, noted once by the scheduler (idempotent through the
 * unique key) so it can be shown as new and counted; the work list itself computes deadlines live.
 */
@Entity()
@Unique('deadline_alert_once', ['caseId', 'organizationId', 'kind', 'dueOn', 'state'])
@Index('deadline_alert_org_state', ['organizationId', 'state', 'dueOn'])
export class DeadlineAlert {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  caseId: string;

  @Column('uuid')
  organizationId: string;

  @Column({ type: 'enum', enum: DEADLINE_KINDS, enumName: 'deadline_kind' })
  kind: DeadlineKind;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'enum', enum: DEADLINE_ALERT_STATES, enumName: 'deadline_alert_state' })
  state: DeadlineAlertState;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization: Relation<Organization>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
