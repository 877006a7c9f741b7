import {
  SIGNAL_END_RESULTS_AS_SEEN,
  SIGNAL_PARTNER_TYPES,
  monitoringPeriodInputSchema,
  signalEndResultAsSeenBy,
  todayInAmsterdam,
  type OrganizationKind,
  type SignalEndResult,
  type SignalEndResultAsSeen,
} from '@vangnet/shared';
import type { ParameterBag } from '../../core/authz/casl-sql-compiler.js';
import { ForbiddenError } from '../../core/errors.js';
import { parseInput } from '../../core/graphql/input-validation.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import { liveCaseFactsSql, statisticFactsSql } from '../retention/index.js';
import type {
  MonitoringCountsType,
  MonitoringEndResultCountType,
  MonitoringFiguresType,
  MonitoringMonthType,
  MonitoringOrganizationFiguresType,
  MonitoringScope,
} from './monitoring.types.js';

/** Counts below this are withheld wherever figures cross organisations (docs/product.md §6). */
export const MINIMUM_COUNT = 5;

const SCOPE_BY_KIND: Readonly<Record<OrganizationKind, MonitoringScope>> = {
  HOUSING_CORPORATION: 'SIGNALS_SENT',
  MUNICIPALITY: 'SIGNALS_RECEIVED',
  DEBT_COUNSELLING: 'CASES_TAKEN_PART_IN',
};

/** A piece of SQL on the facts (alias f), written into the statement's parameter bag. */
type Sql = (bag: ParameterBag) => string;

interface Period {
  /** First day of the first month. */
  readonly fromMonth: string;
  /** First day of the last month. */
  readonly toMonth: string;
  /** Last day of the last month. */
  readonly toDay: string;
}

interface CountsRow {
  grouped: boolean;
  /** The group's value as text: an organisation id, or 'true'/'false' for the own part of the region. */
  key: string | null;
  orgId: string | null;
  orgName: string | null;
  orgKind: OrganizationKind | null;
  signals: number;
  reached: number;
  helpAccepted: number;
  withFirstContact: number;
  averageDays: number | null;
  medianDays: number | null;
  evictionsPrevented: number;
  arrangementsKept: number;
}

interface EndResultRow {
  grouped: boolean;
  key: string | null;
  endResult: SignalEndResult | null;
  count: number;
}

const rate = (part: number | null, whole: number | null): number | null =>
  part === null || whole === null || whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

const oneDecimal = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 10) / 10;

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** The period as whole calendar months: the month of `from` up to and including the month of `to`. */
export function monitoringPeriod(context: RequestContext, from: string, to: string): Period {
  const today = todayInAmsterdam(context.access.now);
  const period = parseInput(context, monitoringPeriodInputSchema(today), { from, to });
  const start = new Date(`${period.from}T00:00:00Z`);
  const end = new Date(`${period.to}T00:00:00Z`);
  const fromMonth = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
  const toMonth = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1));
  const toDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0));
  return { fromMonth: isoDay(fromMonth), toMonth: isoDay(toMonth), toDay: isoDay(toDay) };
}

/**
 * The monitoring dashboard (docs/product.md §6), computed in SQL with GROUP BY over the anonymous facts of live
 * cases and of the statistics kept after retention (see retention/case-facts.ts): no case is loaded.
 *
 * Scope — the signals that are the organisation's own business:
 * - a housing corporation: the signals it sent;
 * - a municipality: the signals it received;
 * - a debt-counselling organisation: the signals of the cases it takes part in (live cases only: the
 *   statistics kept after retention do not name debt-counselling organisations).
 * These are shown in full. Figures that cross organisations — per partner organisation, and the
 * region-wide benchmark — withhold every count below {@link MINIMUM_COUNT} (zero included), every rate
 * or average built on a withheld count, and one more end-result count when exactly one is withheld (so
 * it cannot be worked out from the total). For the region the test applies to the other
 * organisations' part (region minus the viewer's own), so subtracting its own figures reveals nothing
 * small about them.
 */
