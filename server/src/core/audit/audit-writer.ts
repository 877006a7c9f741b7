import type { AuditAction, DataCategory } from '@vangnet/shared';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../request-context.js';
import { AuditEvent, type AuditDetails } from './audit-event.entity.js';

export interface AuditEntry {
  readonly action: AuditAction;
  readonly entityType: string;
  readonly entityId?: string | null;
  readonly caseId?: string | null;
  readonly tenantId?: string | null;
  readonly categories?: readonly DataCategory[];
  readonly basis?: string | null;
  readonly details?: AuditDetails;
  /** For events before a session exists (a login), the actor is named explicitly. */
  readonly actorUserId?: string | null;
  readonly actorOrgId?: string | null;
}

/**
 * The one place audit events are built. Pass the transaction's EntityManager so the event commits or
 * rolls back together with the change it records.
 */
export async function writeAuditEvent(
  manager: EntityManager,
  context: RequestContext,
  entry: AuditEntry,
): Promise<void> {
  await manager.insert(AuditEvent, auditRow(context, entry));
}

/**
 * Many events in one INSERT (a background job's batch), in the order given; same transaction rule as
 * writeAuditEvent.
 */
export async function writeAuditEvents(
  manager: EntityManager,
  context: RequestContext,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await manager.insert(
    AuditEvent,
    entries.map((entry) => auditRow(context, entry)),
  );
}

function auditRow(context: RequestContext, entry: AuditEntry) {
  return {
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    caseId: entry.caseId ?? null,
    tenantId: entry.tenantId ?? null,
    categories: [...(entry.categories ?? [])],
    basis: entry.basis ?? null,
    details: entry.details ?? {},
    actorUserId: entry.actorUserId ?? context.actor?.userId ?? null,
    actorOrgId: entry.actorOrgId ?? context.actor?.membership?.organizationId ?? null,
    requestId: context.requestId,
  };
}
