import { rulesToAST } from '@casl/ability/extra';
import {
  DATA_CATEGORIES,
  defineAbilityFor,
  type AccessAction,
  type AccessActor,
  type AccessSubjectType,
  type CaseAction,
  type DataCategory,
  type VangnetAbility,
} from '@vangnet/shared';
import {
  AccessCompileError,
  compileAccessCondition,
  isCondition,
  type Condition,
  type FieldMappings,
  type ParameterBag,
} from './casl-sql-compiler.js';
import {
  auditTrailSubject,
  caseSubject,
  categoryGroundSubject,
  categoryRowSubject,
  categorySectionSubject,
  consentSubject,
  monitoringSubject,
  referralSubject,
  participantSubject,
  signalSubject,
} from './subject-mappings.js';

/**
 * How a scope reads case content: `read` for the acting member's own work; `export` for the tenant export,
 * where the privacy officer's `export` rules say which cases and what of them (what the organisation can see).
 */
type Reading = 'read' | 'export';

/** Why a category of a visible case is withheld, as far as the organisation's own consents tell. */
export type SectionRefusal = 'CONSENT_WITHDRAWN' | 'CONSENT_EXPIRED' | 'NO_CONSENT' | 'NOT_PARTICIPANT';

/** One category of one case as `sectionDecisions` decides and explains it. */
export type SectionDecision =
  | {
      readonly category: DataCategory;
      readonly allowed: true;
      /** The consent the rule allows it on by itself (the latest-ending first), if any. */
      readonly consentId: string | null;
      /** Whether a signal the case received allows it by itself (the legal basis). */
      readonly bySignal: boolean;
    }
  | { readonly category: DataCategory; readonly allowed: false; readonly refusal: SectionRefusal };

/**
 * The one choke point between the access rules and SQL. Built once per request from the acting
 * membership and the request's moment; every case-scoped read asks it for a predicate and adds that
 * predicate to its own query. Nothing outside core/authz builds access predicates.
 */
export class AccessScope {
  private readonly asts = new Map<string, Condition | null>();

  private constructor(
    readonly actor: AccessActor | null,
    readonly ability: VangnetAbility,
    readonly now: Date,
    private readonly reading: Reading = 'read',
    /** The request scope this one was derived from (the tenant export's), for the gateway's check. */
    readonly derivedFrom: AccessScope | null = null,
  ) {}

  /** `now` is the request's moment (`context.clock.now()`): the rules that depend on time use it. */
  static for(actor: AccessActor | null, now: Date): AccessScope {
    return new AccessScope(actor, defineAbilityFor(actor, now), now);
  }

  /** Fail closed: no actor, no rules, no rows. `now` only tells the context's moment (`access.now`). */
  static nobody(now: Date = new Date(0)): AccessScope {
    return AccessScope.for(null, now);
  }

  /**
   * The scope the tenant export reads through (AVG art. 15): the same actor and rules, with every read of
   * case content compiled from the rule's `export` action instead of `read` — the cases of `export Tenant`,
   * and of them what the organisation can see. Null when the rule grants no export (only a privacy officer
   * exports). Writes stay what they are: an export scope grants none to an actor who has none.
   */
  forTenantExport(): AccessScope | null {
    if (!this.ability.can('export', 'Tenant')) return null;
    return new AccessScope(this.actor, this.ability, this.now, 'export', this);
  }

  private ast(action: AccessAction, subject: AccessSubjectType): Condition | null {
    const key = `${action}:${subject}`;
    if (!this.asts.has(key)) {
      const ast: unknown = rulesToAST(this.ability, action, subject);
      if (ast !== null && !isCondition(ast))
        throw new AccessCompileError(`unexpected rule tree for ${action} ${subject}`);
      this.asts.set(key, ast);
    }
    return this.asts.get(key) ?? null;
  }

  private compile(
    action: AccessAction,
    subject: AccessSubjectType,
    fields: FieldMappings,
    bag: ParameterBag,
  ): string {
    bag.noteCompiled(`${action} ${subject}`, this);
    return compileAccessCondition(this.ast(action, subject), fields, bag);
  }

  /** Cases the actor may see (participation and need-to-know); in an export scope, the cases exported. */
  readableCases(caseAlias: string, bag: ParameterBag): string {
    return this.reading === 'export'
      ? this.exportableCases(caseAlias, bag)
      : this.compile('read', 'Case', caseSubject(caseAlias), bag);
  }

  /** The cases of a tenant an export covers (`export Tenant`: the tenant as each of its cases shows it). */
  exportableCases(caseAlias: string, bag: ParameterBag): string {
    return this.compile('export', 'Tenant', caseSubject(caseAlias), bag);
  }

