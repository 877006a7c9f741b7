import { subject as tagSubject } from '@casl/ability';
import {
  BASIS_ORIGIN,
  DATA_CATEGORIES,
  LEGAL_BASIS_SIGNAL,
  type CategoryFacts,
  type ConsentFacts,
  type DataCategory,
  type ParticipantRole,
} from '@vangnet/shared';
import type { ParameterBag } from '../../core/authz/casl-sql-compiler.js';
import { BsnCipher } from '../../core/crypto/bsn-cipher.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import type {
  AccessReason,
  ArrearsSectionType,
  CategoryAccessType,
  ContactSectionType,
  DebtsSectionType,
  HouseholdSectionType,
  IncomeExpensesSectionType,
  SpecialSectionType,
} from './case-sections.types.js';

/** What a case section needs to know about its case. */
export interface CaseRef {
  readonly id: string;
  readonly tenantId: string;
}

interface ConsentRow {
  id: string;
  tenant_id: string;
  recipient_org_id: string;
  categories: string;
  purpose: ConsentFacts['purpose'];
  valid_from: Date;
  valid_until: Date;
  withdrawn_at: Date | null;
}

const parsePgArray = (value: string | string[]): string[] =>
  Array.isArray(value)
    ? value
    : value
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean);

/**
 * Reads the sections of cases. Every query carries the request's access predicate (core/authz);
 * a section the actor may not read is null, with a CategoryAccess descriptor saying why.
 */
export class CaseSectionsService {
  private readonly cipher: BsnCipher;

  constructor(bsnKey: Buffer) {
    this.cipher = new BsnCipher(bsnKey);
  }

  /** Access descriptors for every category of a case: one SQL decision query per batch of cases. */
  async access(context: RequestContext, ref: CaseRef): Promise<CategoryAccessType[]> {
    return context.loaders.get('case-access', (ids) => this.loadAccess(context, ids)).load(ref.id);
  }

