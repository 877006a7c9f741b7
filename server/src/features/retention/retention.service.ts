import { randomUUID } from 'node:crypto';
import {
  DATA_CATEGORIES,
  SIGNAL_END_RESULTS,
  type DataCategory,
  type SignalEndResult,
} from '@vangnet/shared';
import { pino, type Logger } from 'pino';
import { CATEGORY_SOURCES } from '../../core/authz/subject-mappings.js';
import type { SystemDatabase, SystemTransaction } from '../../core/db/gateway.js';
import type { RequestContext } from '../../core/request-context.js';
import { BatchAbortedError } from '../../core/jobs/batches.js';
import { createSystemContext } from '../../core/system-context.js';
import {
  CASE_MUNICIPALITY_SQL,
  FACT_COLUMNS,
  HELP_ACCEPTED_STATUSES,
  LATEST_SIGNAL_JOIN,
  liveCaseFactsSql,
  quoted,
} from './case-facts.js';

/**
 * Retention (docs/product.md §5): personal data is removed when it is no longer needed, per municipality
 * (`municipality_setting`, defaults below when it has no row):
 *
 * | rule              | applies when                                                          | removed after        |
 * |-------------------|-----------------------------------------------------------------------|----------------------|
 * | `NOT_PICKED_UP`   | the latest signal's end result is "not picked up" (any reason)        | 6 months after it    |
 * | `NO_FURTHER_HELP` | it was picked up and ended without further help (see the table below) | 12 months after it   |
 * | `CLOSED`          | the case is closed                                                    | 18 months after that |
 *
 * The end-result rules apply only to a case that never reached help: not admitted at any point, and
 * not in intake or a help state now (a case that went on to help is kept until it is closed). Whichever
 * applicable rule falls due first removes the case. Cases that match no rule (a dossier before the
 * signal, a signal without end result, a case in help) are kept; they fall under the closed rule once
 * closed.
 *
 * Removal keeps the case's anonymous statistical facts (`case_statistic`, see case-facts.ts), deletes
 * the case with everything that hangs off it (the foreign keys cascade: signal, arrears, collection
 * ladder, pauses, contact attempts, referrals, consents given in it, finances, timeline, deadline
 * alerts, …), its tenancy unless another case uses it, and the tenant with household, tenancies, BSN
 * and consents when no other case of the tenant remains. The removal is audited (DELETE, entity
 * 'case', by the system) in the same transaction. Audit rows stay: the trail is append-only and holds
 * ids only.
 */

export type RetentionRule = 'NOT_PICKED_UP' | 'NO_FURTHER_HELP' | 'CLOSED';

/**
 * How each DDAS end result counts for retention — the one place this is decided:
 * - NOT_PICKED_UP: the municipality did not pick the signal up;
 * - NO_FURTHER_HELP: picked up, and it ended there (no trajectory follows);
 * - FURTHER_HELP: help goes on (here or elsewhere), so only the closed-case period applies.
 */
export const RETENTION_CLASS_BY_END_RESULT: Readonly<
  Record<SignalEndResult, 'NOT_PICKED_UP' | 'NO_FURTHER_HELP' | 'FURTHER_HELP'>
> = Object.freeze({
  NOT_PICKED_UP_REPEAT: 'NOT_PICKED_UP',
  NOT_PICKED_UP_UNJUSTIFIED: 'NOT_PICKED_UP',
  NOT_PICKED_UP_OTHER_REASON: 'NOT_PICKED_UP',
  DECEASED: 'NO_FURTHER_HELP',
  NOT_A_RESIDENT: 'NO_FURTHER_HELP',
  NO_CONTACT: 'NO_FURTHER_HELP',
  NO_RESPONSE_AFTER_CONTACT: 'NO_FURTHER_HELP',
  NO_HELP_WANTED: 'NO_FURTHER_HELP',
  ALREADY_PAID_OR_ARRANGED: 'NO_FURTHER_HELP',
  ADVICE_QUICK_FIX: 'NO_FURTHER_HELP',
  ALREADY_KNOWN_TO_DEBT_HELP: 'FURTHER_HELP',
  OTHER_TRAJECTORY: 'FURTHER_HELP',
  FOLLOW_UP_FINANCIAL: 'FURTHER_HELP',
  REFERRAL_WITHOUT_CONTACT: 'FURTHER_HELP',
  FOLLOW_UP_NON_FINANCIAL: 'FURTHER_HELP',
});

const endResultsOf = (kind: 'NOT_PICKED_UP' | 'NO_FURTHER_HELP'): SignalEndResult[] =>
  SIGNAL_END_RESULTS.filter((result) => RETENTION_CLASS_BY_END_RESULT[result] === kind);

