import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Organization } from '../organizations/index.js';
import { User } from '../users/index.js';
import { Case } from './case.entity.js';

/** Who works a case on behalf of one participant organisation (need-to-know within the org). */
@Entity()
@Index('case_assignee_user_case', ['userId', 'caseId'])
export class CaseAssignee {
  @PrimaryColumn('uuid')
  caseId: string;

  @Index()
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  assignedById: string | null;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user: Relation<User>;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assigned_by_id' })
  assignedBy: Relation<User> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  assignedAt: Date;
}
