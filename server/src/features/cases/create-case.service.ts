import { BASIS_ORIGIN, createCaseInputSchema, todayInAmsterdam } from '@vangnet/shared';
import type { CaseCreation, ScopedTransaction } from '../../core/db/gateway.js';
import { BadUserInputError, ForbiddenError } from '../../core/errors.js';
import { parseInput } from '../../core/graphql/input-validation.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import { lockContractsOf } from './contracts-lock.js';
import type { CaseService } from './case.service.js';
import type { CaseType } from './case.types.js';
import type { CreateCaseInput } from './create-case.types.js';

const NEXT_REFERENCE_NUMBERS = `SELECT nextval('case_reference_seq')::text AS n FROM generate_series(1, $1)`;

/** Case references are numbered from one sequence: VN-<year>-<6 digits>. */
export async function nextCaseReferencesIn(
  tx: ScopedTransaction,
  year: string,
  count: number,
): Promise<string[]> {
  if (count === 0) return [];
  // The sequence is no case data.
  const rows = await tx.execute<{ n: string }>(NEXT_REFERENCE_NUMBERS, [count]);
  return rows.map((row) => `VN-${year}-${row.n.padStart(6, '0')}`);
}

/**
 * The open (not closed) dossier of a contract of this corporation, if there is one: read under the
 * permission to create, since one open dossier per contract holds whoever in the corporation works it.
 */
export async function openCaseOfContract(
  tx: ScopedTransaction,
  creation: CaseCreation,
  corporationId: string,
  contractNumber: string,
): Promise<{ tenancyId: string; tenantId: string; openReference: string | null } | null> {
  const [row] = await tx.readForCreation<{ id: string; tenant_id: string; open_reference: string | null }>(
    creation,
    `SELECT tn.id, tn.tenant_id,
            (SELECT c.reference FROM case_file c WHERE c.tenancy_id = tn.id AND c.status <> 'CLOSED'
              ORDER BY c.created_at DESC LIMIT 1) AS open_reference
       FROM tenancy tn
      WHERE tn.corporation_id = $1 AND tn.contract_number = $2`,
    [corporationId, contractNumber],
  );
  return row ? { tenancyId: row.id, tenantId: row.tenant_id, openReference: row.open_reference } : null;
}

/** The tenant's columns createCase writes; a field the input leaves out (undefined) is left alone. */
const TENANT_COLUMNS = {
  initials: 'initials',
  prefix: 'prefix',
  surname: 'surname',
  birthDate: 'birth_date',
  street: 'street',
  houseNumber: 'house_number',
  houseNumberAddition: 'house_number_addition',
  postcode: 'postcode',
  city: 'city',
  phone: 'phone',
  email: 'email',
  preferredChannel: 'preferred_channel',
  language: 'language',
  municipalityCode: 'municipality_code',
  originOrgId: 'origin_org_id',
} as const;

/** The columns and values of the fields that are set, in TENANT_COLUMNS order. */
function tenantValues(fields: Partial<Record<keyof typeof TENANT_COLUMNS, unknown>>): {
  columns: string[];
  values: unknown[];
} {
  const set = (Object.keys(TENANT_COLUMNS) as (keyof typeof TENANT_COLUMNS)[]).filter(
    (field) => fields[field] !== undefined,
  );
  return { columns: set.map((field) => TENANT_COLUMNS[field]), values: set.map((field) => fields[field]) };
}

export function duplicateContractError(reference: string): BadUserInputError {
  return new BadUserInputError(`Er loopt al een dossier voor dit huurcontract: ${reference}.`, {
    'tenancy.contractNumber': `Er loopt al een dossier voor dit huurcontract: ${reference}.`,
  });
}

export class CreateCaseService {
  constructor(private readonly cases: CaseService) {}

