import {
  BASIS_ORIGIN,
  DEFAULT_MISSED_TOLERANCE,
  DEFAULT_STREAK_LENGTH,
  DEFAULT_STREAK_REWARD_CENTS,
  createArrangementInputSchema,
  decideRewardInputSchema,
  formatDutchDate,
  formatEuroCents,
  milestonesReached,
  paymentStatus,
  planInstalments,
  proposeReward,
  recordPaymentInputSchema,
  todayInAmsterdam,
  type ArrangementMilestoneKind,
  type CalendarDate,
} from '@vangnet/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { writeAuditEvent } from '../../core/audit/audit-writer.js';
import { ParameterBag } from '../../core/authz/casl-sql-compiler.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../core/errors.js';
import { inputRefused, localeOf, parseInput } from '../../core/graphql/input-validation.js';
import type { CaseEventBus } from '../../core/realtime/case-events.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import { lockCaseForCorporationWrite, refuseClosed } from '../arrears/corporation-case-lock.js';
import type { CaseRef } from '../cases/case-sections.service.js';
import {
  ARRANGEMENT_COLUMNS,
  INSTALMENT_COLUMNS,
  MILESTONE_COLUMNS,
  toArrangement,
  type ArrangementRow,
  type InstalmentRow,
  type MilestoneRow,
} from './arrangement.rows.js';
import type {
  CreateArrangementInput,
  DecideRewardInput,
  PaymentArrangementType,
  RecordPaymentInput,
} from './arrangement.types.js';

const FORBIDDEN_MESSAGE =
  'Alleen de woningcorporatie die de betalingsregeling met de huurder heeft afgesproken, legt betalingen vast en besluit over beloningen.';

/** How milestones are rewarded on this server; see `proposeReward` in @vangnet/shared for the rules. */
export interface ArrangementSettings {
  /** A milestone at every this many on-time instalments in a row (default 3). */
  readonly streakLength?: number;
  /** Proposed for waiving collection costs when the case has no amount of its own (default €40). */
  readonly defaultStreakRewardCents?: number;
}

/** The case, arrangement and row a payment or a reward decision is about, locked for the write. */
interface LockedArrangementRow {
  readonly id: string;
  readonly arrangementId: string;
  readonly caseId: string;
  readonly tenantId: string;
}

type LockableTable = 'instalment' | 'arrangement_milestone';

/**
 * The payment arrangement (betalingsregeling, docs/product.md §4) with rewarding good behaviour. Writes belong to
 * the referring corporation: every one locks the case with the access rules' `manageArrears` predicate
 * (and, for rows of an arrangement, the row's own ARRANGEMENT read rule), is one transaction with its
 * audit rows, and is announced (`caseEvents`, changed: ARRANGEMENT) after it committed.
 */
