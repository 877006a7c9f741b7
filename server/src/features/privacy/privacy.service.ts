import {
  AUDIT_ACTIONS,
  DATA_CATEGORIES,
  isUuid,
  type AuditAction,
  type DataCategory,
  type OrganizationKind,
} from '@vangnet/shared';
import type { AuditChainStatus } from '../../core/audit/audit-chain-status.js';
import { ReadAuditBuffer } from '../../core/audit/read-audit.js';
import type { ParameterBag } from '../../core/authz/casl-sql-compiler.js';
import { auditBasis, sectionAccess, type CaseRef } from '../../core/authz/section-access.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../core/errors.js';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../core/graphql/connection.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import { RequestLoaders } from '../../core/request-loaders.js';
import type { CaseSectionsService, CaseService, CaseType, CategoryAccessType } from '../cases/index.js';
import { consentState, type ConsentType } from '../consents/index.js';
import type {
  AuditChainStatusType,
  AuditEventsArgs,
  AuditEventType,
  AuditTrailArgs,
  TenantDataExportType,
} from './privacy.types.js';
import { renderTenantExportHtml } from './tenant-export-html.js';
import {
  tenantExportJson,
  type ExportedAccess,
  type ExportedCase,
  type ExportedConsent,
  type ExportedSections,
  type TenantExport,
} from './tenant-export.js';

/**
 * The audit chain's health (row numbers only, platform-wide), read for the feature by the app's
 * wiring (core/audit/audit-chain-status.ts `readAuditChainHealth`).
 */
export type AuditChainHealthReader = () => Promise<{
  status: AuditChainStatus | null;
  waitingToBeSealed: number;
}>;

/** The basis recorded on the EXPORT event: the tenant's right of access, a legal obligation of the controller. */
export const LEGAL_BASIS_RIGHT_OF_ACCESS = 'AVG_ART_15';

interface AuditRow {
  id: string;
  seq: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_org_id: string | null;
  actor_org_name: string | null;
  actor_org_kind: OrganizationKind | null;
  action: AuditAction;
  entity_type: string;
  entity_id: string | null;
  case_id: string | null;
  case_reference: string | null;
  tenant_id: string | null;
  listed_cases: unknown;
  listed_bases: unknown;
  categories: string;
  basis: string | null;
  request_id: string | null;
  sealed: boolean;
}

/** Events name several cases in `details.cases` (a list read, an export); GIN-indexed as `details -> 'cases'`. */
const AUDIT_SELECT = `a.id, a.seq::text AS seq, a.occurred_at, a.actor_user_id, u.display_name AS actor_name,
  a.actor_org_id, o.name AS actor_org_name, o.kind AS actor_org_kind, a.action, a.entity_type, a.entity_id, a.case_id,
  cf.reference AS case_reference, COALESCE(a.tenant_id, cf.tenant_id) AS tenant_id, a.details -> 'cases' AS listed_cases, a.details -> 'bases' AS listed_bases,
  a.categories::text AS categories,
  a.basis, a.request_id, a.hash IS NOT NULL AS sealed`;

const AUDIT_FROM = `audit_event a
  LEFT JOIN app_user u ON u.id = a.actor_user_id
  LEFT JOIN organization o ON o.id = a.actor_org_id
  LEFT JOIN case_file cf ON cf.id = a.case_id`;

interface ExportConsentRow {
  id: string;
  case_reference: string;
  recipient_name: string;
  recorded_by_org_name: string;
  purpose: ConsentType['purpose'];
  categories: string;
  valid_from: Date;
  valid_until: Date;
  channel: ConsentType['channel'];
  wording_version: string;
  wording_text: string;
  recorded_at: Date;
  withdrawn_at: Date | null;
}

const parsePgArray = (value: string): string[] =>
  value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);

const escapeLike = (prefix: string): string =>
  `${prefix
    .trim()
    .toUpperCase()
    .replace(/[\\%_]/g, '\\$&')}%`;

/** The section loaders of CaseSectionsService, per category that has storage today. */
type SectionLoader = (
  sections: CaseSectionsService,
  context: RequestContext,
  ref: CaseRef,
) => Promise<ExportedSections[keyof ExportedSections]>;

