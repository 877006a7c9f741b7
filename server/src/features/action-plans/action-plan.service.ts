import {
  actionItemCommentInputSchema,
  actionItemPatchSchema,
  actionPlanGoalPatchSchema,
  actionPlanPatchSchema,
  actionPlanVersionSchema,
  addActionItemInputSchema,
  addActionPlanConditionInputSchema,
  addActionPlanGoalInputSchema,
  BASIS_ORIGIN,
  CASE_WORKING_ROLES,
  isUuid,
  todayInAmsterdam,
  validateInput,
  type AuditAction,
} from '@vangnet/shared';
import type * as z from 'zod/mini';
import {
  refuseClosed,
  type LockableRowTable,
  type LockedCase,
  type Refusal,
  type ScopedTransaction,
} from '../../core/db/gateway.js';
import { auditBasis, readSection, sectionAccessOf, type CaseRef } from '../../core/authz/section-access.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../core/errors.js';
import type { CaseChange } from '../../core/realtime/case-events.js';
import { inputRefused, localeOf, parseInput } from '../../core/graphql/input-validation.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import {
  HISTORY_ENTITY,
  loadComment,
  loadConditions,
  loadGoals,
  loadItems,
  loadPlans,
} from './action-plan.read.js';
import type {
  ActionItemCommentType,
  ActionItemType,
  ActionPlanConditionType,
  ActionPlanGoalType,
  ActionPlanType,
  AddActionItemCommentInput,
  AddActionItemInput,
  AddActionPlanConditionInput,
  AddActionPlanGoalInput,
  UpdateActionItemInput,
  UpdateActionPlanGoalInput,
  UpdateActionPlanInput,
} from './action-plan.types.js';
import {
  applyDiffs,
  diffFields,
  recordFieldChanges,
  type FieldDiff,
  type FieldValue,
} from './change-history.js';

/** The ACTION_PLAN tables a write can target row by row. */
type CoEditedTable = Extract<LockableRowTable, 'action_plan' | 'action_plan_goal' | 'action_item'>;

/** A write's answer, and the change to announce once it committed (null: nothing changed). */
export interface CoEditOutcome<T> {
  readonly value: T;
  readonly change: CaseChange | null;
}

const PLAN = 'Plan van aanpak';
const ITEM = 'Actie';
const GOAL = 'Doel';
const CLOSED = 'Dit dossier is afgesloten; het plan van aanpak kan niet meer veranderen.';
const CONFLICT_MESSAGE = {
  item: 'Iemand anders heeft deze actie intussen gewijzigd. Bekijk de nieuwe versie en probeer het opnieuw.',
  goal: 'Iemand anders heeft dit doel intussen gewijzigd. Bekijk de nieuwe versie en probeer het opnieuw.',
  plan: 'Iemand anders heeft het plan van aanpak intussen gewijzigd. Bekijk de nieuwe versie en probeer het opnieuw.',
} as const;

/** Raised inside a transaction when the version named is not the current one; answered after rollback. */
class StaleVersion extends Error {
  constructor(
    readonly kind: 'item' | 'goal' | 'plan',
    readonly key: string,
  ) {
    super(`stale ${kind} ${key}`);
  }
}

interface ItemValues extends Record<string, FieldValue> {
  title: string;
  description: FieldValue;
  ownerOrgId: string;
  assigneeId: FieldValue;
  dueDate: FieldValue;
  status: string;
}

interface GoalValues extends Record<string, FieldValue> {
  what: string;
  measure: string;
  targetDate: FieldValue;
}

interface PlanValues extends Record<string, FieldValue> {
  helpRequest: FieldValue;
  tenantSignedOffOn: FieldValue;
  tenantSignOffChannel: FieldValue;
}

/**
 * An update's version and its patch, checked together so every problem is named at once. The patch's
 * fields are named as before (`title`, not `patch.title`); a field left out of the patch stays as it is.
 */