  /**
   * A corporation case worker opens a dossier (PRE_SIGNAL) for a tenant with a tenancy and arrears. The
   * corporation becomes the case's REFERRER and the origin of everything recorded; the creator is its
   * assignee. One open dossier per contract: a contract whose earlier dossiers are all closed gets a new
   * dossier on the same tenancy and tenant, whose contact details are brought up to date.
   */
  async createCase(context: RequestContext, input: CreateCaseInput): Promise<CaseType> {
    const actor = requireMembership(context);
    if (!context.access.mayCreateCases()) {
      context.readAudit.record({
        action: 'ACCESS_DENIED',
        entityType: 'case',
        details: { attempted: 'createCase' },
      });
      throw new ForbiddenError('Alleen een medewerker van een woningcorporatie kan een dossier openen.');
    }
    const today = todayInAmsterdam(context.access.now);
    const {
      tenant,
      tenancy,
      arrears: initialArrears,
      ...rest
    } = parseInput(context, createCaseInputSchema(today), input);
    const household = rest.household ?? { adults: 1, children: 0 };
    const contractNumber = tenancy.contractNumber;

    const caseId = await context.db.transaction(async (tx) => {
      const creation = tx.authorizeCaseCreation(
        'Alleen een medewerker van een woningcorporatie kan een dossier openen.',
      );
      const corporationId = actor.organizationId;
      await lockContractsOf(tx, corporationId);
      const existing = await openCaseOfContract(tx, creation, corporationId, contractNumber);
      if (existing?.openReference) throw duplicateContractError(existing.openReference);

      const [corporation] = await tx.lookup<{ municipality_code: string }>(
        `SELECT municipality_code FROM organization WHERE id = $1`,
        [corporationId],
      );
      const tenantFields = {
        ...tenant,
        language: tenant.language ?? 'nl',
        municipalityCode: tenant.municipalityCode ?? corporation!.municipality_code,
      };
      let tenantId: string;
      let tenancyId: string;
      if (existing) {
        tenantId = existing.tenantId;
        tenancyId = existing.tenancyId;
        const update = tenantValues(tenantFields);
        // As TypeORM's update of the Tenant entity did: its version and update time move along.
        await tx.write(
          creation,
          `UPDATE tenant SET ${update.columns.map((column, index) => `${column} = $${index + 2}`).join(', ')},
                  version = version + 1, updated_at = now()
            WHERE id = $1`,
          [tenantId, ...update.values],
        );
        await tx.write(creation, `UPDATE tenancy SET monthly_rent_cents = $2 WHERE id = $1`, [
          tenancyId,
          tenancy.monthlyRentCents,
        ]);
        if (rest.household) {
          await tx.write(
            creation,
            `INSERT INTO household (tenant_id, adults, children, origin_org_id) VALUES ($1, $2, $3, $4)
             ON CONFLICT (tenant_id) DO UPDATE SET adults = EXCLUDED.adults, children = EXCLUDED.children,
               version = household.version + 1, updated_at = now()`,
            [tenantId, household.adults, household.children, corporationId],
          );
        }
      } else {
        const insert = tenantValues({ ...tenantFields, originOrgId: corporationId });
        const [newTenant] = await tx.write<{ id: string }>(
          creation,
          `INSERT INTO tenant (${insert.columns.join(', ')})
           VALUES (${insert.columns.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING id`,
          insert.values,
        );
        tenantId = newTenant!.id;
        await tx.write(
          creation,
          `INSERT INTO household (tenant_id, adults, children, vulnerability_notes, origin_org_id)
           VALUES ($1, $2, $3, NULL, $4)`,
          [tenantId, household.adults, household.children, corporationId],
        );
        const [newTenancy] = await tx.write<{ id: string }>(
          creation,
          `INSERT INTO tenancy (tenant_id, corporation_id, contract_number, monthly_rent_cents)
           VALUES ($1, $2, $3, $4) RETURNING id`,
          [tenantId, corporationId, contractNumber, tenancy.monthlyRentCents],
        );
        tenancyId = newTenancy!.id;
      }

      const [reference] = await nextCaseReferencesIn(tx, today.slice(0, 4), 1);
      const [inserted] = await tx.write<{ id: string }>(
        creation,
        `INSERT INTO case_file (reference, tenant_id, tenancy_id, origin_org_id, status, crisis, exit_reason, closed_at)
         VALUES ($1, $2, $3, $4, 'PRE_SIGNAL', $5, NULL, NULL) RETURNING id`,
        [reference!, tenantId, tenancyId, corporationId, rest.crisis ?? false],
      );
      const id = inserted!.id;
      await tx.write(
        creation,
        `INSERT INTO case_participant (case_id, organization_id, role) VALUES ($1, $2, 'REFERRER')`,
        [id, corporationId],
      );
      await tx.write(
        creation,
        `INSERT INTO case_assignee (case_id, organization_id, user_id, assigned_by_id) VALUES ($1, $2, $3, $3)`,
        [id, corporationId, actor.userId],
      );
      const arrears = [
        id,
        initialArrears.amountCents,
        initialArrears.aroseOn,
        initialArrears.monthsInArrears,
        corporationId,
      ];
      await tx.write(
        creation,
        `INSERT INTO arrears (case_id, amount_cents, arose_on, months_in_arrears, origin_org_id)
         VALUES ($1, $2, $3, $4, $5)`,
        arrears,
      );
      await tx.write(
        creation,
        `INSERT INTO arrears_change (case_id, amount_cents, arose_on, months_in_arrears, origin_org_id, recorded_by_id)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [...arrears, actor.userId],
      );
      await tx.audit({
        action: 'CREATE',
        entityType: 'case',
        entityId: id,
        caseId: id,
        tenantId,
        categories: ['CONTACT', 'HOUSEHOLD', 'ARREARS'],
        basis: BASIS_ORIGIN,
        details: { reference: reference!, newTenancy: !existing },
      });
      return id;
    });
    return this.cases.getCase(context, caseId);
  }
}
