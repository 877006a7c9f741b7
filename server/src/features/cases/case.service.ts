import {
  coarseStatusOf,
  isUuid,
  type CaseStatus,
  type OrganizationKind,
  type ParticipantRole,
} from '@vangnet/shared';
import { NotFoundError } from '../../core/errors.js';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../core/graphql/connection.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import type { Case } from './case.entity.js';
import type { CaseFilter, CaseType, ReferralType } from './case.types.js';
import type { CaseSectionsService, ContactRow } from './case-sections.service.js';

/** The columns of a case that its view (CaseType) is made from. */
type CaseRow = Pick<
  Case,
  | 'id'
  | 'tenantId'
  | 'reference'
  | 'status'
  | 'crisis'
  | 'originOrgId'
  | 'createdAt'
  | 'updatedAt'
  | 'closedAt'
>;

const CASE_ROW_COLUMNS = `c.id, c.tenant_id AS "tenantId", c.reference, c.status, c.crisis,
  c.origin_org_id AS "originOrgId", c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.closed_at AS "closedAt"`;

/** The list counts matching cases up to this many; beyond it the answer says "more than" (totalCountCapped). */
export const CASE_COUNT_CAP = 1000;

/** What a list request asks for, from the query's selection (CaseResolver.cases). */
export interface CaseListSelection {
  readonly totalCount: boolean;
  readonly contact: boolean;
}

const EVERYTHING: CaseListSelection = { totalCount: true, contact: false };

interface ListRow extends CaseRow {
  total: number | null;
  participants:
    { organization_id: string; role: ParticipantRole; name: string; kind: OrganizationKind }[] | null;
  assignees: { user_id: string; display_name: string }[] | null;
  contact: Omit<ContactRow, 'case_ref'> | null;
  contact_bsn: Buffer | null;
  contact_consent: string | null;
  contact_by_signal: boolean | null;
}

export class CaseService {
  constructor(private readonly sections: CaseSectionsService) {}

  /**
   * One page of the cases I may see, in one statement: the page under the rule (keyset on the
   * reference), a count that stops at CASE_COUNT_CAP + 1 rows (an exact count would walk the
   * organisation's whole history on every page), each case's visible participants and my organisation's
   * assignees, and — when the query asks for it — the contact section under its own rule.
   */
  async listCases(
    context: RequestContext,
    args: { first?: number | null; after?: string | null; filter?: CaseFilter | null },
    selection: CaseListSelection = EVERYTHING,
  ): Promise<Connection<CaseType>> {
    const membership = requireMembership(context);
    const limit = pageSize(args);
    const filter = this.filterPredicate(
      args.filter,
      membership.orgKind,
      membership.userId,
      membership.organizationId,
    );
    const rows = await context.db.read<ListRow>(
      (bag) => {
        const visible = `${context.access.readableCases('c', bag)} AND ${filter.sql}`;
        const contact = selection.contact ? this.sections.contactForList(context, 'c', bag) : null;
        const total = selection.totalCount
          ? `(SELECT count(*)::int FROM (SELECT 1 FROM case_file c WHERE ${visible} LIMIT :countCap) counted)`
          : 'NULL::int';
        return `WITH page AS MATERIALIZED (
                  SELECT c.id FROM case_file c
                   WHERE ${context.access.readableCases('c', bag)} AND ${filter.sql}
                     ${args.after ? 'AND c.reference < :afterReference' : ''}
                   ORDER BY c.reference DESC LIMIT :pageLimit
                ), total AS (SELECT ${total} AS total)
                SELECT t.total, ${CASE_ROW_COLUMNS},
                       (SELECT json_agg(json_build_object('organization_id', pp.organization_id, 'role', pp.role,
                                                          'name', o.name, 'kind', o.kind)
                                        ORDER BY pp.joined_at, o.name)
                          FROM case_participant pp JOIN organization o ON o.id = pp.organization_id
                         WHERE pp.case_id = c.id AND ${context.access.readableParticipants('pp', bag)}) AS participants,
                       (SELECT json_agg(json_build_object('user_id', a.user_id, 'display_name', u.display_name)
                                        ORDER BY u.display_name)
                          FROM case_assignee a JOIN app_user u ON u.id = a.user_id
                         WHERE a.case_id = c.id AND a.organization_id = :organizationId) AS assignees
                       ${contact ? `, ${contact.columns}` : ''}
                  FROM total t
                  LEFT JOIN (page p JOIN case_file c ON c.id = p.id ${contact ? contact.join : ''}) ON true
                 ORDER BY c.reference DESC`;
      },
      {
        ...filter.parameters,
        ...(args.after ? { afterReference: decodeCursor(args.after) } : {}),
        pageLimit: limit + 1,
        countCap: CASE_COUNT_CAP + 1,
        organizationId: membership.organizationId,
      },
    );
    const counted = rows[0]?.total ?? 0;
    const cases = rows.filter((row) => row.id !== null);
    const hasNextPage = cases.length > limit;
    const nodes = cases.slice(0, limit).map((row) => {
      const node = this.toView(context, row, row.participants ?? [], row.assignees ?? []);
      if (selection.contact) node.listedContact = this.sections.contactFromList(context, node, row);
      return node;
    });
    return {
      edges: nodes.map((node) => ({ cursor: encodeCursor(node.reference), node })),
      pageInfo: {
        hasNextPage,
        endCursor: nodes.length > 0 ? encodeCursor(nodes[nodes.length - 1]!.reference) : null,
      },
      totalCount: Math.min(counted, CASE_COUNT_CAP),
      totalCountCapped: counted > CASE_COUNT_CAP,
    };
  }

