import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAuditEvents, verifyAuditChain } from '../../core/audit/audit-chain.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { CaseWorld, type WorldCase, type WorldOrg } from './case-world.fixtures.js';
import { runRetention, type RetentionResult } from './retention.service.js';

/** The moment of the retention run. */
const NOW = new Date('2026-06-15T10:00:00Z');

interface StatisticRow {
  municipalityCode: string;
  corporationId: string | null;
  municipalityOrgId: string | null;
  signalMonth: string | null;
  partnerType: string | null;
  reached: boolean;
  daysToFirstContact: number | null;
  helpAccepted: boolean;
  endResult: string | null;
  arrangementKept: boolean | null;
  evicted: boolean;
  closedMonth: string | null;
}

interface AuditRow {
  action: string;
  entityType: string;
  entityId: string | null;
  caseId: string | null;
  tenantId: string | null;
  actorUserId: string | null;
  actorOrgId: string | null;
  categories: string;
  basis: string | null;
  details: Record<string, unknown>;
}

describe('retention: personal data goes when its period has passed, the statistics stay', () => {
  let database: TestDatabase;
  let world: CaseWorld;
  let corporation: WorldOrg;
  let rivierstad: WorldOrg;
  let kortstad: WorldOrg;
  const cases: Record<string, WorldCase> = {};
  let firstRun: RetentionResult;

  const exists = async (table: string, column: string, id: string): Promise<boolean> =>
    (await database.query(`SELECT 1 FROM ${table} WHERE ${column} = $1`, [id])).length > 0;

  const statistics = () =>
    database.query<StatisticRow>(
      `SELECT municipality_code AS "municipalityCode", corporation_id AS "corporationId",
              municipality_org_id AS "municipalityOrgId", signal_month::text AS "signalMonth",
              partner_type AS "partnerType", reached, days_to_first_contact AS "daysToFirstContact",
              help_accepted AS "helpAccepted", end_result AS "endResult", arrangement_kept AS "arrangementKept",
              evicted, closed_month::text AS "closedMonth"
         FROM case_statistic ORDER BY signal_month NULLS LAST, end_result`,
    );

  const deleteEvents = () =>
    database.query<AuditRow>(
      `SELECT action, entity_type AS "entityType", entity_id AS "entityId", case_id AS "caseId",
              tenant_id AS "tenantId", actor_user_id AS "actorUserId", actor_org_id AS "actorOrgId",
              categories::text AS categories, basis, details
         FROM audit_event WHERE action = 'DELETE' ORDER BY seq`,
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await CaseWorld.create(database);
    corporation = await world.organization('HOUSING_CORPORATION', 'Woonstichting Retentie');
    rivierstad = await world.organization('MUNICIPALITY', 'Gemeente Rivierstad (standaard)');
    kortstad = await world.organization('MUNICIPALITY', 'Gemeente Kortstad', '0001');
    // Kortstad keeps signals that were not picked up for 3 months instead of 6.
    await database.query(
      `INSERT INTO municipality_setting (organization_id, retention_not_picked_up_months) VALUES ($1, 3)`,
      [kortstad.id],
    );
    const signalled = { corporation, municipality: rivierstad };

    // Not picked up, 7 months ago: past the 6 months.
    cases.notPickedUpOld = await world.case({
      ...signalled,
      signalDate: '2025-10-20',
      endResult: 'NOT_PICKED_UP_REPEAT',
      endResultAt: '2025-11-10T09:00:00Z',
      timeline: ['SIGNALLED'],
    });
    // Not picked up, 5 months ago: kept.
    cases.notPickedUpYoung = await world.case({
      ...signalled,
      signalDate: '2025-12-20',
      endResult: 'NOT_PICKED_UP_UNJUSTIFIED',
      endResultAt: '2026-01-10T09:00:00Z',
    });
    // Not picked up 4 months ago: Kortstad (3 months) removes it, Rivierstad (6 months) keeps it.
    cases.kortstadFourMonths = await world.case({
      corporation,
      municipality: kortstad,
      signalDate: '2026-01-20',
      endResult: 'NOT_PICKED_UP_OTHER_REASON',
      endResultAt: '2026-02-10T09:00:00Z',
    });
    cases.rivierstadFourMonths = await world.case({
      ...signalled,
      signalDate: '2026-01-20',
      endResult: 'NOT_PICKED_UP_OTHER_REASON',
      endResultAt: '2026-02-10T09:00:00Z',
    });
    // Picked up, no further help wanted, 13½ months ago: past the 12 months.
    cases.noHelpOld = await world.case({
      ...signalled,
      status: 'IN_CONTACT',
      signalDate: '2025-04-01',
      contactAttempts: [
        { on: '2025-04-04', reached: false },
        { on: '2025-04-08', reached: true },
      ],
      endResult: 'NO_HELP_WANTED',
      endResultAt: '2025-05-01T09:00:00Z',
    });
    // Paid the arrears themselves, 10½ months ago: kept.
    cases.noHelpYoung = await world.case({
      ...signalled,
      status: 'IN_CONTACT',
      signalDate: '2025-07-01',
      contactAttempts: [{ on: '2025-07-02', reached: true }],
      endResult: 'ALREADY_PAID_OR_ARRANGED',
      endResultAt: '2025-08-01T09:00:00Z',
    });
    // Helped, then evicted anyway; closed 19½ months ago: past the 18 months.
    cases.closedOld = await world.case({
      ...signalled,
      signalDate: '2024-02-05',
      contactAttempts: [{ on: '2024-02-12', reached: true }],
      endResult: 'FOLLOW_UP_FINANCIAL',
      endResultAt: '2024-03-01T09:00:00Z',
      timeline: ['SIGNALLED', 'IN_CONTACT', 'INTAKE', 'ADMITTED', 'STABILISATION', 'CLOSED'],
      evicted: true,
      closedAt: '2024-11-01T12:00:00Z',
    });
    // Closed 16½ months ago: kept.
    cases.closedYoung = await world.case({
      ...signalled,
      signalDate: '2024-10-01',
      endResult: 'FOLLOW_UP_FINANCIAL',
      endResultAt: '2024-11-01T09:00:00Z',
      closedAt: '2025-02-01T12:00:00Z',
    });
    // No help wanted at first, long ago — but then admitted after all and in help now: kept.
    cases.inHelp = await world.case({
      ...signalled,
      status: 'STABILISATION',
      signalDate: '2024-12-01',
      endResult: 'NO_HELP_WANTED',
      endResultAt: '2025-01-01T09:00:00Z',
      timeline: ['SIGNALLED', 'IN_CONTACT', 'INTAKE', 'ADMITTED', 'STABILISATION'],
    });
    // A dossier that never reached the signal: no rule applies.
    cases.preSignal = await world.case({ corporation, status: 'PRE_SIGNAL' });
    // One tenant, two cases: the old one goes, the tenant stays with the open one.
    cases.sharedDue = await world.case({
      ...signalled,
      signalDate: '2025-09-01',
      endResult: 'NOT_PICKED_UP_REPEAT',
      endResultAt: '2025-10-01T09:00:00Z',
    });
    cases.sharedOpen = await world.case({
      ...signalled,
      tenantId: cases.sharedDue.tenantId,
      signalDate: '2026-05-01',
    });

    // Somebody read the oldest case once: that audit row must outlive the case.
    await database.query(
      `INSERT INTO audit_event (action, entity_type, entity_id, case_id, categories, basis)
       VALUES ('READ', 'case', $1, $1, '{CONTACT}', 'WGS_ART_3_SIGNAL')`,
      [cases.notPickedUpOld.caseId],
    );

    firstRun = await runRetention(database.system, NOW);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('removes exactly the cases whose period has passed, by the rule that applies', async () => {
    expect(firstRun).toEqual({
      removed: 5,
      failed: 0,
      notPickedUp: 3,
      noFurtherHelp: 1,
      closed: 1,
      complete: true,
      resumeAfter: null,
    });
    const remaining = new Set(
      (await database.query<{ id: string }>(`SELECT id FROM case_file`)).map((row) => row.id),
    );
    const kept = Object.entries(cases)
      .filter(([, worldCase]) => remaining.has(worldCase.caseId))
      .map(([name]) => name)
      .sort();
    expect(kept).toEqual(
      [
        'closedYoung',
        'inHelp',
        'noHelpYoung',
        'notPickedUpYoung',
        'preSignal',
        'rivierstadFourMonths',
        'sharedOpen',
      ].sort(),
    );
  });

  it('takes everything personal with a removed case, and the tenant when no other case of theirs remains', async () => {
    const { caseId, tenantId, tenancyId } = cases.notPickedUpOld!;
    for (const table of [
      'signal',
      'arrears',
      'collection_step',
      'case_participant',
      'case_transition',
      'consent',
    ])
      expect(await exists(table, 'case_id', caseId), table).toBe(false);
    expect(await exists('tenant', 'id', tenantId)).toBe(false);
    for (const table of ['household', 'tenancy', 'tenant_identifier', 'consent'])
      expect(await exists(table, 'tenant_id', tenantId), table).toBe(false);
    expect(await exists('tenancy', 'id', tenancyId)).toBe(false);
  });

  it("keeps a tenant who still has another case, with their household and BSN, but not the removed case's tenancy", async () => {
    const due = cases.sharedDue!;
    const open = cases.sharedOpen!;
    expect(await exists('tenant', 'id', due.tenantId)).toBe(true);
    expect(await exists('household', 'tenant_id', due.tenantId)).toBe(true);
    expect(await exists('tenant_identifier', 'tenant_id', due.tenantId)).toBe(true);
    expect(await exists('tenancy', 'id', due.tenancyId)).toBe(false);
    expect(await exists('tenancy', 'id', open.tenancyId)).toBe(true);
    expect(await exists('consent', 'case_id', due.caseId)).toBe(false);
    expect(await exists('consent', 'case_id', open.caseId)).toBe(true);
  });

  it('keeps the anonymous facts of every removed case', async () => {
    const rows = await statistics();
    expect(rows).toHaveLength(5);
    const base = {
      municipalityCode: '9999',
      corporationId: corporation.id,
      municipalityOrgId: rivierstad.id,
      partnerType: 'HUUR',
      arrangementKept: null,
    };
    expect(rows).toEqual([
      {
        ...base,
        signalMonth: '2024-02-01',
        reached: true,
        daysToFirstContact: 7,
        helpAccepted: true,
        endResult: 'FOLLOW_UP_FINANCIAL',
        evicted: true,
        closedMonth: '2024-11-01',
      },
      {
        ...base,
        signalMonth: '2025-04-01',
        reached: true,
        daysToFirstContact: 3,
        helpAccepted: false,
        endResult: 'NO_HELP_WANTED',
        evicted: false,
        closedMonth: null,
      },
      {
        ...base,
        signalMonth: '2025-09-01',
        reached: false,
        daysToFirstContact: null,
        helpAccepted: false,
        endResult: 'NOT_PICKED_UP_REPEAT',
        evicted: false,
        closedMonth: null,
      },
      {
        ...base,
        signalMonth: '2025-10-01',
        reached: false,
        daysToFirstContact: null,
        helpAccepted: false,
        endResult: 'NOT_PICKED_UP_REPEAT',
        evicted: false,
        closedMonth: null,
      },
      {
        ...base,
        municipalityCode: '0001',
        municipalityOrgId: kortstad.id,
        signalMonth: '2026-01-01',
        reached: false,
        daysToFirstContact: null,
        helpAccepted: false,
        endResult: 'NOT_PICKED_UP_OTHER_REASON',
        evicted: false,
        closedMonth: null,
      },
    ]);
  });

  it('records each removal in the audit trail as a DELETE by the system on behalf of the municipality, and keeps the earlier audit rows', async () => {
    const events = await deleteEvents();
    expect(events).toHaveLength(5);
    const removal = events.find((event) => event.caseId === cases.notPickedUpOld!.caseId);
    expect(removal).toMatchObject({
      action: 'DELETE',
      entityType: 'case',
      entityId: cases.notPickedUpOld!.caseId,
      tenantId: cases.notPickedUpOld!.tenantId,
      actorUserId: null,
      actorOrgId: rivierstad.id,
      categories: '{CONTACT,ARREARS,HOUSEHOLD,SPECIAL}',
      basis: 'AVG_ART_5_1_E',
      details: {
        reason: 'RETENTION',
        rule: 'NOT_PICKED_UP',
        retentionMonths: 6,
        periodStartedAt: '2025-11-10T09:00:00.000Z',
        municipalityOrgId: rivierstad.id,
        tenantRemoved: true,
        consentsRemoved: 1,
      },
    });
    expect(events.find((event) => event.caseId === cases.kortstadFourMonths!.caseId)?.details).toMatchObject({
      rule: 'NOT_PICKED_UP',
      retentionMonths: 3,
    });
    expect(events.find((event) => event.caseId === cases.closedOld!.caseId)?.details).toMatchObject({
      rule: 'CLOSED',
      retentionMonths: 18,
    });
    // The tenant stays, so their household (and its special-category notes) is not part of the removal.
    const shared = events.find((event) => event.caseId === cases.sharedDue!.caseId);
    expect(shared?.categories).toBe('{CONTACT,ARREARS}');
    expect(shared?.details).toMatchObject({ tenantRemoved: false });

    const earlier = await database.query(`SELECT 1 FROM audit_event WHERE action = 'READ' AND case_id = $1`, [
      cases.notPickedUpOld!.caseId,
    ]);
    expect(earlier).toHaveLength(1);
    await sealAuditEvents(database.dataSource);
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({ ok: true, unsealed: 0 });
  });

  it('is idempotent: a second run at the same moment removes nothing and writes nothing', async () => {
    const again = await runRetention(database.system, NOW);
    expect(again).toEqual({
      removed: 0,
      failed: 0,
      notPickedUp: 0,
      noFurtherHelp: 0,
      closed: 0,
      complete: true,
      resumeAfter: null,
    });
    expect(await statistics()).toHaveLength(5);
    expect(await deleteEvents()).toHaveLength(5);
  });

  it('removes the next ones when their time comes', async () => {
    // Two months later the four-month-old signal in Rivierstad has passed its six months, and so have
    // the young not-picked-up signal, the arrears paid a year ago and the case closed 18 months ago.
    const later = await runRetention(database.system, new Date('2026-08-10T10:00:00Z'));
    expect(later).toEqual({
      removed: 4,
      failed: 0,
      notPickedUp: 2,
      noFurtherHelp: 1,
      closed: 1,
      complete: true,
      resumeAfter: null,
    });
    const remaining = await database.query<{ id: string }>(`SELECT id FROM case_file ORDER BY id`);
    expect(remaining.map((row) => row.id)).toEqual(
      [cases.inHelp!.caseId, cases.preSignal!.caseId, cases.sharedOpen!.caseId].sort(),
    );
  });
});