function parsePatch<Schema extends z.ZodMiniType>(
  context: RequestContext,
  input: { readonly expectedVersion: unknown; readonly patch?: unknown },
  patchSchema: Schema,
  minimumVersion: 0 | 1,
): z.output<Schema> {
  const version = validateInput(actionPlanVersionSchema(minimumVersion), input);
  const patch = validateInput(patchSchema, input.patch ?? {});
  const issues = [...(version.success ? [] : version.issues), ...(patch.success ? [] : patch.issues)];
  if (issues.length > 0 || !patch.success) throw inputRefused(issues, localeOf(context));
  return patch.value;
}

/**
 * The plan van aanpak (docs/product.md §4), co-edited by every organisation on the case that may read ACTION_PLAN:
 * you may only edit what you may see. Every write locks its case with that rule (SELECT … FOR UPDATE),
 * so writes on one case take turns; editable rows carry a version, and an update naming another version
 * than the current one fails with CONFLICT and the current row — no lost updates. Every changed field
 * is kept in change_history, in the same transaction as the change and its audit row.
 */
export class ActionPlanService {
  /** Case.actionPlan: null when ACTION_PLAN is withheld; the plan's rows under the row rule, batched per request. */
  actionPlanOf(context: RequestContext, ref: CaseRef): Promise<ActionPlanType | null> {
    return readSection(context, ref, 'ACTION_PLAN', () =>
      context.loaders.get('action-plan', (caseIds) => loadPlans(context, caseIds)).load(ref.id),
    );
  }

  async addActionItem(
    context: RequestContext,
    input: AddActionItemInput,
  ): Promise<CoEditOutcome<ActionItemType>> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const { title, description, ownerOrgId, assigneeId, dueDate } = parseInput(
      context,
      addActionItemInputSchema(today),
      input,
    );