  /**
   * Cases on which the actor may take a write action, to be used with SELECT … FOR UPDATE inside the
   * write's transaction so the rule is checked against the actual row.
   */
  casesFor(
    action: Exclude<CaseAction, 'list' | 'respond' | 'withdraw'>,
    caseAlias: string,
    bag: ParameterBag,
  ): string {
    return this.compile(action, 'Case', caseSubject(caseAlias), bag);
  }

  /** Referrals the actor may answer (respond) or take back (withdraw). */
  referralsFor(action: 'respond' | 'withdraw', referralAlias: string, bag: ParameterBag): string {
    return this.compile(action, 'Referral', referralSubject(referralAlias), bag);
  }

  /** Whether the actor may open a new case at all (there is no row to check yet). */
  mayCreateCases(): boolean {
    return this.ability.can('create', 'Case');
  }

  /** Cases on which the actor may record and withdraw the tenant's consents. */
  consentManageableCases(caseAlias: string, bag: ParameterBag): string {
    return this.compile('manageConsents', 'Case', caseSubject(caseAlias), bag);
  }

  /** Whether the actor may read a whole category of a case: by legal basis, consent, or because it created some of it. */
  readableSection(category: DataCategory, caseAlias: string, bag: ParameterBag): string {
    return `(${this.readableCases(caseAlias, bag)} AND ${this.compile(this.reading, category, categorySectionSubject(category, caseAlias), bag)})`;
  }

  /**
   * Whether the actor may read one row of a category, joined to its case as `caseAlias`; case notes also
   * pass their visibility column.
   */
  readableRow(
    category: DataCategory,
    caseAlias: string,
    originSql: string,
    bag: ParameterBag,
    visibilitySql?: string,
  ): string {
    return `(${this.readableCases(caseAlias, bag)} AND ${this.compile(this.reading, category, categoryRowSubject(caseAlias, originSql, visibilitySql), bag)})`;
  }

  /**
   * Every category of the cases `caseIdsSql` (an SQL list, e.g. `(:...caseIds)`) decided and explained in
   * one query, from the same compiled rule: per category C the columns "C" (readableSection), "C:consent"
   * (a consent the rule for C allows it on by itself, the latest-ending first), "C:signal" (whether a signal
   * received allows it by itself) and "C:refusal" (why it is withheld). Read the rows with
   * `sectionDecisionsOf`. The decisions are computed once per case (a materialised CTE); the grounds are
   * looked up only where a category is allowed, the refusal only where it is withheld.
   *
   * The refusal names the state of the tenant's consents to the organisation that name C (those the
   * Consent rule lets it see) — withdrawn, else ended, else none — without judging them again: the
   * decision has been made.
   */
  sectionDecisions(caseIdsSql: string, bag: ParameterBag): string {
    const decisions = DATA_CATEGORIES.map(
      (category) => `${this.readableSection(category, 'c', bag)} AS "${category}"`,
    );
    const organization = this.actor ? bag.bind(this.actor.organizationId) : null;
    const now = bag.bind(this.now);
    const explanations = DATA_CATEGORIES.flatMap((category) => {
      const decided = `d."${category}"`;
      const byConsent = this.compile(
        this.reading,
        category,
        categoryGroundSubject(category, 'c', { consentIdSql: 'k.id' }),
        bag,
      );
      const bySignal = this.compile(
        this.reading,
        category,
        categoryGroundSubject(category, 'c', 'SIGNAL'),
        bag,
      );
      // The consents to the organisation naming C, as far as the rule lets it see consents at all.
      const naming = (state: string) =>
        `EXISTS (SELECT 1 FROM consent n WHERE n.tenant_id = c.tenant_id AND n.recipient_org_id = ${organization}
                    AND n.categories @> CAST(${bag.bind([category])} AS data_category[]) AND ${state}
                    AND ${this.readableConsents('n', bag)})`;
      const refusal =
        organization === null
          ? `'NOT_PARTICIPANT'`
          : `CASE WHEN ${naming('n.withdrawn_at IS NOT NULL')} THEN 'CONSENT_WITHDRAWN'
                  WHEN ${naming(`n.valid_until <= ${now}`)} THEN 'CONSENT_EXPIRED'
                  ELSE 'NO_CONSENT' END`;
      return [
        `CASE WHEN ${decided} THEN (SELECT k.id FROM consent k WHERE k.tenant_id = c.tenant_id AND ${byConsent}
                                     ORDER BY k.valid_until DESC, k.id LIMIT 1) END AS "${category}:consent"`,
        `CASE WHEN ${decided} THEN ${bySignal} END AS "${category}:signal"`,
        `CASE WHEN NOT ${decided} THEN ${refusal} END AS "${category}:refusal"`,
      ];
    });
    return `WITH decided AS MATERIALIZED (
              SELECT c.id, c.tenant_id, ${decisions.join(', ')} FROM case_file c WHERE c.id IN ${caseIdsSql})
            SELECT d.*, ${explanations.join(', ')}
              FROM decided d JOIN case_file c ON c.id = d.id`;
  }