  private async loadAccess(
    context: RequestContext,
    caseIds: readonly string[],
  ): Promise<CategoryAccessType[][]> {
    const actor = context.access.actor;
    const decisions = (bag: ParameterBag) =>
      DATA_CATEGORIES.map(
        (category) => `${context.access.readableSection(category, 'c', bag)} AS "${category}"`,
      );
    const rows = await context.db.read<Record<DataCategory, boolean> & { id: string; tenant_id: string }>(
      (bag) =>
        `SELECT c.id, c.tenant_id, ${decisions(bag).join(', ')} FROM case_file c WHERE c.id IN (:...caseIds)`,
      { caseIds: [...caseIds] },
    );
    if (!actor)
      return caseIds.map(() => DATA_CATEGORIES.map((category) => denied(category, 'NOT_PARTICIPANT')));

    // Explaining a decision uses only the organisation's own facts: its participation, the signals it
    // received and the consents given to it. The decision itself came from SQL above.
    const [participations, signals, consents] = await Promise.all([
      context.db.read<{ case_id: string; role: ParticipantRole }>(
        (bag) =>
          `SELECT p.case_id, p.role FROM case_participant p WHERE p.case_id = ANY(:caseIds::uuid[]) AND p.organization_id = :org AND ${context.access.readableParticipants('p', bag)}`,
        { caseIds, org: actor.organizationId },
      ),
      context.db.read<{ case_id: string }>(
        (bag) =>
          `SELECT s.case_id FROM signal s WHERE s.case_id = ANY(:caseIds::uuid[]) AND s.recipient_org_id = :org AND ${context.access.readableSignals('s', bag)}`,
        { caseIds, org: actor.organizationId },
      ),
      context.db.read<ConsentRow>(
        (
          bag,
        ) => `SELECT k.id, k.tenant_id, k.recipient_org_id, k.categories::text AS categories, k.purpose, k.valid_from, k.valid_until, k.withdrawn_at
           FROM consent k WHERE k.tenant_id = ANY(:tenantIds::uuid[]) AND k.recipient_org_id = :org AND ${context.access.readableConsents('k', bag)}
          ORDER BY k.valid_until DESC, k.id`,
        { tenantIds: rows.map((row) => row.tenant_id), org: actor.organizationId },
      ),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const now = context.access.now;

    return caseIds.map((caseId) => {
      const row = byId.get(caseId);
      if (!row) return DATA_CATEGORIES.map((category) => denied(category, 'NOT_PARTICIPANT'));
      const participants = participations
        .filter((participation) => participation.case_id === caseId)
        .map((participation) => ({ organizationId: actor.organizationId, role: participation.role }));
      const tenantConsents = consents.filter((consent) => consent.tenant_id === row.tenant_id);
      const base: CategoryFacts = {
        id: caseId,
        participants,
        assignees: [],
        consents: [],
        signals: [],
        originOrgId: '',
        // At section level a CASE_NOTES consent opens the section (which notes show is decided per row).
        visibility: 'SHARED',
      };
      const allows = (category: DataCategory, facts: CategoryFacts) =>
        context.access.ability.can('read', tagSubject(category, { ...facts }));

      return DATA_CATEGORIES.map((category): CategoryAccessType => {
        const naming = tenantConsents.filter((consent) =>
          parsePgArray(consent.categories).includes(category),
        );
        if (!row[category]) {
          const reason: AccessReason = naming.some((consent) => consent.withdrawn_at !== null)
            ? 'CONSENT_WITHDRAWN'
            : naming.some((consent) => consent.valid_until <= now)
              ? 'CONSENT_EXPIRED'
              : 'NO_CONSENT';
          return denied(category, reason);
        }
        const consent = naming.find((candidate) =>
          allows(category, { ...base, consents: [toFacts(candidate)] }),
        );
        if (consent)
          return {
            category,
            allowed: true,
            reason: null,
            basis: 'CONSENT',
            consentId: consent.id,
            ownDataOnly: false,
          };
        const signalled = signals.some((signal) => signal.case_id === caseId);
        if (signalled && allows(category, { ...base, signals: [{ recipientOrgId: actor.organizationId }] })) {
          return {
            category,
            allowed: true,
            reason: null,
            basis: 'LEGAL_BASIS',
            consentId: null,
            ownDataOnly: false,
          };
        }
        return { category, allowed: true, reason: null, basis: 'ORIGIN', consentId: null, ownDataOnly: true };
      });
    });
  }

  /**
   * A section is returned only when its category may be read, and every section returned is recorded
   * for the request's read audit with the basis it was read on.
   */
  async readSection<T>(
    context: RequestContext,
    ref: CaseRef,
    category: DataCategory,
    load: () => Promise<T | null>,
  ): Promise<T | null> {
    const access = (await this.access(context, ref)).find((entry) => entry.category === category);
    if (!access?.allowed) return null;
    const section = await load();
    if (section !== null) {
      context.readAudit.record({
        action: 'READ',
        entityType: 'case',
        entityId: ref.id,
        caseId: ref.id,
        tenantId: ref.tenantId,
        categories: [category],
        basis: CaseSectionsService.auditBasis(access),
      });
    }
    return section;
  }

  /**
   * Records the read of rows of one category that the row rule let through (`readableRow`), given the
   * organisations that recorded them (null: the system): on the section's basis when some row is not the
   * reader's organisation's, as its own data otherwise. Nothing read, nothing recorded.
   */
  async recordRowsRead(
    context: RequestContext,
    ref: CaseRef,
    category: DataCategory,
    entityType: string,
    recordedBy: readonly (string | null)[],
  ): Promise<void> {
    if (recordedBy.length === 0) return;
    const membership = requireMembership(context);
    const access = recordedBy.some((organizationId) => organizationId !== membership.organizationId)
      ? (await this.access(context, ref)).find((entry) => entry.category === category)
      : undefined;
    context.readAudit.record({
      action: 'READ',
      entityType,
      entityId: ref.id,
      caseId: ref.id,
      tenantId: ref.tenantId,
      categories: [category],
      basis: access ? CaseSectionsService.auditBasis(access) : BASIS_ORIGIN,
    });
  }

  /** The basis name recorded in the audit trail for a read of this category. */
  static auditBasis(access: CategoryAccessType): string {
    if (access.basis === 'CONSENT' && access.consentId) return access.consentId;
    if (access.basis === 'LEGAL_BASIS') return LEGAL_BASIS_SIGNAL;
    return BASIS_ORIGIN;
  }

  /** Rows of one category for a batch of cases, filtered in SQL by the row-level rule. */
  private async rows<T extends object>(
    context: RequestContext,
    caseIds: readonly string[],
    build: (bag: ParameterBag) => string,
  ): Promise<Map<string, T[]>> {
    const rows = await context.db.read<T & { case_ref: string }>(build, { caseIds: [...caseIds] });
    const grouped = new Map<string, T[]>();
    for (const row of rows) {
      const list = grouped.get(row.case_ref) ?? [];
      list.push(row);
      grouped.set(row.case_ref, list);
    }
    return grouped;
  }

  /** The rows of `table` (as `x`) of the cases `:caseIds` (as `c`) that the row rule lets through. */
  private sectionQuery(
    context: RequestContext,
    category: DataCategory,
    table: string,
    link: string,
    bag: ParameterBag,
    select: string,
    orderBy = '',
  ): string {
    return `SELECT c.id AS case_ref, ${select} FROM ${table} x INNER JOIN case_file c ON ${link}
             WHERE ${context.access.readableRow(category, 'c', 'x.origin_org_id', bag)} AND c.id IN (:...caseIds)
             ${orderBy && `ORDER BY ${orderBy}`}`;
  }

  async contact(context: RequestContext, ref: CaseRef): Promise<ContactSectionType | null> {
    const rows = await context.loaders
      .get('section-contact', async (ids) => {
        const found = await this.rows<ContactRow>(context, ids, (bag) =>
          this.sectionQuery(
            context,
            'CONTACT',
            'tenant',
            'c.tenant_id = x.id',
            bag,
            `x.id AS tenant_id, x.initials, x.prefix, x.surname, to_char(x.birth_date, 'YYYY-MM-DD') AS birth_date, x.street, x.house_number,
             x.house_number_addition, x.postcode, x.city, x.phone, x.email, x.preferred_channel, x.language`,
          ),
        );
        return ids.map((id) => found.get(id) ?? []);
      })
      .load(ref.id);
    const row = rows[0];
    if (!row) return null;
    return { ...toContact(row), bsn: await this.bsnFor(context, ref, row.tenant_id) };
  }

  /** The BSN never leaves the municipality that recorded it. */
  private async bsnFor(context: RequestContext, ref: CaseRef, tenantId: string): Promise<string | null> {
    const actor = context.access.actor;
    if (actor?.orgKind !== 'MUNICIPALITY') return null;
    // Asked only after the row rule let this case's contact row through; the case must be visible here.
    const [identifier] = await context.db.read<{ bsn_ciphertext: Buffer }>(
      (bag) => `SELECT i.bsn_ciphertext FROM tenant_identifier i JOIN case_file c ON c.tenant_id = i.tenant_id
                 WHERE c.id = :caseId AND i.tenant_id = :tenantId AND i.municipality_org_id = :org
                   AND ${context.access.readableCases('c', bag)}`,
      { caseId: ref.id, tenantId, org: actor.organizationId },
    );
    return identifier ? this.cipher.decrypt(identifier.bsn_ciphertext) : null;
  }

  async arrears(context: RequestContext, ref: CaseRef): Promise<ArrearsSectionType> {
    return context.loaders
      .get('section-arrears', async (ids) => {
        const link = 'c.id = x.case_id';
        const [current, history, steps, pauses] = await Promise.all([
          this.rows<{
            case_ref: string;
            amount_cents: number;
            arose_on: string;
            months_in_arrears: number;
            version: number;
          }>(context, ids, (bag) =>
            this.sectionQuery(
              context,
              'ARREARS',
              'arrears',
              link,
              bag,
              `x.amount_cents, to_char(x.arose_on, 'YYYY-MM-DD') AS arose_on, x.months_in_arrears, x.version`,
            ),
          ),
          this.rows<{
            case_ref: string;
            amount_cents: number;
            arose_on: string;
            months_in_arrears: number;
            recorded_at: Date;
          }>(context, ids, (bag) =>
            this.sectionQuery(
              context,
              'ARREARS',
              'arrears_change',
              link,
              bag,
              `x.amount_cents, to_char(x.arose_on, 'YYYY-MM-DD') AS arose_on, x.months_in_arrears, x.recorded_at`,
              'x.recorded_at',
            ),
          ),
          this.rows<{
            case_ref: string;
            id: string;
            kind: ArrearsSectionType['collectionSteps'][number]['kind'];
            step_date: string;
            note: string | null;
          }>(context, ids, (bag) =>
            this.sectionQuery(
              context,
              'ARREARS',
              'collection_step',
              link,
              bag,
              `x.id, x.kind, to_char(x.step_date, 'YYYY-MM-DD') AS step_date, x.note`,
              'x.step_date',
            ),
          ),
          this.rows<{
            case_ref: string;
            id: string;
            starts_on: string;
            ends_on: string;
            reason: string;
            automatic: boolean;
          }>(context, ids, (bag) =>
            this.sectionQuery(
              context,
              'ARREARS',
              'collection_pause',
              link,
              bag,
              `x.id, to_char(x.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(x.ends_on, 'YYYY-MM-DD') AS ends_on, x.reason, x.automatic`,
              'x.starts_on',
            ),
          ),
        ]);
        return ids.map((id): ArrearsSectionType => {
          const now = current.get(id)?.[0];
          return {
            version: now?.version ?? null,
            amountCents: now?.amount_cents ?? null,
            aroseOn: now?.arose_on ?? null,
            monthsInArrears: now?.months_in_arrears ?? null,
            history: (history.get(id) ?? []).map((row) => ({
              amountCents: row.amount_cents,
              aroseOn: row.arose_on,
              monthsInArrears: row.months_in_arrears,
              recordedAt: row.recorded_at,
            })),
            collectionSteps: (steps.get(id) ?? []).map((row) => ({
              id: row.id,
              kind: row.kind,
              stepDate: row.step_date,
              note: row.note,
            })),
            pauses: (pauses.get(id) ?? []).map((row) => ({
              id: row.id,
              startsOn: row.starts_on,
              endsOn: row.ends_on,
              reason: row.reason,
              automatic: row.automatic,
            })),
          };
        });
      })
      .load(ref.id);
  }

  async household(context: RequestContext, ref: CaseRef): Promise<HouseholdSectionType | null> {
    const rows = await context.loaders
      .get('section-household', async (ids) => {
        const found = await this.rows<{ case_ref: string; adults: number; children: number }>(
          context,
          ids,
          (bag) =>
            this.sectionQuery(
              context,
              'HOUSEHOLD',
              'household',
              'c.tenant_id = x.tenant_id',
              bag,
              'x.adults, x.children',
            ),
        );
        return ids.map((id) => found.get(id) ?? []);
      })
      .load(ref.id);
    const row = rows[0];
    return row ? { adults: row.adults, children: row.children } : null;
  }

  async special(context: RequestContext, ref: CaseRef): Promise<SpecialSectionType> {
    const rows = await context.loaders
      .get('section-special', async (ids) => {
        const found = await this.rows<{ case_ref: string; vulnerability_notes: string | null }>(
          context,
          ids,
          (bag) =>
            this.sectionQuery(
              context,
              'SPECIAL',
              'household',
              'c.tenant_id = x.tenant_id',
              bag,
              'x.vulnerability_notes',
            ),
        );
        return ids.map((id) => found.get(id) ?? []);
      })
      .load(ref.id);
    return { vulnerabilityNotes: rows[0]?.vulnerability_notes ?? null };
  }

  async incomeExpenses(context: RequestContext, ref: CaseRef): Promise<IncomeExpensesSectionType> {
    const rows = await context.loaders
      .get('section-income-expenses', async (ids) => {
        const found = await this.rows<{
          case_ref: string;
          id: string;
          kind: 'INCOME' | 'EXPENSE';
          description: string;
          monthly_amount_cents: number;
        }>(context, ids, (bag) =>
          this.sectionQuery(
            context,
            'INCOME_EXPENSES',
            'income_expense_item',
            'c.id = x.case_id',
            bag,
            'x.id, x.kind, x.description, x.monthly_amount_cents',
            'x.kind',
          ),
        );
        return ids.map((id) => found.get(id) ?? []);
      })
      .load(ref.id);
    const lines = rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      description: row.description,
      monthlyAmountCents: row.monthly_amount_cents,
    }));
    const sum = (kind: 'INCOME' | 'EXPENSE') =>
      lines.filter((line) => line.kind === kind).reduce((total, line) => total + line.monthlyAmountCents, 0);
    return { lines, monthlyIncomeCents: sum('INCOME'), monthlyExpensesCents: sum('EXPENSE') };
  }

  async debts(context: RequestContext, ref: CaseRef): Promise<DebtsSectionType> {
    const rows = await context.loaders
      .get('section-debts', async (ids) => {
        const found = await this.rows<{
          case_ref: string;
          id: string;
          creditor: string;
          amount_cents: number;
          collected_by: string | null;
        }>(context, ids, (bag) =>
          this.sectionQuery(
            context,
            'DEBTS',
            'debt',
            'c.id = x.case_id',
            bag,
            'x.id, x.creditor, x.amount_cents, x.collected_by',
            'x.creditor',
          ),
        );
        return ids.map((id) => found.get(id) ?? []);
      })
      .load(ref.id);
    const debts = rows.map((row) => ({
      id: row.id,
      creditor: row.creditor,
      amountCents: row.amount_cents,
      collectedBy: row.collected_by,
    }));
    return { debts, totalCents: debts.reduce((total, debt) => total + debt.amountCents, 0) };
  }
}

