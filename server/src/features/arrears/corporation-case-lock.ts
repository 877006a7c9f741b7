import { isUuid, type CaseStatus } from '@vangnet/shared';
import type { EntityManager } from 'typeorm';
import { ParameterBag } from '../../core/authz/casl-sql-compiler.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../core/errors.js';
import type { RequestContext } from '../../core/request-context.js';
import { CONTRACTS_LOCK } from './contracts-lock.js';

export interface LockedCase {
  readonly id: string;
  readonly reference: string;
  readonly tenantId: string;
  readonly status: CaseStatus;
  readonly crisis: boolean;
  readonly version: number;
}

/**
 * Locks a case for a write of the referring corporation (arrears, collection ladder, pauses, the
 * pre-signal gate, the signal): `SELECT … FOR UPDATE` with the `manageArrears` predicate of the access
 * rules, so the rule is checked against the actual row inside the write's transaction.
 *
 * Refused: NOT_FOUND when the actor may not see the case (identical to a case that does not exist),
 * FORBIDDEN when the case is visible but this is not the actor's action (e.g. the municipality). Both
 * are recorded as ACCESS_DENIED through the request's audit buffer, which is written when the response
 * is sent, so the refusal stays on record although the transaction rolls back.
 */
export async function lockCaseForCorporationWrite(
  manager: EntityManager,
  context: RequestContext,
  caseId: string,
  attempted: string,
): Promise<LockedCase> {
  if (!isUuid(caseId)) throw new NotFoundError();
  const bag = new ParameterBag();
  const [sql, parameters] = manager.connection.driver.escapeQueryWithParameters(
    `SELECT c.id, c.reference, c.tenant_id, c.status, c.crisis, c.version
       FROM case_file c
      WHERE c.id = :caseId AND ${context.access.casesFor('manageArrears', 'c', bag)}
      FOR UPDATE OF c`,
    { ...bag.values, caseId },
    {},
  );
  const [row] = await manager.query<
    {
      id: string;
      reference: string;
      tenant_id: string;
      status: CaseStatus;
      crisis: boolean;
      version: number;
    }[]
  >(sql, parameters);
  if (row) {
    return {
      id: row.id,
      reference: row.reference,
      tenantId: row.tenant_id,
      status: row.status,
      crisis: row.crisis,
      version: row.version,
    };
  }

  const readBag = new ParameterBag();
  const [readSql, readParameters] = manager.connection.driver.escapeQueryWithParameters(
    `SELECT c.id FROM case_file c WHERE c.id = :caseId AND ${context.access.readableCases('c', readBag)}`,
    { ...readBag.values, caseId },
    {},
  );
  const [visible] = await manager.query<{ id: string }[]>(readSql, readParameters);
  context.readAudit.record({
    action: 'ACCESS_DENIED',
    entityType: 'case',
    entityId: caseId,
    ...(visible ? { caseId } : {}),
    details: { attempted },
  });
  if (visible) {
    throw new ForbiddenError(
      'Dit kan alleen de woningcorporatie die het dossier heeft aangemaakt, en alleen wie het dossier behandelt.',
    );
  }
  throw new NotFoundError();
}

/** Nothing is added to a closed dossier. */
export function refuseClosed(locked: LockedCase): void {
  if (locked.status === 'CLOSED') {
    throw new BadUserInputError('Dit dossier is gesloten; er kan niets meer aan worden toegevoegd.', {
      caseId: 'Het dossier is gesloten.',
    });
  }
}

/**
 * The manager-based form for createCase until it goes through the gateway (then: contracts-lock.ts).
 * Serialises the creation of tenancies of one corporation (createCase and the arrears import), so two
 * requests can never open two dossiers for the same contract. Held until the transaction ends.
 */
export async function lockContractsOf(manager: EntityManager, corporationId: string): Promise<void> {
  await manager.query(CONTRACTS_LOCK, [corporationId]);
}
