import type { CaseStatus, MembershipRole, OrganizationKind, SignalEndResult } from '@vangnet/shared';
import { createOrganization, createUser } from '../../testing/factories.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { Organization } from '../organizations/organization.entity.js';

/**
 * A small world of signalled cases, inserted directly so a test decides every fact that retention and
 * the monitoring figures depend on: signal and end-result dates, contact attempts, the timeline, the
 * collection ladder.
 */

let references = 0;

export interface WorldOrg {
  readonly id: string;
  readonly name: string;
}

export interface CaseSpec {
  readonly corporation: WorldOrg;
  readonly municipality?: WorldOrg | null;
  /** A debt-counselling organisation taking part in the case. */
  readonly debtCounselling?: WorldOrg;
  /** Another case's tenant, to give one tenant two cases. */
  readonly tenantId?: string;
  readonly status?: CaseStatus;
  readonly closedAt?: string | null;
  readonly signalDate?: string | null;
  readonly endResult?: SignalEndResult | null;
  readonly endResultAt?: string | null;
  readonly contactAttempts?: readonly { readonly on: string; readonly reached: boolean }[];
  /** Statuses the case moved through (a case_transition each). */
  readonly timeline?: readonly CaseStatus[];
  readonly evicted?: boolean;
  /** The case's payment arrangements, oldest first, by their status. */
  readonly arrangements?: readonly ('ACTIVE' | 'COMPLETED' | 'BROKEN')[];
}

export interface WorldCase {
  readonly caseId: string;
  readonly tenantId: string;
  readonly tenancyId: string;
}

export class CaseWorld {
  private constructor(
    private readonly database: TestDatabase,
    /** Somebody to name as the one who recorded things. */
    readonly recorderId: string,
  ) {}

  static async create(database: TestDatabase): Promise<CaseWorld> {
    const anyOrg = await createOrganization(
      database.dataSource,
      'HOUSING_CORPORATION',
      'Fixture Recorder Org',
    );
    const recorder = await createUser(database.dataSource, {
      memberships: [{ organization: anyOrg, role: 'CASE_WORKER' }],
    });
    return new CaseWorld(database, recorder.id);
  }

  async organization(kind: OrganizationKind, name: string, municipalityCode = '9999'): Promise<WorldOrg> {
    const [row] = await this.database.query<{ id: string }>(
      `INSERT INTO organization (name, kind, municipality_code) VALUES ($1, $2, $3) RETURNING id`,
      [name, kind, municipalityCode],
    );
    return { id: row!.id, name };
  }

  async member(org: WorldOrg, role: MembershipRole): Promise<{ email: string; password: string }> {
    const email = `${role.toLowerCase()}-${org.id.slice(0, 8)}-${(references += 1)}@world.test`;
    const organization = await this.database.dataSource
      .getRepository(Organization)
      .findOneByOrFail({ id: org.id });
    const user = await createUser(this.database.dataSource, {
      email,
      memberships: [{ organization, role }],
    });
    return { email, password: user.password };
  }

  private async one(sql: string, parameters: unknown[]): Promise<string> {
    const [row] = await this.database.query<{ id: string }>(sql, parameters);
    if (!row) throw new Error(`no row from ${sql}`);
    return row.id;
  }

