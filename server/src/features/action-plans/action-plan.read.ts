import type { ConsentChannel, OrganizationKind } from '@vangnet/shared';
import type { RequestContext } from '../../core/request-context.js';
import { loadReferrals } from '../cases/index.js';
import type { ActionItemStatus } from './action-plan-entry.entity.js';
import type {
  ActionItemCommentType,
  ActionItemType,
  ActionPlanConditionType,
  ActionPlanGoalType,
  ActionPlanType,
  FieldChangeType,
} from './action-plan.types.js';

/**
 * The reads of the action plan. Every query joins its rows to their case and carries the row-level
 * rule of ACTION_PLAN (`readableRow`), so an organisation that sees only its own data gets only its own
 * rows; history and comments are shown only with a row the reader may see. The same functions serve
 * the Case.actionPlan field (batched per request), the read-back after a write and the current row of a
 * CONFLICT (after the write rolled back). All go through the request's gateway (`context.db.read`),
 * which runs a statement only with the request's own access predicate in it.
 */

/** Which rows: those of some cases, or some rows by id. */
export type RowFilter = { readonly caseIds: readonly string[] } | { readonly ids: readonly string[] };

/** The entity types of change_history rows written for the plan. */
export const HISTORY_ENTITY = {
  plan: 'action-plan',
  goal: 'action-plan-goal',
  item: 'action-item',
} as const;
type HistoryEntity = (typeof HISTORY_ENTITY)[keyof typeof HISTORY_ENTITY];

const HISTORY_TABLE: Record<HistoryEntity, string> = {
  'action-plan': 'action_plan',
  'action-plan-goal': 'action_plan_goal',
  'action-item': 'action_item',
};

function rowsWhere(alias: string, filter: RowFilter, parameters: Record<string, unknown>): string {
  if ('caseIds' in filter) {
    parameters.filterIds = [...filter.caseIds];
    return `${alias}.case_id IN (:...filterIds)`;
  }
  parameters.filterIds = [...filter.ids];
  return `${alias}.id IN (:...filterIds)`;
}

const isEmpty = (filter: RowFilter) => ('caseIds' in filter ? filter.caseIds : filter.ids).length === 0;

/** Rows of one ACTION_PLAN table the actor may read, joined to their case as `c`. */
function readable<Row>(
  context: RequestContext,
  sql: { select: string; from: string; alias: string; joins?: string; orderBy: string },
  filter: RowFilter,
): Promise<Row[]> {
  if (isEmpty(filter)) return Promise.resolve([]);
  const parameters: Record<string, unknown> = {};
  const where = rowsWhere(sql.alias, filter, parameters);
  return context.db.read<Row>(
    (bag) => `SELECT ${sql.select}
       FROM ${sql.from} ${sql.alias}
       JOIN case_file c ON c.id = ${sql.alias}.case_id
       ${sql.joins ?? ''}
      WHERE ${where} AND ${context.access.readableRow('ACTION_PLAN', 'c', `${sql.alias}.origin_org_id`, bag)}
      ORDER BY ${sql.orderBy}`,
    parameters,
  );
}

interface HistoryRow {
  entity_id: string;
  field: string;
  old_value: unknown;
  new_value: unknown;
  old_text: string | null;
  new_text: string | null;
  version: number;
  changed_at: Date;
  changed_by_id: string;
  changed_by_name: string;
  changed_by_org_id: string;
  changed_by_org_name: string;
  changed_by_org_kind: OrganizationKind;
}

/** How a stored value reads: the name of an organisation or person, else the value itself. */
const valueText = (column: 'old_value' | 'new_value') => `CASE
  WHEN h.${column} IS NULL OR jsonb_typeof(h.${column}) = 'null' THEN NULL
  WHEN h.field = 'ownerOrgId' THEN (SELECT o2.name FROM organization o2 WHERE o2.id::text = h.${column} #>> '{}')
  WHEN h.field = 'assigneeId' THEN (SELECT u2.display_name FROM app_user u2 WHERE u2.id::text = h.${column} #>> '{}')
  ELSE h.${column} #>> '{}' END`;

