import {
  accessDecisionDueBy,
  addWorkingDays,
  collectionPauseEndsOn,
  compareCalendarDates,
  consentLastValidOn,
  CONSENT_EXPIRY_WARN_WORKING_DAYS,
  deadlineState,
  DEFAULT_MUNICIPALITY_CLOCKS,
  evictionOn,
  EVICTION_WARN_WORKING_DAYS,
  firstContactDueBy,
  firstConversationDueBy,
  PAUSE_END_WARN_WORKING_DAYS,
  todayInAmsterdam,
  workingDaysLeft,
  type CalendarDate,
} from '@vangnet/shared';
import type { Logger } from 'pino';
import type { SystemDatabase } from '../../core/db/gateway.js';
import { BadUserInputError } from '../../core/errors.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import type { DeadlineKind } from './deadline-alert.entity.js';
import type { DeadlineType } from './deadline.types.js';

/** How far ahead the work list looks by default, in working days; also what the alert job uses. */
export const DEFAULT_WITHIN_WORKING_DAYS = 10;
const MAX_WITHIN_WORKING_DAYS = 60;

/**
 * Clocks with a warning period of their own (docs/product.md §2). They mark a date that is coming (a pause ends, a
 * consent expires, an eviction is scheduled) rather than work that can be late, so they are shown only
 * from their warning period up to the date itself, never as overdue.
 */
const OWN_WARNING: Partial<Record<DeadlineKind, number>> = {
  PAUSE_END: PAUSE_END_WARN_WORKING_DAYS,
  CONSENT_EXPIRY: CONSENT_EXPIRY_WARN_WORKING_DAYS,
  EVICTION: EVICTION_WARN_WORKING_DAYS,
};

function warningPeriod(kind: DeadlineKind, withinWorkingDays: number): number {
  return Math.max(OWN_WARNING[kind] ?? 0, withinWorkingDays);
}

/** One candidate row: the facts a clock starts from; the working-day rules are applied in TypeScript. */
interface CandidateRow {
  kind: DeadlineKind;
  case_id: string;
  case_reference: string;
  organization_id: string;
  /** The clock's start or due date (a `date` column, as YYYY-MM-DD). */
  anchor_on: string | null;
  /** The clock's start moment (a `timestamptz` column). */
  anchor_at: Date | null;
  crisis: boolean;
  /** The other organisation named in the description (the referrer, the signal's sender). */
  counterpart: string | null;
  first_contact_calendar_days: number | null;
  access_decision_weeks: number | null;
}

/** A deadline as computed, for one organisation. */
export interface ComputedDeadline extends DeadlineType {
  readonly organizationId: string;
}

/**
 * The candidate rows of every clock, in one query. Only rows that can concern an organisation are
 * selected (open work: a pending referral, a signal without contact attempt, …) and only up to a due
 * date that can fall inside the look-ahead, so the query never reads all cases. Dates computed from
 * calendar days or weeks are bounded by their raw end date, which is never after the due date.
 *
 * `scope` restricts the cases (the actor's `readableCases` predicate, or TRUE for the alert job) and is
 * applied to every branch, inlined so PostgreSQL evaluates it on the candidate rows only.
 */