interface ContactRow {
  case_ref: string;
  tenant_id: string;
  initials: string;
  prefix: string | null;
  surname: string;
  birth_date: string | null;
  street: string;
  house_number: number;
  house_number_addition: string | null;
  postcode: string;
  city: string;
  phone: string | null;
  email: string | null;
  preferred_channel: ContactSectionType['preferredChannel'];
  language: ContactSectionType['language'];
}

function toContact(row: ContactRow): Omit<ContactSectionType, 'bsn'> {
  return {
    initials: row.initials,
    prefix: row.prefix,
    surname: row.surname,
    birthDate: row.birth_date,
    street: row.street,
    houseNumber: row.house_number,
    houseNumberAddition: row.house_number_addition,
    postcode: row.postcode,
    city: row.city,
    phone: row.phone,
    email: row.email,
    preferredChannel: row.preferred_channel,
    language: row.language,
  };
}

function toFacts(row: ConsentRow): ConsentFacts {
  return {
    recipientOrgId: row.recipient_org_id,
    categories: parsePgArray(row.categories) as DataCategory[],
    purpose: row.purpose,
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until.toISOString(),
    withdrawnAt: row.withdrawn_at ? row.withdrawn_at.toISOString() : null,
  };
}

function denied(category: DataCategory, reason: AccessReason): CategoryAccessType {
  return { category, allowed: false, reason, basis: null, consentId: null, ownDataOnly: false };
}
