import {
  coarseStatusOf,
  isUuid,
  type CaseStatus,
  type OrganizationKind,
  type ParticipantRole,
} from '@vangnet/shared';
import { Brackets, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { recordRefusedCaseAccess } from '../../core/audit/refused-case-access.js';
import { ParameterBag } from '../../core/authz/casl-sql-compiler.js';
import { NotFoundError } from '../../core/errors.js';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../core/graphql/connection.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import { Case } from './case.entity.js';
import type { CaseFilter, CaseType, ReferralType } from './case.types.js';

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
  constructor(private readonly dataSource: DataSource) {}

  async listCases(
    context: RequestContext,
    args: { first?: number | null; after?: string | null; filter?: CaseFilter | null },
  ): Promise<Connection<CaseType>> {
    const membership = requireMembership(context);
    const limit = pageSize(args);
    const filtered = this.visibleCases(context).andWhere(
      this.filterPredicate(args.filter, membership.orgKind, membership.userId, membership.organizationId),
    );

    const totalCount = await filtered.clone().getCount();
    const page = filtered
      .clone()
      .orderBy('c.reference', 'DESC')
      .take(limit + 1);
    if (args.after)
      page.andWhere('c.reference < :afterReference', { afterReference: decodeCursor(args.after) });
    const rows = await page.getMany();
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
    return loadReferrals(this.dataSource, context, caseId);
  }

  /** A case the actor may not see answers exactly like a case that does not exist. */
  async getCase(context: RequestContext, id: string): Promise<CaseType> {
    requireMembership(context);
    const row = isUuid(id) ? await this.visibleCases(context).andWhere('c.id = :id', { id }).getOne() : null;
    if (!row) {
      // Refused or unknown, the caller hears the same; the attempt is on record either way.
      if (isUuid(id)) await recordRefusedCaseAccess(this.dataSource, context, id.toLowerCase(), 'readCase');
      throw new NotFoundError();
    }
    const [view] = await this.toViews(context, [row]);
    return view!;
  }

  /** Every case read starts here: the access predicate is part of the query, never applied afterwards. */
  private visibleCases(context: RequestContext): SelectQueryBuilder<Case> {
    const bag = new ParameterBag();
    return this.dataSource
      .getRepository(Case)
      .createQueryBuilder('c')
      .where(context.access.readableCases('c', bag), bag.values);
  }

  private filterPredicate(
    filter: CaseFilter | null | undefined,
    orgKind: OrganizationKind,
    userId: string,
    orgId: string,
  ): Brackets {
    return new Brackets((where) => {
      where.where('1 = 1');
      if (filter?.statuses?.length && orgKind !== 'HOUSING_CORPORATION') {
        where.andWhere('c.status IN (:...statuses)', { statuses: filter.statuses });
      }
      if (filter?.reference) {
        where.andWhere(`c.reference LIKE :referencePrefix ESCAPE '\\'`, {
          referencePrefix: `${filter.reference
            .trim()
            .toUpperCase()
            .replace(/[\\%_]/g, '\\$&')}%`,
        });
      }
      if (filter?.assignedToMe === true) {
        where.andWhere(
          'EXISTS (SELECT 1 FROM case_assignee mine WHERE mine.case_id = c.id AND mine.organization_id = :filterOrgId AND mine.user_id = :filterUserId)',
          { filterOrgId: orgId, filterUserId: userId },
        );
      } else if (filter?.assignedToMe === false) {
        where.andWhere(
          'NOT EXISTS (SELECT 1 FROM case_assignee queue WHERE queue.case_id = c.id AND queue.organization_id = :filterOrgId)',
          {
            filterOrgId: orgId,
          },
        );
      }
    });
  }

  /** The participants of these cases that the actor may see (the rule decides, in SQL). */
  private participantsOf(context: RequestContext, caseIds: string[]): Promise<ParticipantRow[]> {
    const bag = new ParameterBag();
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT p.case_id, p.organization_id, p.role, o.name, o.kind
         FROM case_participant p JOIN organization o ON o.id = p.organization_id
        WHERE p.case_id IN (:...caseIds) AND ${context.access.readableParticipants('p', bag)}
        ORDER BY p.joined_at, o.name`,
      { ...bag.values, caseIds },
      {},
    );
    return this.dataSource.query<ParticipantRow[]>(sql, parameters);
  }

  /** Loads participants and my org's assignees for a whole page in two queries, never one per case. */
  private async toViews(context: RequestContext, cases: Case[]): Promise<CaseType[]> {
    if (cases.length === 0) return [];
    const membership = requireMembership(context);
    const caseIds = cases.map((row) => row.id);
    const [participants, assignees] = await Promise.all([
      this.participantsOf(context, caseIds),
      this.dataSource.query<AssigneeRow[]>(
        `SELECT a.case_id, a.user_id, u.display_name
           FROM case_assignee a JOIN app_user u ON u.id = a.user_id
          WHERE a.case_id = ANY($1::uuid[]) AND a.organization_id = $2
          ORDER BY u.display_name`,
        [caseIds, membership.organizationId],
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
export async function loadReferrals(
  dataSource: DataSource,
  context: RequestContext,
  caseId: string,
): Promise<ReferralType[]> {
  return context.loaders
    .get('case-referrals', async (caseIds) => {
      const bag = new ParameterBag();
      const rows = await dataSource
        .createQueryBuilder()
        .select(
          `r.id, r.case_id, r.from_org_id, f.name AS from_name, f.kind AS from_kind, r.to_org_id, t.name AS to_name, t.kind AS to_kind,
           r.to_role, r.status, r.message, to_char(r.respond_by, 'YYYY-MM-DD') AS respond_by, r.responded_at, r.decline_reason, r.created_at`,
        )
        .from('referral', 'r')
        .innerJoin('case_file', 'c', 'c.id = r.case_id')
        .innerJoin('organization', 'f', 'f.id = r.from_org_id')
        .innerJoin('organization', 't', 't.id = r.to_org_id')
        .where(context.access.readableCases('c', bag), bag.values)
        .andWhere(context.access.readableReferrals('r', bag), bag.values)
        .andWhere('r.case_id IN (:...caseIds)', { caseIds: [...caseIds] })
        .orderBy('r.created_at', 'ASC')
        .getRawMany<ReferralRow>();
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