/** The periods when a municipality has no `municipality_setting` row (the columns' defaults). */
export const DEFAULT_RETENTION_MONTHS: Readonly<Record<RetentionRule, number>> = Object.freeze({
  NOT_PICKED_UP: 6,
  NO_FURTHER_HELP: 12,
  CLOSED: 18,
});

/** The basis recorded on the DELETE event: storage limitation (AVG art. 5(1)(e)). */
export const RETENTION_BASIS = 'AVG_ART_5_1_E';

/** States in which help is under way or being decided: the end-result rules do not remove such a case. */
const HELP_UNDER_WAY_STATUSES = ['INTAKE', ...HELP_ACCEPTED_STATUSES];

const NEVER_HELPED = `(c.status NOT IN (${quoted(HELP_UNDER_WAY_STATUSES)})
  AND NOT EXISTS (SELECT 1 FROM case_transition ct WHERE ct.case_id = c.id AND ct.to_status = 'ADMITTED'))`;

/**
 * Cases due for removal at `$1` (the run's moment), matching `where`: the first rule that fell due,
 * its period, and the moment its period started.
 */
function dueCasesSql(where: string): string {
  return `
    SELECT c.id AS "caseId", due.rule, due.months, due.since, m.organization_id AS "municipalityOrgId"
      FROM case_file c
      ${LATEST_SIGNAL_JOIN}
      CROSS JOIN LATERAL (SELECT ${CASE_MUNICIPALITY_SQL} AS organization_id) m
      LEFT JOIN municipality_setting ms ON ms.organization_id = m.organization_id
      CROSS JOIN LATERAL (
        SELECT r.rule, r.months, r.since
          FROM (VALUES
            ('NOT_PICKED_UP', COALESCE(ms.retention_not_picked_up_months::int, ${DEFAULT_RETENTION_MONTHS.NOT_PICKED_UP}),
              CASE WHEN ls.end_result IN (${quoted(endResultsOf('NOT_PICKED_UP'))}) AND ${NEVER_HELPED} THEN ls.end_result_at END),
            ('NO_FURTHER_HELP', COALESCE(ms.retention_no_further_help_months::int, ${DEFAULT_RETENTION_MONTHS.NO_FURTHER_HELP}),
              CASE WHEN ls.end_result IN (${quoted(endResultsOf('NO_FURTHER_HELP'))}) AND ${NEVER_HELPED} THEN ls.end_result_at END),
            ('CLOSED', COALESCE(ms.retention_closed_months::int, ${DEFAULT_RETENTION_MONTHS.CLOSED}),
              CASE WHEN c.status = 'CLOSED' THEN c.closed_at END)
          ) AS r(rule, months, since)
         WHERE r.since IS NOT NULL AND r.since + make_interval(months => r.months) <= $1::timestamptz
         ORDER BY r.since + make_interval(months => r.months), r.rule
         LIMIT 1) due
     WHERE ${where}`;
}

interface DueCase {
  caseId: string;
  rule: RetentionRule;
  months: number;
  since: Date;
  municipalityOrgId: string | null;
}

export interface RetentionResult {
  /** Cases removed in this run. */
  readonly removed: number;
  /** Cases due whose removal failed (logged; tried again on the next run). */
  readonly failed: number;
  readonly notPickedUp: number;
  readonly noFurtherHelp: number;
  readonly closed: number;
  /** False when the run stopped early (signal); the rest waits for the next run. */
  readonly complete: boolean;
  /** Where a run that stopped early got to (a case id): the next run carries on after it. */
  readonly resumeAfter: string | null;
}

export interface RetentionOptions {
  readonly logger?: Logger;
  /** Stops the run between batches (server shutdown, time budget); the rest waits for the next run. */
  readonly signal?: AbortSignal;
  /** Carry on after this case id (where an earlier run stopped). */
  readonly resumeAfter?: string | null;
  /** Cases looked at per batch (one short transaction each). */
  readonly batchSize?: number;
}

/**
 * Removes every case due at `now`. It walks all cases in id order, a batch at a time: each batch finds
 * its due cases with one query and removes them set-based in one short transaction (statistics, audit
 * events, the cases, their tenants and tenancies). A batch that fails is retried case by case, so one
 * bad case does not hold up the others. Idempotent: a removed case is gone, and a case that is no longer
 * due when its batch locks it (changed meanwhile) is left alone; a case locked by a user's write at
 * that moment is left to the next run.
 */
