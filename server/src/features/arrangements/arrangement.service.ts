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
import type { LockedCase, ScopedTransaction } from '../../core/db/gateway.js';
import { BadUserInputError, NotFoundError } from '../../core/errors.js';
import { inputRefused, localeOf, parseInput } from '../../core/graphql/input-validation.js';
import type { CaseEventBus } from '../../core/realtime/case-events.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import type { CaseRef } from '../../core/authz/section-access.js';
import { refuseClosedForCorporation } from '../arrears/index.js';
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
const CASE_FORBIDDEN_MESSAGE =
  'Dit kan alleen de woningcorporatie die het dossier heeft aangemaakt, en alleen wie het dossier behandelt.';

/** How milestones are rewarded on this server; see `proposeReward` in @vangnet/shared for the rules. */
export interface ArrangementSettings {
  /** A milestone at every this many on-time instalments in a row (default 3). */
  readonly streakLength?: number;
  /** Proposed for waiving collection costs when the case has no amount of its own (default €40). */
  readonly defaultStreakRewardCents?: number;
}

/** The case (locked for the write), the arrangement and the row a payment or a reward decision is about. */
interface LockedArrangementRow {
  readonly locked: LockedCase;
  /** The instalment or milestone. */
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

    const created = await context.db.transaction(async (tx) => {
      const locked = await tx.lockFor({ action: 'manageArrears', subject: 'Case' }, arrangement.caseId, {
        attempted: 'createArrangement',
        forbiddenWhenVisible: CASE_FORBIDDEN_MESSAGE,
      });
      refuseClosedForCorporation(locked);
      const [active] = await tx.readLocked<{ id: string }>(
        locked,
        `SELECT id FROM payment_arrangement WHERE case_id = $1 AND status = 'ACTIVE' LIMIT 1`,
        [locked.id],
      );
      if (active) {
        const message =
          'Er loopt al een betalingsregeling voor dit dossier. Er kan er maar één tegelijk lopen.';
        throw new BadUserInputError(message, { caseId: message });
      }
      const [createdRow] = await tx.write<{ id: string; version: number }>(
        locked,
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
      await tx.write(
        locked,
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
      await tx.audit({
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
    return this.arrangementById(context, created.id);
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

    const written = await context.db.transaction(async (tx) => {
      const locked = await this.lockRow(tx, 'instalment', payment.instalmentId, 'recordPayment');
      const [instalment] = await tx.readLocked<
        InstalmentRow & { arrangement_status: string; total_cents: number; arrangement_start: string }
      >(
        locked.locked,
        `SELECT ${INSTALMENT_COLUMNS}, a.status AS arrangement_status, a.total_cents,
                to_char(a.start_date, 'YYYY-MM-DD') AS arrangement_start
           FROM instalment x JOIN payment_arrangement a ON a.id = x.arrangement_id
          WHERE x.id = $1 AND x.case_id = $2 FOR UPDATE OF a, x`,
        [locked.id, locked.caseId],
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
      await tx.write(
        locked.locked,
        `UPDATE instalment SET status = $2, paid_on = $3::date, paid_cents = $4, version = version + 1
          WHERE id = $1 AND paid_on IS NULL AND case_id = $5`,
        [instalment.id, status, paidOn, amount, locked.caseId],
      );
      await tx.audit({
        action: 'UPDATE',
        entityType: 'instalment',
        entityId: instalment.id,
        caseId: locked.caseId,
        tenantId: locked.tenantId,
        categories: ['ARRANGEMENT'],
        basis: BASIS_ORIGIN,
        details: { arrangementId: locked.arrangementId, sequence: instalment.sequence, status },
      });
      const version = await this.afterPayment(tx, locked, actor.organizationId, today);
      return { caseId: locked.caseId, arrangementId: locked.arrangementId, version };
    });
    await this.announce(context, written.caseId, written.version, written.arrangementId);
    return this.arrangementById(context, written.arrangementId);
  }

  /** The corporation grants or declines the reward proposed for a milestone; decided once. */
  async decideReward(context: RequestContext, input: DecideRewardInput): Promise<PaymentArrangementType> {
    const actor = requireMembership(context);
    const decision = parseInput(context, decideRewardInputSchema, input);
    const written = await context.db.transaction(async (tx) => {
      const locked = await this.lockRow(tx, 'arrangement_milestone', decision.milestoneId, 'decideReward');
      const [milestone] = await tx.readLocked<{ id: string; reward_status: string }>(
        locked.locked,
        `SELECT id, reward_status FROM arrangement_milestone WHERE id = $1 AND case_id = $2 FOR UPDATE`,
        [locked.id, locked.caseId],
      );
      if (milestone?.reward_status !== 'PROPOSED') {
        const message =
          milestone?.reward_status === 'CONFIRMED'
            ? 'Deze beloning is al toegekend.'
            : 'Deze beloning is al afgewezen.';
        throw new BadUserInputError(message, { milestoneId: message });
      }
      const rewardStatus = decision.confirm ? 'CONFIRMED' : 'DECLINED';
      await tx.write(
        locked.locked,
        `UPDATE arrangement_milestone SET reward_status = $2, decided_by_id = $3, decided_at = $4, version = version + 1
          WHERE id = $1 AND reward_status = 'PROPOSED' AND case_id = $5`,
        [locked.id, rewardStatus, actor.userId, context.clock.now(), locked.caseId],
      );
      const version = await this.bumpArrangement(tx, locked, null);
      await tx.audit({
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
    return this.arrangementById(context, written.arrangementId);
  }

  /**
   * The case's payment arrangement (the current one, else the latest), for a case whose ARRANGEMENT
   * section may be read: call through `readSection` (core/authz/section-access.ts). Batched per request; every row is
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
    return context.db.read<Row>(
      (bag) =>
        sql.replace('{readable}', () =>
          context.access.readableRow('ARRANGEMENT', 'c', 'x.origin_org_id', bag),
        ),
      { ids: [...ids] },
    );
  }

  /**
   * Brings the milestones up to date after a payment: every milestone the instalments now reach and
   * that is not stored yet is stored with its reward proposal (idempotent through the unique key), and
   * an arrangement whose instalments are all paid is COMPLETED. Returns the arrangement's new version.
   */
  private async afterPayment(
    tx: ScopedTransaction,
    locked: LockedArrangementRow,
    originOrgId: string,
    today: CalendarDate,
  ): Promise<number> {
    const instalments = await tx.readLocked<{
      sequence: number;
      status: InstalmentRow['status'];
      paid_on: string | null;
    }>(
      locked.locked,
      `SELECT sequence, status, to_char(paid_on, 'YYYY-MM-DD') AS paid_on FROM instalment
        WHERE arrangement_id = $1 AND case_id = $2`,
      [locked.arrangementId, locked.caseId],
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
      const [stored] = await tx.write<{ id: string }>(
        locked.locked,
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
        await tx.audit({
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
    const version = await this.bumpArrangement(tx, locked, completed ? 'COMPLETED' : null);
    if (completed) {
      await tx.audit({
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
    tx: ScopedTransaction,
    locked: LockedArrangementRow,
    status: 'COMPLETED' | null,
  ): Promise<number> {
    const [row] = await tx.write<{ version: number }>(
      locked.locked,
      `WITH u AS (
         UPDATE payment_arrangement SET status = COALESCE($2::arrangement_status, status), version = version + 1, updated_at = now()
          WHERE id = $1 AND case_id = $3 RETURNING version)
       SELECT version FROM u`,
      [locked.arrangementId, status, locked.caseId],
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
    tx: ScopedTransaction,
    table: LockableTable,
    id: string,
    attempted: string,
  ): Promise<LockedArrangementRow> {
    const locked = await tx.lockFor(
      { action: 'manageArrears', subject: { category: 'ARRANGEMENT', table, by: 'id' } },
      id,
      {
        attempted,
        notFound: table === 'instalment' ? 'Termijn' : 'Mijlpaal',
        forbiddenWhenVisible: FORBIDDEN_MESSAGE,
      },
    );
    refuseClosedForCorporation(locked);
    const [row] = await tx.readLocked<{ arrangement_id: string }>(
      locked,
      `SELECT arrangement_id FROM ${table} WHERE id = $1 AND case_id = $2`,
      [locked.rowId, locked.id],
    );
    return {
      locked,
      id: locked.rowId!,
      arrangementId: row!.arrangement_id,
      caseId: locked.id,
      tenantId: locked.tenantId,
    };
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

  /**
   * The arrangement right after its write, as the writer reads it: under the same ARRANGEMENT row rule
   * as any read (the write's lock already required that the writer may read its row).
   */
  private async arrangementById(context: RequestContext, id: string): Promise<PaymentArrangementType> {
    const [row] = await this.readable<ArrangementRow>(
      context,
      `SELECT ${ARRANGEMENT_COLUMNS} FROM payment_arrangement x JOIN case_file c ON c.id = x.case_id
        WHERE x.id IN (:...ids) AND {readable}`,
      [id],
    );
    if (!row) throw new NotFoundError('Betalingsregeling');
    const [instalments, milestones] = await Promise.all([
      this.readable<InstalmentRow>(
        context,
        `SELECT ${INSTALMENT_COLUMNS} FROM instalment x JOIN case_file c ON c.id = x.case_id
          WHERE x.arrangement_id IN (:...ids) AND {readable}`,
        [id],
      ),
      this.readable<MilestoneRow>(
        context,
        `SELECT ${MILESTONE_COLUMNS} FROM arrangement_milestone x JOIN case_file c ON c.id = x.case_id
          WHERE x.arrangement_id IN (:...ids) AND {readable}`,
        [id],
      ),
    ]);
    return toArrangement(row, instalments, milestones);
  }
}
