import { AUDIT_ACTIONS, DATA_CATEGORIES, type AuditAction, type DataCategory } from '@vangnet/shared';
import { Column, Entity, Generated, Index, PrimaryColumn } from 'typeorm';

/**
 * Append-only audit trail (docs/product.md §5). Rows hold ids and category names, never personal data.
 * Rows are inserted unchained; a single sealer fills prev_hash/hash in seq order afterwards, so the
 * chain is never a lock that requests wait on. Triggers in the migration refuse UPDATE of anything
 * but an unsealed row's hash, and refuse DELETE and TRUNCATE.
 * No foreign keys on purpose: the trail must outlive the rows it speaks about (retention).
 */
/** Ids, codes and counts only: never personal data. */
export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

@Entity()
@Index('audit_event_case_time', ['caseId', 'occurredAt'])
@Index('audit_event_org_time', ['actorOrgId', 'occurredAt'])
@Index('audit_event_unsealed', ['seq'], { where: '"hash" IS NULL' })
// GIN index on details->'cases' (list reads), created by a migration; TypeORM cannot express it.
@Index('audit_event_listed_cases', { synchronize: false })
export class AuditEvent {
  @PrimaryColumn({ type: 'bigint', generated: 'increment' })
  seq: string;

  @Column({ type: 'uuid', unique: true })
  @Generated('uuid')
  id: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt: Date;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorOrgId: string | null;

  @Column({ type: 'enum', enum: AUDIT_ACTIONS, enumName: 'audit_action' })
  action: AuditAction;

  /** What was touched, e.g. 'case', 'consent', 'session'. */
  @Column({ type: 'varchar', length: 50 })
  entityType: string;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  tenantId: string | null;

  @Column({ type: 'enum', enum: DATA_CATEGORIES, enumName: 'data_category', array: true })
  categories: DataCategory[];

  /** The consent id or the name of the legal basis the access relied on. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  basis: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: AuditDetails;

  @Column({ type: 'char', length: 64, nullable: true })
  prevHash: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  hash: string | null;
}