function candidateSql(scope: string): string {
  return `
WITH scoped AS NOT MATERIALIZED (
  SELECT c.id, c.reference, c.crisis, c.status, c.help_requested_at, c.first_conversation_at
    FROM case_file c
   WHERE c.status <> 'CLOSED' AND ${scope}
)
SELECT d.* FROM (
  SELECT 'REFERRAL_RESPONSE' AS kind, c.id AS case_id, c.reference AS case_reference, r.to_org_id AS organization_id,
         to_char(r.respond_by, 'YYYY-MM-DD') AS anchor_on, NULL::timestamptz AS anchor_at, c.crisis,
         fo.name AS counterpart, NULL::int AS first_contact_calendar_days, NULL::int AS access_decision_weeks
    FROM referral r
    JOIN scoped c ON c.id = r.case_id
    JOIN organization fo ON fo.id = r.from_org_id
   WHERE r.status = 'PENDING' AND r.respond_by <= CAST(:horizon AS date)
  UNION ALL
  SELECT 'FIRST_CONTACT', c.id, c.reference, s.recipient_org_id,
         to_char(s.signal_date, 'YYYY-MM-DD'), NULL, c.crisis, so.name,
         COALESCE(ms.first_contact_calendar_days, :defaultFirstContactDays)::int, NULL
    FROM signal s
    JOIN scoped c ON c.id = s.case_id
    JOIN organization so ON so.id = s.sender_org_id
    LEFT JOIN municipality_setting ms ON ms.organization_id = s.recipient_org_id
   WHERE s.end_result IS NULL
     AND NOT EXISTS (SELECT 1 FROM contact_attempt ca
                      WHERE ca.case_id = s.case_id AND (ca.signal_id = s.id OR ca.attempted_on >= s.signal_date))
     AND s.signal_date + COALESCE(ms.first_contact_calendar_days, :defaultFirstContactDays)::int <= CAST(:horizon AS date)
  UNION ALL
  SELECT 'FIRST_CONVERSATION', c.id, c.reference, p.organization_id,
         NULL, c.help_requested_at, c.crisis, NULL, NULL, NULL
    FROM scoped c
    JOIN case_participant p ON p.case_id = c.id AND p.role = 'MUNICIPALITY'
   WHERE c.help_requested_at IS NOT NULL AND c.first_conversation_at IS NULL
     AND (c.help_requested_at AT TIME ZONE 'Europe/Amsterdam')::date + (CASE WHEN c.crisis THEN 3 ELSE 28 END)
         <= CAST(:horizon AS date)
  UNION ALL
  SELECT 'ACCESS_DECISION', c.id, c.reference, p.organization_id,
         NULL, c.first_conversation_at, c.crisis, NULL, NULL,
         COALESCE(ms.access_decision_weeks, :defaultAccessDecisionWeeks)::int
    FROM scoped c
    JOIN case_participant p ON p.case_id = c.id AND p.role = 'MUNICIPALITY'
    LEFT JOIN municipality_setting ms ON ms.organization_id = p.organization_id
   WHERE c.status = 'INTAKE' AND c.first_conversation_at IS NOT NULL
     AND (c.first_conversation_at AT TIME ZONE 'Europe/Amsterdam')::date
         + 7 * COALESCE(ms.access_decision_weeks, :defaultAccessDecisionWeeks)::int <= CAST(:horizon AS date)
  UNION ALL
  SELECT 'PAUSE_END', c.id, c.reference, p.organization_id,
         to_char(cp.ends_on, 'YYYY-MM-DD'), NULL, c.crisis, NULL, NULL, NULL
    FROM collection_pause cp
    JOIN scoped c ON c.id = cp.case_id
    JOIN case_participant p ON p.case_id = c.id AND p.role IN ('REFERRER', 'MUNICIPALITY')
   WHERE cp.ends_on >= CAST(:today AS date) AND cp.ends_on <= CAST(:pauseHorizon AS date)
  UNION ALL
  SELECT 'CONSENT_EXPIRY', c.id, c.reference, k.recipient_org_id,
         NULL, k.valid_until, c.crisis, NULL, NULL, NULL
    FROM consent k
    JOIN scoped c ON c.id = k.case_id
   WHERE k.withdrawn_at IS NULL AND k.valid_from <= :now AND k.valid_until > :now
     AND ((k.valid_until - interval '1 millisecond') AT TIME ZONE 'Europe/Amsterdam')::date <= CAST(:consentHorizon AS date)
     -- Already renewed: a later consent of the tenant for the same recipient and purpose takes over.
     AND NOT EXISTS (SELECT 1 FROM consent n
                      WHERE n.tenant_id = k.tenant_id AND n.recipient_org_id = k.recipient_org_id
                        AND n.purpose = k.purpose AND n.id <> k.id AND n.withdrawn_at IS NULL
                        AND n.valid_from <= k.valid_until AND n.valid_until > k.valid_until)
  UNION ALL
  SELECT 'EVICTION', c.id, c.reference, p.organization_id,
         to_char(st.step_date, 'YYYY-MM-DD'), NULL, c.crisis, NULL, NULL, NULL
    FROM collection_step st
    JOIN scoped c ON c.id = st.case_id
    JOIN case_participant p ON p.case_id = c.id
   WHERE st.kind = 'EVICTION_SCHEDULED'
     AND st.step_date >= CAST(:today AS date) AND st.step_date <= CAST(:evictionHorizon AS date)
) d
WHERE EXISTS (SELECT 1 FROM case_participant dp WHERE dp.case_id = d.case_id AND dp.organization_id = d.organization_id)`;
}

