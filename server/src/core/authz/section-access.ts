import { BASIS_ORIGIN, DATA_CATEGORIES, LEGAL_BASIS_SIGNAL, type DataCategory } from '@vangnet/shared';
import { requireMembership, type RequestContext } from '../request-context.js';
import { sectionDecisionsOf, type SectionRefusal } from './access-scope.js';

/**
 * The per-case section machinery every feature that shows part of a case uses: whether (and on what
 * ground) the actor may read a category of a case, reading a section only when it may, and recording
 * each read for the request's read audit with that ground. Plain functions over the request context:
 * the decisions are cached per request in `context.loaders`, so nothing here holds state.
 */

/** What a case section needs to know about its case (the read audit names the case and its tenant). */
export interface CaseRef {
  readonly id: string;
  readonly tenantId: string;
}

/** On what ground a category is read: a consent, a signal the case received, or the reader's own data. */
export type SectionBasis = 'CONSENT' | 'LEGAL_BASIS' | 'ORIGIN';

/**
 * Whether the actor may read one category of one case, and why (not). The GraphQL `CategoryAccess`
 * (features/cases) has this shape, so the descriptors are handed to the API as they are.
 */
export interface SectionAccess {
  readonly category: DataCategory;
  readonly allowed: boolean;
  /** Why not, when not allowed. */
  readonly reason: SectionRefusal | null;
  /** On what ground, when allowed. */
  readonly basis: SectionBasis | null;
  /** The consent relied on, when the basis is CONSENT. */
  readonly consentId: string | null;
  /** Only what the reader's own organisation recorded is shown (no consent or legal basis for the rest). */
  readonly ownDataOnly: boolean;
}

/** Access descriptors for every category of a case: one SQL decision query per batch of cases. */
export function sectionAccess(context: RequestContext, ref: CaseRef): Promise<SectionAccess[]> {
  return context.loaders.get('case-access', (ids) => loadAccess(context, ids)).load(ref.id);
}

/** The descriptor of one category of a case. */
export async function sectionAccessOf(
  context: RequestContext,
  ref: CaseRef,
  category: DataCategory,
): Promise<SectionAccess | undefined> {
  return (await sectionAccess(context, ref)).find((entry) => entry.category === category);
}

async function loadAccess(context: RequestContext, caseIds: readonly string[]): Promise<SectionAccess[][]> {
  if (!context.access.actor)
    return caseIds.map(() => DATA_CATEGORIES.map((category) => denied(category, 'NOT_PARTICIPANT')));
  // The decision and its explanation come from one query over the same compiled rule (core/authz), so
  // the "why" shown can never disagree with what was decided.
  const rows = await context.db.read<{ id: string }>(
    (bag) => context.access.sectionDecisions('(:...caseIds)', bag),
    { caseIds: [...caseIds] },
  );
  const byId = new Map(rows.map((row) => [row.id, row]));

  return caseIds.map((caseId) => {
    const row = byId.get(caseId);
    if (!row) return DATA_CATEGORIES.map((category) => denied(category, 'NOT_PARTICIPANT'));
    return sectionDecisionsOf(row).map((decision): SectionAccess => {
      if (!decision.allowed) return denied(decision.category, decision.refusal);
      const basis = decision.consentId ? 'CONSENT' : decision.bySignal ? 'LEGAL_BASIS' : 'ORIGIN';
      return {
        category: decision.category,
        allowed: true,
        reason: null,
        basis,
        consentId: decision.consentId,
        ownDataOnly: basis === 'ORIGIN',
      };
    });
  });
}

/**
 * A section is returned only when its category may be read, and every section returned is recorded
 * for the request's read audit with the basis it was read on.
 */
export async function readSection<T>(
  context: RequestContext,
  ref: CaseRef,
  category: DataCategory,
  load: () => Promise<T | null>,
): Promise<T | null> {
  const access = await sectionAccessOf(context, ref, category);
  if (!access?.allowed) return null;
  const section = await load();
  if (section !== null) {
    context.readAudit.record({
      action: 'READ',
      entityType: 'case',
      entityId: ref.id,
      caseId: ref.id,
      tenantId: ref.tenantId,
      categories: [category],
      basis: auditBasis(access),
    });
  }
  return section;
}

/**
 * Records the read of rows of one category that the row rule let through (`readableRow`), given the
 * organisations that recorded them (null: the system): on the section's basis when some row is not the
 * reader's organisation's, as its own data otherwise. Nothing read, nothing recorded.
 */
export async function recordRowsRead(
  context: RequestContext,
  ref: CaseRef,
  category: DataCategory,
  entityType: string,
  recordedBy: readonly (string | null)[],
): Promise<void> {
  if (recordedBy.length === 0) return;
  const membership = requireMembership(context);
  const access = recordedBy.some((organizationId) => organizationId !== membership.organizationId)
    ? await sectionAccessOf(context, ref, category)
    : undefined;
  context.readAudit.record({
    action: 'READ',
    entityType,
    entityId: ref.id,
    caseId: ref.id,
    tenantId: ref.tenantId,
    categories: [category],
    basis: access ? auditBasis(access) : BASIS_ORIGIN,
  });
}

/** The basis name recorded in the audit trail for a read of this category. */
export function auditBasis(access: Pick<SectionAccess, 'basis' | 'consentId'>): string {
  if (access.basis === 'CONSENT' && access.consentId) return access.consentId;
  if (access.basis === 'LEGAL_BASIS') return LEGAL_BASIS_SIGNAL;
  return BASIS_ORIGIN;
}

function denied(category: DataCategory, reason: SectionRefusal): SectionAccess {
  return { category, allowed: false, reason, basis: null, consentId: null, ownDataOnly: false };
}