  referrals(context: RequestContext, caseId: string): Promise<ReferralType[]> {
    return loadReferrals(context, caseId);
  }

  /** A case the actor may not see answers exactly like a case that does not exist. */
  async getCase(context: RequestContext, id: string): Promise<CaseType> {
    requireMembership(context);
    const [row] = isUuid(id)
      ? await context.db.read<CaseRow>(
          (bag) =>
            `SELECT ${CASE_ROW_COLUMNS} FROM case_file c WHERE c.id = :id AND ${context.access.readableCases('c', bag)}`,
          { id },
        )
      : [];
    if (!row) {
      // Refused or unknown, the caller hears the same; the attempt is on record either way.
      if (isUuid(id)) await context.db.recordRefusedCaseAccess(id.toLowerCase(), 'readCase');
      throw new NotFoundError();
    }
    const [view] = await this.toViews(context, [row]);
    return view!;
  }

  /** The list's filter as SQL on `c` (the access predicate is added by every read). */
  private filterPredicate(
    filter: CaseFilter | null | undefined,
    orgKind: OrganizationKind,
    userId: string,
    orgId: string,
  ): { sql: string; parameters: Record<string, unknown> } {
    const conditions = ['1 = 1'];
    const parameters: Record<string, unknown> = {};
    if (filter?.statuses?.length && orgKind !== 'HOUSING_CORPORATION') {
      conditions.push('c.status IN (:...statuses)');
      parameters.statuses = filter.statuses;
    }
    if (filter?.reference) {
      conditions.push(`c.reference LIKE :referencePrefix ESCAPE '\\'`);
      parameters.referencePrefix = `${filter.reference
        .trim()
        .toUpperCase()
        .replace(/[\\%_]/g, '\\$&')}%`;
    }
    if (filter?.assignedToMe === true) {
      conditions.push(
        'EXISTS (SELECT 1 FROM case_assignee mine WHERE mine.case_id = c.id AND mine.organization_id = :filterOrgId AND mine.user_id = :filterUserId)',
      );
      parameters.filterOrgId = orgId;
      parameters.filterUserId = userId;
    } else if (filter?.assignedToMe === false) {
      conditions.push(
        'NOT EXISTS (SELECT 1 FROM case_assignee queue WHERE queue.case_id = c.id AND queue.organization_id = :filterOrgId)',
      );
      parameters.filterOrgId = orgId;
    }
    return { sql: `(${conditions.join(' AND ')})`, parameters };
  }