function lookAheadParameters(now: Date, withinWorkingDays: number): Record<string, unknown> {
  const today = todayInAmsterdam(now);
  const horizon = (kind: DeadlineKind) => addWorkingDays(today, warningPeriod(kind, withinWorkingDays));
  return {
    now,
    today,
    horizon: addWorkingDays(today, withinWorkingDays),
    pauseHorizon: horizon('PAUSE_END'),
    consentHorizon: horizon('CONSENT_EXPIRY'),
    evictionHorizon: horizon('EVICTION'),
    defaultFirstContactDays: DEFAULT_MUNICIPALITY_CLOCKS.firstContactCalendarDays,
    defaultAccessDecisionWeeks: DEFAULT_MUNICIPALITY_CLOCKS.accessDecisionWeeks,
  };
}

function dueDateOf(row: CandidateRow): CalendarDate {
  const anchorOn = () => {
    if (!row.anchor_on) throw new Error(`deadline ${row.kind} without a start date`);
    return row.anchor_on;
  };
  const anchorAt = () => {
    if (!row.anchor_at) throw new Error(`deadline ${row.kind} without a start moment`);
    return row.anchor_at;
  };
  switch (row.kind) {
    case 'REFERRAL_RESPONSE':
      // The respond-by date recorded on the referral when it was sent (referralRespondBy, from the
      // agreement's working days): the one date both organisations see on the referral.
      return anchorOn();
    case 'FIRST_CONTACT':
      return firstContactDueBy(anchorOn(), {
        firstContactCalendarDays:
          row.first_contact_calendar_days ?? DEFAULT_MUNICIPALITY_CLOCKS.firstContactCalendarDays,
      });
    case 'FIRST_CONVERSATION':
      return firstConversationDueBy(anchorAt(), row.crisis);
    case 'ACCESS_DECISION':
      return accessDecisionDueBy(anchorAt(), {
        accessDecisionWeeks: row.access_decision_weeks ?? DEFAULT_MUNICIPALITY_CLOCKS.accessDecisionWeeks,
      });
    case 'PAUSE_END':
      return collectionPauseEndsOn(anchorOn());
    case 'CONSENT_EXPIRY':
      return consentLastValidOn(anchorAt());
    case 'EVICTION':
      return evictionOn(anchorOn());
  }
}

/** What to do, in plain Dutch (B1). */
function describe(row: CandidateRow): string {
  switch (row.kind) {
    case 'REFERRAL_RESPONSE':
      return `Reageer op de verwijzing van ${row.counterpart ?? 'een partner'}`;
    case 'FIRST_CONTACT':
      return `Neem contact op met de huurder na het signaal van ${row.counterpart ?? 'de verhuurder'}`;
    case 'FIRST_CONVERSATION':
      return row.crisis
        ? 'Voer het eerste gesprek met de huurder. Er is een crisis: dit moet binnen 3 werkdagen'
        : 'Voer het eerste gesprek met de huurder, binnen 4 weken na de hulpvraag';
    case 'ACCESS_DECISION':
      return 'Besluit of de huurder schuldhulp krijgt';
    case 'PAUSE_END':
      return 'De adempauze stopt. Spreek af wat er daarna gebeurt';
    case 'CONSENT_EXPIRY':
      return 'De toestemming van de huurder loopt af. Vraag of de huurder die wil verlengen';
    case 'EVICTION':
      return 'Er is een ontruiming gepland. Kijk samen wat er nog kan';
  }
}

/**
 * Applies the working-day rules to the candidate rows: keeps what is overdue or due soon, one item per
 * (organisation, case, clock, due date), overdue first, then by due date.
 */
function evaluateDeadlines(
  rows: readonly CandidateRow[],
  now: Date,
  withinWorkingDays: number,
): ComputedDeadline[] {
  const today = todayInAmsterdam(now);
  const seen = new Set<string>();
  const deadlines: ComputedDeadline[] = [];
  for (const row of rows) {
    const dueOn = dueDateOf(row);
    const state = deadlineState(dueOn, today, warningPeriod(row.kind, withinWorkingDays));
    if (state === 'UPCOMING') continue;
    if (state === 'OVERDUE' && OWN_WARNING[row.kind] !== undefined) continue;
    const key = [row.organization_id, row.case_id, row.kind, dueOn].join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    deadlines.push({
      organizationId: row.organization_id,
      caseId: row.case_id,
      caseReference: row.case_reference,
      kind: row.kind,
      dueOn,
      state,
      workingDaysLeft: workingDaysLeft(dueOn, today),
      description: describe(row),
    });
  }
  return deadlines.sort(
    (a, b) =>
      Number(b.state === 'OVERDUE') - Number(a.state === 'OVERDUE') ||
      compareCalendarDates(a.dueOn, b.dueOn) ||
      a.caseReference.localeCompare(b.caseReference) ||
      a.kind.localeCompare(b.kind),
  );
}