/** Field changes of readable rows of one kind, newest first, by row id. */
export async function loadHistory(
  context: RequestContext,
  entityType: HistoryEntity,
  filter: RowFilter,
): Promise<Map<string, FieldChangeType[]>> {
  const rows = await readable<HistoryRow>(
    context,
    {
      select: `h.entity_id, h.field, h.old_value, h.new_value, ${valueText('old_value')} AS old_text,
               ${valueText('new_value')} AS new_text, h.version, h.changed_at, h.changed_by_id,
               hu.display_name AS changed_by_name, h.changed_by_org_id, ho.name AS changed_by_org_name,
               ho.kind AS changed_by_org_kind`,
      from: HISTORY_TABLE[entityType],
      alias: 'e',
      joins: `JOIN change_history h ON h.entity_id = e.id AND h.entity_type = '${entityType}'
              JOIN app_user hu ON hu.id = h.changed_by_id
              JOIN organization ho ON ho.id = h.changed_by_org_id`,
      orderBy: 'h.version DESC, h.changed_at DESC, h.field COLLATE "C"',
    },
    filter,
  );
  const byEntity = new Map<string, FieldChangeType[]>();
  for (const row of rows) {
    const list = byEntity.get(row.entity_id) ?? [];
    list.push({
      field: row.field,
      oldValue: row.old_value,
      newValue: row.new_value,
      oldText: row.old_text,
      newText: row.new_text,
      version: row.version,
      changedAt: row.changed_at,
      changedBy: { id: row.changed_by_id, displayName: row.changed_by_name },
      changedByOrganization: {
        id: row.changed_by_org_id,
        name: row.changed_by_org_name,
        kind: row.changed_by_org_kind,
      },
    });
    byEntity.set(row.entity_id, list);
  }
  return byEntity;
}

interface CommentRow {
  id: string;
  action_item_id: string;
  body: string;
  author_id: string;
  author_name: string;
  origin_org_id: string;
  origin_org_name: string;
  origin_org_kind: OrganizationKind;
  created_at: Date;
}

/** Comments of some actions, each comment under the row rule itself. */
function commentsOfItems(context: RequestContext, itemIds: readonly string[]): Promise<CommentRow[]> {
  if (itemIds.length === 0) return Promise.resolve([]);
  return context.db.read<CommentRow>(
    (
      bag,
    ) => `SELECT x.id, x.action_item_id, x.body, x.author_id, u.display_name AS author_name, x.origin_org_id,
            o.name AS origin_org_name, o.kind AS origin_org_kind, x.created_at
       FROM action_item_comment x
       JOIN case_file c ON c.id = x.case_id
       JOIN app_user u ON u.id = x.author_id
       JOIN organization o ON o.id = x.origin_org_id
      WHERE x.action_item_id IN (:...itemIds) AND ${context.access.readableRow('ACTION_PLAN', 'c', 'x.origin_org_id', bag)}
      ORDER BY x.created_at, x.id`,
    { itemIds: [...itemIds] },
  );
}

function toComment(row: CommentRow): ActionItemCommentType {
  return {
    id: row.id,
    actionItemId: row.action_item_id,
    body: row.body,
    author: { id: row.author_id, displayName: row.author_name },
    organization: { id: row.origin_org_id, name: row.origin_org_name, kind: row.origin_org_kind },
    createdAt: row.created_at,
  };
}

/** One comment by id, for the answer to addActionItemComment. */
export async function loadComment(
  context: RequestContext,
  id: string,
): Promise<ActionItemCommentType | null> {
  const [row] = await readable<CommentRow>(
    context,
    {
      select: `x.id, x.action_item_id, x.body, x.author_id, u.display_name AS author_name, x.origin_org_id,
               o.name AS origin_org_name, o.kind AS origin_org_kind, x.created_at`,
      from: 'action_item_comment',
      alias: 'x',
      joins: `JOIN app_user u ON u.id = x.author_id JOIN organization o ON o.id = x.origin_org_id`,
      orderBy: 'x.created_at',
    },
    { ids: [id] },
  );
  return row ? toComment(row) : null;
}