export async function runRetention(
  database: SystemDatabase,
  now: Date,
  options: RetentionOptions = {},
): Promise<RetentionResult> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const context = createSystemContext(logger, `retention-${randomUUID()}`);
  const counts = { removed: 0, failed: 0, notPickedUp: 0, noFurtherHelp: 0, closed: 0 };
  const tally = (rules: readonly RetentionRule[]) => {
    for (const rule of rules) {
      counts.removed += 1;
      if (rule === 'NOT_PICKED_UP') counts.notPickedUp += 1;
      else if (rule === 'NO_FURTHER_HELP') counts.noFurtherHelp += 1;
      else counts.closed += 1;
    }
  };
  const progress = await database.processInBatches<{ id: string }, RetentionRule[]>(
    {
      select: (tx, after, limit) =>
        tx.run<{ id: string }>(
          `SELECT id FROM case_file WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT $2`,
          [after, limit],
        ),
      keyOf: (item) => item.id,
      process: (tx, items) =>
        removeDueCases(
          tx,
          context,
          items.map((item) => item.id),
          now,
        ),
      committed: tally,
      onBatchError: async (items) => {
        for (const { id } of items) {
          if (options.signal?.aborted) return;
          try {
            tally(
              await database.inBatchTransaction(options.signal, (tx) =>
                removeDueCases(tx, context, [id], now),
              ),
            );
          } catch (error) {
            if (error instanceof BatchAbortedError) return;
            counts.failed += 1;
            logger.error(
              { err: error, caseId: id },
              'retention could not remove a case; it is tried again next run',
            );
          }
        }
      },
    },
    { signal: options.signal, startAfter: options.resumeAfter ?? null, batchSize: options.batchSize, logger },
  );
  const result = {
    ...counts,
    complete: progress.complete,
    resumeAfter: progress.complete ? null : progress.lastKey,
  };
  if (counts.removed > 0 || counts.failed > 0 || !progress.complete) logger.info(result, 'retention run');
  return result;
}

/**
 * Within the batch's transaction: finds which of these cases are due, locks them (skipping cases a user
 * is writing right now), checks again under the lock, keeps their statistics, audits and removes them.
 * Returns the rule that removed each.
 */
