import { PURPOSES_BY_PARTICIPANT_ROLE, type DataCategory, type ParticipantRole } from '@vangnet/shared';

/**
 * The floors: for each read scenario one statement written by hand, returning the rows the API returns
 * under the same access rule (docs/product.md §3), for the benchmark to compare with. They are written
 * from the rule, not from the server's compiled SQL, and are what PostgreSQL can do for the request
 * when nothing else is in the way. Parameters: $org the organisation, $user the user, $now the
 * request's moment, then the scenario's own.
 */
export interface FloorActor {
  readonly organizationId: string;
  readonly userId: string;
  readonly teamLead: boolean;
  readonly municipality: boolean;
}

export interface Floor {
  readonly sql: string;
  readonly values: readonly unknown[];
}

/** The floor's parameters, by name; `$org`, `$user`, `$now` and the scenario's own in the SQL. */
interface Parameters {
  readonly org: string;
  readonly user: string;
  readonly now: Date;
  readonly [name: string]: unknown;
}

/** Numbers the named parameters the SQL uses ($org → $1 …): PostgreSQL refuses unused ones it cannot type. */
function bind(sql: string, parameters: Parameters): Floor {
  const names: string[] = [];
  const text = sql.replace(/\$([a-z]+)\b/g, (_, name: string) => {
    if (!(name in parameters)) throw new Error(`floor parameter $${name} has no value`);
    if (!names.includes(name)) names.push(name);
    return `$${names.indexOf(name) + 1}`;
  });
  return { sql: text, values: names.map((name) => parameters[name]) };
}

const parametersOf = (actor: FloorActor, now: Date, own: Record<string, unknown> = {}): Parameters => ({
  org: actor.organizationId,
  user: actor.userId,
  now,
  ...own,
});

/** The case is readable: its organisation takes part, and the user is assigned, or nobody of it is (queue), or is a team lead. */
function readableCase(actor: FloorActor, c: string): string {
  const participates = `EXISTS (SELECT 1 FROM case_participant p WHERE p.case_id = ${c}.id AND p.organization_id = $org)`;
  if (actor.teamLead) return participates;
  return `${participates}
     AND (EXISTS (SELECT 1 FROM case_assignee a WHERE a.case_id = ${c}.id AND a.organization_id = $org AND a.user_id = $user)
          OR NOT EXISTS (SELECT 1 FROM case_assignee a WHERE a.case_id = ${c}.id AND a.organization_id = $org))`;
}

const purposesOf = (role: ParticipantRole) =>
  PURPOSES_BY_PARTICIPANT_ROLE[role].map((purpose) => `'${purpose}'`).join(', ');

/** A category of the case is readable: the organisation recorded it (`origin`), the law gives it, or an active consent for a purpose of its role. */
function readableCategory(
  actor: FloorActor,
  c: string,
  category: DataCategory,
  origin: string | null,
): string {
  const grounds: string[] = [];
  if (origin && category !== 'SPECIAL') grounds.push(origin);
  if (actor.municipality && (category === 'CONTACT' || category === 'ARREARS'))
    grounds.push(`EXISTS (SELECT 1 FROM signal s WHERE s.case_id = ${c}.id AND s.recipient_org_id = $org)`);
  grounds.push(`EXISTS (SELECT 1 FROM case_participant p JOIN consent k ON k.tenant_id = ${c}.tenant_id
                      AND k.recipient_org_id = $org AND k.categories @> ARRAY['${category}']::data_category[]
                      AND k.valid_from <= $now AND k.valid_until > $now AND k.withdrawn_at IS NULL
                     WHERE p.case_id = ${c}.id AND p.organization_id = $org
                       AND ((p.role = 'REFERRER' AND k.purpose IN (${purposesOf('REFERRER')}))
                         OR (p.role = 'MUNICIPALITY' AND k.purpose IN (${purposesOf('MUNICIPALITY')}))
                         OR (p.role = 'DEBT_COUNSELLING' AND k.purpose IN (${purposesOf('DEBT_COUNSELLING')}))))`);
  return `(${grounds.join(' OR ')})`;
}

/**
 * A page of the case list as the work list shows it (CaseRow: reference, status, crisis, update time,
 * origin, assignees, the tenant's name when CONTACT is readable) with the exact total, newest reference
 * first. `filter` is the list's own condition on `c`. The page is chosen first and only its 50 rows get
 * their columns; the total is a count of its own (a window count would compute every column of every
 * matching row).
 */
function casePage(
  actor: FloorActor,
  now: Date,
  filter: string,
  first: number,
  own: Record<string, unknown> = {},
): Floor {
  const matching = `FROM case_file c WHERE ${readableCase(actor, 'c')} AND ${filter}`;
  return bind(
    `SELECT c.id, c.reference, c.status, c.crisis, c.updated_at, o.id AS origin_id, o.name AS origin_name,
            (SELECT coalesce(json_agg(json_build_object('id', u.id, 'displayName', u.display_name) ORDER BY u.display_name), '[]')
               FROM case_assignee a JOIN app_user u ON u.id = a.user_id WHERE a.case_id = c.id) AS assignees,
            CASE WHEN ${readableCategory(actor, 'c', 'CONTACT', 't.origin_org_id = $org')}
                 THEN json_build_object('initials', t.initials, 'prefix', t.prefix, 'surname', t.surname) END AS contact,
            (SELECT count(*) ${matching}) AS total_count
       FROM (SELECT c.* ${matching} ORDER BY c.reference DESC LIMIT ${first}) c
       JOIN organization o ON o.id = c.origin_org_id
       JOIN tenant t ON t.id = c.tenant_id
      ORDER BY c.reference DESC`,
    parametersOf(actor, now, own),
  );
}