const SECTION_LOADERS: readonly {
  readonly category: DataCategory;
  readonly key: keyof ExportedSections;
  readonly load: SectionLoader;
}[] = [
  { category: 'CONTACT', key: 'contact', load: (s, c, r) => s.contact(c, r) },
  { category: 'ARREARS', key: 'arrears', load: (s, c, r) => s.arrears(c, r) },
  { category: 'HOUSEHOLD', key: 'household', load: (s, c, r) => s.household(c, r) },
  { category: 'INCOME_EXPENSES', key: 'incomeExpenses', load: (s, c, r) => s.incomeExpenses(c, r) },
  { category: 'DEBTS', key: 'debts', load: (s, c, r) => s.debts(c, r) },
  { category: 'SPECIAL', key: 'special', load: (s, c, r) => s.special(c, r) },
];

/**
 * The privacy officer's tools (docs/product.md §5): the organisation's audit trail and the tenant's right of
 * access (AVG art. 15). Which audit events may be listed is decided by the access rules
 * (`list AuditTrail`), compiled into SQL by the request's AccessScope: a privacy officer sees the events
 * of actors of their own organisation, anybody else sees none (an empty connection, not an error).
 */
export class PrivacyService {
  constructor(
    private readonly sections: CaseSectionsService,
    private readonly cases: CaseService,
    private readonly auditChainHealth: AuditChainHealthReader,
  ) {}

  /**
   * Events about one case: the case's own events and the events naming it among several (list reads,
   * exports). The case need not exist any more (the trail outlives it), and an unknown or malformed id
   * answers like a case without events.
   */
  async auditTrail(context: RequestContext, args: AuditTrailArgs): Promise<Connection<AuditEventType>> {
    requireMembership(context);
    const limit = pageSize(args);
    const after = this.afterSeq(args.after);
    if (!isUuid(args.caseId))
      return {
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
        totalCount: 0,
        totalCountCapped: false,
      };
    const caseId = args.caseId.toLowerCase();
    return this.page(
      context,
      [`(a.case_id = :caseId OR a.details -> 'cases' ? :caseIdText)`],
      { caseId, caseIdText: caseId },
      limit,
      after,
    );
  }

  /**
   * The hash chain's health as the running servers last checked it. Platform-wide and made of row
   * numbers only, so it is for whoever may list the audit trail at all (the shared rule's
   * `list AuditTrail`: a privacy officer), whichever rows of it they may list.
   */
  async auditChainStatus(context: RequestContext): Promise<AuditChainStatusType> {
    requireMembership(context);
    if (!context.access.ability.can('list', 'AuditTrail'))
      throw new ForbiddenError('Alleen een privacyfunctionaris ziet de controle van het logboek.');
    const { status, waitingToBeSealed } = await this.auditChainHealth();
    return {
      state: status === null ? 'NOT_CHECKED_YET' : status.intact ? 'INTACT' : 'BROKEN',
      verifiedThroughSeq: status?.verified?.seq ?? null,
      checkedAt: status?.checkedAt ?? null,
      firstBrokenSeq: status?.firstBrokenSeq ?? null,
      waitingToBeSealed,
    };
  }