async function removeDueCases(
  tx: SystemTransaction,
  context: RequestContext,
  caseIds: readonly string[],
  now: Date,
): Promise<RetentionRule[]> {
  const candidates = await tx.run<{ caseId: string }>(
    `SELECT "caseId" FROM (${dueCasesSql('c.id = ANY($2::uuid[])')}) due`,
    [now, caseIds],
  );
  if (candidates.length === 0) return [];
  const locked = await tx.run<{ id: string; tenantId: string; tenancyId: string | null }>(
    `SELECT id, tenant_id AS "tenantId", tenancy_id AS "tenancyId" FROM case_file
      WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE SKIP LOCKED`,
    [candidates.map((candidate) => candidate.caseId)],
  );
  if (locked.length === 0) return [];
  // Still due now that they are locked?
  const due = await tx.run<DueCase>(`${dueCasesSql('c.id = ANY($2::uuid[])')} ORDER BY c.id`, [
    now,
    locked.map((row) => row.id),
  ]);
  if (due.length === 0) return [];
  const lockedById = new Map(locked.map((row) => [row.id, row]));
  const dueIds = due.map((row) => row.caseId);

  // Lock the tenants, so no new case of theirs can appear between the check and the removal.
  await tx.run(`SELECT 1 FROM tenant WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
    [...new Set(due.map((row) => lockedById.get(row.caseId)!.tenantId))],
  ]);
  // What stays: a tenant or tenancy with a case outside this removal.
  const others = await tx.run<{
    caseId: string;
    tenantKept: boolean;
    tenancyKept: boolean;
    consents: number;
  }>(
    `SELECT c.id AS "caseId",
            EXISTS (SELECT 1 FROM case_file o WHERE o.tenant_id = c.tenant_id AND o.id <> ALL($1::uuid[])) AS "tenantKept",
            EXISTS (SELECT 1 FROM case_file o WHERE o.tenancy_id = c.tenancy_id AND o.id <> ALL($1::uuid[])) AS "tenancyKept",
            (SELECT count(*)::int FROM consent k WHERE k.case_id = c.id) AS consents
       FROM case_file c WHERE c.id = ANY($1::uuid[])`,
    [dueIds],
  );
  const othersById = new Map(others.map((row) => [row.caseId, row]));
  const tenantRemoved = (caseId: string) => !othersById.get(caseId)?.tenantKept;
  const categories = await categoriesRemoved(tx, dueIds, dueIds.map(tenantRemoved));

  const statisticIds = dueIds.map(() => randomUUID());
  await tx.run(
    `INSERT INTO case_statistic (id, ${FACT_COLUMNS.join(', ')})
     SELECT x.statistic_id, ${FACT_COLUMNS.map((column) => `facts.${column}`).join(', ')}
       FROM (${liveCaseFactsSql('c.id = ANY($1::uuid[])')}) facts
       JOIN unnest($1::uuid[], $2::uuid[]) AS x(case_id, statistic_id) ON x.case_id = facts.case_id`,
    [dueIds, statisticIds],
  );
  await tx.auditAll(
    context,
    due.map((row, index) => ({
      action: 'DELETE' as const,
      // No user removed it, but the municipality whose retention period applied is accountable for the
      // removal: its privacy officer finds it in the organisation's audit trail.
      actorOrgId: row.municipalityOrgId,
      entityType: 'case',
      entityId: row.caseId,
      caseId: row.caseId,
      tenantId: lockedById.get(row.caseId)!.tenantId,
      categories: categories.get(row.caseId) ?? [],
      basis: RETENTION_BASIS,
      details: {
        reason: 'RETENTION',
        rule: row.rule,
        retentionMonths: row.months,
        periodStartedAt: row.since.toISOString(),
        municipalityOrgId: row.municipalityOrgId,
        tenantRemoved: tenantRemoved(row.caseId),
        consentsRemoved: othersById.get(row.caseId)?.consents ?? 0,
        statisticId: statisticIds[index] ?? null,
      },
    })),
  );

  await tx.run(`DELETE FROM case_file WHERE id = ANY($1::uuid[])`, [dueIds]);
  // Household, tenancies, BSN and the remaining consents go with the tenant (ON DELETE CASCADE).
  const tenantsRemoved = [
    ...new Set(dueIds.filter(tenantRemoved).map((caseId) => lockedById.get(caseId)!.tenantId)),
  ];
  if (tenantsRemoved.length > 0)
    await tx.run(`DELETE FROM tenant WHERE id = ANY($1::uuid[])`, [tenantsRemoved]);
  const tenanciesRemoved = [
    ...new Set(
      dueIds
        .filter((caseId) => !tenantRemoved(caseId) && !othersById.get(caseId)?.tenancyKept)
        .map((caseId) => lockedById.get(caseId)!.tenancyId)
        .filter((tenancyId): tenancyId is string => tenancyId !== null),
    ),
  ];
  if (tenanciesRemoved.length > 0)
    await tx.run(`DELETE FROM tenancy WHERE id = ANY($1::uuid[])`, [tenanciesRemoved]);
  return due.map((row) => row.rule);
}

/**
 * The data categories the removal takes away, from the registry of where each category lives
 * (core/authz/subject-mappings.ts), so categories added there are covered here too. Data linked
 * through the tenant counts only when the tenant goes as well: the case row is presented with its
 * tenant id blanked otherwise. The signal carries contact details and the arrears amount; contact
 * attempts are contact data.
 */
async function categoriesRemoved(
  tx: SystemTransaction,
  caseIds: readonly string[],
  tenantRemoved: readonly boolean[],
): Promise<Map<string, DataCategory[]>> {
  const checks = DATA_CATEGORIES.flatMap((category) => {
    const sources = CATEGORY_SOURCES[category];
    if (sources.length === 0) return [];
    const exists = sources
      .map(
        ({ table, link }, index) =>
          `EXISTS (SELECT 1 FROM ${table} src_${index} WHERE ${link(`src_${index}`, 'c')})`,
      )
      .join(' OR ');
    return [`(${exists}) AS "${category}"`];
  });
  const rows = await tx.run<Record<string, boolean> & { __id: string }>(
    `SELECT c.id AS "__id", ${checks.join(', ')},
            EXISTS (SELECT 1 FROM signal s WHERE s.case_id = c.id) AS "__signal",
            EXISTS (SELECT 1 FROM contact_attempt a WHERE a.case_id = c.id) AS "__contact"
       FROM (SELECT f.id, CASE WHEN x.tenant_removed THEN f.tenant_id END AS tenant_id
               FROM case_file f
               JOIN unnest($1::uuid[], $2::boolean[]) AS x(id, tenant_removed) ON x.id = f.id) c`,
    [caseIds, tenantRemoved],
  );
  const result = new Map<string, DataCategory[]>();
  for (const row of rows) {
    const present = new Set<DataCategory>(DATA_CATEGORIES.filter((category) => row[category] === true));
    if (row['__signal']) {
      present.add('CONTACT');
      present.add('ARREARS');
    }
    if (row['__contact']) present.add('CONTACT');
    result.set(
      row.__id,
      DATA_CATEGORIES.filter((category) => present.has(category)),
    );
  }
  return result;
}
