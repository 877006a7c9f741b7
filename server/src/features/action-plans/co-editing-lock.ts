import { isUuid, type CaseStatus, type DataCategory } from '@vangnet/shared';
import type { EntityManager } from 'typeorm';
import { ParameterBag } from '../../core/authz/casl-sql-compiler.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../core/errors.js';
import type { RequestContext } from '../../core/request-context.js';
import { namedQuery } from '../lifecycle/case-lock.js';

/** The case a co-editing write holds locked until its transaction ends. */
export interface CoEditedCase {
  readonly id: string;
  readonly tenantId: string;
  readonly status: CaseStatus;
  readonly version: number;
}

/** The ACTION_PLAN tables a write can target row by row. */
export type CoEditedTable = 'action_plan' | 'action_plan_goal' | 'action_item';

/**
 * What a co-editing write needs to be allowed to see — you may only edit what you may see:
 * - `section`: the case and the category (`readableSection`): adding to the plan, a shared note;
 * - `case`: the case alone (`readableCases`): a note for the own organisation only, which nobody else
 *   ever reads;
 * - `row`: one existing row under the category's row rule (`readableRow`), joined to its case.
 */
export type CoEditTarget =
  | { readonly kind: 'section'; readonly category: DataCategory; readonly caseId: string }
  | { readonly kind: 'case'; readonly caseId: string }
  | {
      readonly kind: 'row';
      readonly category: DataCategory;
      readonly table: CoEditedTable;
      /** Find the row by its id, or (the plan) by its case. */
      readonly by: 'id' | 'case_id';
      readonly key: string;
    };

export interface Refusal {
  /** Audit: what was attempted on what. */
  readonly attempted: string;
  readonly entityType: string;
  readonly entityId: string;
  /** The NOT_FOUND answer, identical whether the target does not exist or may not be seen. */
  readonly notFound: string;
  /** When set, a visible case whose section is withheld answers FORBIDDEN with this message. */
  readonly forbiddenWhenVisible?: string;
}

/**
 * Locks the case of a co-editing write (`SELECT … FOR UPDATE OF c`) with the predicate of what the
 * write needs to see, so the rule is checked against the actual rows inside the write's transaction and
 * concurrent writes on one case take turns.
 *
 * Refused: NOT_FOUND (or FORBIDDEN, see Refusal) recorded as ACCESS_DENIED through the request's audit
 * buffer, which is written when the response is sent, so the refusal stays on record although the
 * transaction rolls back.
 */
export async function lockForCoEditing(
  manager: EntityManager,
  context: RequestContext,
  target: CoEditTarget,
  refusal: Refusal,
): Promise<CoEditedCase> {
  const key = target.kind === 'row' ? target.key : target.caseId;
  if (!isUuid(key)) throw deny(context, refusal, null, false);
  const bag = new ParameterBag();
  let sql: string;
  if (target.kind === 'row') {
    sql = `SELECT c.id, c.tenant_id, c.status, c.version
             FROM ${target.table} x JOIN case_file c ON c.id = x.case_id
            WHERE x.${target.by} = :key AND ${context.access.readableRow(target.category, 'c', 'x.origin_org_id', bag)}
            FOR UPDATE OF c`;
  } else {
    const predicate =
      target.kind === 'section'
        ? context.access.readableSection(target.category, 'c', bag)
        : context.access.readableCases('c', bag);
    sql = `SELECT c.id, c.tenant_id, c.status, c.version FROM case_file c WHERE c.id = :key AND ${predicate} FOR UPDATE OF c`;
  }
  const [row] = await namedQuery<{ id: string; tenant_id: string; status: CaseStatus; version: number }>(
    manager,
    sql,
    { ...bag.values, key },
  );
  if (row) return { id: row.id, tenantId: row.tenant_id, status: row.status, version: row.version };

  // Refused: name the case in the audit trail when the actor could see it (the refusal belongs to it).
  const caseId =
    target.kind === 'row'
      ? ((
          await manager.query<{ case_id: string }[]>(
            `SELECT case_id FROM ${target.table} WHERE ${target.by} = $1`,
            [target.key],
          )
        )[0]?.case_id ?? null)
      : target.caseId;
  let visible = false;
  if (caseId) {
    const readBag = new ParameterBag();
    const [found] = await namedQuery<{ id: string }>(
      manager,
      `SELECT c.id FROM case_file c WHERE c.id = :caseId AND ${context.access.readableCases('c', readBag)}`,
      { ...readBag.values, caseId },
    );
    visible = Boolean(found);
  }
  throw deny(context, refusal, visible ? caseId : null, visible);
}

function deny(
  context: RequestContext,
  refusal: Refusal,
  visibleCaseId: string | null,
  visible: boolean,
): Error {
  context.readAudit.record({
    action: 'ACCESS_DENIED',
    entityType: refusal.entityType,
    entityId: isUuid(refusal.entityId) ? refusal.entityId : null,
    ...(visibleCaseId ? { caseId: visibleCaseId } : {}),
    details: { attempted: refusal.attempted },
  });
  if (visible && refusal.forbiddenWhenVisible) return new ForbiddenError(refusal.forbiddenWhenVisible);
  return new NotFoundError(refusal.notFound);
}

/** A closed dossier takes no more writes. */
export function refuseClosed(locked: CoEditedCase, message: string): void {
  if (locked.status === 'CLOSED')
    throw new BadUserInputError(message, { caseId: 'Het dossier is afgesloten.' });
}