  /** The organisation-wide audit trail of the privacy officer, newest first. */
  async auditEvents(context: RequestContext, args: AuditEventsArgs): Promise<Connection<AuditEventType>> {
    requireMembership(context);
    const limit = pageSize(args);
    const after = this.afterSeq(args.after);
    const filter = args.filter ?? {};
    const conditions: string[] = [];
    const parameters: Record<string, unknown> = {};
    const fieldErrors: Record<string, string> = {};
    if (filter.action) {
      if (!AUDIT_ACTIONS.includes(filter.action)) fieldErrors.action = 'Onbekende handeling.';
      conditions.push('a.action = :action');
      parameters.action = filter.action;
    }
    if (filter.actorUserId) {
      if (!isUuid(filter.actorUserId)) fieldErrors.actorUserId = 'Onbekende gebruiker.';
      conditions.push('a.actor_user_id = :actorUserId');
      parameters.actorUserId = filter.actorUserId;
    }
    if (filter.caseReference?.trim()) {
      // The case's own events, and the events naming it among several.
      conditions.push(
        `(cf.reference LIKE :reference ESCAPE '\\' OR a.details -> 'cases' ?| ARRAY(SELECT r.id::text FROM case_file r WHERE r.reference LIKE :reference ESCAPE '\\'))`,
      );
      parameters.reference = escapeLike(filter.caseReference);
    }
    if (filter.from) {
      if (Number.isNaN(filter.from.getTime())) fieldErrors.from = 'Ongeldig moment.';
      conditions.push('a.occurred_at >= :from');
      parameters.from = filter.from;
    }
    if (filter.to) {
      if (Number.isNaN(filter.to.getTime())) fieldErrors.to = 'Ongeldig moment.';
      else if (filter.from && filter.to < filter.from) fieldErrors.to = 'Het eind ligt voor het begin.';
      conditions.push('a.occurred_at < :to');
      parameters.to = filter.to;
    }
    if (Object.keys(fieldErrors).length > 0)
      throw new BadUserInputError('Het filter klopt niet.', fieldErrors);
    return this.page(context, conditions, parameters, limit, after);
  }

  /**
   * The tenant's right of access (AVG art. 15), exercised through the privacy officer of one
   * organisation: everything that organisation holds or can see about the tenant, and who of it
   * accessed that and when. Each organisation is a controller of its own, so the export never contains
   * what only another organisation can see.
   *
   * Only a privacy officer of an organisation that takes part in at least one case of the tenant gets
   * an export (the rule's `export Tenant`); everyone else gets NOT_FOUND, exactly as for a tenant that
   * does not exist.
   */
  async exportTenantData(context: RequestContext, tenantId: string): Promise<TenantDataExportType> {
    const membership = requireMembership(context);
    const refused = (): NotFoundError => {
      context.readAudit.record({
        action: 'ACCESS_DENIED',
        entityType: 'tenant',
        entityId: isUuid(tenantId) ? tenantId : null,
        details: { attempted: 'exportTenantData' },
      });
      return new NotFoundError('Huurder');
    };
    // Who may export, which of the tenant's cases and what of them: the rule's `export` action (a privacy
    // officer, for what the organisation can see), compiled into SQL by the export scope (core/authz).
    const exportScope = context.access.forTenantExport();
    if (!exportScope || !isUuid(tenantId)) throw refused();

    const generatedAt = context.clock.now();
    // A context whose loaders carry the organisation's predicates. Reads through it are not audited one
    // by one (its read-audit buffer is never flushed): the export is recorded as one EXPORT event
    // (below) naming every case, category and basis instead. Its gateway checks reads against the
    // organisation's scope.
    const organizationContext: RequestContext = {
      ...context,
      access: exportScope,
      db: context.db.derivedFor(() => organizationContext),
      loaders: new RequestLoaders(),
      readAudit: new ReadAuditBuffer(),
    };

    const caseRows = await organizationContext.db.read<{ id: string }>(
      (bag) =>
        `SELECT c.id FROM case_file c WHERE c.tenant_id = :tenantId AND ${exportScope.exportableCases('c', bag)} ORDER BY c.reference`,
      { tenantId },
    );
    if (caseRows.length === 0) throw refused();
    const caseIds = caseRows.map((row) => row.id);

    const exported = await Promise.all(caseIds.map((caseId) => this.exportCase(organizationContext, caseId)));
    const cases = exported.map((entry) => entry.exportedCase);
    const [consents, accessLog] = await Promise.all([
      this.exportConsents(organizationContext, tenantId),
      this.exportAccessLog(context, tenantId, cases),
    ]);

    const content: TenantExport = {
      generatedAt,
      organization: {
        id: membership.organizationId,
        name: membership.organizationName,
        kind: membership.orgKind,
      },
      tenantId,
      cases,
      consents,
      accessLog,
    };
    const json = tenantExportJson(content);
    const html = renderTenantExportHtml(content);

    // The export is a read: nothing to commit with it, so the event is written on its own, and before
    // the data leaves. If it cannot be written the mutation fails and nothing is returned.
    const categories = [...new Set(exported.flatMap((entry) => entry.categories))].sort(
      (left, right) => DATA_CATEGORIES.indexOf(left) - DATA_CATEGORIES.indexOf(right),
    );
    await context.db.audit({
      action: 'EXPORT',
      entityType: 'tenant',
      entityId: tenantId,
      tenantId,
      categories,
      basis: LEGAL_BASIS_RIGHT_OF_ACCESS,
      details: {
        cases: [...caseIds].sort(),
        bases: exported.map((entry) => `${entry.exportedCase.id}:${entry.bases.join('+') || 'NONE'}`).sort(),
        format: 'json+html',
      },
    });

    return { generatedAt, organization: content.organization, json, html };
  }

