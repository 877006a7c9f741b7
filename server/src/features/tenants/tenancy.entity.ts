import {
  Check,
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
import { Tenant } from './tenant.entity.js';

@Entity()
@Unique('tenancy_corporation_contract', ['corporationId', 'contractNumber'])
@Check('tenancy_rent_non_negative', `"monthly_rent_cents" >= 0`)
export class Tenancy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  tenantId: string;

  @Index()
  @Column('uuid')
  corporationId: string;

  @Column({ type: 'varchar', length: 50 })
  contractNumber: string;

  @Column({ type: 'integer' })
  monthlyRentCents: number;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant: Relation<Tenant>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corporation_id' })
  corporation: Relation<Organization>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