export class MonitoringService {
  async figures(context: RequestContext, from: string, to: string): Promise<MonitoringFiguresType> {
    const membership = requireMembership(context);
    // Who may see the dashboard, and which signals are the organisation's own, is the shared rule's
    // `view Monitoring` (a team lead or privacy officer). The figures are aggregates without personal
    // data — counts, rates and day averages over many cases, small cells suppressed where they cross
    // organisations — so reading them is not case access: the case rules (participation, need-to-know,
    // consent per category) do not apply, and nothing is recorded in the audit trail. Everybody else
    // gets FORBIDDEN: the dashboard exists for every organisation, so refusing it reveals nothing.
    if (!context.access.mayViewMonitoring())
      throw new ForbiddenError(
        'Alleen een teamleider of privacyfunctionaris van de organisatie ziet de monitoringcijfers.',
      );
    const period = monitoringPeriod(context, from, to);
    const [organization] = await context.db.lookup<{
      id: string;
      name: string;
      kind: OrganizationKind;
      municipalityCode: string;
    }>(`SELECT id, name, kind, municipality_code AS "municipalityCode" FROM organization WHERE id = $1`, [
      membership.organizationId,
    ]);
    if (!organization) throw new ForbiddenError('Je bent aan geen organisatie gekoppeld.');
    const viewerKind = organization.kind;

    // Predicates are on the fact columns (alias f). The organisation's own signals are the conditions of
    // `view Monitoring`, compiled by core/authz; statistic rows have no case_id, so a condition over the
    // case's participants never matches them. Every statement carries that compiled condition, so it
    // reads through the gateway under the request's own rule (context.db.read).
    const own: Sql = (bag) => context.access.monitoringFacts('f', bag);
    const region: Sql = () => 'f.municipality_code = :region';
    const partnerColumn = viewerKind === 'HOUSING_CORPORATION' ? 'f.municipality_org_id' : 'f.corporation_id';
    const partner: Sql = () => partnerColumn;

    const ownParameters = { ...period };
    const regionParameters = { ...period, region: organization.municipalityCode };
    const [ownCounts, ownEndResults, months, regionCounts, regionEndResults] = await Promise.all([
      this.counts(context, own, partner, ownParameters, true),
      this.endResults(context, own, partner, ownParameters),
      this.months(context, own, ownParameters),
      // The region, split into the organisation's own part and the rest.
      this.counts(context, region, own, regionParameters, false),
      this.endResults(context, region, own, regionParameters),
    ]);

    const byOrganization: MonitoringOrganizationFiguresType[] = ownCounts
      .filter((row) => row.grouped && row.orgId !== null && row.orgName !== null && row.orgKind !== null)
      .sort((a, b) => (a.orgName ?? '').localeCompare(b.orgName ?? '', 'nl'))
      .map((row) => ({
        organization: { id: row.orgId!, name: row.orgName!, kind: row.orgKind! },
        figures: present(
          row,
          ownEndResults.filter((result) => result.grouped && result.key === row.key),
          viewerKind,
          { suppress: true },
        ),
      }));
    // What the organisation contributes to the region is its own; the rest must not be worked out from it.
    const ownPartOfRegion = {
      row: regionCounts.find((row) => row.grouped && row.key === 'true') ?? null,
      endResults: regionEndResults.filter((result) => result.grouped && result.key === 'true'),
    };

    return {
      organization: { id: organization.id, name: organization.name, kind: viewerKind },
      scope: SCOPE_BY_KIND[viewerKind],
      from: period.fromMonth,
      to: period.toDay,
      minimumCount: MINIMUM_COUNT,
      total: present(
        ownCounts.find((row) => !row.grouped) ?? null,
        ownEndResults.filter((row) => !row.grouped),
        viewerKind,
        { suppress: false },
      ),
      signalsPerMonth: months,
      byOrganization,
      regionCode: organization.municipalityCode,
      region: present(
        regionCounts.find((row) => !row.grouped) ?? null,
        regionEndResults.filter((row) => !row.grouped),
        viewerKind,
        { suppress: true, known: ownPartOfRegion },
      ),
    };
  }

  /**
   * The facts in `scope` and the period as CTE `facts`, with `grp` = `group` (a column or predicate on
   * the facts): live cases (pre-filtered to those with a signal in the period) and the statistics kept
   * after retention.
   */
  private factsCte(scope: string, group: string | null): string {
    const live = liveCaseFactsSql(
      `EXISTS (SELECT 1 FROM signal s0 WHERE s0.case_id = c.id AND s0.signal_date BETWEEN CAST(:fromMonth AS date) AND CAST(:toDay AS date))`,
    );
    const statistics = statisticFactsSql(
      'cs.signal_month BETWEEN CAST(:fromMonth AS date) AND CAST(:toMonth AS date)',
    );
    return `WITH facts AS (
      SELECT f.*, (${group ?? 'NULL'})::text AS grp
        FROM (
          SELECT l.* FROM (${live}) l WHERE l.signal_month BETWEEN CAST(:fromMonth AS date) AND CAST(:toMonth AS date)
          UNION ALL
          ${statistics}) f
       WHERE ${scope})`;
  }