  /** One case as the organisation sees it: the view, access descriptors, readable sections and referrals. */
  private async exportCase(
    context: RequestContext,
    caseId: string,
  ): Promise<{ exportedCase: ExportedCase; categories: DataCategory[]; bases: string[] }> {
    const view: CaseType = await this.cases.getCase(context, caseId);
    const ref: CaseRef = { id: view.id, tenantId: view.tenantId };
    const [access, referrals] = await Promise.all([
      sectionAccess(context, ref),
      this.cases.referrals(context, caseId),
    ]);
    const allowed = (category: DataCategory): CategoryAccessType | undefined =>
      access.find((entry) => entry.category === category && entry.allowed);

    const categories: DataCategory[] = [];
    const bases = new Set<string>();
    const loaded = await Promise.all(
      SECTION_LOADERS.map(async ({ category, key, load }) => {
        const descriptor = allowed(category);
        // The loaders filter every row by the organisation's row-level rule as well.
        const section = descriptor ? await load(this.sections, context, ref) : null;
        if (descriptor && section !== null) {
          categories.push(category);
          bases.add(auditBasis(descriptor));
        }
        return [key, section] as const;
      }),
    );
    const sections = Object.fromEntries(loaded) as unknown as ExportedSections;

    return {
      exportedCase: {
        id: view.id,
        reference: view.reference,
        status: view.status,
        coarseStatus: view.coarseStatus,
        crisis: view.crisis,
        createdAt: view.createdAt,
        closedAt: view.closedAt,
        origin: view.origin.name,
        participants: view.participants.map((participant) => ({
          organization: participant.organization.name,
          role: participant.role,
        })),
        access,
        sections,
        referrals,
      },
      categories,
      bases: [...bases].sort(),
    };
  }

  /** Consents of the tenant given to or recorded by the organisation. */
  private async exportConsents(context: RequestContext, tenantId: string): Promise<ExportedConsent[]> {
    const scope = context.access;
    const rows = await context.db.read<ExportConsentRow>(
      (
        bag,
      ) => `SELECT k.id, cf.reference AS case_reference, ro.name AS recipient_name, rbo.name AS recorded_by_org_name,
              k.purpose, k.categories::text AS categories, k.valid_from, k.valid_until, k.channel,
              k.wording_version, k.wording_text, k.recorded_at, k.withdrawn_at
         FROM consent k
         JOIN case_file cf ON cf.id = k.case_id
         JOIN organization ro ON ro.id = k.recipient_org_id
         JOIN organization rbo ON rbo.id = k.recorded_by_org_id
        WHERE k.tenant_id = :tenantId AND ${scope.readableConsents('k', bag)}
        ORDER BY k.recorded_at, k.id`,
      { tenantId },
    );
    return rows.map((row) => ({
      id: row.id,
      caseReference: row.case_reference,
      recipient: row.recipient_name,
      recordedBy: row.recorded_by_org_name,
      purpose: row.purpose,
      categories: parsePgArray(row.categories) as DataCategory[],
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      state: consentState(row, scope.now),
      channel: row.channel,
      wordingVersion: row.wording_version,
      wordingText: row.wording_text,
      recordedAt: row.recorded_at,
      withdrawnAt: row.withdrawn_at,
    }));
  }

