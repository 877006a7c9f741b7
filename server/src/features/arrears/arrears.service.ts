import {
  BASIS_ORIGIN,
  COLLECTION_STEP_KINDS,
  type CollectionStepKind,
  formatDutchDate,
  recordArrearsInputSchema,
  recordCollectionStepInputSchema,
  setCollectionPauseInputSchema,
  todayInAmsterdam,
} from '@vangnet/shared';
import type { LockedCase, ScopedTransaction } from '../../core/db/gateway.js';
import { BadUserInputError, ConflictError } from '../../core/errors.js';
import { parseInput } from '../../core/graphql/input-validation.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import type { CollectionPauseType, CollectionStepType } from '../cases/index.js';
import type {
  CaseArrearsType,
  RecordArrearsInput,
  RecordCollectionStepInput,
  SetCollectionPauseInput,
} from './arrears.types.js';
import { activeCollectionPause, toCollectionPause } from './collection-pause.service.js';
import { lockForCorporationWrite, refuseClosedForCorporation } from './corporation-write.js';

/** While a pause is active nothing beyond DEMAND (aanmaning) may be added (docs/product.md §2). */
const BEYOND_DEMAND: ReadonlySet<CollectionStepKind> = new Set(
  COLLECTION_STEP_KINDS.slice(COLLECTION_STEP_KINDS.indexOf('DEMAND') + 1),
);

interface ArrearsRow {
  id: string;
  case_id: string;
  amount_cents: number;
  arose_on: string;
  months_in_arrears: number;
  version: number;
  updated_at: Date;
}

const ARREARS_COLUMNS = `id, case_id, amount_cents, to_char(arose_on, 'YYYY-MM-DD') AS arose_on, months_in_arrears, version, updated_at`;

export class ArrearsService {
  /**
   * New arrears for a case. The update names the version it read: `UPDATE … WHERE version = $n`, and a
   * stale one fails with CONFLICT carrying the current row. Every change is kept in arrears_change.
   * Recording exactly what is already there changes nothing (no new history, no new version).
   */
  async recordArrears(context: RequestContext, input: RecordArrearsInput): Promise<CaseArrearsType> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const arrears = parseInput(context, recordArrearsInputSchema(today), input);

