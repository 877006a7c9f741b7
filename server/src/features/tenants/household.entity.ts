import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { Organization } from '../organizations/index.js';
import { Tenant } from './tenant.entity.js';

@Entity()
@Check('household_counts', `"adults" >= 1 AND "children" >= 0`)
export class Household {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column('uuid')
  tenantId: string;

  @Column({ type: 'smallint', default: 1 })
  adults: number;

  /** Minors in the household matter for eviction restraint. */
  @Column({ type: 'smallint', default: 0 })
  children: number;

  /** Special-category data (AVG art. 9): readable only under a consent that names SPECIAL. */
  @Column({ type: 'text', nullable: true })
  vulnerabilityNotes: string | null;

  @Index()
  @Column('uuid')
  originOrgId: string;

  @OneToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant: Relation<Tenant>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'origin_org_id' })
  originOrg: Relation<Organization>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
