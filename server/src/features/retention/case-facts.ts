import { CASE_STATUSES, coarseStatusOf } from '@vangnet/shared';

/**
 * The anonymous statistical facts of a case (docs/product.md §5, §6), written ONCE as SQL. Retention copies them
 * into `case_statistic` before it removes a case; the monitoring figures read the same columns from
 * live cases and from `case_statistic` alike, so a case counts the same before and after its removal.
 *
 * Definitions:
 * - the case's **signal** is its first early signal (by signal date): it gives the signal month, the
 *   partner type, the sending corporation and the receiving municipality;
 * - the **end result** is that of its latest signal (a later signal without an end result is still open);
 * - **reached**: some contact attempt reached the tenant;
 * - **days to first contact**: from the signal date to the first contact attempt on or after it
 *   (reached or not), in calendar days;
 * - **help accepted**: the case was ADMITTED at some point (a `case_transition` to ADMITTED, or it is
 *   in a state after admission now);
 * - **evicted**: a collection step EVICTED was recorded;
 * - **arrangement kept**: of the case's latest payment arrangement, true when it was COMPLETED (every
 *   instalment paid), false when it BROKE, null while it runs or when there is none;
 * - the **municipality** is the signal's recipient, else the case's MUNICIPALITY participant; the
 *   municipality code is that organisation's, else the tenant's;
 * - months are calendar months in Europe/Amsterdam.
 */

/** The states after admission: a housing corporation sees them as HELP_ACCEPTED. */
export const HELP_ACCEPTED_STATUSES = CASE_STATUSES.filter(
  (status) => coarseStatusOf(status) === 'HELP_ACCEPTED',
);

export const TIME_ZONE = 'Europe/Amsterdam';

/** The fact columns, in the order and with the names of `case_statistic`. */
export const FACT_COLUMNS = [
  'municipality_code',
  'corporation_id',
  'municipality_org_id',
  'signal_month',
  'partner_type',
  'reached',
  'days_to_first_contact',
  'help_accepted',
  'end_result',
  'arrangement_kept',
  'evicted',
  'closed_month',
] as const;

/** A list of constants for `IN (…)`; only ever called with values of the shared vocabulary. */
export const quoted = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');

/** The latest signal of case `c` as `ls` (end_result, end_result_at). */
export const LATEST_SIGNAL_JOIN = `LEFT JOIN LATERAL (
      SELECT s.end_result, s.end_result_at
        FROM signal s WHERE s.case_id = c.id
       ORDER BY s.signal_date DESC, s.created_at DESC, s.id DESC LIMIT 1) ls ON TRUE`;

/** The municipality organisation of case `c`: its first signal's recipient, else its MUNICIPALITY participant. */
export const CASE_MUNICIPALITY_SQL = `COALESCE(
      (SELECT s.recipient_org_id FROM signal s WHERE s.case_id = c.id
        ORDER BY s.signal_date, s.created_at, s.id LIMIT 1),
      (SELECT p.organization_id FROM case_participant p
        WHERE p.case_id = c.id AND p.role = 'MUNICIPALITY'
        ORDER BY p.joined_at, p.organization_id LIMIT 1))`;

/**
 * `SELECT case_id, <FACT_COLUMNS> FROM case_file c …` for the cases matching `where` (SQL on `c`, the
 * case_file row). Constants only are spliced in; values go through the caller's parameters.
 */
export function liveCaseFactsSql(where: string): string {
  return `
    SELECT
      c.id AS case_id,
      COALESCE(mo.municipality_code, t.municipality_code) AS municipality_code,
      COALESCE(fs.sender_org_id, c.origin_org_id) AS corporation_id,
      mo.id AS municipality_org_id,
      date_trunc('month', fs.signal_date)::date AS signal_month,
      fs.partner_type::text AS partner_type,
      EXISTS (SELECT 1 FROM contact_attempt ca WHERE ca.case_id = c.id AND ca.reached) AS reached,
      (SELECT min(ca.attempted_on) FROM contact_attempt ca
        WHERE ca.case_id = c.id AND ca.attempted_on >= fs.signal_date) - fs.signal_date AS days_to_first_contact,
      (c.status IN (${quoted(HELP_ACCEPTED_STATUSES)})
        OR EXISTS (SELECT 1 FROM case_transition ct WHERE ct.case_id = c.id AND ct.to_status = 'ADMITTED')) AS help_accepted,
      ls.end_result AS end_result,
      (SELECT CASE pa.status WHEN 'COMPLETED' THEN TRUE WHEN 'BROKEN' THEN FALSE END
         FROM payment_arrangement pa WHERE pa.case_id = c.id
        ORDER BY pa.created_at DESC, pa.id DESC LIMIT 1) AS arrangement_kept,
      EXISTS (SELECT 1 FROM collection_step st WHERE st.case_id = c.id AND st.kind = 'EVICTED') AS evicted,
      date_trunc('month', c.closed_at AT TIME ZONE '${TIME_ZONE}')::date AS closed_month
    FROM case_file c
    JOIN tenant t ON t.id = c.tenant_id
    LEFT JOIN LATERAL (
      SELECT s.sender_org_id, s.recipient_org_id, s.signal_date, s.partner_type
        FROM signal s WHERE s.case_id = c.id
       ORDER BY s.signal_date, s.created_at, s.id LIMIT 1) fs ON TRUE
    ${LATEST_SIGNAL_JOIN}
    LEFT JOIN organization mo ON mo.id = ${CASE_MUNICIPALITY_SQL}
    WHERE ${where}`;
}

/** The same columns from the statistics kept after removal (`case_id` is null there). */
export function statisticFactsSql(where: string): string {
  return `
    SELECT NULL::uuid AS case_id, ${FACT_COLUMNS.map((column) => `cs.${column}`).join(', ')}
    FROM case_statistic cs
    WHERE ${where}`;
}
