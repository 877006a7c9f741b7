import { createHash, randomUUID } from 'node:crypto';
import {
  BASIS_ORIGIN,
  formatEuroCents,
  type DataCategory,
  monthsSince,
  todayInAmsterdam,
} from '@vangnet/shared';
import type { CaseCreation, LockedCase, ScopedTransaction } from '../../core/db/gateway.js';
import { BadUserInputError, ForbiddenError } from '../../core/errors.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import { lockContractsOf, nextCaseReferencesIn } from '../cases/index.js';
import { cleanText } from './arrears-import.csv.js';
import { parseArrearsCsv, type ImportValues, type ParsedImportRow } from './arrears-import.csv.js';
import type {
  ArrearsImportResultType,
  ArrearsImportRowType,
  ImportArrearsInput,
} from './arrears-import.types.js';

/** Rows per statement: large files are written in a few set-based statements, never one per row. */
const CHUNK = 5_000;
/** A whole ERP export fits; the HTTP body limit may be the tighter one. */
const MAX_CSV_CHARS = 20_000_000;

type ValidRow = ParsedImportRow & { values: ImportValues };

interface KnownContract {
  contract: string;
  tenancy_id: string;
  tenant_id: string;
  case_id: string | null;
  reference: string | null;
}

interface ManageableCase {
  locked: LockedCase;
  amount_cents: number | null;
  arose_on: string | null;
  months_in_arrears: number | null;
}

interface ArrearsWrite {
  caseId: string;
  amountCents: number;
  aroseOn: string;
  monthsInArrears: number;
}

interface NewCase {
  row: ValidRow;
  caseId: string;
  reference: string;
  tenantId: string;
  tenancyId: string;
  /** The contract is known (its earlier dossiers are closed): reuse its tenancy and tenant. */
  reused: boolean;
}

const ONLY_CORPORATIONS = 'Alleen een medewerker van een woningcorporatie kan een achterstandslijst inlezen.';

/** Writes one chunk of arrears under the grant that covers its cases (the new ones, or the locked ones). */
type ArrearsWriter = (chunk: readonly ArrearsWrite[], sql: string, parameters: unknown[]) => Promise<unknown>;

/** € 1.234,56 with a plain space, so the message reads the same wherever it is shown or copied. */
function euro(cents: number): string {
  return formatEuroCents(cents).replace(/\s/g, ' ');
}

async function inChunks<T>(
  items: readonly T[],
  write: (chunk: readonly T[]) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < items.length; start += CHUNK) await write(items.slice(start, start + CHUNK));
}

/**
 * The arrears import (issue "Referral workflow"): a corporation uploads the arrears list its ERP
 * exports, and every row either updates the arrears of the contract's open dossier, opens a new
 * dossier for an unknown contract, changes nothing, or is refused with the reason.
 *
 * Decision — each row stands on its own: a row that is invalid (or whose dossier the importer may not
 * update) is reported as ERROR and the valid rows are imported, as if each row had its own savepoint.
 * Instead of a savepoint per row, every row is checked BEFORE anything is written (the file's format
 * in memory, the dossiers and the access rule in two set-based queries), and only the rows that passed
 * are written, together, in set-based statements (INSERT … SELECT FROM unnest(…)) in one transaction.
 * The result lists every row of the file. Fix the rejected rows and import the whole file again:
 * importing is idempotent (the same amount and arose-on date is UNCHANGED and adds no history).
 */