  /**
   * Who of the organisation accessed the tenant's data: events about the tenant or its cases (also
   * when named among several), restricted by the officer's own `list AuditTrail` rule — the events of
   * the organisation's actors.
   */
  private async exportAccessLog(
    context: RequestContext,
    tenantId: string,
    cases: readonly ExportedCase[],
  ): Promise<ExportedAccess[]> {
    const caseIds = cases.map((entry) => entry.id);
    const referenceById = new Map(cases.map((entry) => [entry.id, entry.reference]));
    const rows = await context.db.read<AuditRow>(
      (bag) => `SELECT ${AUDIT_SELECT} FROM ${AUDIT_FROM}
        WHERE (a.tenant_id = :tenantId OR a.case_id = ANY(CAST(:caseIds AS uuid[]))
               OR a.details -> 'cases' ?| CAST(:caseIdTexts AS text[]))
          AND ${context.access.listableAuditEvents('a', bag)}
        ORDER BY a.seq`,
      { tenantId, caseIds, caseIdTexts: caseIds },
    );
    return rows.map((row) => {
      const named = [...(row.case_id ? [row.case_id] : []), ...listedCases(row.listed_cases)];
      // An event about several cases records the basis per case as "<case id>:<basis>+<basis>".
      const basesHere = listedCases(row.listed_bases).flatMap((entry) => {
        const [caseId, bases] = entry.split(':');
        return caseId && bases && referenceById.has(caseId) ? bases.split('+') : [];
      });
      return {
        occurredAt: row.occurred_at,
        actor: row.actor_name,
        action: row.action,
        entityType: row.entity_type,
        caseReferences: [
          ...new Set(named.flatMap((id) => (referenceById.has(id) ? [referenceById.get(id)!] : []))),
        ],
        categories: parsePgArray(row.categories) as DataCategory[],
        basis: row.basis ?? ([...new Set(basesHere)].sort().join('+') || null),
      };
    });
  }

  /** One page of audit events, newest first, under the request's `list AuditTrail` predicate. */
  private async page(
    context: RequestContext,
    conditions: readonly string[],
    parameters: Record<string, unknown>,
    limit: number,
    afterSeq: string | null,
  ): Promise<Connection<AuditEventType>> {
    const where = (bag: ParameterBag) =>
      [context.access.listableAuditEvents('a', bag), ...conditions].join(' AND ');
    const [count] = await context.db.read<{ total: number }>(
      (bag) => `SELECT count(*)::int AS total FROM ${AUDIT_FROM} WHERE ${where(bag)}`,
      parameters,
    );
    const after = afterSeq ? ' AND a.seq < CAST(:afterSeq AS bigint)' : '';
    const rows = await context.db.read<AuditRow>(
      (bag) =>
        `SELECT ${AUDIT_SELECT} FROM ${AUDIT_FROM} WHERE ${where(bag)}${after} ORDER BY a.seq DESC LIMIT ${limit + 1}`,
      { ...parameters, ...(afterSeq ? { afterSeq } : {}) },
    );
    const nodes = rows.slice(0, limit).map(toAuditEvent);
    const last = nodes[nodes.length - 1];
    return {
      edges: nodes.map((node) => ({ cursor: encodeCursor(node.seq), node })),
      pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? encodeCursor(last.seq) : null },
      totalCount: count?.total ?? 0,
      totalCountCapped: false,
    };
  }

  private afterSeq(after: string | null | undefined): string | null {
    if (!after) return null;
    const seq = decodeCursor(after);
    if (!/^[1-9][0-9]{0,17}$/.test(seq))
      throw new BadUserInputError('Ongeldige cursor.', { after: 'Deze cursor is ongeldig.' });
    return seq;
  }
}

function listedCases(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function toAuditEvent(row: AuditRow): AuditEventType {
  return {
    id: row.id,
    seq: row.seq,
    occurredAt: row.occurred_at,
    actor:
      row.actor_user_id && row.actor_name !== null
        ? { id: row.actor_user_id, displayName: row.actor_name }
        : null,
    actingOrganization:
      row.actor_org_id && row.actor_org_name !== null && row.actor_org_kind !== null
        ? { id: row.actor_org_id, name: row.actor_org_name, kind: row.actor_org_kind }
        : null,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    caseId: row.case_id,
    caseReference: row.case_reference,
    tenantId: row.tenant_id,
    listedCaseIds: listedCases(row.listed_cases),
    categories: parsePgArray(row.categories) as DataCategory[],
    basis: row.basis,
    requestId: row.request_id,
    sealed: row.sealed,
  };
}
