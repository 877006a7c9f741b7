import {
  coarseStatusOf,
  isUuid,
  type CaseStatus,
  type OrganizationKind,
  type ParticipantRole,
} from '@vangnet/shared';
import type { ParameterBag } from '../../core/authz/casl-sql-compiler.js';
import { NotFoundError } from '../../core/errors.js';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../core/graphql/connection.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import type { Case } from './case.entity.js';
import type { CaseFilter, CaseType, ReferralType } from './case.types.js';

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

interface ParticipantRow {
  case_id: string;
  organization_id: string;
  role: ParticipantRole;
  name: string;
  kind: OrganizationKind;
}

interface AssigneeRow {
  case_id: string;
  user_id: string;
  display_name: string;
}

export class CaseService {
  async listCases(
    context: RequestContext,
    args: { first?: number | null; after?: string | null; filter?: CaseFilter | null },
  ): Promise<Connection<CaseType>> {
    const membership = requireMembership(context);
    const limit = pageSize(args);
    const filter = this.filterPredicate(
      args.filter,
      membership.orgKind,
      membership.userId,
      membership.organizationId,
    );
    const visible = (bag: ParameterBag) => `${context.access.readableCases('c', bag)} AND ${filter.sql}`;

    const [counted] = await context.db.read<{ total: number }>(
      (bag) => `SELECT count(*)::int AS total FROM case_file c WHERE ${visible(bag)}`,
      filter.parameters,
    );
    const totalCount = counted?.total ?? 0;
    const rows = await context.db.read<CaseRow>(
      (bag) => `SELECT ${CASE_ROW_COLUMNS} FROM case_file c
                 WHERE ${visible(bag)} ${args.after ? 'AND c.reference < :afterReference' : ''}
                 ORDER BY c.reference DESC LIMIT :pageLimit`,
      {
        ...filter.parameters,
        ...(args.after ? { afterReference: decodeCursor(args.after) } : {}),
        pageLimit: limit + 1,
      },
    );
    const hasNextPage = rows.length > limit;
    const nodes = await this.toViews(context, rows.slice(0, limit));
    return {
      edges: nodes.map((node) => ({ cursor: encodeCursor(node.reference), node })),
      pageInfo: {
        hasNextPage,
        endCursor: nodes.length > 0 ? encodeCursor(nodes[nodes.length - 1]!.reference) : null,
      },
      totalCount,
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

  /** The participants of these cases that the actor may see (the rule decides, in SQL). */
  private participantsOf(context: RequestContext, caseIds: string[]): Promise<ParticipantRow[]> {
    return context.db.read<ParticipantRow>(
      (bag) => `SELECT p.case_id, p.organization_id, p.role, o.name, o.kind
         FROM case_participant p JOIN organization o ON o.id = p.organization_id
        WHERE p.case_id IN (:...caseIds) AND ${context.access.readableParticipants('p', bag)}
        ORDER BY p.joined_at, o.name`,
      { caseIds },
    );
  }

  /** Loads participants and my org's assignees for a whole page in two queries, never one per case. */
  private async toViews(context: RequestContext, cases: CaseRow[]): Promise<CaseType[]> {
    if (cases.length === 0) return [];
    const membership = requireMembership(context);
    const caseIds = cases.map((row) => row.id);
    const [participants, assignees] = await Promise.all([
      this.participantsOf(context, caseIds),
      // The cases were read under the rule; the rule is repeated here for the gateway.
      context.db.read<AssigneeRow>(
        (bag) => `SELECT a.case_id, a.user_id, u.display_name
           FROM case_assignee a JOIN app_user u ON u.id = a.user_id JOIN case_file c ON c.id = a.case_id
          WHERE a.case_id IN (:...caseIds) AND a.organization_id = :organizationId
            AND ${context.access.readableCases('c', bag)}
          ORDER BY u.display_name`,
        { caseIds, organizationId: membership.organizationId },
      ),
    ]);
    return cases.map((row) => {
      const caseParticipants = participants.filter((participant) => participant.case_id === row.id);
      const origin = caseParticipants.find((participant) => participant.organization_id === row.originOrgId);
      const mine = caseParticipants.find(
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
        participants: caseParticipants.map((participant) => ({
          organization: { id: participant.organization_id, name: participant.name, kind: participant.kind },
          role: participant.role,
        })),
        assignees: assignees
          .filter((assignee) => assignee.case_id === row.id)
          .map((assignee) => ({ id: assignee.user_id, displayName: assignee.display_name })),
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        closedAt: row.closedAt,
      };
    });
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
