import { PRE_SIGNAL_STEP_KINDS, type PreSignalStepKind } from '@vangnet/shared';
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

/** A step of the pre-signal gate (Besluit gemeentelijke schuldhulpverlening art. 2), or the tenant's objection. */
@Entity()
@Index('pre_signal_step_case_kind', ['caseId', 'kind'])
export class PreSignalStep {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column({ type: 'enum', enum: PRE_SIGNAL_STEP_KINDS, enumName: 'pre_signal_step_kind' })
  kind: PreSignalStepKind;

  @Column({ type: 'date' })
  performedOn: string;

  /** For WRITTEN_REMINDER: whether the letter offered to pass contact details to the municipality. */
  @Column({ type: 'boolean', nullable: true })
  offeredContactTransfer: boolean | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Index()
  @Column('uuid')
  originOrgId: string;

  @Index()
  @Column('uuid')
  performedById: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'origin_org_id' })
  originOrg: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'performed_by_id' })
  performedBy: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