  async case(spec: CaseSpec): Promise<WorldCase> {
    const { corporation, municipality = null } = spec;
    const status: CaseStatus = spec.status ?? (spec.closedAt ? 'CLOSED' : 'SIGNALLED');
    references += 1;
    const tenantId =
      spec.tenantId ??
      (await this.one(
        `INSERT INTO tenant (initials, surname, street, house_number, postcode, city, phone, municipality_code, origin_org_id)
         VALUES ('T.', $1, 'Retentielaan', $2, '3011AB', 'Rivierstad', '0612345678', '9999', $3) RETURNING id`,
        [`Huurder${references}`, references, corporation.id],
      ));
    if (!spec.tenantId)
      await this.database.query(
        `INSERT INTO household (tenant_id, adults, children, vulnerability_notes, origin_org_id)
         VALUES ($1, 1, 2, 'Zorgen om gezondheid.', $2)`,
        [tenantId, corporation.id],
      );
    const tenancyId = await this.one(
      `INSERT INTO tenancy (tenant_id, corporation_id, contract_number, monthly_rent_cents)
       VALUES ($1, $2, $3, 72500) RETURNING id`,
      [tenantId, corporation.id, `C-${references}`],
    );
    const caseId = await this.one(
      `INSERT INTO case_file (reference, tenant_id, tenancy_id, origin_org_id, status, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        `VN-2025-${String(references).padStart(6, '0')}`,
        tenantId,
        tenancyId,
        corporation.id,
        status,
        status === 'CLOSED' ? (spec.closedAt ?? '2025-01-01T12:00:00Z') : null,
      ],
    );
    await this.database.query(
      `INSERT INTO case_participant (case_id, organization_id, role) VALUES ($1, $2, 'REFERRER')`,
      [caseId, corporation.id],
    );
    await this.database.query(
      `INSERT INTO arrears (case_id, amount_cents, arose_on, months_in_arrears, origin_org_id)
       VALUES ($1, 145000, '2025-01-01', 2, $2)`,
      [caseId, corporation.id],
    );
    await this.database.query(
      `INSERT INTO collection_step (case_id, kind, step_date, origin_org_id, recorded_by_id)
       VALUES ($1, 'REMINDER', '2025-01-15', $2, $3)`,
      [caseId, corporation.id, this.recorderId],
    );
    if (spec.debtCounselling)
      await this.database.query(
        `INSERT INTO case_participant (case_id, organization_id, role) VALUES ($1, $2, 'DEBT_COUNSELLING')`,
        [caseId, spec.debtCounselling.id],
      );
    for (const [index, status] of (spec.arrangements ?? []).entries())
      await this.database.query(
        `INSERT INTO payment_arrangement (case_id, total_cents, instalment_count, instalment_cents, start_date, due_day,
                                          status, origin_org_id, created_by_id, created_at)
         VALUES ($1, 60000, 6, 10000, '2025-06-01', 1, $2, $3, $4, now() + make_interval(secs => $5))`,
        [caseId, status, corporation.id, this.recorderId, index],
      );
    if (spec.evicted)
      await this.database.query(
        `INSERT INTO collection_step (case_id, kind, step_date, origin_org_id, recorded_by_id)
         VALUES ($1, 'EVICTED', '2025-06-01', $2, $3)`,
        [caseId, corporation.id, this.recorderId],
      );
    if (municipality) {
      await this.database.query(
        `INSERT INTO case_participant (case_id, organization_id, role) VALUES ($1, $2, 'MUNICIPALITY')`,
        [caseId, municipality.id],
      );
      await this.database.query(
        `INSERT INTO consent (tenant_id, case_id, recipient_org_id, purpose, categories, valid_from, valid_until, channel,
                              wording_version, wording_text, recorded_by_id, recorded_by_org_id)
         VALUES ($1, $2, $3, 'DEBT_ASSISTANCE', '{HOUSEHOLD}', '2025-01-01', '2027-01-01', 'WRITTEN', 'v1',
                 'Ik geef toestemming.', $4, $3)`,
        [tenantId, caseId, municipality.id, this.recorderId],
      );
      await this.database.query(
        `INSERT INTO tenant_identifier (tenant_id, municipality_org_id, bsn_ciphertext, recorded_by_id)
         VALUES ($1, $2, '\\x0102', $3) ON CONFLICT DO NOTHING`,
        [tenantId, municipality.id, this.recorderId],
      );
    }
    if (municipality && spec.signalDate) {
      const signalId = await this.one(
        `INSERT INTO signal (case_id, sender_org_id, recipient_org_id, signal_date, arrears_amount_cents, arrears_arose_on,
                             sent_by_id, end_result, end_result_at, end_result_by_id)
         VALUES ($1, $2, $3, $4, 145000, '2025-01-01', $5, $6, $7, $8) RETURNING id`,
        [
          caseId,
          corporation.id,
          municipality.id,
          spec.signalDate,
          this.recorderId,
          spec.endResult ?? null,
          spec.endResult ? (spec.endResultAt ?? spec.signalDate) : null,
          spec.endResult ? this.recorderId : null,
        ],
      );
      for (const attempt of spec.contactAttempts ?? [])
        await this.database.query(
          `INSERT INTO contact_attempt (case_id, signal_id, channel, attempted_on, day_part, reached, origin_org_id, recorded_by_id)
           VALUES ($1, $2, 'PHONE', $3, 'MORNING', $4, $5, $6)`,
          [caseId, signalId, attempt.on, attempt.reached, municipality.id, this.recorderId],
        );
    }
    let from: CaseStatus = 'PRE_SIGNAL';
    for (const to of spec.timeline ?? []) {
      await this.database.query(
        `INSERT INTO case_transition (case_id, from_status, to_status, via) VALUES ($1, $2, $3, 'fixture')`,
        [caseId, from, to],
      );
      from = to;
    }
    return { caseId, tenantId, tenancyId };
  }

  /** The anonymous facts kept after removal, as written by retention (no case id, of course). */
  async statistic(values: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(values);
    await this.database.query(
      `INSERT INTO case_statistic (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`,
      Object.values(values),
    );
  }
}
