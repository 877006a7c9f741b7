import {
  PARTICIPANT_ROLES,
  REFERRAL_STATUSES,
  type ParticipantRole,
  type ReferralStatus,
} from '@vangnet/shared';
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

/** Verwijzing, closed loop: the referrer always sees its status. */
@Entity()
@Check('referral_not_to_self', `"from_org_id" <> "to_org_id"`)
@Check('referral_decline_has_reason', `"status" <> 'DECLINED' OR length(trim("decline_reason")) > 0`)
@Check('referral_response_consistent', `("status" = 'PENDING') = ("responded_at" IS NULL)`)
@Index('referral_to_org_status', ['toOrgId', 'status', 'respondBy'])
@Index('referral_from_org_status', ['fromOrgId', 'status'])
// The referral-expiry job pages through the pending referrals by id.
@Index('referral_pending_id', ['id'], { where: `"status" = 'PENDING'` })
export class Referral {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  caseId: string;

  @Column('uuid')
  fromOrgId: string;

  @Column('uuid')
  toOrgId: string;

  /** The role the recipient takes on the case when it accepts. */
  @Column({ type: 'enum', enum: PARTICIPANT_ROLES, enumName: 'participant_role' })
  toRole: ParticipantRole;

  @Column({ type: 'enum', enum: REFERRAL_STATUSES, enumName: 'referral_status', default: 'PENDING' })
  status: ReferralStatus;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'date' })
  respondBy: string;

  @Index()
  @Column('uuid')
  createdById: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  respondedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  declineReason: string | null;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_org_id' })
  fromOrg: Relation<Organization>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_org_id' })
  toOrg: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy: Relation<User>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responded_by_id' })
  respondedBy: Relation<User> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
