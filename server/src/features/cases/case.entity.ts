import {
  CASE_EXIT_REASONS,
  CASE_STATUSES,
  SOLUTION_KINDS,
  type CaseExitReason,
  type CaseStatus,
  type SolutionKind,
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
import { Organization } from '../organizations/index.js';
import { Tenancy, Tenant } from '../tenants/index.js';

/** A dossier. Named case_file because CASE is an SQL keyword. */
@Entity({ name: 'case_file' })
@Check('case_file_reference_format', `"reference" ~ '^VN-[0-9]{4}-[0-9]{6}$'`)
@Check('case_file_closed_consistent', `("status" = 'CLOSED') = ("closed_at" IS NOT NULL)`)
@Index('case_file_status_updated', ['status', 'updatedAt'])
export class Case {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Human reference, VN-2026-000123. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 20 })
  reference: string;

  @Index()
  @Column('uuid')
  tenantId: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  tenancyId: string | null;

  /** The originating housing corporation. */
  @Index()
  @Column('uuid')
  originOrgId: string;

  @Column({ type: 'enum', enum: CASE_STATUSES, enumName: 'case_status', default: 'SIGNALLED' })
  status: CaseStatus;

  /** Eviction, energy/water cut-off or health insurance cancellation: shortens the first-conversation clock. */
  @Column({ type: 'boolean', default: false })
  crisis: boolean;

  @Column({ type: 'enum', enum: CASE_EXIT_REASONS, enumName: 'case_exit_reason', nullable: true })
  exitReason: CaseExitReason | null;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id' })
  tenant: Relation<Tenant>;

  @ManyToOne(() => Tenancy, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenancy_id' })
  tenancy: Relation<Tenancy>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'origin_org_id' })
  originOrg: Relation<Organization>;

  /** The tenant asked for debt help (hulpvraag): starts the first-conversation clock (Wgs art. 4). */
  @Column({ type: 'timestamptz', nullable: true })
  helpRequestedAt: Date | null;

  /** The first conversation took place: starts the access-decision clock. */
  @Column({ type: 'timestamptz', nullable: true })
  firstConversationAt: Date | null;

  @Column({ type: 'enum', enum: SOLUTION_KINDS, enumName: 'solution_kind', nullable: true })
  solutionKind: SolutionKind | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Guarded by conditional updates (UPDATE … WHERE version = $n), not by TypeORM's VersionColumn. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
