import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Organization } from './organization.entity.js';

/** A convenant: referrals only travel between organisations that share an active one. */
@Entity()
@Check('data_sharing_agreement_period', `"valid_until" IS NULL OR "valid_until" >= "valid_from"`)
@Check('data_sharing_agreement_respond_within', `"referral_respond_within_working_days" BETWEEN 1 AND 60`)
export class DataSharingAgreement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Index()
  @Column({ type: 'char', length: 4 })
  regionCode: string;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'smallint', default: 5 })
  referralRespondWithinWorkingDays: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity()
export class DataSharingAgreementParty {
  @PrimaryColumn('uuid')
  agreementId: string;

  @Index()
  @PrimaryColumn('uuid')
  organizationId: string;

  @ManyToOne(() => DataSharingAgreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id' })
  agreement: Relation<DataSharingAgreement>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization: Relation<Organization>;
}