    return context.db.transaction(async (tx) => {
      const locked = await lockForCorporationWrite(tx, input.caseId, 'recordArrears');
      refuseClosedForCorporation(locked);
      const values = [arrears.amountCents, arrears.aroseOn, arrears.monthsInArrears];
      let written: ArrearsRow | undefined;
      if (input.expectedVersion === 0) {
        [written] = await tx.write<ArrearsRow>(
          locked,
          `INSERT INTO arrears (case_id, amount_cents, arose_on, months_in_arrears, origin_org_id)
           VALUES ($1, $2, $3::date, $4, $5)
           ON CONFLICT (case_id) DO NOTHING
           RETURNING ${ARREARS_COLUMNS}`,
          [locked.id, ...values, actor.organizationId],
        );
      } else {
        // Unchanged values are not a change: the WHERE leaves them alone, and the check below tells a
        // no-op from a stale version. As a CTE so the driver hands back the rows (a bare UPDATE answers
        // [rows, count]).
        [written] = await tx.write<ArrearsRow>(
          locked,
          `WITH updated AS (
             UPDATE arrears SET amount_cents = $3, arose_on = $4::date, months_in_arrears = $5,
                    version = version + 1, updated_at = now()
              WHERE case_id = $1 AND version = $2
                AND (amount_cents, arose_on, months_in_arrears) IS DISTINCT FROM ($3::integer, $4::date, $5::smallint)
             RETURNING *
           ) SELECT ${ARREARS_COLUMNS} FROM updated`,
          [locked.id, input.expectedVersion, ...values],
        );
      }
      if (!written) {
        const current = await this.current(tx, locked);
        // The same values: nothing to do.
        if (current && current.version === input.expectedVersion) return this.arrearsOf(tx, locked);
        throw new ConflictError(
          'Iemand anders heeft de huurachterstand intussen gewijzigd. Bekijk de nieuwe stand en probeer het opnieuw.',
          current
            ? {
                version: current.version,
                caseId: current.case_id,
                amountCents: current.amount_cents,
                aroseOn: current.arose_on,
                monthsInArrears: current.months_in_arrears,
                updatedAt: current.updated_at.toISOString(),
              }
            : { version: 0, caseId: locked.id },
        );
      }
      await tx.write(
        locked,
        `INSERT INTO arrears_change (case_id, amount_cents, arose_on, months_in_arrears, origin_org_id, recorded_by_id)
         VALUES ($1, $2, $3::date, $4, $5, $6)`,
        [locked.id, ...values, actor.organizationId, actor.userId],
      );
      await tx.audit({
        action: input.expectedVersion === 0 ? 'CREATE' : 'UPDATE',
        entityType: 'arrears',
        entityId: written.id,
        caseId: locked.id,
        tenantId: locked.tenantId,
        categories: ['ARREARS'],
        basis: BASIS_ORIGIN,
        details: { version: written.version },
      });
      return this.arrearsOf(tx, locked);
    });
  }

  /**
   * One rung of the collection ladder. While a collection pause is in force (starts_on ≤ today ≤
   * ends_on) nothing beyond DEMAND may be added; the refusal names the pause's end date.
   */
  async recordCollectionStep(
    context: RequestContext,
    input: RecordCollectionStepInput,
  ): Promise<CollectionStepType> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const { kind, stepDate, note } = parseInput(context, recordCollectionStepInputSchema(today), input);

    return context.db.transaction(async (tx) => {
      const locked = await lockForCorporationWrite(tx, input.caseId, 'recordCollectionStep');
      refuseClosedForCorporation(locked);
      if (BEYOND_DEMAND.has(kind)) {
        const pause = await activeCollectionPause(tx, locked, today);
        if (pause) {
          const message = `Er loopt een adempauze tot ${formatDutchDate(pause.endsOn)}; tot dan geen incassostappen na de aanmaning.`;
          throw new BadUserInputError(message, { kind: message });
        }
      }
      const [row] = await tx.write<{ id: string }>(
        locked,
        `INSERT INTO collection_step (case_id, kind, step_date, note, origin_org_id, recorded_by_id)
         VALUES ($1, $2, $3::date, $4, $5, $6) RETURNING id`,
        [locked.id, kind, stepDate, note, actor.organizationId, actor.userId],
      );
      await tx.audit({
        action: 'CREATE',
        entityType: 'collection-step',
        entityId: row!.id,
        caseId: locked.id,
        tenantId: locked.tenantId,
        categories: ['ARREARS'],
        basis: BASIS_ORIGIN,
        details: { kind },
      });
      return { id: row!.id, kind, stepDate, note };
    });
  }

  /** A pause (adempauze) set by the corporation itself: still running or ahead, at most a year long. */
  async setCollectionPause(
    context: RequestContext,
    input: SetCollectionPauseInput,
  ): Promise<CollectionPauseType> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const { startsOn, endsOn, reason } = parseInput(context, setCollectionPauseInputSchema(today), input);

    return context.db.transaction(async (tx) => {
      const locked = await lockForCorporationWrite(tx, input.caseId, 'setCollectionPause');
      refuseClosedForCorporation(locked);
      const [row] = await tx.write<{
        id: string;
        starts_on: string;
        ends_on: string;
        reason: string;
        automatic: boolean;
      }>(
        locked,
        `INSERT INTO collection_pause (case_id, starts_on, ends_on, reason, automatic, origin_org_id, recorded_by_id)
         VALUES ($1, $2::date, $3::date, $4, false, $5, $6)
         RETURNING id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, reason, automatic`,
        [locked.id, startsOn, endsOn, reason, actor.organizationId, actor.userId],
      );
      await tx.audit({
        action: 'CREATE',
        entityType: 'collection-pause',
        entityId: row!.id,
        caseId: locked.id,
        tenantId: locked.tenantId,
        categories: ['ARREARS'],
        basis: BASIS_ORIGIN,
        details: { automatic: false },
      });
      return toCollectionPause(row!);
    });
  }

  private async current(tx: ScopedTransaction, locked: LockedCase): Promise<ArrearsRow | undefined> {
    const [row] = await tx.readLocked<ArrearsRow>(
      locked,
      `SELECT ${ARREARS_COLUMNS} FROM arrears WHERE case_id = $1`,
      [locked.id],
    );
    return row;
  }

  /**
   * Read back at the end of the write, under its lock: what the caller was just allowed to write (its
   * own data, audited as the write), as it commits.
   */
  private async arrearsOf(tx: ScopedTransaction, locked: LockedCase): Promise<CaseArrearsType> {
    const caseId = locked.id;
    const current = await this.current(tx, locked);
    const history = await tx.readLocked<{
      amount_cents: number;
      arose_on: string;
      months_in_arrears: number;
      recorded_at: Date;
    }>(
      locked,
      `SELECT amount_cents, to_char(arose_on, 'YYYY-MM-DD') AS arose_on, months_in_arrears, recorded_at
         FROM arrears_change WHERE case_id = $1 ORDER BY recorded_at, id`,
      [caseId],
    );
    if (!current) throw new Error(`Case ${caseId} has no arrears after recording them`);
    return {
      caseId,
      version: current.version,
      amountCents: current.amount_cents,
      aroseOn: current.arose_on,
      monthsInArrears: current.months_in_arrears,
      updatedAt: current.updated_at,
      history: history.map((row) => ({
        amountCents: row.amount_cents,
        aroseOn: row.arose_on,
        monthsInArrears: row.months_in_arrears,
        recordedAt: row.recorded_at,
      })),
    };
  }
}