  /** The totals, and per `group` (GROUPING SETS); `organizations`: the group is an organisation id. */
  private async counts(
    context: RequestContext,
    scope: Sql,
    group: Sql,
    parameters: Record<string, unknown>,
    organizations: boolean,
  ): Promise<CountsRow[]> {
    return context.db.read<CountsRow>(
      (bag) => `${this.factsCte(scope(bag), group(bag))}
       SELECT g.*, o.id AS "orgId", o.name AS "orgName", o.kind AS "orgKind"
         FROM (
           SELECT GROUPING(f.grp) = 0 AS grouped,
                  f.grp AS key,
                  count(*)::int AS signals,
                  (count(*) FILTER (WHERE f.reached))::int AS reached,
                  (count(*) FILTER (WHERE f.help_accepted))::int AS "helpAccepted",
                  count(f.days_to_first_contact)::int AS "withFirstContact",
                  avg(f.days_to_first_contact)::float8 AS "averageDays",
                  (percentile_cont(0.5) WITHIN GROUP (ORDER BY f.days_to_first_contact))::float8 AS "medianDays",
                  (count(*) FILTER (WHERE f.help_accepted AND NOT f.evicted))::int AS "evictionsPrevented",
                  (count(*) FILTER (WHERE f.arrangement_kept))::int AS "arrangementsKept"
             FROM facts f
            GROUP BY GROUPING SETS ((), (f.grp))) g
         LEFT JOIN organization o ON ${organizations ? 'o.id::text = g.key' : 'FALSE'}`,
      parameters,
    );
  }

  private async endResults(
    context: RequestContext,
    scope: Sql,
    group: Sql,
    parameters: Record<string, unknown>,
  ): Promise<EndResultRow[]> {
    return context.db.read<EndResultRow>(
      (bag) => `${this.factsCte(scope(bag), group(bag))}
       SELECT GROUPING(f.grp) = 0 AS grouped,
              f.grp AS key,
              f.end_result::text AS "endResult",
              count(*)::int AS count
         FROM facts f
        GROUP BY GROUPING SETS ((f.end_result), (f.grp, f.end_result))`,
      parameters,
    );
  }

  /** Signals per month and partner type, every month of the period (zeros included). */
  private months(
    context: RequestContext,
    scope: Sql,
    parameters: Record<string, unknown>,
  ): Promise<MonitoringMonthType[]> {
    return context.db.read<MonitoringMonthType>(
      (bag) => `${this.factsCte(scope(bag), null)}
       SELECT to_char(m.month, 'YYYY-MM') AS month, pt.partner_type AS "partnerType",
              count(f.signal_month)::int AS signals
         FROM generate_series(CAST(:fromMonth AS timestamp), CAST(:toMonth AS timestamp), interval '1 month') AS m(month)
        CROSS JOIN unnest(CAST(:partnerTypes AS text[])) AS pt(partner_type)
         LEFT JOIN facts f ON f.signal_month = m.month::date AND f.partner_type = pt.partner_type
        GROUP BY m.month, pt.partner_type
        ORDER BY m.month, pt.partner_type`,
      { ...parameters, partnerTypes: [...SIGNAL_PARTNER_TYPES] },
    );
  }
}

type CountFields = Pick<
  CountsRow,
  | 'signals'
  | 'reached'
  | 'helpAccepted'
  | 'withFirstContact'
  | 'averageDays'
  | 'medianDays'
  | 'evictionsPrevented'
  | 'arrangementsKept'
>;
type EndResultFields = Pick<EndResultRow, 'endResult' | 'count'>;

export interface Presentation {
  /** Withhold small counts: the figures cross organisations. */
  readonly suppress: boolean;
  /**
   * The viewer's own part of these figures, which it knows anyway: a count is withheld when what
   * remains for the other organisations is below the minimum, so their part cannot be worked out by
   * subtracting the viewer's own figures.
   */
  readonly known?: { readonly row: CountFields | null; readonly endResults: readonly EndResultFields[] };
}

const NO_COUNTS: CountFields = {
  signals: 0,
  reached: 0,
  helpAccepted: 0,
  withFirstContact: 0,
  averageDays: null,
  medianDays: null,
  evictionsPrevented: 0,
  arrangementsKept: 0,
};

/** End results as the viewer may know them (docs/product.md §2), merged. */
function endResultsAsSeen(
  rows: readonly EndResultFields[],
  viewerKind: OrganizationKind,
): Map<SignalEndResultAsSeen | null, number> {
  const merged = new Map<SignalEndResultAsSeen | null, number>();
  for (const row of rows) {
    const seen = signalEndResultAsSeenBy(viewerKind, row.endResult);
    merged.set(seen, (merged.get(seen) ?? 0) + row.count);
  }
  return merged;
}

