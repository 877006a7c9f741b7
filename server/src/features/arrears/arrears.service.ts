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
import type { DataSource, EntityManager } from 'typeorm';
import { writeAuditEvent } from '../../core/audit/audit-writer.js';
import { BadUserInputError, ConflictError } from '../../core/errors.js';
import { parseInput } from '../../core/graphql/input-validation.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import type { CollectionPauseType, CollectionStepType } from '../cases/case-sections.types.js';
import type {
  CaseArrearsType,
  RecordArrearsInput,
  RecordCollectionStepInput,
  SetCollectionPauseInput,
} from './arrears.types.js';
import { activeCollectionPause, toCollectionPause } from './collection-pause.service.js';
import { lockCaseForCorporationWrite, refuseClosed } from './corporation-case-lock.js';

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
  constructor(private readonly dataSource: DataSource) {}

  /**
   * New arrears for a case. The update names the version it read: `UPDATE … WHERE version = $n`, and a
   * stale one fails with CONFLICT carrying the current row. Every change is kept in arrears_change.
   * Recording exactly what is already there changes nothing (no new history, no new version).
   */
  async recordArrears(context: RequestContext, input: RecordArrearsInput): Promise<CaseArrearsType> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const arrears = parseInput(context, recordArrearsInputSchema(today), input);

    await this.dataSource.transaction(async (manager) => {
      const locked = await lockCaseForCorporationWrite(manager, context, input.caseId, 'recordArrears');
      refuseClosed(locked);
      const values = [arrears.amountCents, arrears.aroseOn, arrears.monthsInArrears];
      let written: ArrearsRow | undefined;
      if (input.expectedVersion === 0) {
        [written] = await manager.query<ArrearsRow[]>(
          `INSERT INTO arrears (case_id, amount_cents, arose_on, months_in_arrears, origin_org_id)
           VALUES ($1, $2, $3::date, $4, $5)
           ON CONFLICT (case_id) DO NOTHING
           RETURNING ${ARREARS_COLUMNS}`,
          [locked.id, ...values, actor.organizationId],
        );
      } else {
        // Unchanged values are not a change: the WHERE leaves them alone, and the check below tells a
        // no-op from a stale version.
        const [rows] = await manager.query<[ArrearsRow[], number]>(
          `UPDATE arrears SET amount_cents = $3, arose_on = $4::date, months_in_arrears = $5,
                  version = version + 1, updated_at = now()
            WHERE case_id = $1 AND version = $2
              AND (amount_cents, arose_on, months_in_arrears) IS DISTINCT FROM ($3::integer, $4::date, $5::smallint)
           RETURNING ${ARREARS_COLUMNS}`,
          [locked.id, input.expectedVersion, ...values],
        );
        written = rows[0];
      }
      if (!written) {
        const current = await this.current(manager, locked.id);
        if (current && current.version === input.expectedVersion) return; // the same values: nothing to do
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
      await manager.query(
        `INSERT INTO arrears_change (case_id, amount_cents, arose_on, months_in_arrears, origin_org_id, recorded_by_id)
         VALUES ($1, $2, $3::date, $4, $5, $6)`,
        [locked.id, ...values, actor.organizationId, actor.userId],
      );
      await writeAuditEvent(manager, context, {
        action: input.expectedVersion === 0 ? 'CREATE' : 'UPDATE',
        entityType: 'arrears',
        entityId: written.id,
        caseId: locked.id,
        tenantId: locked.tenantId,
        categories: ['ARREARS'],
        basis: BASIS_ORIGIN,
        details: { version: written.version },
      });
    });
    return this.arrearsOf(input.caseId);
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

    return this.dataSource.transaction(async (manager) => {
      const locked = await lockCaseForCorporationWrite(
        manager,
        context,
        input.caseId,
        'recordCollectionStep',
      );
      refuseClosed(locked);
      if (BEYOND_DEMAND.has(kind)) {
        const pause = await activeCollectionPause(manager, locked.id, today);
        if (pause) {
          const message = `Er loopt een adempauze tot ${formatDutchDate(pause.endsOn)}; tot dan geen incassostappen na de aanmaning.`;
          throw new BadUserInputError(message, { kind: message });
        }
      }
      const [row] = await manager.query<{ id: string }[]>(
        `INSERT INTO collection_step (case_id, kind, step_date, note, origin_org_id, recorded_by_id)
         VALUES ($1, $2, $3::date, $4, $5, $6) RETURNING id`,
        [locked.id, kind, stepDate, note, actor.organizationId, actor.userId],
      );
      await writeAuditEvent(manager, context, {
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

    return this.dataSource.transaction(async (manager) => {
      const locked = await lockCaseForCorporationWrite(manager, context, input.caseId, 'setCollectionPause');
      refuseClosed(locked);
      const [row] = await manager.query<
        { id: string; starts_on: string; ends_on: string; reason: string; automatic: boolean }[]
      >(
        `INSERT INTO collection_pause (case_id, starts_on, ends_on, reason, automatic, origin_org_id, recorded_by_id)
         VALUES ($1, $2::date, $3::date, $4, false, $5, $6)
         RETURNING id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, reason, automatic`,
        [locked.id, startsOn, endsOn, reason, actor.organizationId, actor.userId],
      );
      await writeAuditEvent(manager, context, {
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

  private async current(manager: EntityManager, caseId: string): Promise<ArrearsRow | undefined> {
    const [row] = await manager.query<ArrearsRow[]>(
      `SELECT ${ARREARS_COLUMNS} FROM arrears WHERE case_id = $1`,
      [caseId],
    );
    return row;
  }

  /** Read back after the write, which the caller was just allowed to make (its own data, audited as the write). */
  private async arrearsOf(caseId: string): Promise<CaseArrearsType> {
    const manager = this.dataSource.manager;
    const current = await this.current(manager, caseId);
    const history = await manager.query<
      { amount_cents: number; arose_on: string; months_in_arrears: number; recorded_at: Date }[]
    >(
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
