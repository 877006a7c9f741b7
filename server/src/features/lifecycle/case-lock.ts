/*
 * Interim: what features not yet converted to the gateway (signals, action-plans) still import from
 * here; lifecycle, cases and referrals lock through `tx.lockFor` (core/db/gateway.ts). Delete this file
 * once those callers are converted, which is why the gateway rules are switched off for it alone.
 */
/* eslint-disable no-restricted-imports, no-restricted-syntax */
import { isUuid, type CaseStatus } from '@vangnet/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { ParameterBag } from '../../core/authz/casl-sql-compiler.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../core/errors.js';
import { recordRefusedCaseAccess } from '../../core/audit/refused-case-access.js';
import type { RequestContext } from '../../core/request-context.js';

/** Runs SQL with :named parameters (the access predicates bind theirs that way). */
export function namedQuery<Row>(
  runner: EntityManager | DataSource,
  sql: string,
  parameters: Record<string, unknown>,
): Promise<Row[]> {
  const driver = 'connection' in runner ? runner.connection.driver : runner.driver;
  const [escaped, values] = driver.escapeQueryWithParameters(sql, parameters, {});
  return runner.query<Row[]>(escaped, values);
}

/** The case row as a write of the municipality side, a referral or a transition needs it. */
export interface LockedCase {
  readonly id: string;
  readonly reference: string;
  readonly tenantId: string;
  readonly originOrgId: string;
  readonly status: CaseStatus;
  readonly crisis: boolean;
  readonly version: number;
  readonly helpRequestedAt: Date | null;
  readonly firstConversationAt: Date | null;
}

type CaseWriteAction = 'workSignal' | 'refer' | 'transition' | 'assign';

const REFUSAL: Record<CaseWriteAction, string> = {
  workSignal: 'Dit doet de gemeente die het vroegsignaal of de verwijzing heeft ontvangen.',
  refer: 'Je kunt dit dossier niet verwijzen.',
  transition: 'Je kunt de fase van dit dossier niet wijzigen.',
  assign: 'Alleen een teamleider van een organisatie op dit dossier verdeelt het werk.',
};

/**
 * Locks a case for a write (`SELECT … FOR UPDATE` with the predicate of the action from the access
 * rules), so the rule is checked against the actual row inside the write's transaction.
 *
 * Refused: NOT_FOUND when the actor may not see the case (identical to a case that does not exist),
 * FORBIDDEN when the case is visible but the action is not the actor's. Both are recorded as
 * ACCESS_DENIED through the request's audit buffer, which is written when the response is sent, so the
 * refusal stays on record although the transaction rolls back.
 */
export async function lockCaseFor(
  manager: EntityManager,
  context: RequestContext,
  action: CaseWriteAction,
  caseId: string,
  attempted: string,
): Promise<LockedCase> {
  if (!isUuid(caseId)) throw new NotFoundError();
  const bag = new ParameterBag();
  const [row] = await namedQuery<{
    id: string;
    reference: string;
    tenant_id: string;
    origin_org_id: string;
    status: CaseStatus;
    crisis: boolean;
    version: number;
    help_requested_at: Date | null;
    first_conversation_at: Date | null;
  }>(
    manager,
    `SELECT c.id, c.reference, c.tenant_id, c.origin_org_id, c.status, c.crisis, c.version, c.help_requested_at, c.first_conversation_at
       FROM case_file c
      WHERE c.id = :caseId AND ${context.access.casesFor(action, 'c', bag)}
      FOR UPDATE OF c`,
    { ...bag.values, caseId },
  );
  if (row) {
    return {
      id: row.id,
      reference: row.reference,
      tenantId: row.tenant_id,
      originOrgId: row.origin_org_id,
      status: row.status,
      crisis: row.crisis,
      version: row.version,
      helpRequestedAt: row.help_requested_at,
      firstConversationAt: row.first_conversation_at,
    };
  }
  const readBag = new ParameterBag();
  const [visible] = await namedQuery<{ id: string }>(
    manager,
    `SELECT c.id FROM case_file c WHERE c.id = :caseId AND ${context.access.readableCases('c', readBag)}`,
    { ...readBag.values, caseId },
  );
  await recordRefusedCaseAccess(manager, context, caseId, attempted);
  if (visible) throw new ForbiddenError(REFUSAL[action]);
  throw new NotFoundError();
}

/** Nothing more happens to a closed dossier. */
export function refuseClosed(locked: LockedCase, message: string): void {
  if (locked.status === 'CLOSED')
    throw new BadUserInputError(message, { caseId: 'Het dossier is afgesloten.' });
}