export class DeadlineService {
  /**
   * The work list of the acting membership: deadlines of the cases it may read that concern its own
   * organisation, overdue or due within `withinWorkingDays` working days (or the clock's own warning
   * period when that is longer).
   */
  async myDeadlines(
    context: RequestContext,
    withinWorkingDays: number = DEFAULT_WITHIN_WORKING_DAYS,
  ): Promise<DeadlineType[]> {
    const membership = requireMembership(context);
    if (
      !Number.isInteger(withinWorkingDays) ||
      withinWorkingDays < 0 ||
      withinWorkingDays > MAX_WITHIN_WORKING_DAYS
    ) {
      throw new BadUserInputError('Kies hoe ver je vooruit wilt kijken.', {
        withinWorkingDays: `Kies een aantal werkdagen van 0 tot en met ${MAX_WITHIN_WORKING_DAYS}.`,
      });
    }
    const now = context.access.now;
    const rows = await context.db.read<CandidateRow>(
      (bag) =>
        `${candidateSql(context.access.readableCases('c', bag))} AND d.organization_id = :organizationId`,
      {
        ...lookAheadParameters(now, withinWorkingDays),
        organizationId: membership.organizationId,
      },
    );
    return evaluateDeadlines(rows, now, withinWorkingDays).map(
      ({ organizationId: _organization, ...deadline }) => deadline,
    );
  }
}

/**
 * The deadline alert job: notes, once, every deadline of every organisation that became due soon or
 * overdue (with the default look-ahead of the work list). Idempotent through the unique key
 * `deadline_alert_once` (ON CONFLICT DO NOTHING), so running it twice, or on several servers at once,
 * creates nothing new. It acts for no user: the deadlines of all organisations, no access predicate.
 *
 * It walks the open cases in id order, a batch at a time (one short transaction each: the candidate
 * query for the batch's cases, the working-day rules, one INSERT), and stops between batches when
 * `signal` aborts; `resumeAfter` then says where, and a later run can carry on from there.
 */
export async function recordDeadlineAlerts(
  database: SystemDatabase,
  now: Date,
  options: {
    readonly signal?: AbortSignal;
    readonly resumeAfter?: string | null;
    readonly batchSize?: number;
    readonly logger?: Logger;
  } = {},
): Promise<{ created: number; complete: boolean; resumeAfter: string | null }> {
  const lookAhead = lookAheadParameters(now, DEFAULT_WITHIN_WORKING_DAYS);
  let created = 0;
  const progress = await database.processInBatches<{ id: string }, number>(
    {
      select: (tx, after, limit) =>
        tx.run<{ id: string }>(
          `SELECT id FROM case_file WHERE status <> 'CLOSED' AND ($1::uuid IS NULL OR id > $1::uuid)
            ORDER BY id LIMIT $2`,
          [after, limit],
        ),
      keyOf: (item) => item.id,
      process: async (tx, cases) => {
        const rows = await tx.run<CandidateRow>(candidateSql('c.id = ANY(CAST(:caseIds AS uuid[]))'), {
          ...lookAhead,
          caseIds: cases.map((item) => item.id),
        });
        const alerts = evaluateDeadlines(rows, now, DEFAULT_WITHIN_WORKING_DAYS);
        if (alerts.length === 0) return 0;
        const inserted = await tx.run<{ id: string }>(
          `INSERT INTO deadline_alert (case_id, organization_id, kind, due_on, state)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::deadline_kind[], $4::date[], $5::deadline_alert_state[])
           ON CONFLICT ON CONSTRAINT deadline_alert_once DO NOTHING
           RETURNING id`,
          [
            alerts.map((alert) => alert.caseId),
            alerts.map((alert) => alert.organizationId),
            alerts.map((alert) => alert.kind),
            alerts.map((alert) => alert.dueOn),
            alerts.map((alert) => alert.state),
          ],
        );
        return inserted.length;
      },
      committed: (count) => {
        created += count;
      },
    },
    {
      signal: options.signal,
      startAfter: options.resumeAfter ?? null,
      batchSize: options.batchSize,
      logger: options.logger,
    },
  );
  return { created, complete: progress.complete, resumeAfter: progress.complete ? null : progress.lastKey };
}
