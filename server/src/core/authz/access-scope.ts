import { rulesToAST } from '@casl/ability/extra';
import {
  defineAbilityFor,
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
  categoryRowSubject,
  categorySectionSubject,
  consentSubject,
  referralSubject,
  participantSubject,
  signalSubject,
} from './subject-mappings.js';

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
  ) {}

  /** `now` is the request's moment (`context.clock.now()`): the rules that depend on time use it. */
  static for(actor: AccessActor | null, now: Date): AccessScope {
    return new AccessScope(actor, defineAbilityFor(actor, now), now);
  }

  /** Fail closed: no actor, no rules, no rows. `now` only tells the context's moment (`access.now`). */
  static nobody(now: Date = new Date(0)): AccessScope {
    return AccessScope.for(null, now);
  }

  private ast(action: CaseAction, subject: AccessSubjectType): Condition | null {
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
    action: CaseAction,
    subject: AccessSubjectType,
    fields: FieldMappings,
    bag: ParameterBag,
  ): string {
    bag.noteCompiled(`${action} ${subject}`, this);
    return compileAccessCondition(this.ast(action, subject), fields, bag);
  }

  /** Cases the actor may see (participation and need-to-know). */
  readableCases(caseAlias: string, bag: ParameterBag): string {
    return this.compile('read', 'Case', caseSubject(caseAlias), bag);
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
    return `(${this.readableCases(caseAlias, bag)} AND ${this.compile('read', category, categorySectionSubject(category, caseAlias), bag)})`;
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
    return `(${this.readableCases(caseAlias, bag)} AND ${this.compile('read', category, categoryRowSubject(caseAlias, originSql, visibilitySql), bag)})`;
  }

  /** The category rule alone (no case visibility), for explaining a decision on a case already known to be visible. */
  categoryRule(category: DataCategory, caseAlias: string, bag: ParameterBag): string {
    return this.compile('read', category, categorySectionSubject(category, caseAlias), bag);
  }

  readableConsents(consentAlias: string, bag: ParameterBag): string {
    return this.compile('read', 'Consent', consentSubject(consentAlias), bag);
  }

  /** Which participants of a case I may see is visible to me (within cases I may see). */
  readableParticipants(participantAlias: string, bag: ParameterBag): string {
    return this.compile('read', 'Participant', participantSubject(participantAlias), bag);
  }

  /** Signals I sent or received (within cases I may see). */
  readableSignals(signalAlias: string, bag: ParameterBag): string {
    return this.compile('read', 'Signal', signalSubject(signalAlias), bag);
  }

  readableReferrals(referralAlias: string, bag: ParameterBag): string {
    return this.compile('read', 'Referral', referralSubject(referralAlias), bag);
  }

  /** The organisation-wide consent register (privacy officer). */
  listableConsents(consentAlias: string, bag: ParameterBag): string {
    return this.compile('list', 'Consent', consentSubject(consentAlias), bag);
  }

  /** The organisation-wide audit trail (privacy officer). */
  listableAuditEvents(auditAlias: string, bag: ParameterBag): string {
    return this.compile('list', 'AuditTrail', auditTrailSubject(auditAlias), bag);
  }
}
