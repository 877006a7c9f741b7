import type { MembershipRole } from '@vangnet/shared';
import { Brackets, type WhereExpressionBuilder } from 'typeorm';
import type { ActingMembership } from '../request-context.js';

/** Roles that work cases. A privacy officer or org admin is never a case reader by virtue of that role (SPEC §3). */
const CASE_READING_ROLES: ReadonlySet<MembershipRole> = new Set([
  'CASE_WORKER',
  'DEBT_COUNSELLOR',
  'TEAM_LEAD',
]);

/**
 * The row predicate for "cases this membership may see": its organisation participates, and
 * (need-to-know) the user is assigned, or the org has no assignee yet (the org queue), or the user
 * is a team lead. Pushed into SQL as EXISTS subqueries; every case list and read goes through here.
 */
export function visibleCasesPredicate(
  caseAlias: string,
  membership: (ActingMembership & { userId: string }) | null,
): Brackets {
  return new Brackets((where: WhereExpressionBuilder) => {
    if (!membership || !CASE_READING_ROLES.has(membership.role)) {
      where.where('1 = 0');
      return;
    }
    const parameters = { scopeOrgId: membership.organizationId, scopeUserId: membership.userId };
    where.where(
      `EXISTS (SELECT 1 FROM case_participant scope_p WHERE scope_p.case_id = ${caseAlias}.id AND scope_p.organization_id = :scopeOrgId)`,
      parameters,
    );
    if (membership.role === 'TEAM_LEAD') return;
    where.andWhere(
      new Brackets((need) => {
        need
          .where(
            `EXISTS (SELECT 1 FROM case_assignee scope_a WHERE scope_a.case_id = ${caseAlias}.id AND scope_a.organization_id = :scopeOrgId AND scope_a.user_id = :scopeUserId)`,
            parameters,
          )
          .orWhere(
            `NOT EXISTS (SELECT 1 FROM case_assignee scope_q WHERE scope_q.case_id = ${caseAlias}.id AND scope_q.organization_id = :scopeOrgId)`,
            parameters,
          );
      }),
    );
  });
}
