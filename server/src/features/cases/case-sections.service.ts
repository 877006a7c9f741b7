import { BASIS_ORIGIN, LEGAL_BASIS_SIGNAL, type DataCategory } from '@vangnet/shared';
import type { CaseRef } from '../../core/authz/section-access.js';
import type { ParameterBag } from '../../core/authz/casl-sql-compiler.js';
import { BsnCipher } from '../../core/crypto/bsn-cipher.js';
import type { RequestContext } from '../../core/request-context.js';
import type {
  ArrearsSectionType,
  ContactSectionType,
  DebtsSectionType,
  HouseholdSectionType,
  IncomeExpensesSectionType,
  SpecialSectionType,
} from './case-sections.types.js';

/**
 * Loads the sections of cases. Every query carries the request's row rule (core/authz); whether a
 * section may be read at all, and the read's audit, is core's section machinery
 * (core/authz/section-access.ts: `readSection`), which the callers wrap these loaders in.
 */
export class CaseSectionsService {
  private readonly cipher: BsnCipher;

  constructor(bsnKey: Buffer) {
    this.cipher = new BsnCipher(bsnKey);
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

  /**
   * The contact section of a list's cases in the list's own statement (the work list shows the tenant's
   * name): a LATERAL join `ct` to the tenant under the same section and row rule as `contact`, the BSN
   * ciphertext only for the municipality that recorded it, and the grounds the read audit records.
   * `caseAlias` is the list's case row.
   */
  contactForList(
    context: RequestContext,
    caseAlias: string,
    bag: ParameterBag,
  ): { join: string; columns: string } {
    const actor = context.access.actor;
    const grounds = context.access.sectionGrounds('CONTACT', caseAlias, bag);
    const bsn =
      actor?.orgKind === 'MUNICIPALITY'
        ? `CASE WHEN ct.tenant_id IS NOT NULL THEN (SELECT i.bsn_ciphertext FROM tenant_identifier i
             WHERE i.tenant_id = ct.tenant_id AND i.municipality_org_id = ${bag.bind(actor.organizationId)}) END`
        : 'NULL::bytea';
    return {
      join: `LEFT JOIN LATERAL (
               SELECT x.id AS tenant_id, x.initials, x.prefix, x.surname, to_char(x.birth_date, 'YYYY-MM-DD') AS birth_date,
                      x.street, x.house_number, x.house_number_addition, x.postcode, x.city, x.phone, x.email,
                      x.preferred_channel, x.language
                 FROM tenant x
                WHERE x.id = ${caseAlias}.tenant_id
                  AND ${context.access.readableSection('CONTACT', caseAlias, bag)}
                  AND ${context.access.readableRow('CONTACT', caseAlias, 'x.origin_org_id', bag)}) ct ON true`,
      columns: `to_json(ct) AS contact, ${bsn} AS contact_bsn,
                CASE WHEN ct.tenant_id IS NOT NULL THEN ${grounds.consentId} END AS contact_consent,
                CASE WHEN ct.tenant_id IS NOT NULL THEN ${grounds.bySignal} END AS contact_by_signal`,
    };
  }

  /** A list row's contact (see contactForList): the section, its read recorded on the grounds it had. */
  contactFromList(
    context: RequestContext,
    ref: CaseRef,
    row: {
      contact: Omit<ContactRow, 'case_ref'> | null;
      contact_bsn: Buffer | null;
      contact_consent: string | null;
      contact_by_signal: boolean | null;
    },
  ): ContactSectionType | null {
    if (!row.contact) return null;
    context.readAudit.record({
      action: 'READ',
      entityType: 'case',
      entityId: ref.id,
      caseId: ref.id,
      tenantId: ref.tenantId,
      categories: ['CONTACT'],
      basis: row.contact_consent ?? (row.contact_by_signal ? LEGAL_BASIS_SIGNAL : BASIS_ORIGIN),
    });
    return { ...toContact(row.contact), bsn: row.contact_bsn ? this.cipher.decrypt(row.contact_bsn) : null };
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

export interface ContactRow {
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

function toContact(row: Omit<ContactRow, 'case_ref'>): Omit<ContactSectionType, 'bsn'> {
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
