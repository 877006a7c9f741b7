import type { AuditAction, DataCategory } from '@vangnet/shared';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../request-context.js';
import { AuditEvent } from './audit-event.entity.js';

export interface ReadAccess {
  readonly action: Extract<AuditAction, 'READ' | 'ACCESS_DENIED'>;
  readonly entityType: string;
  readonly entityId?: string | null;
  readonly caseId?: string | null;
  readonly tenantId?: string | null;
  readonly categories?: readonly DataCategory[];
  /** A consent id, a legal basis name, or ORIGIN. */
  readonly basis?: string | null;
  readonly details?: Record<string, string | number | boolean | null | string[]>;
}

/**
 * Collects the reads (and refused attempts) of one request — events that belong to no write
 * transaction, or whose transaction is rolled back by the refusal itself — and writes them as few audit
 * events as possible when the
 * response is about to be sent: one per (action, entity, case, basis), categories merged. A list read
 * is therefore one event per request, not one per row.
 */
export class ReadAuditBuffer {
  private readonly entries = new Map<
    string,
    { access: ReadAccess; categories: Set<DataCategory>; count: number }
  >();

  record(access: ReadAccess): void {
    const key = [
      access.action,
      access.entityType,
      access.entityId ?? '',
      access.caseId ?? '',
      access.basis ?? '',
    ].join('|');
    const existing = this.entries.get(key);
    if (existing) {
      for (const category of access.categories ?? []) existing.categories.add(category);
      existing.count += 1;
      return;
    }
    this.entries.set(key, { access, categories: new Set(access.categories ?? []), count: 1 });
  }

  get size(): number {
    return this.entries.size;
  }

  async flush(dataSource: DataSource, context: RequestContext): Promise<void> {
    if (this.entries.size === 0) return;
    const entries = [...this.entries.values()];
    this.entries.clear();
    const actor = {
      actorUserId: context.actor?.userId ?? null,
      actorOrgId: context.actor?.membership?.organizationId ?? null,
      requestId: context.requestId,
    };
    const caseReads = entries.filter(({ access }) => access.action === 'READ' && access.caseId);
    const caseIds = [...new Set(caseReads.map(({ access }) => access.caseId!))].sort();
    if (caseIds.length > 1) {
      // A list: one event for the whole request, naming every case and the basis each was read on.
      const bases: Record<string, string[]> = {};
      for (const { access } of caseReads) (bases[access.caseId!] ??= []).push(access.basis ?? 'UNKNOWN');
      const listEvent = {
        action: 'READ' as const,
        entityType: 'case-list',
        entityId: null,
        caseId: null,
        tenantId: null,
        categories: [...new Set(caseReads.flatMap(({ categories }) => [...categories]))].sort(),
        basis: null,
        details: {
          cases: caseIds,
          bases: caseIds.map((caseId) => `${caseId}:${[...new Set(bases[caseId])].sort().join('+')}`),
        },
        ...actor,
      };
      const others = entries
        .filter((entry) => !caseReads.includes(entry))
        .map((entry) => toRow(entry, actor));
      await dataSource
        .createQueryBuilder()
        .insert()
        .into(AuditEvent)
        .values([listEvent, ...others])
        .execute();
      return;
    }
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(AuditEvent)
      .values(entries.map((entry) => toRow(entry, actor)))
      .execute();
  }
}

function toRow(
  { access, categories, count }: { access: ReadAccess; categories: Set<DataCategory>; count: number },
  actor: { actorUserId: string | null; actorOrgId: string | null; requestId: string },
) {
  return {
    action: access.action,
    entityType: access.entityType,
    entityId: access.entityId ?? null,
    caseId: access.caseId ?? null,
    tenantId: access.tenantId ?? null,
    categories: [...categories].sort(),
    basis: access.basis ?? null,
    details: { ...(access.details ?? {}), ...(count > 1 ? { reads: count } : {}) },
    ...actor,
  };
}
