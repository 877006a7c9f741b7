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
import { Organization } from '../organizations/index.js';
import { User } from '../users/index.js';
import { Tenant } from './tenant.entity.js';

/**
 * The BSN, held only by a municipality (AVG/UAVG art. 46) and encrypted at rest with AES-256-GCM.
 * Kept out of the tenant row so no query on tenants can ever carry it by accident.
 */
@Entity()
@Unique('tenant_identifier_tenant_municipality', ['tenantId', 'municipalityOrgId'])
export class TenantIdentifier {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  tenantId: string;

  @Index()
  @Column('uuid')
  municipalityOrgId: string;

  /** iv ‖ auth tag ‖ ciphertext. */
  @Column({ type: 'bytea' })
  bsnCiphertext: Buffer;

  @Index()
  @Column('uuid')
  recordedById: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant: Relation<Tenant>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_org_id' })
  municipalityOrg: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id' })
  recordedBy: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
