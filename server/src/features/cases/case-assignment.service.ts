import { assignCaseInputSchema, CASE_WORKING_ROLES } from '@vangnet/shared';
import { refuseClosed, type ScopedTransaction } from '../../core/db/gateway.js';
import { ForbiddenError } from '../../core/errors.js';
import { inputRefused, localeOf, parseInput } from '../../core/graphql/input-validation.js';
import type { CaseEventBus } from '../../core/realtime/case-events.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import type { AssignCaseInput } from './case-assignment.types.js';
import type { CaseService } from './case.service.js';
import type { CaseType, UserRefType } from './case.types.js';

/**
 * Who of an organisation works a case. Assignment is what need-to-know inside an organisation hangs on
 * (docs/product.md §1): an assigned case leaves the queue of the organisation's other case workers.
 */
export class CaseAssignmentService {
  constructor(
    private readonly cases: CaseService,
    private readonly caseEvents: CaseEventBus,
  ) {}

  async assignableUsers(context: RequestContext): Promise<UserRefType[]> {
    const membership = requireMembership(context);
    // Whoever may assign some case (the shared rule's `assign`: a team lead) may know whom to assign.
    if (!context.access.ability.can('assign', 'Case')) {
      throw new ForbiddenError('Alleen een teamleider verdeelt dossiers.');
    }
    const rows = await context.db.lookup<{ id: string; display_name: string }>(
      `SELECT DISTINCT u.id, u.display_name
         FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.organization_id = $1 AND m.role = ANY($2::membership_role[]) AND u.active
        ORDER BY u.display_name, u.id`,
      [membership.organizationId, [...CASE_WORKING_ROLES]],
    );
    return rows.map((row) => ({ id: row.id, displayName: row.display_name }));
  }

  async assignCase(context: RequestContext, input: AssignCaseInput): Promise<CaseType> {
    const membership = requireMembership(context);
    const { caseId, assigneeId } = parseInput(context, assignCaseInputSchema, input);

    const change = await context.db.transaction(async (tx) => {
      const locked = await tx.lockFor({ action: 'assign', subject: 'Case' }, caseId, {
        attempted: 'assignCase',
        forbiddenWhenVisible: 'Alleen een teamleider van een organisatie op dit dossier verdeelt het werk.',
      });
      refuseClosed(locked, 'Dit dossier is afgesloten; het wordt niet meer verdeeld.');
      if (assigneeId !== null) await requireColleague(tx, context, membership.organizationId, assigneeId);

      const previous = await tx.readLocked<{ user_id: string }>(
        locked,
        `SELECT user_id FROM case_assignee WHERE case_id = $1 AND organization_id = $2 ORDER BY user_id`,
        [locked.id, membership.organizationId],
      );
      const previousIds = previous.map((row) => row.user_id);
      if (
        previousIds.length === (assigneeId ? 1 : 0) &&
        (assigneeId === null || previousIds[0] === assigneeId)
      ) {
        return null;
      }
      await tx.write(locked, `DELETE FROM case_assignee WHERE case_id = $1 AND organization_id = $2`, [
        locked.id,
        membership.organizationId,
      ]);
      if (assigneeId !== null) {
        await tx.write(
          locked,
          `INSERT INTO case_assignee (case_id, organization_id, user_id, assigned_by_id) VALUES ($1, $2, $3, $4)`,
          [locked.id, membership.organizationId, assigneeId, membership.userId],
        );
      }
      await tx.audit({
        action: 'UPDATE',
        entityType: 'case-assignment',
        entityId: locked.id,
        caseId: locked.id,
        tenantId: locked.tenantId,
        categories: [],
        details: { previousAssigneeIds: previousIds, assigneeId },
      });
      return { caseId: locked.id, version: locked.version };
    });
    if (change) {
      await this.caseEvents.publish({ ...change, changed: ['assignment'] });
    }
    return this.cases.getCase(context, caseId);
  }
}

/** The assignee must work for the same organisation, in a role that works cases. */
async function requireColleague(
  tx: ScopedTransaction,
  context: RequestContext,
  organizationId: string,
  userId: string,
): Promise<void> {
  const [colleague] = await tx.lookup<{ id: string }>(
    `SELECT u.id FROM membership m JOIN app_user u ON u.id = m.user_id
      WHERE m.organization_id = $1 AND m.user_id = $2 AND m.role = ANY($3::membership_role[]) AND u.active
      LIMIT 1`,
    [organizationId, userId, [...CASE_WORKING_ROLES]],
  );
  if (!colleague) {
    throw inputRefused(
      [{ field: 'assigneeId', code: 'NOT_A_CASE_WORKER_THERE', params: {} }],
      localeOf(context),
    );
  }
}
