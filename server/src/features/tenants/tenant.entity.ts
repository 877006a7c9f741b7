import { LOCALES, PREFERRED_CHANNELS, type Locale, type PreferredChannel } from '@vangnet/shared';
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
  VersionColumn,
  type Relation,
} from 'typeorm';
import { Organization } from '../organizations/index.js';

/** The tenant (huurder / inwoner). Contact fields fall under data category CONTACT. The BSN lives apart, see TenantIdentifier. */
@Entity()
@Check('tenant_postcode_format', `"postcode" ~ '^[1-9][0-9]{3}[A-Z]{2}$'`)
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  initials: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  prefix: string | null;

  @Index()
  @Column({ type: 'varchar', length: 200 })
  surname: string;

  @Column({ type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ type: 'varchar', length: 200 })
  street: string;

  @Column({ type: 'integer' })
  houseNumber: number;

  @Column({ type: 'varchar', length: 10, nullable: true })
  houseNumberAddition: string | null;

  /** Dutch postcode without space, upper case: 1234AB. */
  @Index()
  @Column({ type: 'char', length: 6 })
  postcode: string;

  @Column({ type: 'varchar', length: 100 })
  city: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @Column({ type: 'enum', enum: PREFERRED_CHANNELS, enumName: 'preferred_channel', nullable: true })
  preferredChannel: PreferredChannel | null;

  @Column({ type: 'enum', enum: LOCALES, enumName: 'user_locale', default: 'nl' })
  language: Locale;

  /** CBS gemeentecode of the municipality the tenant lives in: decides which municipality receives a signal. */
  @Index()
  @Column({ type: 'char', length: 4 })
  municipalityCode: string;

  @Index()
  @Column('uuid')
  originOrgId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'origin_org_id' })
  originOrg: Relation<Organization>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