    const basis = await this.writeBasis(context, await this.caseRef(context, input.caseId));
    const written = await context.db.transaction(async (tx) => {
      const locked = await this.lockSection(tx, input.caseId, 'addActionItem');
      await this.checkOwnerAndAssignee(tx, context, locked, ownerOrgId, assigneeId);
      const plan = await this.ensurePlan(tx, locked, actor.organizationId);
      const [row] = await tx.write<{ id: string }>(
        locked,
        `INSERT INTO action_item (plan_id, case_id, title, description, owner_org_id, assignee_id, due_date, origin_org_id, created_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9) RETURNING id`,
        [
          plan.id,
          locked.id,
          title,
          description,
          ownerOrgId,
          assigneeId,
          dueDate,
          actor.organizationId,
          actor.userId,
        ],
      );
      await this.audit(tx, locked, basis, 'CREATE', 'action-item', row!.id, {
        ownerOrgId,
        planCreated: plan.created,
      });
      return { id: row!.id, locked };
    });
    const [item] = await loadItems(context, { ids: [written.id] });
    if (!item) throw new NotFoundError(ITEM);
    return { value: item, change: changed(written.locked, 'action_item', written.id) };
  }

  async updateActionItem(
    context: RequestContext,
    input: UpdateActionItemInput,
  ): Promise<CoEditOutcome<ActionItemType>> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const requested: Partial<ItemValues> = parsePatch(context, input, actionItemPatchSchema(today), 1);

    const ref = await this.rowCaseRef(context, 'action_item', 'id', input.id);
    const basis = await this.writeBasis(context, ref);
    const stale = { kind: 'item' as const, key: input.id, caseId: ref?.id ?? null, basis };
    const written = await this.guarded(context, stale, () =>
      context.db.transaction(async (tx) => {
        const locked = await this.lockRow(tx, 'action_item', 'id', input.id, {
          attempted: 'updateActionItem',
          entityType: 'action-item',
          notFound: ITEM,
        });
        const [current] = await tx.readLocked<ItemValues & { version: number }>(
          locked,
          `SELECT title, description, owner_org_id AS "ownerOrgId", assignee_id AS "assigneeId",
                  to_char(due_date, 'YYYY-MM-DD') AS "dueDate", status::text AS status, version
             FROM action_item WHERE id = $1 AND case_id = $2`,
          [input.id, locked.id],
        );
        if (!current || current.version !== input.expectedVersion) throw new StaleVersion('item', input.id);
        const { version, ...values } = current;
        const diffs = diffFields<ItemValues>(values, requested);
        if (diffs.length === 0) return null; // nothing changes: no new version, no history
        const next = applyDiffs(values, diffs);
        if (touches(diffs, 'ownerOrgId', 'assigneeId'))
          await this.checkOwnerAndAssignee(tx, context, locked, next.ownerOrgId, next.assigneeId);
        const [updated] = await tx.write<{ version: number }>(
          locked,
          `WITH u AS (
             UPDATE action_item
                SET title = $3, description = $4, owner_org_id = $5, assignee_id = $6, due_date = $7::date,
                    status = $8::action_item_status, version = version + 1, updated_at = now()
              WHERE id = $1 AND version = $2 AND case_id = $9
             RETURNING version)
           SELECT version FROM u`,
          [
            input.id,
            version,
            next.title,
            next.description,
            next.ownerOrgId,
            next.assigneeId,
            next.dueDate,
            next.status,
            locked.id,
          ],
        );
        if (!updated) throw new StaleVersion('item', input.id);
        await this.history(tx, actor, locked, HISTORY_ENTITY.item, input.id, updated.version, diffs);
        await this.audit(tx, locked, basis, 'UPDATE', 'action-item', input.id, {
          version: updated.version,
          fields: diffs.map((diff) => diff.field),
        });
        return locked;
      }),
    );
    const [item] = await loadItems(context, { ids: [input.id] });
    if (!item) throw new NotFoundError(ITEM);
    return { value: item, change: written ? changed(written, 'action_item', input.id) : null };
  }

  /** Comments are append-only: they carry no version and never conflict. */
  async addActionItemComment(
    context: RequestContext,
    input: AddActionItemCommentInput,
  ): Promise<CoEditOutcome<ActionItemCommentType>> {
    const actor = requireMembership(context);
    const { body } = parseInput(context, actionItemCommentInputSchema, input);

    const basis = await this.writeBasis(
      context,
      await this.rowCaseRef(context, 'action_item', 'id', input.actionItemId),
    );
    const written = await context.db.transaction(async (tx) => {
      const locked = await this.lockRow(tx, 'action_item', 'id', input.actionItemId, {
        attempted: 'addActionItemComment',
        entityType: 'action-item',
        notFound: ITEM,
      });
      const [row] = await tx.write<{ id: string }>(
        locked,
        `INSERT INTO action_item_comment (action_item_id, case_id, body, origin_org_id, author_id)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [input.actionItemId, locked.id, body, actor.organizationId, actor.userId],
      );
      await this.audit(tx, locked, basis, 'CREATE', 'action-item-comment', row!.id, {
        actionItemId: input.actionItemId,
      });
      return { id: row!.id, locked };
    });
    const comment = await loadComment(context, written.id);
    if (!comment) throw new NotFoundError('Opmerking');
    return { value: comment, change: changed(written.locked, 'action_item_comment', written.id) };
  }

  /**
   * The plan itself: help request and the tenant's sign-off. `expectedVersion` 0 creates the plan
   * (version 1, with a history entry for every field it fills in).
   */
  async updateActionPlan(
    context: RequestContext,
    input: UpdateActionPlanInput,
  ): Promise<CoEditOutcome<ActionPlanType>> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const requested: Partial<PlanValues> = parsePatch(context, input, actionPlanPatchSchema(today), 0);

    const ref = await this.caseRef(context, input.caseId);
    const basis = await this.writeBasis(context, ref);
    const stale = { kind: 'plan' as const, key: input.caseId, caseId: ref?.id ?? null, basis };
    const written = await this.guarded(context, stale, () =>
      context.db.transaction(async (tx) => {
        const creating = input.expectedVersion === 0;
        const locked = creating
          ? await this.lockSection(tx, input.caseId, 'updateActionPlan')
          : await this.lockRow(tx, 'action_plan', 'case_id', input.caseId, {
              attempted: 'updateActionPlan',
              entityType: 'action-plan',
              notFound: PLAN,
            });
        const [current] = await tx.readLocked<PlanValues & { id: string; version: number }>(
          locked,
          `SELECT id, help_request AS "helpRequest", to_char(tenant_signed_off_on, 'YYYY-MM-DD') AS "tenantSignedOffOn",
                  tenant_sign_off_channel::text AS "tenantSignOffChannel", version
             FROM action_plan WHERE case_id = $1`,
          [locked.id],
        );
        if (creating ? current : current?.version !== input.expectedVersion)
          throw new StaleVersion('plan', input.caseId);
        const values: PlanValues = current
          ? {
              helpRequest: current.helpRequest,
              tenantSignedOffOn: current.tenantSignedOffOn,
              tenantSignOffChannel: current.tenantSignOffChannel,
            }
          : { helpRequest: null, tenantSignedOffOn: null, tenantSignOffChannel: null };
        const diffs = diffFields<PlanValues>(values, requested);
        const next = applyDiffs(values, diffs);
        if ((next.tenantSignedOffOn === null) !== (next.tenantSignOffChannel === null)) {
          throw new BadUserInputError(
            'Leg de instemming van de huurder vast met datum én manier.',
            next.tenantSignedOffOn === null
              ? { tenantSignedOffOn: 'Vul ook de datum in waarop de huurder instemde.' }
              : { tenantSignOffChannel: 'Kies ook hoe de huurder instemde.' },
          );
        }
        if (!creating && diffs.length === 0) return null;
        let plan: { id: string; version: number };
        if (current) {
          const [updated] = await tx.write<{ id: string; version: number }>(
            locked,
            `WITH u AS (
               UPDATE action_plan
                  SET help_request = $3, tenant_signed_off_on = $4::date, tenant_sign_off_channel = $5::consent_channel,
                      version = version + 1, updated_at = now()
                WHERE id = $1 AND version = $2 AND case_id = $6
               RETURNING id, version)
             SELECT id, version FROM u`,
            [
              current.id,
              current.version,
              next.helpRequest,
              next.tenantSignedOffOn,
              next.tenantSignOffChannel,
              locked.id,
            ],
          );
          if (!updated) throw new StaleVersion('plan', input.caseId);
          plan = updated;
        } else {
          const [inserted] = await tx.write<{ id: string; version: number }>(
            locked,
            `INSERT INTO action_plan (case_id, help_request, tenant_signed_off_on, tenant_sign_off_channel, origin_org_id)
             VALUES ($1, $2, $3::date, $4::consent_channel, $5)
             ON CONFLICT (case_id) DO NOTHING RETURNING id, version`,
            [
              locked.id,
              next.helpRequest,
              next.tenantSignedOffOn,
              next.tenantSignOffChannel,
              actor.organizationId,
            ],
          );
          if (!inserted) throw new StaleVersion('plan', input.caseId);
          plan = inserted;
        }
        await this.history(tx, actor, locked, HISTORY_ENTITY.plan, plan.id, plan.version, diffs);
        await this.audit(tx, locked, basis, current ? 'UPDATE' : 'CREATE', 'action-plan', plan.id, {
          version: plan.version,
          fields: diffs.map((diff) => diff.field),
        });
        return locked;
      }),
    );
    const plan = await this.planOf(context, input.caseId, basis);
    return { value: plan, change: written && plan.id ? changed(written, 'action_plan', plan.id) : null };
  }

  async addActionPlanGoal(
    context: RequestContext,
    input: AddActionPlanGoalInput,
  ): Promise<CoEditOutcome<ActionPlanGoalType>> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const { what, measure, targetDate } = parseInput(context, addActionPlanGoalInputSchema(today), input);

    const basis = await this.writeBasis(context, await this.caseRef(context, input.caseId));
    const written = await context.db.transaction(async (tx) => {
      const locked = await this.lockSection(tx, input.caseId, 'addActionPlanGoal');
      const plan = await this.ensurePlan(tx, locked, actor.organizationId);
      const [row] = await tx.write<{ id: string }>(
        locked,
        `INSERT INTO action_plan_goal (plan_id, case_id, what, measure, target_date, origin_org_id, created_by_id)
         VALUES ($1, $2, $3, $4, $5::date, $6, $7) RETURNING id`,
        [plan.id, locked.id, what, measure, targetDate, actor.organizationId, actor.userId],
      );
      await this.audit(tx, locked, basis, 'CREATE', 'action-plan-goal', row!.id, {
        planCreated: plan.created,
      });
      return { id: row!.id, locked };
    });
    const [goal] = await loadGoals(context, { ids: [written.id] });
    if (!goal) throw new NotFoundError(GOAL);
    return { value: goal, change: changed(written.locked, 'action_plan_goal', written.id) };
  }

  async updateActionPlanGoal(
    context: RequestContext,
    input: UpdateActionPlanGoalInput,
  ): Promise<CoEditOutcome<ActionPlanGoalType>> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const requested: Partial<GoalValues> = parsePatch(context, input, actionPlanGoalPatchSchema(today), 1);

    const ref = await this.rowCaseRef(context, 'action_plan_goal', 'id', input.id);
    const basis = await this.writeBasis(context, ref);
    const stale = { kind: 'goal' as const, key: input.id, caseId: ref?.id ?? null, basis };
    const written = await this.guarded(context, stale, () =>
      context.db.transaction(async (tx) => {
        const locked = await this.lockRow(tx, 'action_plan_goal', 'id', input.id, {
          attempted: 'updateActionPlanGoal',
          entityType: 'action-plan-goal',
          notFound: GOAL,
        });
        const [current] = await tx.readLocked<GoalValues & { version: number }>(
          locked,
          `SELECT what, measure, to_char(target_date, 'YYYY-MM-DD') AS "targetDate", version
             FROM action_plan_goal WHERE id = $1 AND case_id = $2`,
          [input.id, locked.id],
        );
        if (!current || current.version !== input.expectedVersion) throw new StaleVersion('goal', input.id);
        const { version, ...values } = current;
        const diffs = diffFields<GoalValues>(values, requested);
        if (diffs.length === 0) return null;
        const next = applyDiffs(values, diffs);
        const [updated] = await tx.write<{ version: number }>(
          locked,
          `WITH u AS (
             UPDATE action_plan_goal
                SET what = $3, measure = $4, target_date = $5::date, version = version + 1, updated_at = now()
              WHERE id = $1 AND version = $2 AND case_id = $6
             RETURNING version)
           SELECT version FROM u`,
          [input.id, version, next.what, next.measure, next.targetDate, locked.id],
        );
        if (!updated) throw new StaleVersion('goal', input.id);
        await this.history(tx, actor, locked, HISTORY_ENTITY.goal, input.id, updated.version, diffs);
        await this.audit(tx, locked, basis, 'UPDATE', 'action-plan-goal', input.id, {
          version: updated.version,
          fields: diffs.map((diff) => diff.field),
        });
        return locked;
      }),
    );
    const [goal] = await loadGoals(context, { ids: [input.id] });
    if (!goal) throw new NotFoundError(GOAL);
    return { value: goal, change: written ? changed(written, 'action_plan_goal', input.id) : null };
  }

  async addActionPlanCondition(
    context: RequestContext,
    input: AddActionPlanConditionInput,
  ): Promise<CoEditOutcome<ActionPlanConditionType>> {
    const actor = requireMembership(context);
    const { text } = parseInput(context, addActionPlanConditionInputSchema, input);

    const basis = await this.writeBasis(context, await this.caseRef(context, input.caseId));
    const written = await context.db.transaction(async (tx) => {
      const locked = await this.lockSection(tx, input.caseId, 'addActionPlanCondition');
      const plan = await this.ensurePlan(tx, locked, actor.organizationId);
      const [row] = await tx.write<{ id: string }>(
        locked,
        `INSERT INTO action_plan_condition (plan_id, case_id, text, origin_org_id, created_by_id)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [plan.id, locked.id, text, actor.organizationId, actor.userId],
      );
      await this.audit(tx, locked, basis, 'CREATE', 'action-plan-condition', row!.id, {
        planCreated: plan.created,
      });
      return { id: row!.id, locked };
    });
    const [condition] = await loadConditions(context, { ids: [written.id] });
    if (!condition) throw new NotFoundError('Afspraak');
    return {
      value: condition,
      change: changed(written.locked, 'action_plan_condition', written.id),
    };
  }

  /** The whole plan after a write; it shows other organisations' rows too, so it is a read on record. */
  private async planOf(context: RequestContext, caseId: string, basis: string): Promise<ActionPlanType> {
    const [plan] = await loadPlans(context, [caseId]);
    if (!plan) throw new NotFoundError(PLAN);
    context.readAudit.record({
      action: 'READ',
      entityType: 'case',
      entityId: caseId,
      caseId,
      categories: ['ACTION_PLAN'],
      basis,
    });
    return plan;
  }

  /**
   * Runs a versioned write; a stale version is answered after the rollback with the row as it is now
   * (read under the same row rule as any read, and recorded as a read), so the client can show both and
   * let the user merge.
   */
  private async guarded<T>(
    context: RequestContext,
    stale: { kind: StaleVersion['kind']; key: string; caseId: string | null; basis: string },
    write: () => Promise<T>,
  ): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof StaleVersion)) throw error;
      throw await this.conflict(context, stale);
    }
  }

  private async conflict(
    context: RequestContext,
    stale: { kind: StaleVersion['kind']; key: string; caseId: string | null; basis: string },
  ): Promise<Error> {
    const { kind, key } = stale;
    const current =
      kind === 'item'
        ? (await loadItems(context, { ids: [key] }))[0]
        : kind === 'goal'
          ? (await loadGoals(context, { ids: [key] }))[0]
          : (await loadPlans(context, [key]))[0];
    if (!current) return new NotFoundError(kind === 'item' ? ITEM : kind === 'goal' ? GOAL : PLAN);
    context.readAudit.record({
      action: 'READ',
      entityType: kind === 'item' ? 'action-item' : kind === 'goal' ? 'action-plan-goal' : 'case',
      entityId: key,
      caseId: stale.caseId,
      categories: ['ACTION_PLAN'],
      basis: stale.basis,
    });
    const shape = JSON.parse(JSON.stringify(current)) as { version: number } & Record<string, unknown>;
    return new ConflictError(CONFLICT_MESSAGE[kind], shape);
  }

  /** Adding to the plan: the case and its ACTION_PLAN section must be readable (you edit what you see). */
  private async lockSection(tx: ScopedTransaction, caseId: string, attempted: string): Promise<LockedCase> {
    const locked = await tx.lockFor({ action: 'read', subject: 'ACTION_PLAN' }, caseId, {
      attempted,
      entityType: 'case',
      notFound: PLAN,
    });
    refuseClosed(locked, CLOSED);
    return locked;
  }

  /** Changing a row: that row must be readable under the ACTION_PLAN row rule. */
  private async lockRow(
    tx: ScopedTransaction,
    table: CoEditedTable,
    by: 'id' | 'case_id',
    key: string,
    refusal: Refusal,
  ): Promise<LockedCase> {
    const locked = await tx.lockFor(
      { action: 'read', subject: { category: 'ACTION_PLAN', table, by } },
      key,
      refusal,
    );
    refuseClosed(locked, CLOSED);
    return locked;
  }

  /** The plan row of a case, created (empty, by the writer's organisation) on first use. */
  private async ensurePlan(
    tx: ScopedTransaction,
    locked: LockedCase,
    organizationId: string,
  ): Promise<{ id: string; created: boolean }> {
    const [inserted] = await tx.write<{ id: string }>(
      locked,
      `INSERT INTO action_plan (case_id, origin_org_id) VALUES ($1, $2) ON CONFLICT (case_id) DO NOTHING RETURNING id`,
      [locked.id, organizationId],
    );
    if (inserted) return { id: inserted.id, created: true };
    const [existing] = await tx.readLocked<{ id: string }>(
      locked,
      `SELECT id FROM action_plan WHERE case_id = $1`,
      [locked.id],
    );
    return { id: existing!.id, created: false };
  }

  /** The owner takes part in the case; the assignee (if any) works for the owner (a case-working role). */
  private async checkOwnerAndAssignee(
    tx: ScopedTransaction,
    context: RequestContext,
    locked: LockedCase,
    ownerOrgId: string,
    assigneeId: string | null,
  ): Promise<void> {
    const [check] = await tx.readLocked<{ participant: boolean; member: boolean }>(
      locked,
      `SELECT EXISTS (SELECT 1 FROM case_participant WHERE case_id = $1 AND organization_id = $2) AS participant,
              ($3::uuid IS NULL OR EXISTS (
                 SELECT 1 FROM membership m JOIN app_user u ON u.id = m.user_id
                  WHERE m.user_id = $3 AND m.organization_id = $2 AND u.active AND m.role = ANY($4::membership_role[]))) AS member`,
      [locked.id, ownerOrgId, assigneeId, [...CASE_WORKING_ROLES]],
    );
    if (!check?.participant)
      throw inputRefused([{ field: 'ownerOrgId', code: 'NOT_ON_CASE', params: {} }], localeOf(context));
    if (!check.member)
      throw inputRefused(
        [{ field: 'assigneeId', code: 'NOT_A_CASE_WORKER_THERE', params: {} }],
        localeOf(context),
      );
  }

  private history(
    tx: ScopedTransaction,
    actor: { userId: string; organizationId: string },
    locked: LockedCase,
    entityType: string,
    entityId: string,
    version: number,
    diffs: readonly FieldDiff[],
  ): Promise<void> {
    return recordFieldChanges(
      tx,
      locked,
      {
        entityType,
        entityId,
        version,
        userId: actor.userId,
        organizationId: actor.organizationId,
      },
      diffs,
    );
  }

  private audit(
    tx: ScopedTransaction,
    locked: LockedCase,
    basis: string,
    action: Extract<AuditAction, 'CREATE' | 'UPDATE'>,
    entityType: string,
    entityId: string,
    details: Record<string, string | number | boolean | string[]>,
  ): Promise<void> {
    return tx.audit({
      action,
      entityType,
      entityId,
      caseId: locked.id,
      tenantId: locked.tenantId,
      categories: ['ACTION_PLAN'],
      basis,
      details,
    });
  }

  /**
   * The basis recorded for a write: the ground on which the writer may read the plan (a consent, or its
   * own data). Worked out before the transaction; the lock inside it is what decides.
   */
  private async writeBasis(context: RequestContext, ref: CaseRef | null): Promise<string> {
    if (!ref) return BASIS_ORIGIN;
    const access = await sectionAccessOf(context, ref, 'ACTION_PLAN');
    return access?.allowed ? auditBasis(access) : BASIS_ORIGIN;
  }

  /**
   * The case a write names, for its basis. Read under the case rule: a case the actor may not see has
   * no basis to record (the lock then refuses the write anyway).
   */
  private async caseRef(context: RequestContext, caseId: string): Promise<CaseRef | null> {
    if (!isUuid(caseId)) return null;
    const [row] = await context.db.read<{ id: string; tenant_id: string }>(
      (bag) =>
        `SELECT c.id, c.tenant_id FROM case_file c WHERE c.id = :caseId AND ${context.access.readableCases('c', bag)}`,
      { caseId },
    );
    return row ? { id: row.id, tenantId: row.tenant_id } : null;
  }

  /** The case of a row a write names, for its basis; under the case rule as `caseRef`. */
  private async rowCaseRef(
    context: RequestContext,
    table: CoEditedTable,
    by: 'id' | 'case_id',
    key: string,
  ): Promise<CaseRef | null> {
    if (!isUuid(key)) return null;
    const [row] = await context.db.read<{ id: string; tenant_id: string }>(
      (bag) => `SELECT c.id, c.tenant_id FROM ${table} x JOIN case_file c ON c.id = x.case_id
                 WHERE x.${by} = :key AND ${context.access.readableCases('c', bag)}`,
      { key },
    );
    return row ? { id: row.id, tenantId: row.tenant_id } : null;
  }
}

function touches(diffs: readonly FieldDiff[], ...fields: string[]): boolean {
  return diffs.some((diff) => fields.includes(diff.field));
}

/**
 * The change to announce, naming the written row: only subscribers who may read that row hear of it
 * (an organisation that sees only its own part of the plan does not learn of another's).
 */
function changed(
  locked: LockedCase,
  table: 'action_plan' | 'action_plan_goal' | 'action_item' | 'action_plan_condition' | 'action_item_comment',
  rowId: string,
): CaseChange {
  return {
    caseId: locked.id,
    version: locked.version,
    changed: ['ACTION_PLAN'],
    rows: [{ category: 'ACTION_PLAN', table, ids: [rowId] }],
  };
}