export class ArrangementService {
  private readonly streakLength: number;
  private readonly defaultStreakRewardCents: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly caseEvents: CaseEventBus,
    settings: ArrangementSettings = {},
  ) {
    this.streakLength = settings.streakLength ?? DEFAULT_STREAK_LENGTH;
    this.defaultStreakRewardCents = settings.defaultStreakRewardCents ?? DEFAULT_STREAK_REWARD_CENTS;
  }

  async createArrangement(
    context: RequestContext,
    input: CreateArrangementInput,
  ): Promise<PaymentArrangementType> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const arrangement = parseInput(context, createArrangementInputSchema(today), input);
    const { startDate } = arrangement;
    const plan = {
      totalCents: arrangement.totalCents,
      count: arrangement.instalmentCount,
      startDate,
      dueDay: arrangement.dueDay,
    };
    const tolerance = arrangement.missedTolerance ?? DEFAULT_MISSED_TOLERANCE;
    const instalments = planInstalments(plan);

    const created = await this.dataSource.transaction(async (manager) => {
      const locked = await lockCaseForCorporationWrite(
        manager,
        context,
        arrangement.caseId,
        'createArrangement',
      );
      refuseClosed(locked);
      const [active] = await manager.query<{ id: string }[]>(
        `SELECT id FROM payment_arrangement WHERE case_id = $1 AND status = 'ACTIVE' LIMIT 1`,
        [locked.id],
      );
      if (active) {
        const message =
          'Er loopt al een betalingsregeling voor dit dossier. Er kan er maar één tegelijk lopen.';
        throw new BadUserInputError(message, { caseId: message });
      }
      const [createdRow] = await manager.query<{ id: string; version: number }[]>(
        `INSERT INTO payment_arrangement (case_id, total_cents, instalment_count, instalment_cents, start_date, due_day,
                                          missed_tolerance, origin_org_id, created_by_id)
         VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9) RETURNING id, version`,
        [
          locked.id,
          arrangement.totalCents,
          arrangement.instalmentCount,
          instalments[0]!.amountCents,
          startDate,
          arrangement.dueDay,
          tolerance,
          actor.organizationId,
          actor.userId,
        ],
      );
      await manager.query(
        `INSERT INTO instalment (arrangement_id, case_id, sequence, due_on, amount_cents, origin_org_id)
         SELECT $1, $2, s.sequence, s.due_on, s.amount_cents, $3
           FROM unnest($4::smallint[], $5::date[], $6::integer[]) AS s(sequence, due_on, amount_cents)`,
        [
          createdRow!.id,
          locked.id,
          actor.organizationId,
          instalments.map((instalment) => instalment.sequence),
          instalments.map((instalment) => instalment.dueOn),
          instalments.map((instalment) => instalment.amountCents),
        ],
      );
      await writeAuditEvent(manager, context, {
        action: 'CREATE',
        entityType: 'payment-arrangement',
        entityId: createdRow!.id,
        caseId: locked.id,
        tenantId: locked.tenantId,
        categories: ['ARRANGEMENT'],
        basis: BASIS_ORIGIN,
        details: { instalmentCount: arrangement.instalmentCount, missedTolerance: tolerance },
      });
      return { id: createdRow!.id, caseId: locked.id, version: createdRow!.version };
    });
    await this.announce(context, created.caseId, created.version, created.id);
    return this.arrangementById(created.id);
  }

  /**
   * A payment for one instalment: on or before its due date it is PAID_ON_TIME, after it PAID_LATE (a
   * MISSED instalment may still be paid, late). Then the milestones are brought up to date: every new one
   * gets its reward proposal, and when everything is paid the arrangement is COMPLETED.
   */
  async recordPayment(context: RequestContext, input: RecordPaymentInput): Promise<PaymentArrangementType> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const payment = parseInput(context, recordPaymentInputSchema(today), input);
    const { paidOn, paidCents } = payment;

    const written = await this.dataSource.transaction(async (manager) => {
      const locked = await this.lockRow(
        manager,
        context,
        'instalment',
        payment.instalmentId,
        'recordPayment',
      );
      const [instalment] = await manager.query<
        (InstalmentRow & { arrangement_status: string; total_cents: number; arrangement_start: string })[]
      >(
        `SELECT ${INSTALMENT_COLUMNS}, a.status AS arrangement_status, a.total_cents,
                to_char(a.start_date, 'YYYY-MM-DD') AS arrangement_start
           FROM instalment x JOIN payment_arrangement a ON a.id = x.arrangement_id
          WHERE x.id = $1 FOR UPDATE OF a, x`,
        [locked.id],
      );
      if (!instalment) throw new NotFoundError('Termijn');
      if (paidOn < instalment.arrangement_start) {
        throw inputRefused(
          [
            {
              field: 'paidOn',
              code: 'DATE_BEFORE_OTHER',
              params: { min: instalment.arrangement_start, other: 'arrangement.startDate' },
            },
          ],
          localeOf(context),
        );
      }
      if (instalment.paid_on) {
        const message = `Deze termijn is al betaald, op ${formatDutchDate(instalment.paid_on)}.`;
        throw new BadUserInputError(message, { instalmentId: message });
      }
      if (instalment.arrangement_status !== 'ACTIVE') {
        const message =
          'Deze betalingsregeling is verbroken; er worden geen betalingen meer op geboekt. Verwerk de betaling in de huurachterstand.';
        throw new BadUserInputError(message, { instalmentId: message });
      }
      const amount = paidCents ?? instalment.amount_cents;
      if (amount < instalment.amount_cents) {
        const message = `Een termijn is betaald als het hele bedrag binnen is: ${formatEuroCents(instalment.amount_cents)}.`;
        throw new BadUserInputError(message, { paidCents: message });
      }
      if (amount > instalment.total_cents) {
        const message = 'Dit is meer dan de hele betalingsregeling.';
        throw new BadUserInputError(message, { paidCents: message });
      }
      const status = paymentStatus(instalment.due_on, paidOn);
      await manager.query(
        `UPDATE instalment SET status = $2, paid_on = $3::date, paid_cents = $4, version = version + 1
          WHERE id = $1 AND paid_on IS NULL`,
        [instalment.id, status, paidOn, amount],
      );
      await writeAuditEvent(manager, context, {
        action: 'UPDATE',
        entityType: 'instalment',
        entityId: instalment.id,
        caseId: locked.caseId,
        tenantId: locked.tenantId,
        categories: ['ARRANGEMENT'],
        basis: BASIS_ORIGIN,
        details: { arrangementId: locked.arrangementId, sequence: instalment.sequence, status },
      });
      const version = await this.afterPayment(manager, context, locked, actor.organizationId, today);
      return { caseId: locked.caseId, arrangementId: locked.arrangementId, version };
    });
    await this.announce(context, written.caseId, written.version, written.arrangementId);
    return this.arrangementById(written.arrangementId);
  }

  /** The corporation grants or declines the reward proposed for a milestone; decided once. */
  async decideReward(context: RequestContext, input: DecideRewardInput): Promise<PaymentArrangementType> {
    const actor = requireMembership(context);
    const decision = parseInput(context, decideRewardInputSchema, input);
    const written = await this.dataSource.transaction(async (manager) => {
      const locked = await this.lockRow(
        manager,
        context,
        'arrangement_milestone',
        decision.milestoneId,
        'decideReward',
      );
      const [milestone] = await manager.query<{ id: string; reward_status: string }[]>(
        `SELECT id, reward_status FROM arrangement_milestone WHERE id = $1 FOR UPDATE`,
        [locked.id],
      );
      if (milestone?.reward_status !== 'PROPOSED') {
        const message =
          milestone?.reward_status === 'CONFIRMED'
            ? 'Deze beloning is al toegekend.'
            : 'Deze beloning is al afgewezen.';
        throw new BadUserInputError(message, { milestoneId: message });
      }
      const rewardStatus = decision.confirm ? 'CONFIRMED' : 'DECLINED';
      await manager.query(
        `UPDATE arrangement_milestone SET reward_status = $2, decided_by_id = $3, decided_at = $4, version = version + 1
          WHERE id = $1 AND reward_status = 'PROPOSED'`,
        [locked.id, rewardStatus, actor.userId, context.clock.now()],
      );
      const version = await this.bumpArrangement(manager, locked.arrangementId, null);
      await writeAuditEvent(manager, context, {
        action: 'UPDATE',
        entityType: 'arrangement-milestone',
        entityId: locked.id,
        caseId: locked.caseId,
        tenantId: locked.tenantId,
        categories: ['ARRANGEMENT'],
        basis: BASIS_ORIGIN,
        details: { arrangementId: locked.arrangementId, rewardStatus },
      });
      return { caseId: locked.caseId, arrangementId: locked.arrangementId, version };
    });
    await this.announce(context, written.caseId, written.version, written.arrangementId);
    return this.arrangementById(written.arrangementId);
  }

  /**
   * The case's payment arrangement (the current one, else the latest), for a case whose ARRANGEMENT
   * section may be read: call through `sections.readSection`. Batched per request; every row is
   * filtered in SQL by its own ARRANGEMENT read rule.
   */
  async arrangementOf(context: RequestContext, ref: CaseRef): Promise<PaymentArrangementType | null> {
    return context.loaders
      .get<PaymentArrangementType | null>('section-arrangement', async (caseIds) => {
        const arrangements = await this.readable<ArrangementRow>(
          context,
          `SELECT DISTINCT ON (x.case_id) ${ARRANGEMENT_COLUMNS}
             FROM payment_arrangement x JOIN case_file c ON c.id = x.case_id
            WHERE c.id IN (:...ids) AND {readable}
            ORDER BY x.case_id, x.created_at DESC, x.id DESC`,
          caseIds,
        );
        const arrangementIds = arrangements.map((row) => row.id);
        const [instalments, milestones] = await Promise.all([
          this.readable<InstalmentRow>(
            context,
            `SELECT ${INSTALMENT_COLUMNS} FROM instalment x JOIN case_file c ON c.id = x.case_id
              WHERE x.arrangement_id IN (:...ids) AND {readable}`,
            arrangementIds,
          ),
          this.readable<MilestoneRow>(
            context,
            `SELECT ${MILESTONE_COLUMNS} FROM arrangement_milestone x JOIN case_file c ON c.id = x.case_id
              WHERE x.arrangement_id IN (:...ids) AND {readable}`,
            arrangementIds,
          ),
        ]);
        return caseIds.map((caseId) => {
          const row = arrangements.find((arrangement) => arrangement.case_id === caseId);
          if (!row) return null;
          return toArrangement(
            row,
            instalments.filter((instalment) => instalment.arrangement_id === row.id),
            milestones.filter((milestone) => milestone.arrangement_id === row.id),
          );
        });
      })
      .load(ref.id);
  }

  /** Rows of one arrangement table, `{readable}` replaced by the row-level ARRANGEMENT rule on `x` joined to case `c`. */
  private async readable<Row>(context: RequestContext, sql: string, ids: readonly string[]): Promise<Row[]> {
    if (ids.length === 0) return [];
    const bag = new ParameterBag();
    const predicate = context.access.readableRow('ARRANGEMENT', 'c', 'x.origin_org_id', bag);
    const [escaped, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      sql.replace('{readable}', () => predicate),
      { ...bag.values, ids: [...ids] },
      {},
    );
    return this.dataSource.query<Row[]>(escaped, parameters);
  }

  /**
   * Brings the milestones up to date after a payment: every milestone the instalments now reach and
   * that is not stored yet is stored with its reward proposal (idempotent through the unique key), and
   * an arrangement whose instalments are all paid is COMPLETED. Returns the arrangement's new version.
   */
  private async afterPayment(
    manager: EntityManager,
    context: RequestContext,
    locked: LockedArrangementRow,
    originOrgId: string,
    today: CalendarDate,
  ): Promise<number> {
    const instalments = await manager.query<
      { sequence: number; status: InstalmentRow['status']; paid_on: string | null }[]
    >(
      `SELECT sequence, status, to_char(paid_on, 'YYYY-MM-DD') AS paid_on FROM instalment WHERE arrangement_id = $1`,
      [locked.arrangementId],
    );
    const reached = milestonesReached(
      instalments.map((instalment) => ({
        sequence: instalment.sequence,
        status: instalment.status,
        paidOn: instalment.paid_on,
      })),
      { streakLength: this.streakLength },
    );
    let completed = false;
    for (const milestone of reached) {
      if (milestone.kind === 'COMPLETED') completed = true;
      const reward = this.proposal(milestone.kind);
      const [stored] = await manager.query<{ id: string }[]>(
        `INSERT INTO arrangement_milestone (arrangement_id, case_id, kind, reached_at_sequence, reached_on,
                                           reward_description, reward_cents, origin_org_id)
         VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8)
         ON CONFLICT ON CONSTRAINT arrangement_milestone_once DO NOTHING
         RETURNING id`,
        [
          locked.arrangementId,
          locked.caseId,
          milestone.kind,
          milestone.reachedAtSequence,
          milestone.reachedOn ?? today,
          reward.description,
          reward.cents,
          originOrgId,
        ],
      );
      if (stored) {
        await writeAuditEvent(manager, context, {
          action: 'CREATE',
          entityType: 'arrangement-milestone',
          entityId: stored.id,
          caseId: locked.caseId,
          tenantId: locked.tenantId,
          categories: ['ARRANGEMENT'],
          basis: BASIS_ORIGIN,
          details: {
            arrangementId: locked.arrangementId,
            kind: milestone.kind,
            reachedAtSequence: milestone.reachedAtSequence,
          },
        });
      }
    }
    const version = await this.bumpArrangement(manager, locked.arrangementId, completed ? 'COMPLETED' : null);
    if (completed) {
      await writeAuditEvent(manager, context, {
        action: 'UPDATE',
        entityType: 'payment-arrangement',
        entityId: locked.arrangementId,
        caseId: locked.caseId,
        tenantId: locked.tenantId,
        categories: ['ARRANGEMENT'],
        basis: BASIS_ORIGIN,
        details: { status: 'COMPLETED' },
      });
    }
    return version;
  }

  /** The reward proposed for a milestone (the rules: `proposeReward`). The case records no collection costs of its own yet. */
  private proposal(kind: ArrangementMilestoneKind) {
    return proposeReward(kind, { defaultStreakRewardCents: this.defaultStreakRewardCents });
  }

  private async bumpArrangement(
    manager: EntityManager,
    arrangementId: string,
    status: 'COMPLETED' | null,
  ): Promise<number> {
    const [row] = await manager.query<{ version: number }[]>(
      `WITH u AS (
         UPDATE payment_arrangement SET status = COALESCE($2::arrangement_status, status), version = version + 1, updated_at = now()
          WHERE id = $1 RETURNING version)
       SELECT version FROM u`,
      [arrangementId, status],
    );
    return row!.version;
  }

  /**
   * Locks the case of an instalment or milestone for a write of the referring corporation: the case
   * with the `manageArrears` predicate, the row with its ARRANGEMENT read rule (you only change what
   * you may see). Refused: FORBIDDEN when the actor may see the row but this is not its action (a
   * partner reading the arrangement by consent), NOT_FOUND otherwise — identical for a row that does
   * not exist and one the actor may not see; both audited as ACCESS_DENIED outside the transaction.
   */
  private async lockRow(
    manager: EntityManager,
    context: RequestContext,
    table: LockableTable,
    id: string,
    attempted: string,
  ): Promise<LockedArrangementRow> {
    const what = table === 'instalment' ? 'Termijn' : 'Mijlpaal';
    const bag = new ParameterBag();
    const [sql, parameters] = manager.connection.driver.escapeQueryWithParameters(
      `SELECT x.id, x.arrangement_id, c.id AS case_id, c.tenant_id, c.status
         FROM ${table} x JOIN case_file c ON c.id = x.case_id
        WHERE x.id = :id AND ${context.access.casesFor('manageArrears', 'c', bag)}
          AND ${context.access.readableRow('ARRANGEMENT', 'c', 'x.origin_org_id', bag)}
        FOR UPDATE OF c`,
      { ...bag.values, id },
      {},
    );
    const [row] = await manager.query<
      { id: string; arrangement_id: string; case_id: string; tenant_id: string; status: string }[]
    >(sql, parameters);
    if (row) {
      if (row.status === 'CLOSED') {
        const message = 'Dit dossier is gesloten; er kan niets meer aan worden toegevoegd.';
        throw new BadUserInputError(message, { caseId: 'Het dossier is gesloten.' });
      }
      return { id: row.id, arrangementId: row.arrangement_id, caseId: row.case_id, tenantId: row.tenant_id };
    }
    const readBag = new ParameterBag();
    const [readSql, readParameters] = manager.connection.driver.escapeQueryWithParameters(
      `SELECT c.id FROM ${table} x JOIN case_file c ON c.id = x.case_id
        WHERE x.id = :id AND ${context.access.readableRow('ARRANGEMENT', 'c', 'x.origin_org_id', readBag)}`,
      { ...readBag.values, id },
      {},
    );
    const [visible] = await manager.query<{ id: string }[]>(readSql, readParameters);
    context.readAudit.record({
      action: 'ACCESS_DENIED',
      entityType: table === 'instalment' ? 'instalment' : 'arrangement-milestone',
      entityId: id,
      ...(visible ? { caseId: visible.id } : {}),
      details: { attempted },
    });
    if (visible) throw new ForbiddenError(FORBIDDEN_MESSAGE);
    throw new NotFoundError(what);
  }

  /** Tells live subscribers the arrangement changed; only after the write committed. */
  /** Names the arrangement, so only subscribers who may read it hear of the change. */
  private async announce(
    context: RequestContext,
    caseId: string,
    version: number,
    arrangementId: string,
  ): Promise<void> {
    await this.caseEvents.publish({
      caseId,
      version,
      changed: ['ARRANGEMENT'],
      rows: [{ category: 'ARRANGEMENT', table: 'payment_arrangement', ids: [arrangementId] }],
    });
  }

  /** The arrangement as its own corporation sees it, right after its write (the write checked the access). */
  private async arrangementById(id: string): Promise<PaymentArrangementType> {
    const [row] = await this.dataSource.query<ArrangementRow[]>(
      `SELECT ${ARRANGEMENT_COLUMNS} FROM payment_arrangement x WHERE x.id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError('Betalingsregeling');
    const [instalments, milestones] = await Promise.all([
      this.dataSource.query<InstalmentRow[]>(
        `SELECT ${INSTALMENT_COLUMNS} FROM instalment x WHERE x.arrangement_id = $1`,
        [id],
      ),
      this.dataSource.query<MilestoneRow[]>(
        `SELECT ${MILESTONE_COLUMNS} FROM arrangement_milestone x WHERE x.arrangement_id = $1`,
        [id],
      ),
    ]);
    return toArrangement(row, instalments, milestones);
  }
}