  /**
   * The grounds of one allowed category of a case `c` (already known to be readable), as SQL columns for
   * a read that loads the section in the same statement: the consent it rests on (the latest-ending) and
   * whether a received signal allows it — the same expressions `sectionDecisions` explains with.
   */
  sectionGrounds(
    category: DataCategory,
    caseAlias: string,
    bag: ParameterBag,
  ): { consentId: string; bySignal: string } {
    const byConsent = this.compile(
      this.reading,
      category,
      categoryGroundSubject(category, caseAlias, { consentIdSql: 'k.id' }),
      bag,
    );
    return {
      consentId: `(SELECT k.id FROM consent k WHERE k.tenant_id = ${caseAlias}.tenant_id AND ${byConsent}
                    ORDER BY k.valid_until DESC, k.id LIMIT 1)`,
      bySignal: this.compile(
        this.reading,
        category,
        categoryGroundSubject(category, caseAlias, 'SIGNAL'),
        bag,
      ),
    };
  }

  /** Consents given to or recorded by the organisation (within the cases the scope reads). */
  readableConsents(consentAlias: string, bag: ParameterBag): string {
    return this.compile(this.reading, 'Consent', consentSubject(consentAlias), bag);
  }

  /** Which participants of a case I may see is visible to me (within cases I may see). */
  readableParticipants(participantAlias: string, bag: ParameterBag): string {
    return this.compile(this.reading, 'Participant', participantSubject(participantAlias), bag);
  }

  /** Signals I sent or received (within cases I may see). */
  readableSignals(signalAlias: string, bag: ParameterBag): string {
    return this.compile(this.reading, 'Signal', signalSubject(signalAlias), bag);
  }

  readableReferrals(referralAlias: string, bag: ParameterBag): string {
    return this.compile(this.reading, 'Referral', referralSubject(referralAlias), bag);
  }

  /** The organisation-wide consent register (privacy officer). */
  listableConsents(consentAlias: string, bag: ParameterBag): string {
    return this.compile('list', 'Consent', consentSubject(consentAlias), bag);
  }

  /** The organisation-wide audit trail (privacy officer). */
  listableAuditEvents(auditAlias: string, bag: ParameterBag): string {
    return this.compile('list', 'AuditTrail', auditTrailSubject(auditAlias), bag);
  }

  /** Whether the actor may see the monitoring dashboard at all (the rule's `view Monitoring`). */
  mayViewMonitoring(): boolean {
    return this.ability.can('view', 'Monitoring');
  }

  /**
   * The dashboard's facts (retention/case-facts.ts, as `factsAlias`) that are the organisation's own
   * business, shown in full: the conditions of `view Monitoring`.
   */
  monitoringFacts(factsAlias: string, bag: ParameterBag): string {
    return this.compile('view', 'Monitoring', monitoringSubject(factsAlias), bag);
  }
}

/** The decisions of one row of `sectionDecisions`, per category in DATA_CATEGORIES order. */
export function sectionDecisionsOf(row: Readonly<Record<string, unknown>>): SectionDecision[] {
  return DATA_CATEGORIES.map((category): SectionDecision => {
    if (row[category] === true) {
      const consentId = row[`${category}:consent`];
      return {
        category,
        allowed: true,
        consentId: typeof consentId === 'string' ? consentId : null,
        bySignal: row[`${category}:signal`] === true,
      };
    }
    const refusal = row[`${category}:refusal`];
    if (!isRefusal(refusal))
      throw new AccessCompileError(`no refusal for a withheld ${category}: ${String(refusal)}`);
    return { category, allowed: false, refusal };
  });
}

const REFUSALS: readonly SectionRefusal[] = [
  'CONSENT_WITHDRAWN',
  'CONSENT_EXPIRED',
  'NO_CONSENT',
  'NOT_PARTICIPANT',
];
const isRefusal = (value: unknown): value is SectionRefusal =>
  typeof value === 'string' && (REFUSALS as readonly string[]).includes(value);