  /** One case's participants (those the rule shows) and my organisation's assignees, in one statement. */
  private async toViews(context: RequestContext, cases: CaseRow[]): Promise<CaseType[]> {
    if (cases.length === 0) return [];
    const membership = requireMembership(context);
    const related = await context.db.read<{
      id: string;
      participants: ListRow['participants'];
      assignees: ListRow['assignees'];
    }>(
      (bag) => `SELECT c.id,
                  (SELECT json_agg(json_build_object('organization_id', pp.organization_id, 'role', pp.role,
                                                     'name', o.name, 'kind', o.kind)
                                   ORDER BY pp.joined_at, o.name)
                     FROM case_participant pp JOIN organization o ON o.id = pp.organization_id
                    WHERE pp.case_id = c.id AND ${context.access.readableParticipants('pp', bag)}) AS participants,
                  (SELECT json_agg(json_build_object('user_id', a.user_id, 'display_name', u.display_name)
                                   ORDER BY u.display_name)
                     FROM case_assignee a JOIN app_user u ON u.id = a.user_id
                    WHERE a.case_id = c.id AND a.organization_id = :organizationId) AS assignees
                  FROM case_file c WHERE c.id IN (:...caseIds) AND ${context.access.readableCases('c', bag)}`,
      { caseIds: cases.map((row) => row.id), organizationId: membership.organizationId },
    );
    const byId = new Map(related.map((row) => [row.id, row]));
    return cases.map((row) =>
      this.toView(context, row, byId.get(row.id)?.participants ?? [], byId.get(row.id)?.assignees ?? []),
    );
  }

  private toView(
    context: RequestContext,
    row: CaseRow,
    participants: NonNullable<ListRow['participants']>,
    assignees: NonNullable<ListRow['assignees']>,
  ): CaseType {
    const membership = requireMembership(context);
    const origin = participants.find((participant) => participant.organization_id === row.originOrgId);
    const mine = participants.find(
      (participant) => participant.organization_id === membership.organizationId,
    );
    if (!origin || !mine) throw new Error(`Case ${row.id} lacks its origin or the acting participant`);
    const status: CaseStatus = row.status;
    return {
      id: row.id,
      tenantId: row.tenantId,
      reference: row.reference,
      status: membership.orgKind === 'HOUSING_CORPORATION' ? null : status,
      coarseStatus: coarseStatusOf(status),
      crisis: row.crisis,
      origin: { id: origin.organization_id, name: origin.name, kind: origin.kind },
      myParticipantRole: mine.role,
      participants: participants.map((participant) => ({
        organization: { id: participant.organization_id, name: participant.name, kind: participant.kind },
        role: participant.role,
      })),
      assignees: assignees.map((assignee) => ({ id: assignee.user_id, displayName: assignee.display_name })),
      createdAt: new Date(row.createdAt),
      updatedAt: new Date(row.updatedAt),
      closedAt: row.closedAt === null ? null : new Date(row.closedAt),
    };
  }
}

interface ReferralRow {
  id: string;
  case_id: string;
  from_org_id: string;
  from_name: string;
  from_kind: OrganizationKind;
  to_org_id: string;
  to_name: string;
  to_kind: OrganizationKind;
  to_role: ParticipantRole;
  status: ReferralType['status'];
  message: string;
  respond_by: string;
  responded_at: Date | null;
  decline_reason: string | null;
  created_at: Date;
}

/** The referrals of a case that the acting organisation sent or received, batched per request. */
export async function loadReferrals(context: RequestContext, caseId: string): Promise<ReferralType[]> {
  return context.loaders
    .get('case-referrals', async (caseIds) => {
      const rows = await context.db.read<ReferralRow>(
        (
          bag,
        ) => `SELECT r.id, r.case_id, r.from_org_id, f.name AS from_name, f.kind AS from_kind, r.to_org_id,
                         t.name AS to_name, t.kind AS to_kind, r.to_role, r.status, r.message,
                         to_char(r.respond_by, 'YYYY-MM-DD') AS respond_by, r.responded_at, r.decline_reason, r.created_at
                    FROM referral r
                    JOIN case_file c ON c.id = r.case_id
                    JOIN organization f ON f.id = r.from_org_id
                    JOIN organization t ON t.id = r.to_org_id
                   WHERE ${context.access.readableCases('c', bag)} AND ${context.access.readableReferrals('r', bag)}
                     AND r.case_id IN (:...caseIds)
                   ORDER BY r.created_at ASC`,
        { caseIds: [...caseIds] },
      );
      return caseIds.map((id) =>
        rows
          .filter((row) => row.case_id === id)
          .map((row) => ({
            id: row.id,
            from: { id: row.from_org_id, name: row.from_name, kind: row.from_kind },
            to: { id: row.to_org_id, name: row.to_name, kind: row.to_kind },
            toRole: row.to_role,
            status: row.status,
            message: row.message,
            respondBy: row.respond_by,
            respondedAt: row.responded_at,
            declineReason: row.decline_reason,
            createdAt: row.created_at,
          })),
      );
    })
    .load(caseId);
}