interface ItemRow {
  id: string;
  case_id: string;
  title: string;
  description: string | null;
  owner_org_id: string;
  owner_org_name: string;
  owner_org_kind: OrganizationKind;
  assignee_id: string | null;
  assignee_name: string | null;
  due_date: string | null;
  status: ActionItemStatus;
  version: number;
  created_by_id: string;
  created_by_name: string;
  origin_org_id: string;
  origin_org_name: string;
  origin_org_kind: OrganizationKind;
  created_at: Date;
  updated_at: Date;
}

/** Actions with their comments and history, oldest first. */
export async function loadItems(context: RequestContext, filter: RowFilter): Promise<ActionItemType[]> {
  const rows = await readable<ItemRow>(
    context,
    {
      select: `x.id, x.case_id, x.title, x.description, x.owner_org_id, oo.name AS owner_org_name, oo.kind AS owner_org_kind,
               x.assignee_id, au.display_name AS assignee_name, to_char(x.due_date, 'YYYY-MM-DD') AS due_date, x.status,
               x.version, x.created_by_id, cu.display_name AS created_by_name, x.origin_org_id, og.name AS origin_org_name,
               og.kind AS origin_org_kind, x.created_at, x.updated_at`,
      from: 'action_item',
      alias: 'x',
      joins: `JOIN organization oo ON oo.id = x.owner_org_id
              JOIN organization og ON og.id = x.origin_org_id
              JOIN app_user cu ON cu.id = x.created_by_id
              LEFT JOIN app_user au ON au.id = x.assignee_id`,
      orderBy: 'x.created_at, x.id',
    },
    filter,
  );
  const ids = rows.map((row) => row.id);
  const [comments, history] = await Promise.all([
    commentsOfItems(context, ids),
    loadHistory(context, HISTORY_ENTITY.item, { ids }),
  ]);
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    title: row.title,
    description: row.description,
    ownerOrganization: { id: row.owner_org_id, name: row.owner_org_name, kind: row.owner_org_kind },
    assignee:
      row.assignee_id && row.assignee_name ? { id: row.assignee_id, displayName: row.assignee_name } : null,
    dueDate: row.due_date,
    status: row.status,
    version: row.version,
    createdBy: { id: row.created_by_id, displayName: row.created_by_name },
    createdByOrganization: { id: row.origin_org_id, name: row.origin_org_name, kind: row.origin_org_kind },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    comments: comments.filter((comment) => comment.action_item_id === row.id).map(toComment),
    history: history.get(row.id) ?? [],
  }));
}

interface GoalRow {
  id: string;
  case_id: string;
  what: string;
  measure: string;
  target_date: string | null;
  version: number;
  created_by_id: string;
  created_by_name: string;
  origin_org_id: string;
  origin_org_name: string;
  origin_org_kind: OrganizationKind;
  created_at: Date;
  updated_at: Date;
}

export async function loadGoals(
  context: RequestContext,
  filter: RowFilter,
): Promise<(ActionPlanGoalType & { caseId: string })[]> {
  const rows = await readable<GoalRow>(
    context,
    {
      select: `x.id, x.case_id, x.what, x.measure, to_char(x.target_date, 'YYYY-MM-DD') AS target_date, x.version,
               x.created_by_id, cu.display_name AS created_by_name, x.origin_org_id, og.name AS origin_org_name,
               og.kind AS origin_org_kind, x.created_at, x.updated_at`,
      from: 'action_plan_goal',
      alias: 'x',
      joins: `JOIN organization og ON og.id = x.origin_org_id JOIN app_user cu ON cu.id = x.created_by_id`,
      orderBy: 'x.created_at, x.id',
    },
    filter,
  );
  const history = await loadHistory(context, HISTORY_ENTITY.goal, { ids: rows.map((row) => row.id) });
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    what: row.what,
    measure: row.measure,
    targetDate: row.target_date,
    version: row.version,
    createdBy: { id: row.created_by_id, displayName: row.created_by_name },
    createdByOrganization: { id: row.origin_org_id, name: row.origin_org_name, kind: row.origin_org_kind },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    history: history.get(row.id) ?? [],
  }));
}

