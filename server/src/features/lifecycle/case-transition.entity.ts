import { CASE_STATUSES, type CaseStatus } from '@vangnet/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Case } from '../cases/index.js';
import { Organization } from '../organizations/index.js';
import { User } from '../users/index.js';

/** One move of the case lifecycle: the case timeline. System moves (expiry, retention) name no user. */
@Entity()
@Index('case_transition_case_time', ['caseId', 'occurredAt'])
export class CaseTransition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column({ type: 'enum', enum: CASE_STATUSES, enumName: 'case_status' })
  fromStatus: CaseStatus;

  @Column({ type: 'enum', enum: CASE_STATUSES, enumName: 'case_status' })
  toStatus: CaseStatus;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  byUserId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  byOrgId: string | null;

  /** Which operation moved it, e.g. sendSignal, referCase, transitionCase, respondToReferral. */
  @Column({ type: 'varchar', length: 50 })
  via: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'by_user_id' })
  byUser: Relation<User> | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'by_org_id' })
  byOrg: Relation<Organization> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;
}
