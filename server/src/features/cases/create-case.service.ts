import { BASIS_ORIGIN, createCaseInputSchema, todayInAmsterdam } from '@vangnet/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { writeAuditEvent } from '../../core/audit/audit-writer.js';
import type { ScopedTransaction } from '../../core/db/gateway.js';
import { BadUserInputError, ForbiddenError } from '../../core/errors.js';
import { parseInput } from '../../core/graphql/input-validation.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import { Arrears, ArrearsChange } from '../arrears/arrears.entity.js';
import { lockContractsOf } from '../arrears/corporation-case-lock.js';
import { Household } from '../tenants/household.entity.js';
import { Tenancy } from '../tenants/tenancy.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { CaseAssignee } from './case-assignee.entity.js';
import { CaseParticipant } from './case-participant.entity.js';
import { Case } from './case.entity.js';
import type { CaseService } from './case.service.js';
import type { CaseType } from './case.types.js';
import type { CreateCaseInput } from './create-case.types.js';

const NEXT_REFERENCE_NUMBERS = `SELECT nextval('case_reference_seq')::text AS n FROM generate_series(1, $1)`;

/** Case references are numbered from one sequence: VN-<year>-<6 digits>. */
export async function nextCaseReferences(
  manager: EntityManager,
  year: string,
  count: number,
): Promise<string[]> {
  if (count === 0) return [];
  const rows = await manager.query<{ n: string }[]>(NEXT_REFERENCE_NUMBERS, [count]);
  return rows.map((row) => `VN-${year}-${row.n.padStart(6, '0')}`);
}

/** The same numbering inside a gateway transaction (the arrears import); the sequence is no case data. */
export async function nextCaseReferencesIn(
  tx: ScopedTransaction,
  year: string,
  count: number,
): Promise<string[]> {
  if (count === 0) return [];
  const rows = await tx.execute<{ n: string }>(NEXT_REFERENCE_NUMBERS, [count]);
  return rows.map((row) => `VN-${year}-${row.n.padStart(6, '0')}`);
}

/** The open (not closed) dossier of a contract of this corporation, if there is one. */
export async function openCaseOfContract(
  manager: EntityManager,
  corporationId: string,
  contractNumber: string,
): Promise<{ tenancyId: string; tenantId: string; openReference: string | null } | null> {
  const [row] = await manager.query<{ id: string; tenant_id: string; open_reference: string | null }[]>(
    `SELECT tn.id, tn.tenant_id,
            (SELECT c.reference FROM case_file c WHERE c.tenancy_id = tn.id AND c.status <> 'CLOSED'
              ORDER BY c.created_at DESC LIMIT 1) AS open_reference
       FROM tenancy tn
      WHERE tn.corporation_id = $1 AND tn.contract_number = $2`,
    [corporationId, contractNumber],
  );
  return row ? { tenancyId: row.id, tenantId: row.tenant_id, openReference: row.open_reference } : null;
}

export function duplicateContractError(reference: string): BadUserInputError {
  return new BadUserInputError(`Er loopt al een dossier voor dit huurcontract: ${reference}.`, {
    'tenancy.contractNumber': `Er loopt al een dossier voor dit huurcontract: ${reference}.`,
  });
}

export class CreateCaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseService,
  ) {}

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

    const caseId = await this.dataSource.transaction(async (manager) => {
      const corporationId = actor.organizationId;
      await lockContractsOf(manager, corporationId);
      const existing = await openCaseOfContract(manager, corporationId, contractNumber);
      if (existing?.openReference) throw duplicateContractError(existing.openReference);

      const [corporation] = await manager.query<{ municipality_code: string }[]>(
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
        await manager.update(Tenant, { id: tenantId }, tenantFields);
        await manager.update(Tenancy, { id: tenancyId }, { monthlyRentCents: tenancy.monthlyRentCents });
        if (rest.household) {
          await manager.query(
            `INSERT INTO household (tenant_id, adults, children, origin_org_id) VALUES ($1, $2, $3, $4)
             ON CONFLICT (tenant_id) DO UPDATE SET adults = EXCLUDED.adults, children = EXCLUDED.children,
               version = household.version + 1, updated_at = now()`,
            [tenantId, household.adults, household.children, corporationId],
          );
        }
      } else {
        const tenant = await manager.insert(Tenant, { ...tenantFields, originOrgId: corporationId });
        tenantId = (tenant.identifiers[0] as { id: string }).id;
        await manager.insert(Household, {
          tenantId,
          adults: household.adults,
          children: household.children,
          vulnerabilityNotes: null,
          originOrgId: corporationId,
        });
        const insertedTenancy = await manager.insert(Tenancy, {
          tenantId,
          corporationId,
          contractNumber,
          monthlyRentCents: tenancy.monthlyRentCents,
        });
        tenancyId = (insertedTenancy.identifiers[0] as { id: string }).id;
      }

      const [reference] = await nextCaseReferences(manager, today.slice(0, 4), 1);
      const inserted = await manager.insert(Case, {
        reference: reference!,
        tenantId,
        tenancyId,
        originOrgId: corporationId,
        status: 'PRE_SIGNAL',
        crisis: rest.crisis ?? false,
        exitReason: null,
        closedAt: null,
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      await manager.insert(CaseParticipant, { caseId: id, organizationId: corporationId, role: 'REFERRER' });
      await manager.insert(CaseAssignee, {
        caseId: id,
        organizationId: corporationId,
        userId: actor.userId,
        assignedById: actor.userId,
      });
      const arrears = {
        caseId: id,
        amountCents: initialArrears.amountCents,
        aroseOn: initialArrears.aroseOn,
        monthsInArrears: initialArrears.monthsInArrears,
        originOrgId: corporationId,
      };
      await manager.insert(Arrears, arrears);
      await manager.insert(ArrearsChange, { ...arrears, recordedById: actor.userId });
      await writeAuditEvent(manager, context, {
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