interface ConditionRow {
  id: string;
  case_id: string;
  text: string;
  created_by_id: string;
  created_by_name: string;
  origin_org_id: string;
  origin_org_name: string;
  origin_org_kind: OrganizationKind;
  created_at: Date;
}

export async function loadConditions(
  context: RequestContext,
  filter: RowFilter,
): Promise<(ActionPlanConditionType & { caseId: string })[]> {
  const rows = await readable<ConditionRow>(
    context,
    {
      select: `x.id, x.case_id, x.text, x.created_by_id, cu.display_name AS created_by_name, x.origin_org_id,
               og.name AS origin_org_name, og.kind AS origin_org_kind, x.created_at`,
      from: 'action_plan_condition',
      alias: 'x',
      joins: `JOIN organization og ON og.id = x.origin_org_id JOIN app_user cu ON cu.id = x.created_by_id`,
      orderBy: 'x.created_at, x.id',
    },
    filter,
  );
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    text: row.text,
    createdBy: { id: row.created_by_id, displayName: row.created_by_name },
    createdByOrganization: { id: row.origin_org_id, name: row.origin_org_name, kind: row.origin_org_kind },
    createdAt: row.created_at,
  }));
}

interface PlanRow {
  id: string;
  case_id: string;
  help_request: string | null;
  tenant_signed_off_on: string | null;
  tenant_sign_off_channel: ConsentChannel | null;
  version: number;
  updated_at: Date;
}

/**
 * The whole plan of each case, as the actor may read it. A case without a plan (or whose plan row the
 * actor may not read) gets an empty plan at version 0. The section check itself is the caller's
 * (readSection), this only filters rows.
 */
export async function loadPlans(
  context: RequestContext,
  caseIds: readonly string[],
): Promise<ActionPlanType[]> {
  const filter = { caseIds };
  const [plans, goals, items, conditions, referrals] = await Promise.all([
    readable<PlanRow>(
      context,
      {
        select: `x.id, x.case_id, x.help_request, to_char(x.tenant_signed_off_on, 'YYYY-MM-DD') AS tenant_signed_off_on,
                 x.tenant_sign_off_channel, x.version, x.updated_at`,
        from: 'action_plan',
        alias: 'x',
        orderBy: 'x.case_id',
      },
      filter,
    ),
    loadGoals(context, filter),
    loadItems(context, filter),
    loadConditions(context, filter),
    // Referrals are read through their own rule (those my organisation sent or received), batched per request.
    Promise.all(caseIds.map((caseId) => loadReferrals(context, caseId))),
  ]);
  const planHistory = await loadHistory(context, HISTORY_ENTITY.plan, {
    ids: plans.map((plan) => plan.id),
  });
  return caseIds.map((caseId, index) => {
    const plan = plans.find((row) => row.case_id === caseId);
    const referredOrganizations = new Map<string, ActionPlanType['referredOrganizations'][number]>();
    for (const referral of referrals[index] ?? []) {
      if (referral.status === 'PENDING' || referral.status === 'ACCEPTED')
        referredOrganizations.set(referral.to.id, referral.to);
    }
    return {
      id: plan?.id ?? null,
      caseId,
      version: plan?.version ?? 0,
      helpRequest: plan?.help_request ?? null,
      tenantSignedOffOn: plan?.tenant_signed_off_on ?? null,
      tenantSignOffChannel: plan?.tenant_sign_off_channel ?? null,
      goals: goals.filter((goal) => goal.caseId === caseId),
      items: items.filter((item) => item.caseId === caseId),
      conditions: conditions.filter((condition) => condition.caseId === caseId),
      referredOrganizations: [...referredOrganizations.values()],
      history: plan ? (planHistory.get(plan.id) ?? []) : [],
      updatedAt: plan?.updated_at ?? null,
    };
  });
}