/** "My cases": assigned to me. */
export function myCasesFloor(actor: FloorActor, now: Date, first: number): Floor {
  return casePage(
    actor,
    now,
    'EXISTS (SELECT 1 FROM case_assignee mine WHERE mine.case_id = c.id AND mine.organization_id = $org AND mine.user_id = $user)',
    first,
  );
}

/** The organisation's queue: nobody of the organisation assigned. */
export function queueFloor(actor: FloorActor, now: Date, first: number): Floor {
  return casePage(
    actor,
    now,
    'NOT EXISTS (SELECT 1 FROM case_assignee queue WHERE queue.case_id = c.id AND queue.organization_id = $org)',
    first,
  );
}

/** Search by reference prefix, through every case I may see. */
export function searchFloor(actor: FloorActor, now: Date, first: number, prefix: string): Floor {
  return casePage(actor, now, `c.reference LIKE $prefix`, first, {
    prefix: `${prefix.replace(/[\\%_]/g, '\\$&')}%`,
  });
}

/**
 * The case page ($case): the case and, per section, its rows when the section's category is
 * readable (origin of the section's rows, the law, or consent), as JSON, in one statement.
 */
export function casePageFloor(actor: FloorActor, now: Date, caseId: string): Floor {
  const section = (category: DataCategory, table: string, link: string, order: string) =>
    `CASE WHEN ${readableCategory(actor, 'c', category, `EXISTS (SELECT 1 FROM ${table} x WHERE ${link} AND x.origin_org_id = $org)`)}
          THEN (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY ${order}), '[]') FROM ${table} x WHERE ${link}) END`;
  return bind(
    `SELECT c.id, c.reference, c.version, c.status, c.crisis, c.created_at, c.updated_at, c.closed_at,
            c.help_requested_at, c.first_conversation_at, c.solution_kind, c.exit_reason,
            (SELECT jsonb_agg(jsonb_build_object('role', p.role, 'organization', jsonb_build_object('id', o.id, 'name', o.name, 'kind', o.kind)) ORDER BY p.joined_at)
               FROM case_participant p JOIN organization o ON o.id = p.organization_id WHERE p.case_id = c.id) AS participants,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'displayName', u.display_name)), '[]')
               FROM case_assignee a JOIN app_user u ON u.id = a.user_id WHERE a.case_id = c.id) AS assignees,
            CASE WHEN ${readableCategory(actor, 'c', 'CONTACT', 't.origin_org_id = $org')} THEN to_jsonb(t) - 'bsn' END AS contact,
            ${section('HOUSEHOLD', 'household', 'x.tenant_id = c.tenant_id', 'x.id')} AS household,
            ${section('ARREARS', 'arrears', 'x.case_id = c.id', 'x.id')} AS arrears,
            ${section('ARREARS', 'arrears_change', 'x.case_id = c.id', 'x.recorded_at')} AS arrears_history,
            ${section('ARREARS', 'collection_step', 'x.case_id = c.id', 'x.step_date')} AS collection_steps,
            ${section('INCOME_EXPENSES', 'income_expense_item', 'x.case_id = c.id', 'x.id')} AS income_expenses,
            ${section('DEBTS', 'debt', 'x.case_id = c.id', 'x.id')} AS debts,
            ${section('ACTION_PLAN', 'action_plan', 'x.case_id = c.id', 'x.id')} AS action_plan,
            ${section('ACTION_PLAN', 'action_item', 'x.case_id = c.id', 'x.created_at')} AS action_items,
            ${section('ARRANGEMENT', 'payment_arrangement', 'x.case_id = c.id', 'x.created_at')} AS arrangements,
            ${section('ARRANGEMENT', 'instalment', 'x.case_id = c.id', 'x.sequence')} AS instalments,
            (SELECT coalesce(jsonb_agg(to_jsonb(n) ORDER BY n.created_at DESC), '[]') FROM case_note n
              WHERE n.case_id = c.id
                AND (n.origin_org_id = $org OR (n.visibility = 'SHARED' AND ${readableCategory(actor, 'c', 'CASE_NOTES', null)}))) AS notes,
            (SELECT jsonb_agg(to_jsonb(s)) FROM signal s WHERE s.case_id = c.id
                AND (s.sender_org_id = $org OR s.recipient_org_id = $org)) AS signal,
            (SELECT jsonb_agg(to_jsonb(r) ORDER BY r.created_at) FROM referral r WHERE r.case_id = c.id
                AND (r.from_org_id = $org OR r.to_org_id = $org)) AS referrals,
            (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.attempted_on) FROM contact_attempt x WHERE x.case_id = c.id) AS contact_attempts,
            (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.occurred_at) FROM case_transition x WHERE x.case_id = c.id) AS timeline
       FROM case_file c
       JOIN tenant t ON t.id = c.tenant_id
      WHERE c.id = $case AND ${readableCase(actor, 'c')}`,
    parametersOf(actor, now, { case: caseId }),
  );
}