export class ArrearsImportService {
  async importArrears(context: RequestContext, input: ImportArrearsInput): Promise<ArrearsImportResultType> {
    const actor = requireMembership(context);
    if (!context.access.mayCreateCases()) {
      context.readAudit.record({
        action: 'ACCESS_DENIED',
        entityType: 'arrears-import',
        details: { attempted: 'importArrears' },
      });
      throw new ForbiddenError(ONLY_CORPORATIONS);
    }
    const fileName = cleanText(input.fileName.split(/[\\/]/).pop());
    if (!fileName || fileName.length > 255)
      throw new BadUserInputError('Geef de naam van het bestand (hoogstens 255 tekens).', {
        fileName: 'Geef de naam van het bestand (hoogstens 255 tekens).',
      });
    if (input.csv.length > MAX_CSV_CHARS)
      throw new BadUserInputError('Het bestand is te groot; splits het bestand.', {
        csv: 'Het bestand is te groot; splits het bestand.',
      });
    const today = todayInAmsterdam(context.access.now);
    const parsed = parseArrearsCsv(input.csv, today);
    const fileSha256 = createHash('sha256').update(input.csv, 'utf8').digest('hex');

    return context.db.transaction(async (tx) => {
      const corporationId = actor.organizationId;
      // Refused (and audited) above already; the grant lets the import open dossiers and check its own
      // contracts for open ones.
      const creation = tx.authorizeCaseCreation(ONLY_CORPORATIONS);
      // Nobody opens a dossier for one of these contracts while the import runs (see createCase).
      await lockContractsOf(tx, corporationId);
      const outcomes = new Map<number, ArrearsImportRowType>();
      const result = (
        row: ParsedImportRow,
        outcome: ArrearsImportRowType['outcome'],
        caseReference: string | null,
        message: string | null,
      ) =>
        outcomes.set(row.line, {
          line: row.line,
          contractNumber: row.contractNumber,
          outcome,
          caseReference,
          message,
        });
      for (const row of parsed) if (row.error) result(row, 'ERROR', null, row.error);
      const valid = parsed.filter((row): row is ValidRow => row.values !== null);

      const known = await this.knownContracts(tx, creation, corporationId, valid);
      const openCaseIds = [...known.values()].flatMap((contract) =>
        contract.case_id ? [contract.case_id] : [],
      );
      const manageable = await this.lockManageable(tx, openCaseIds);

      const arrearsWrites: ArrearsWrite[] = [];
      const createdArrears: ArrearsWrite[] = [];
      const updatedCaseIds: string[] = [];
      const toCreate: Omit<NewCase, 'caseId' | 'reference'>[] = [];
      for (const row of valid) {
        const values = row.values;
        const monthsInArrears =
          values.monthsInArrears ??
          (values.amountCents === 0 ? 0 : Math.max(1, monthsSince(values.aroseOn, today)));
        const contract = known.get(values.contractNumber);
        if (contract?.case_id) {
          const current = manageable.get(contract.case_id);
          if (!current) {
            result(
              row,
              'ERROR',
              null,
              'Voor dit huurcontract loopt al een dossier dat jij niet mag bijwerken. Vraag je teamleider.',
            );
            continue;
          }
          const same =
            current.amount_cents === values.amountCents &&
            current.arose_on === values.aroseOn &&
            (values.monthsInArrears === null || current.months_in_arrears === values.monthsInArrears);
          if (same) {
            result(row, 'UNCHANGED', contract.reference, 'Ongewijzigd.');
            continue;
          }
          arrearsWrites.push({
            caseId: contract.case_id,
            amountCents: values.amountCents,
            aroseOn: values.aroseOn,
            monthsInArrears,
          });
          updatedCaseIds.push(contract.case_id);
          result(
            row,
            'UPDATED',
            contract.reference,
            current.amount_cents === null
              ? `Achterstand vastgelegd: ${euro(values.amountCents)}.`
              : `Achterstand bijgewerkt: ${euro(current.amount_cents)} → ${euro(values.amountCents)}.`,
          );
          continue;
        }
        if (values.amountCents === 0) {
          result(row, 'UNCHANGED', null, 'Geen achterstand; er is geen dossier geopend.');
          continue;
        }
        toCreate.push({
          row,
          tenantId: contract?.tenant_id ?? randomUUID(),
          tenancyId: contract?.tenancy_id ?? randomUUID(),
          reused: contract !== undefined,
        });
        // The arrears of a new case are written below, once it has an id.
      }

      const references = await nextCaseReferencesIn(tx, today.slice(0, 4), toCreate.length);
      const created: NewCase[] = toCreate.map((entry, index) => ({
        ...entry,
        caseId: randomUUID(),
        reference: references[index]!,
      }));
      await this.createCases(tx, creation, corporationId, created);
      for (const entry of created) {
        const values = entry.row.values;
        createdArrears.push({
          caseId: entry.caseId,
          amountCents: values.amountCents,
          aroseOn: values.aroseOn,
          monthsInArrears: values.monthsInArrears ?? Math.max(1, monthsSince(values.aroseOn, today)),
        });
        result(
          entry.row,
          'CREATED',
          entry.reference,
          `Nieuw dossier geopend met een achterstand van ${euro(values.amountCents)}.`,
        );
      }
      // The open dossiers' arrears under their locks, the new dossiers' under the creation.
      await this.writeArrears(
        (chunk, sql, parameters) =>
          tx.writeAll(
            chunk.map((write) => manageable.get(write.caseId)!.locked),
            sql,
            parameters,
          ),
        corporationId,
        actor.userId,
        arrearsWrites,
      );
      await this.writeArrears(
        (_chunk, sql, parameters) => tx.write(creation, sql, parameters),
        corporationId,
        actor.userId,
        createdArrears,
      );

      const rows = [...outcomes.values()].sort((a, b) => a.line - b.line);
      const count = (outcome: ArrearsImportRowType['outcome']) =>
        rows.filter((row) => row.outcome === outcome).length;
      const counts = {
        rowsTotal: rows.length,
        created: count('CREATED'),
        updated: count('UPDATED'),
        unchanged: count('UNCHANGED'),
        errors: count('ERROR'),
      };
      const [recorded] = await tx.execute<{ id: string }>(
        `INSERT INTO arrears_import (corporation_id, file_name, file_sha256, rows_total, created, updated, unchanged, errors, imported_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          corporationId,
          fileName,
          fileSha256,
          counts.rowsTotal,
          counts.created,
          counts.updated,
          counts.unchanged,
          counts.errors,
          actor.userId,
        ],
      );
      const categories: DataCategory[] =
        counts.created > 0 ? ['CONTACT', 'HOUSEHOLD', 'ARREARS'] : counts.updated > 0 ? ['ARREARS'] : [];
      // One event for the whole import, naming every dossier it opened or changed (details.cases), so
      // each of them finds the import in its own audit trail.
      await tx.audit({
        action: 'CREATE',
        entityType: 'arrears-import',
        entityId: recorded!.id,
        categories,
        basis: BASIS_ORIGIN,
        details: {
          ...counts,
          fileSha256,
          cases: [...created.map((entry) => entry.caseId), ...updatedCaseIds],
        },
      });
      return { importId: recorded!.id, ...counts, rows };
    });
  }

  /**
   * The file's contracts this corporation already has, each with its open dossier if any (whoever works
   * it: a contract never gets a second open dossier).
   */
  private async knownContracts(
    tx: ScopedTransaction,
    creation: CaseCreation,
    corporationId: string,
    rows: readonly ValidRow[],
  ): Promise<Map<string, KnownContract>> {
    const known = new Map<string, KnownContract>();
    await inChunks(rows, async (chunk) => {
      const found = await tx.readForCreation<KnownContract>(
        creation,
        `SELECT tn.contract_number AS contract, tn.id AS tenancy_id, tn.tenant_id, oc.id AS case_id, oc.reference
           FROM tenancy tn
           LEFT JOIN LATERAL (
             SELECT c.id, c.reference FROM case_file c
              WHERE c.tenancy_id = tn.id AND c.status <> 'CLOSED'
              ORDER BY c.created_at DESC LIMIT 1
           ) oc ON TRUE
          WHERE tn.corporation_id = $1 AND tn.contract_number = ANY($2::text[])`,
        [corporationId, chunk.map((row) => row.values.contractNumber)],
      );
      for (const contract of found) known.set(contract.contract, contract);
    });
    return known;
  }

  /**
   * Of the open dossiers, those the importer may update (the access rule's manageArrears predicate in
   * SQL), locked for the rest of the transaction, with their current arrears.
   */
  private async lockManageable(
    tx: ScopedTransaction,
    caseIds: readonly string[],
  ): Promise<Map<string, ManageableCase>> {
    const manageable = new Map<string, ManageableCase>();
    await inChunks(caseIds, async (chunk) => {
      const locks = await tx.lockAllFor('manageArrears', chunk);
      if (locks.length === 0) return;
      const arrears = new Map(
        (
          await tx.readLockedAll<{
            case_id: string;
            amount_cents: number;
            arose_on: string;
            months_in_arrears: number;
          }>(
            locks,
            `SELECT case_id, amount_cents, to_char(arose_on, 'YYYY-MM-DD') AS arose_on, months_in_arrears
               FROM arrears WHERE case_id = ANY($1::uuid[])`,
            [locks.map((locked) => locked.id)],
          )
        ).map((row) => [row.case_id, row]),
      );
      for (const locked of locks) {
        const current = arrears.get(locked.id);
        manageable.set(locked.id, {
          locked,
          amount_cents: current?.amount_cents ?? null,
          arose_on: current?.arose_on ?? null,
          months_in_arrears: current?.months_in_arrears ?? null,
        });
      }
    });
    return manageable;
  }

  /** New dossiers like createCase's (PRE_SIGNAL, the corporation as REFERRER), but in the queue: nobody assigned. */
  private async createCases(
    tx: ScopedTransaction,
    creation: CaseCreation,
    corporationId: string,
    cases: readonly NewCase[],
  ): Promise<void> {
    if (cases.length === 0) return;
    const [corporation] = await tx.lookup<{ municipality_code: string }>(
      `SELECT municipality_code FROM organization WHERE id = $1`,
      [corporationId],
    );
    const tenantColumns = (chunk: readonly NewCase[]) => [
      chunk.map((entry) => entry.tenantId),
      chunk.map((entry) => entry.row.values.initials),
      chunk.map((entry) => entry.row.values.prefix),
      chunk.map((entry) => entry.row.values.surname),
      chunk.map((entry) => entry.row.values.street),
      chunk.map((entry) => entry.row.values.houseNumber),
      chunk.map((entry) => entry.row.values.houseNumberAddition),
      chunk.map((entry) => entry.row.values.postcode),
      chunk.map((entry) => entry.row.values.city),
    ];
    const unnestTenants = `unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[])
      AS u(id, initials, prefix, surname, street, house_number, house_number_addition, postcode, city)`;

    const fresh = cases.filter((entry) => !entry.reused);
    await inChunks(fresh, async (chunk) => {
      await tx.write(
        creation,
        `INSERT INTO tenant (id, initials, prefix, surname, street, house_number, house_number_addition, postcode, city, municipality_code, origin_org_id)
         SELECT u.id, u.initials, u.prefix, u.surname, u.street, u.house_number, u.house_number_addition, u.postcode, u.city, $10, $11
           FROM ${unnestTenants}`,
        [...tenantColumns(chunk), corporation!.municipality_code, corporationId],
      );
      await tx.write(
        creation,
        `INSERT INTO household (tenant_id, adults, children, origin_org_id) SELECT u.id, 1, 0, $2 FROM unnest($1::uuid[]) AS u(id)`,
        [chunk.map((entry) => entry.tenantId), corporationId],
      );
      await tx.write(
        creation,
        `INSERT INTO tenancy (id, tenant_id, corporation_id, contract_number, monthly_rent_cents)
         SELECT u.id, u.tenant_id, $5, u.contract_number, u.rent FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[]) AS u(id, tenant_id, contract_number, rent)`,
        [
          chunk.map((entry) => entry.tenancyId),
          chunk.map((entry) => entry.tenantId),
          chunk.map((entry) => entry.row.values.contractNumber),
          chunk.map((entry) => entry.row.values.monthlyRentCents ?? 0),
          corporationId,
        ],
      );
    });
    // A contract whose earlier dossiers are closed: the same tenancy and tenant, name and address from the file.
    const reused = cases.filter((entry) => entry.reused);
    await inChunks(reused, async (chunk) => {
      await tx.write(
        creation,
        `UPDATE tenant t SET initials = u.initials, prefix = u.prefix, surname = u.surname, street = u.street,
                house_number = u.house_number, house_number_addition = u.house_number_addition, postcode = u.postcode,
                city = u.city, version = t.version + 1, updated_at = now()
           FROM ${unnestTenants}
          WHERE t.id = u.id`,
        tenantColumns(chunk),
      );
      await tx.write(
        creation,
        `UPDATE tenancy tn SET monthly_rent_cents = u.rent FROM unnest($1::uuid[], $2::int[]) AS u(id, rent)
          WHERE tn.id = u.id AND u.rent IS NOT NULL`,
        [chunk.map((entry) => entry.tenancyId), chunk.map((entry) => entry.row.values.monthlyRentCents)],
      );
    });
    await inChunks(cases, async (chunk) => {
      await tx.write(
        creation,
        `INSERT INTO case_file (id, reference, tenant_id, tenancy_id, origin_org_id, status, crisis)
         SELECT u.id, u.reference, u.tenant_id, u.tenancy_id, $5, 'PRE_SIGNAL'::case_status, false
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[]) AS u(id, reference, tenant_id, tenancy_id)`,
        [
          chunk.map((entry) => entry.caseId),
          chunk.map((entry) => entry.reference),
          chunk.map((entry) => entry.tenantId),
          chunk.map((entry) => entry.tenancyId),
          corporationId,
        ],
      );
      await tx.write(
        creation,
        `INSERT INTO case_participant (case_id, organization_id, role)
         SELECT u.id, $2, 'REFERRER'::participant_role FROM unnest($1::uuid[]) AS u(id)`,
        [chunk.map((entry) => entry.caseId), corporationId],
      );
    });
  }

  /** New or changed arrears, each with one history entry. */
  private async writeArrears(
    writeChunk: ArrearsWriter,
    corporationId: string,
    userId: string,
    writes: readonly ArrearsWrite[],
  ): Promise<void> {
    await inChunks(writes, async (chunk) => {
      const columns = [
        chunk.map((write) => write.caseId),
        chunk.map((write) => write.amountCents),
        chunk.map((write) => write.aroseOn),
        chunk.map((write) => write.monthsInArrears),
      ];
      const unnest = `unnest($1::uuid[], $2::int[], $3::date[], $4::smallint[]) AS u(case_id, amount_cents, arose_on, months_in_arrears)`;
      await writeChunk(
        chunk,
        `INSERT INTO arrears (case_id, amount_cents, arose_on, months_in_arrears, origin_org_id)
         SELECT u.case_id, u.amount_cents, u.arose_on, u.months_in_arrears, $5 FROM ${unnest}
         ON CONFLICT (case_id) DO UPDATE SET amount_cents = EXCLUDED.amount_cents, arose_on = EXCLUDED.arose_on,
           months_in_arrears = EXCLUDED.months_in_arrears, version = arrears.version + 1, updated_at = now()`,
        [...columns, corporationId],
      );
      await writeChunk(
        chunk,
        `INSERT INTO arrears_change (case_id, amount_cents, arose_on, months_in_arrears, origin_org_id, recorded_by_id)
         SELECT u.case_id, u.amount_cents, u.arose_on, u.months_in_arrears, $5, $6 FROM ${unnest}`,
        [...columns, corporationId, userId],
      );
    });
  }
}
