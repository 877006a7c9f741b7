import {
  SIGNAL_END_RESULTS,
  SIGNAL_PARTNER_TYPES,
  type SignalEndResult,
  type SignalPartnerType,
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
  type Relation,
} from 'typeorm';
import { Case } from '../cases/index.js';
import { Organization } from '../organizations/index.js';
import { User } from '../users/index.js';

/**
 * The early signal (vroegsignaal). It carries only contact details (read from the tenant) and the
 * arrears snapshot below; the municipality receives it by legal task, without consent.
 */
@Entity()
@Check('signal_arrears_non_negative', `"arrears_amount_cents" >= 0`)
@Check('signal_end_result_consistent', `("end_result" IS NULL) = ("end_result_at" IS NULL)`)
@Index('signal_recipient_date', ['recipientOrgId', 'signalDate'])
export class Signal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  caseId: string;

  @Index()
  @Column('uuid')
  senderOrgId: string;

  @Column('uuid')
  recipientOrgId: string;

  @Column({ type: 'date' })
  signalDate: string;

  @Column({ type: 'integer' })
  arrearsAmountCents: number;

  @Column({ type: 'date' })
  arrearsAroseOn: string;

  @Column({ type: 'boolean', default: false })
  crisis: boolean;

  @Column({ type: 'boolean', default: false })
  warmHandover: boolean;

  @Column({ type: 'enum', enum: SIGNAL_PARTNER_TYPES, enumName: 'signal_partner_type', default: 'HUUR' })
  partnerType: SignalPartnerType;

  @Column({ type: 'enum', enum: SIGNAL_END_RESULTS, enumName: 'signal_end_result', nullable: true })
  endResult: SignalEndResult | null;

  @Column({ type: 'timestamptz', nullable: true })
  endResultAt: Date | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  endResultById: string | null;

  @Index()
  @Column('uuid')
  sentById: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sender_org_id' })
  senderOrg: Relation<Organization>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_org_id' })
  recipientOrg: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sent_by_id' })
  sentBy: Relation<User>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'end_result_by_id' })
  endResultBy: Relation<User> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
