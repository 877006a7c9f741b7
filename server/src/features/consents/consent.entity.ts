import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  DATA_CATEGORIES,
  type ConsentChannel,
  type ConsentPurpose,
  type DataCategory,
} from '@vangnet/shared';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Case } from '../cases/index.js';
import { Organization } from '../organizations/index.js';
import { Tenant } from '../tenants/index.js';
import { User } from '../users/index.js';

/** Toestemming: the tenant lets one recipient organisation see some categories for one purpose, for a while. */
@Entity()
@Check('consent_period', `"valid_until" > "valid_from"`)
@Check('consent_has_categories', `cardinality("categories") > 0`)
@Check(
  'consent_withdrawal_consistent',
  `("withdrawn_at" IS NULL) = ("withdrawn_by_id" IS NULL) AND ("withdrawn_at" IS NULL) = ("withdrawal_channel" IS NULL)`,
)
@Index('consent_lookup', ['tenantId', 'recipientOrgId', 'validUntil'])
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  tenantId: string;

  @Index()
  @Column('uuid')
  caseId: string;

  @Index()
  @Column('uuid')
  recipientOrgId: string;

  @Column({ type: 'enum', enum: CONSENT_PURPOSES, enumName: 'consent_purpose' })
  purpose: ConsentPurpose;

  @Column({ type: 'enum', enum: DATA_CATEGORIES, enumName: 'data_category', array: true })
  categories: DataCategory[];

  @Column({ type: 'timestamptz' })
  validFrom: Date;

  @Column({ type: 'timestamptz' })
  validUntil: Date;

  @Column({ type: 'enum', enum: CONSENT_CHANNELS, enumName: 'consent_channel' })
  channel: ConsentChannel;

  /** The version of the B1 wording shown to the tenant, and that wording verbatim. */
  @Column({ type: 'varchar', length: 50 })
  wordingVersion: string;

  @Column({ type: 'text' })
  wordingText: string;

  @Index()
  @Column('uuid')
  recordedById: string;

  @Index()
  @Column('uuid')
  recordedByOrgId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  withdrawnById: string | null;

  @Column({ type: 'enum', enum: CONSENT_CHANNELS, enumName: 'consent_channel', nullable: true })
  withdrawalChannel: ConsentChannel | null;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant: Relation<Tenant>;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_org_id' })
  recipientOrg: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id' })
  recordedBy: Relation<User>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_org_id' })
  recordedByOrg: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'withdrawn_by_id' })
  withdrawnBy: Relation<User> | null;
}