const endResultOrder = (value: SignalEndResultAsSeen | null): number =>
  value === null ? SIGNAL_END_RESULTS_AS_SEEN.length : SIGNAL_END_RESULTS_AS_SEEN.indexOf(value);

/**
 * Turns aggregated rows into the API's figures: end results masked for the viewer (docs/product.md §2: a
 * corporation sees "not picked up: other reason" only as "not picked up") and, when suppressing, every
 * count whose part beyond the viewer's own is below the minimum withheld, with whatever could reveal it:
 * the rates and averages built on it, the whole set when its signals are too few, and a second end
 * result when only one would be withheld (it could be worked out from the total).
 */
export function present(
  row: CountFields | null,
  endResultRows: readonly EndResultFields[],
  viewerKind: OrganizationKind,
  presentation: Presentation,
): MonitoringCountsType {
  const counts = row ?? NO_COUNTS;
  const merged = endResultsAsSeen(endResultRows, viewerKind);
  const endResults: MonitoringEndResultCountType[] = [...merged.entries()]
    .sort(([a], [b]) => endResultOrder(a) - endResultOrder(b))
    .map(([endResult, count]) => ({ endResult, count, suppressed: false }));

  if (!presentation.suppress) {
    return {
      signals: counts.signals,
      reached: counts.reached,
      reachRate: rate(counts.reached, counts.signals),
      helpAccepted: counts.helpAccepted,
      helpAcceptanceRate: rate(counts.helpAccepted, counts.signals),
      withFirstContactAttempt: counts.withFirstContact,
      averageDaysToFirstContact: oneDecimal(counts.averageDays),
      medianDaysToFirstContact: oneDecimal(counts.medianDays),
      endResults,
      arrangementsKept: counts.arrangementsKept,
      evictionsPrevented: counts.evictionsPrevented,
      suppressed: false,
    };
  }

  const known = presentation.known?.row ?? NO_COUNTS;
  const knownEndResults = endResultsAsSeen(presentation.known?.endResults ?? [], viewerKind);
  const othersPart = (count: number, knownCount: number): number => count - knownCount;
  const small = (count: number, knownCount: number): boolean => othersPart(count, knownCount) < MINIMUM_COUNT;
  if (small(counts.signals, known.signals)) {
    return {
      signals: null,
      reached: null,
      reachRate: null,
      helpAccepted: null,
      helpAcceptanceRate: null,
      withFirstContactAttempt: null,
      averageDaysToFirstContact: null,
      medianDaysToFirstContact: null,
      endResults: [],
      arrangementsKept: null,
      evictionsPrevented: null,
      suppressed: true,
    };
  }
  let suppressed = false;
  const keep = (count: number, knownCount: number): number | null => {
    if (!small(count, knownCount)) return count;
    suppressed = true;
    return null;
  };
  const reached = keep(counts.reached, known.reached);
  const helpAccepted = keep(counts.helpAccepted, known.helpAccepted);
  const withFirstContact = keep(counts.withFirstContact, known.withFirstContact);
  const evictionsPrevented = keep(counts.evictionsPrevented, known.evictionsPrevented);
  const arrangementsKept = keep(counts.arrangementsKept, known.arrangementsKept);

  const knownOf = (entry: MonitoringEndResultCountType): number => knownEndResults.get(entry.endResult) ?? 0;
  for (const entry of endResults) {
    if (entry.count !== null && small(entry.count, knownOf(entry))) {
      entry.count = null;
      entry.suppressed = true;
      suppressed = true;
    }
  }
  // One withheld end result could be worked out from the total and the others: withhold the smallest other too.
  if (endResults.filter((entry) => entry.suppressed).length === 1) {
    const next = endResults
      .filter((entry) => !entry.suppressed)
      .sort((a, b) => othersPart(a.count ?? 0, knownOf(a)) - othersPart(b.count ?? 0, knownOf(b)))[0];
    if (next) {
      next.count = null;
      next.suppressed = true;
    }
  }

  return {
    signals: counts.signals,
    reached,
    reachRate: rate(reached, counts.signals),
    helpAccepted,
    helpAcceptanceRate: rate(helpAccepted, counts.signals),
    withFirstContactAttempt: withFirstContact,
    averageDaysToFirstContact: withFirstContact === null ? null : oneDecimal(counts.averageDays),
    medianDaysToFirstContact: withFirstContact === null ? null : oneDecimal(counts.medianDays),
    endResults,
    arrangementsKept,
    evictionsPrevented,
    suppressed,
  };
}
