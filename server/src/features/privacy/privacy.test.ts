import { randomBytes, randomUUID } from 'node:crypto';
import { coarseStatusOf, type CaseStatus } from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAuditEvents } from '../../core/audit/audit-chain.js';
import { checkNewlySealedAuditRows } from '../../core/audit/audit-chain-status.js';
import { BsnCipher } from '../../core/crypto/bsn-cipher.js';
import { createUser } from '../../testing/factories.js';
import { startTestApp, type GraphQLResponse, type TestApp, type TestClient } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { demoId } from '../demo/demo-ids.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { Organization } from '../organizations/organization.entity.js';
import { escapeHtml, markup } from './tenant-export-html.js';
import type { TenantExport } from './tenant-export.js';
import { TEST_NOW, TEST_NOW_SQL } from '../../testing/test-clock.js';

interface AuditNode {
  id: string;
  seq: string;
  occurredAt: string;
  actor: { id: string; displayName: string } | null;
  actingOrganization: { name: string } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  caseId: string | null;
  caseReference: string | null;
  listedCaseIds: string[];
  categories: string[];
  basis: string | null;
  requestId: string | null;
  sealed: boolean;
}

interface AuditPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: AuditNode }[];
}

const NODE = `id seq occurredAt actor { id displayName } actingOrganization { name } action entityType entityId
  caseId caseReference listedCaseIds categories basis requestId sealed`;
const AUDIT_TRAIL = `query ($caseId: ID!, $first: Int, $after: String) {
  auditTrail(caseId: $caseId, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${NODE} } } }
}`;
const AUDIT_EVENTS = `query ($filter: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${NODE} } } }
}`;
const EXPORT = `mutation ($tenantId: ID!) { exportTenantData(tenantId: $tenantId) { generatedAt organization { name kind } json html } }`;
const READ_CASE = `query ($id: ID!) { case(id: $id) { reference contact { surname } debts { totalCents } } }`;

interface ExportResult {
  exportTenantData: {
    generatedAt: string;
    organization: { name: string; kind: string };
    json: string;
    html: string;
  };
}

/** The export's JSON as it arrives: dates are ISO strings. */
type ExportJson = Omit<TenantExport, 'generatedAt'> & { generatedAt: string };

const MEHMET = demoId('user:mehmet@rivierstad.example');
const SANNE = demoId('user:sanne@kredietbank.example');
const RIVIERSTAD = demoId('org:rivierstad');
const KREDIETBANK = demoId('org:kredietbank');
const WOONBRON = demoId('org:woonbronoost');

/** A consent of the tenant for `org`, active now, naming `category` for `purpose`. */
const activeConsent = (org: string, category: string, purpose: string) =>
  `EXISTS (SELECT 1 FROM consent k WHERE k.tenant_id = c.tenant_id AND k.recipient_org_id = '${org}'
     AND '${category}' = ANY(k.categories) AND k.purpose = '${purpose}'
     AND k.withdrawn_at IS NULL AND k.valid_from <= ${TEST_NOW_SQL} AND k.valid_until > ${TEST_NOW_SQL})`;
const assigned = (user: string) =>
  `EXISTS (SELECT 1 FROM case_assignee a WHERE a.case_id = c.id AND a.user_id = '${user}')`;
const participates = (org: string) =>
  `EXISTS (SELECT 1 FROM case_participant p WHERE p.case_id = c.id AND p.organization_id = '${org}')`;
const withData = `EXISTS (SELECT 1 FROM debt d WHERE d.case_id = c.id)
  AND EXISTS (SELECT 1 FROM tenant_identifier t WHERE t.tenant_id = c.tenant_id)
  AND EXISTS (SELECT 1 FROM referral r WHERE r.case_id = c.id)
  AND EXISTS (SELECT 1 FROM signal s WHERE s.case_id = c.id AND s.recipient_org_id = '${RIVIERSTAD}')`;

interface DemoCase {
  id: string;
  tenant_id: string;
  reference: string;
  status: CaseStatus;
  origin_org_id: string;
}

describe('the privacy officer', () => {
  let database: TestDatabase;
  let app: TestApp;
  const bsnKey = randomBytes(32);
  const clients = new Map<string, TestClient>();
  // Found in the demo world by what the stories need, not by position.
  /** With the municipality (mehmet) and in debt counselling at Kredietbank (sanne, under a full consent). */
  let CASE: string;
  let TENANT: string;
  let theCase: DemoCase;
  let municipalityConsent: string;
  /** With the municipality (which recorded debts and the BSN), not at Kredietbank. */
  let OTHER_CASE: string;
  let OTHER_TENANT: string;
  let otherCase: DemoCase;

  async function as(email: string, password?: string): Promise<TestClient> {
    let client = clients.get(email);
    if (!client) {
      client = app.client();
      const login = await client.login(email, password);
      expect(login.errors, email).toBeUndefined();
      clients.set(email, client);
    }
    return client;
  }

  async function trail(
    email: string,
    caseId: string,
    first = 100,
    after?: string | null,
  ): Promise<AuditPage> {
    const result = await (
      await as(email)
    ).gql<{ auditTrail: AuditPage }>(AUDIT_TRAIL, { caseId, first, after });
    expect(result.errors).toBeUndefined();
    return result.data!.auditTrail;
  }

  async function events(
    email: string,
    filter: Record<string, unknown> = {},
    first = 100,
  ): Promise<AuditPage> {
    const result = await (await as(email)).gql<{ auditEvents: AuditPage }>(AUDIT_EVENTS, { filter, first });
    expect(result.errors).toBeUndefined();
    return result.data!.auditEvents;
  }

  async function exportAs(email: string, tenantId: string): Promise<GraphQLResponse<ExportResult>> {
    return (await as(email)).gql<ExportResult>(EXPORT, { tenantId });
  }

  async function exported(
    email: string,
    tenantId: string,
  ): Promise<{ result: ExportResult['exportTenantData']; json: ExportJson }> {
    const response = await exportAs(email, tenantId);
    expect(response.errors).toBeUndefined();
    const result = response.data!.exportTenantData;
    return { result, json: JSON.parse(result.json) as ExportJson };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoWorld(database.system, { bsnKey, today: TEST_NOW });
    app = await startTestApp(database.dataSource, { bsnKey });
    const select = `SELECT c.id, c.tenant_id, c.reference, c.status, c.origin_org_id FROM case_file c`;
    const [found] = await database.query<DemoCase>(
      `${select} WHERE ${assigned(MEHMET)} AND ${assigned(SANNE)} AND ${withData}
          AND ${activeConsent(KREDIETBANK, 'CONTACT', 'DEBT_ASSISTANCE')} AND ${activeConsent(RIVIERSTAD, 'DEBTS', 'DEBT_ASSISTANCE')}
        ORDER BY c.reference LIMIT 1`,
    );
    const [foundOther] = await database.query<DemoCase>(
      `${select} WHERE ${assigned(MEHMET)} AND NOT ${participates(KREDIETBANK)} AND ${withData}
          AND ${activeConsent(RIVIERSTAD, 'DEBTS', 'DEBT_ASSISTANCE')}
        ORDER BY c.reference LIMIT 1`,
    );
    expect(found, 'the demo world has a case at the municipality and at Kredietbank').toBeDefined();
    expect(foundOther, 'the demo world has a case at the municipality only').toBeDefined();
    theCase = found!;
    otherCase = foundOther!;
    CASE = theCase.id;
    TENANT = theCase.tenant_id;
    OTHER_CASE = otherCase.id;
    OTHER_TENANT = otherCase.tenant_id;
    const [consent] = await database.query<{ id: string }>(
      `SELECT k.id FROM consent k WHERE k.tenant_id = $1 AND k.recipient_org_id = $2`,
      [TENANT, RIVIERSTAD],
    );
    municipalityConsent = consent!.id;
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it("shows the officer of Gemeente Rivierstad the reads of Rivierstad's staff on a case, with categories and basis, and not those of Kredietbank", async () => {
    const mehmet = await (
      await as('mehmet@rivierstad.example')
    ).gql<{ case: { contact: unknown; debts: unknown } }>(READ_CASE, { id: CASE });
    expect(mehmet.errors).toBeUndefined();
    expect(mehmet.data!.case.contact).not.toBeNull();
    expect(mehmet.data!.case.debts).not.toBeNull();
    const sanne = await (
      await as('sanne@kredietbank.example')
    ).gql<{ case: { contact: unknown } }>(READ_CASE, { id: CASE });
    expect(sanne.data!.case.contact).not.toBeNull();
    // Kredietbank's read really is in the trail…
    const [kredietbankReads] = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM audit_event WHERE case_id = $1 AND actor_user_id = $2 AND action = 'READ'`,
      [CASE, SANNE],
    );
    expect(kredietbankReads!.count).toBeGreaterThan(0);

    const page = await trail('privacy@rivierstad.example', CASE);
    const nodes = page.edges.map((edge) => edge.node);
    // …but the Rivierstad officer sees only the events of Rivierstad's actors.
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((node) => node.actingOrganization?.name === 'Gemeente Rivierstad')).toBe(true);
    expect(nodes.some((node) => node.actor?.id === SANNE)).toBe(false);

    const reads = nodes.filter(
      (node) => node.action === 'READ' && node.actor?.displayName === 'Mehmet Yilmaz',
    );
    // CONTACT on the legal basis of the early signal, DEBTS under the tenant's consent to the municipality.
    expect(reads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          categories: ['CONTACT'],
          basis: 'WGS_ART_3_SIGNAL',
          caseId: CASE,
          entityType: 'case',
        }),
        expect.objectContaining({ categories: ['DEBTS'], basis: municipalityConsent, caseId: CASE }),
      ]),
    );
    for (const read of reads) {
      expect(read.caseReference).toBe(theCase.reference);
      expect(read.requestId).toBeTruthy();
      expect(read.sealed).toBe(false);
    }

    // Kredietbank's own officer sees the mirror image.
    const kredietbankOfficer = await kredietbankPrivacyOfficer();
    const theirs = (await trail(kredietbankOfficer, CASE)).edges.map((edge) => edge.node);
    expect(theirs.some((node) => node.actor?.id === SANNE && node.action === 'READ')).toBe(true);
    expect(theirs.every((node) => node.actingOrganization?.name === 'Kredietbank Rivierstad')).toBe(true);
  });

  it('shows a list read that named the case, and walks the trail page by page, newest first', async () => {
    const list = await (
      await as('mehmet@rivierstad.example')
    ).gql(`{ cases(first: 100) { edges { node { id contact { surname } } } } }`);
    expect(list.errors).toBeUndefined();

    const all = await trail('privacy@rivierstad.example', CASE);
    const listRead = all.edges.find((edge) => edge.node.entityType === 'case-list')?.node;
    expect(listRead).toMatchObject({ action: 'READ', caseId: null, actor: { displayName: 'Mehmet Yilmaz' } });
    expect(listRead!.listedCaseIds).toContain(CASE);
    expect(listRead!.categories).toContain('CONTACT');

    const seqs = all.edges.map((edge) => BigInt(edge.node.seq));
    expect(seqs).toEqual([...seqs].sort((left, right) => (left > right ? -1 : left < right ? 1 : 0)));
    expect(all.totalCount).toBe(all.edges.length);

    const walked: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard += 1) {
      const page: AuditPage = await trail('privacy@rivierstad.example', CASE, 2, after);
      expect(page.totalCount).toBe(all.totalCount);
      walked.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(all.edges.map((edge) => edge.node.id));

    const forged = await (
      await as('privacy@rivierstad.example')
    ).gql(AUDIT_TRAIL, { caseId: CASE, after: 'bm9wZQ' });
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // An unknown case, or no case id at all, simply has no events.
    expect((await trail('privacy@rivierstad.example', randomUUID())).totalCount).toBe(0);
    expect((await trail('privacy@rivierstad.example', 'not-a-uuid')).totalCount).toBe(0);
  });

  it("filters the organisation's audit trail by action, actor, case reference and time", async () => {
    await as('mehmet@rivierstad.example');
    await as('lotte@rivierstad.example');
    await as('sanne@kredietbank.example');
    const everything = await events('privacy@rivierstad.example');
    expect(everything.totalCount).toBeGreaterThan(0);
    expect(
      everything.edges.every((edge) => edge.node.actingOrganization?.name === 'Gemeente Rivierstad'),
    ).toBe(true);

    const logins = await events('privacy@rivierstad.example', { action: 'LOGIN' });
    const loggedIn = new Set(logins.edges.map((edge) => edge.node.actor?.displayName));
    expect(loggedIn).toEqual(new Set(['Mehmet Yilmaz', 'Lotte Visser', 'Priya Ramdin']));
    expect(logins.edges.every((edge) => edge.node.action === 'LOGIN')).toBe(true);

    const byMehmet = await events('privacy@rivierstad.example', { actorUserId: MEHMET });
    expect(byMehmet.totalCount).toBeGreaterThan(0);
    expect(byMehmet.edges.every((edge) => edge.node.actor?.id === MEHMET)).toBe(true);

    const aboutCase = await events('privacy@rivierstad.example', {
      caseReference: theCase.reference.toLowerCase(),
    });
    expect(aboutCase.totalCount).toBeGreaterThan(0);
    expect(
      aboutCase.edges.every((edge) => edge.node.caseId === CASE || edge.node.listedCaseIds.includes(CASE)),
    ).toBe(true);
    expect((await events('privacy@rivierstad.example', { caseReference: '%' })).totalCount).toBe(0);

    const future = new Date(TEST_NOW.getTime() + 86_400_000).toISOString();
    expect((await events('privacy@rivierstad.example', { from: future })).totalCount).toBe(0);
    expect((await events('privacy@rivierstad.example', { to: future })).totalCount).toBe(
      everything.totalCount,
    );
    const backwards = await (
      await as('privacy@rivierstad.example')
    ).gql(AUDIT_EVENTS, {
      filter: { from: future, to: new Date(TEST_NOW).toISOString() },
    });
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("lists one case's consents in the register, each naming the tenant the export is for", async () => {
    const REGISTER = `query ($filter: ConsentRegisterFilter) {
      consentRegister(first: 100, filter: $filter) { totalCount edges { node { caseId tenantId recipient { name } } } }
    }`;
    type Register = {
      consentRegister: { totalCount: number; edges: { node: { caseId: string; tenantId: string } }[] };
    };
    const officer = await as('privacy@rivierstad.example');
    const ofCase = await officer.gql<Register>(REGISTER, { filter: { caseId: CASE } });
    expect(ofCase.errors).toBeUndefined();
    const nodes = ofCase.data!.consentRegister.edges.map((edge) => edge.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((node) => node.caseId === CASE && node.tenantId === TENANT)).toBe(true);
    const [{ expected }] = (await database.query<{ expected: number }>(
      `SELECT count(*)::int AS expected FROM consent
        WHERE case_id = $1 AND (recipient_org_id = $2 OR recorded_by_org_id = $2)`,
      [CASE, RIVIERSTAD],
    )) as [{ expected: number }];
    expect(ofCase.data!.consentRegister.totalCount).toBe(expected);
    // A malformed case id names no case: an empty register, not an error.
    const malformed = await officer.gql<Register>(REGISTER, { filter: { caseId: 'geen-id' } });
    expect(malformed.data!.consentRegister.totalCount).toBe(0);

    // The audit trail of the case names its tenant (a list read that named several cases names none).
    const TRAIL_TENANTS = `query ($caseId: ID!) { auditTrail(caseId: $caseId, first: 100) { edges { node { tenantId } } } }`;
    const tenants = await officer.gql<{ auditTrail: { edges: { node: { tenantId: string | null } }[] } }>(
      TRAIL_TENANTS,
      { caseId: CASE },
    );
    const named = new Set(tenants.data!.auditTrail.edges.map((edge) => edge.node.tenantId).filter(Boolean));
    expect(named).toEqual(new Set([TENANT]));
  });

  it('gives anybody who is not a privacy officer an empty audit trail', async () => {
    await (await as('mehmet@rivierstad.example')).gql(READ_CASE, { id: CASE });
    for (const email of [
      'mehmet@rivierstad.example',
      'lotte@rivierstad.example',
      'anna@delinde.example',
      'admin@vangnet.example',
    ]) {
      expect(await events(email), email).toEqual({
        totalCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
        edges: [],
      });
      expect((await trail(email, CASE)).totalCount, email).toBe(0);
    }
    const anonymous = await app.client().gql(AUDIT_EVENTS, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("shows the privacy officer the audit chain's health (intact up to which row, when; or where it broke) and nobody else", async () => {
    const STATUS = `query { auditChainStatus { state verifiedThroughSeq checkedAt firstBrokenSeq waitingToBeSealed } }`;
    const officer = await as('privacy@rivierstad.example');
    const status = async () => {
      const result = await officer.gql<{ auditChainStatus: unknown }>(STATUS);
      expect(result.errors).toBeUndefined();
      return result.data!.auditChainStatus;
    };
    const everyone = [
      'mehmet@rivierstad.example',
      'lotte@rivierstad.example',
      'anna@delinde.example',
      'admin@vangnet.example',
    ];
    for (const email of everyone) await as(email);

    // Everything so far sealed; the running server's check is done here with a fixed clock.
    await sealAuditEvents(database.dataSource);
    const [head] = await database.query<{ seq: string }>(`SELECT max(seq)::text AS seq FROM audit_event`);
    await checkNewlySealedAuditRows(database.dataSource, () => new Date('2026-11-20T08:05:00.000Z'));
    const insert = `INSERT INTO audit_event (action, entity_type, categories) SELECT 'LOGIN', 'session', '{}' FROM generate_series(1, $1::int)`;
    await database.query(insert, [2]);
    expect(await status()).toEqual({
      state: 'INTACT',
      verifiedThroughSeq: head!.seq,
      checkedAt: '2026-11-20T08:05:00.000Z',
      firstBrokenSeq: null,
      waitingToBeSealed: 2,
    });

    // A sealed row altered behind the application's back: the next check names it.
    await sealAuditEvents(database.dataSource);
    const altered = String(Number(head!.seq) + 1);
    const setEntityType = (entityType: string) =>
      database.dataSource.transaction(async (manager) => {
        await manager.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
        await manager.query(`UPDATE audit_event SET entity_type = $2 WHERE seq = $1`, [altered, entityType]);
        await manager.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
      });
    await setEntityType('sessiom');
    await checkNewlySealedAuditRows(database.dataSource, () => new Date('2026-11-20T08:06:00.000Z'));
    expect(await status()).toEqual({
      state: 'BROKEN',
      verifiedThroughSeq: head!.seq,
      checkedAt: '2026-11-20T08:06:00.000Z',
      firstBrokenSeq: altered,
      waitingToBeSealed: 0,
    });
    await setEntityType('session');
    await checkNewlySealedAuditRows(database.dataSource, () => new Date('2026-11-20T08:07:00.000Z'));
    expect(await status()).toMatchObject({ state: 'INTACT', firstBrokenSeq: null });

    // The shared rule `list AuditTrail` decides: nobody but a privacy officer, not even an admin.
    for (const email of everyone) {
      const refused = await (await as(email)).gql(STATUS);
      expect(refused.errors?.[0]?.extensions?.code, email).toBe('FORBIDDEN');
      expect(refused.data, email).toBeNull();
    }
    const anonymous = await app.client().gql(STATUS);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('exports what Gemeente Rivierstad holds about the tenant — contact data, debts, BSN, who accessed it — and records the EXPORT', async () => {
    await (await as('mehmet@rivierstad.example')).gql(READ_CASE, { id: OTHER_CASE });
    const { result, json } = await exported('privacy@rivierstad.example', OTHER_TENANT);
    expect(result.organization).toEqual({ name: 'Gemeente Rivierstad', kind: 'MUNICIPALITY' });
    expect(json.organization.name).toBe('Gemeente Rivierstad');
    expect(json.tenantId).toBe(OTHER_TENANT);

    const [tenant] = await database.query<{ surname: string; street: string; postcode: string }>(
      `SELECT surname, street, postcode FROM tenant WHERE id = $1`,
      [OTHER_TENANT],
    );
    const [identifier] = await database.query<{ bsn_ciphertext: Buffer }>(
      `SELECT bsn_ciphertext FROM tenant_identifier WHERE tenant_id = $1`,
      [OTHER_TENANT],
    );
    const debts = await database.query<{ creditor: string; amount_cents: number }>(
      `SELECT creditor, amount_cents FROM debt WHERE case_id = $1 ORDER BY creditor`,
      [OTHER_CASE],
    );
    expect(debts.length).toBeGreaterThan(0);

    expect(json.cases.map((entry) => entry.id)).toEqual([OTHER_CASE]);
    const [entry] = json.cases;
    expect(entry!.status).toBe(otherCase.status);
    expect(entry!.sections.contact).toMatchObject({
      surname: tenant!.surname,
      street: tenant!.street,
      postcode: tenant!.postcode,
    });
    expect(entry!.sections.contact!.bsn).toBe(new BsnCipher(bsnKey).decrypt(identifier!.bsn_ciphertext));
    expect(entry!.sections.debts!.debts.map((debt) => [debt.creditor, debt.amountCents])).toEqual(
      debts.map((debt) => [debt.creditor, debt.amount_cents]),
    );
    expect(entry!.access.find((access) => access.category === 'DEBTS')).toMatchObject({
      allowed: true,
      basis: 'CONSENT',
    });
    expect(entry!.referrals.length).toBeGreaterThan(0);
    expect(json.consents.length).toBeGreaterThan(0);
    expect(
      json.consents.every(
        (consent) =>
          consent.recipient === 'Gemeente Rivierstad' || consent.recordedBy === 'Gemeente Rivierstad',
      ),
    ).toBe(true);
    // Who of the municipality accessed it, and when.
    expect(json.accessLog).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: 'Mehmet Yilmaz',
          action: 'READ',
          categories: ['CONTACT'],
          basis: 'WGS_ART_3_SIGNAL',
        }),
      ]),
    );
    expect(json.accessLog.every((access) => access.actor !== 'Sanne Mulder')).toBe(true);

    // The readable document.
    expect(result.html).toMatch(/^<!DOCTYPE html>\n<html lang="nl">/);
    expect(result.html).toContain('recht op inzage');
    expect(result.html).toContain(`<h2>Dossier ${entry!.reference}</h2>`);
    expect(result.html).toContain(escapeHtml(tenant!.surname));
    expect(result.html).toContain(entry!.sections.contact!.bsn!);
    expect(result.html).toContain('Mehmet Yilmaz');

    // Recorded as one EXPORT event by the officer, naming the case and what was exported.
    const exportEvents = await database.query<{
      actor_user_id: string;
      actor_org_id: string;
      entity_type: string;
      case_id: string | null;
      categories: string;
      basis: string;
      details: { cases: string[]; bases: string[] };
    }>(
      `SELECT actor_user_id, actor_org_id, entity_type, case_id, categories::text AS categories, basis, details
         FROM audit_event WHERE action = 'EXPORT' AND tenant_id = $1`,
      [OTHER_TENANT],
    );
    expect(exportEvents).toHaveLength(1);
    expect(exportEvents[0]).toMatchObject({
      actor_user_id: demoId('user:privacy@rivierstad.example'),
      actor_org_id: RIVIERSTAD,
      entity_type: 'tenant',
      case_id: null,
      basis: 'AVG_ART_15',
      details: { cases: [OTHER_CASE] },
    });
    expect(exportEvents[0]!.categories).toContain('CONTACT');
    expect(exportEvents[0]!.categories).toContain('DEBTS');
    // …and the officer finds it in the case's audit trail.
    const after = await trail('privacy@rivierstad.example', OTHER_CASE);
    expect(after.edges.map((edge) => edge.node)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'EXPORT',
          entityType: 'tenant',
          entityId: OTHER_TENANT,
          listedCaseIds: [OTHER_CASE],
        }),
      ]),
    );
  });

  it('exports per controller: Kredietbank gets its own view (no BSN), the housing corporation the coarse one', async () => {
    const kredietbank = (await exported(await kredietbankPrivacyOfficer(), TENANT)).json;
    const [kredietbankCase] = kredietbank.cases;
    expect(kredietbankCase!.sections.contact).not.toBeNull();
    expect(kredietbankCase!.sections.contact!.bsn).toBeNull();
    expect(kredietbankCase!.status).toBe(theCase.status);
    expect(kredietbank.accessLog.every((access) => access.actor !== 'Mehmet Yilmaz')).toBe(true);
    expect(kredietbank.consents.every((consent) => consent.recipient === 'Kredietbank Rivierstad')).toBe(
      true,
    );

    const woonbronOfficer = await privacyOfficerOf(theCase.origin_org_id);
    const woonbron = (await exported(woonbronOfficer, TENANT)).json;
    const [woonbronCase] = woonbron.cases;
    expect(woonbronCase!.status).toBeNull();
    expect(woonbronCase!.coarseStatus).toBe(coarseStatusOf(theCase.status));
    expect(woonbronCase!.sections.debts).toBeNull();
    expect(woonbronCase!.access.find((access) => access.category === 'DEBTS')).toMatchObject({
      allowed: false,
    });
    expect(woonbronCase!.participants.map((participant) => participant.role)).not.toContain(
      'DEBT_COUNSELLING',
    );
    expect(woonbronCase!.sections.contact!.bsn).toBeNull();
  });

  it('refuses an export to anyone but a privacy officer of a participating organisation, exactly like a tenant that does not exist', async () => {
    // A tenant whose only case is Woonbron Oost's: Gemeente Rivierstad takes no part in it.
    const [woonbronOnly] = await database.query<{ id: string }>(
      `INSERT INTO tenant (initials, surname, street, house_number, postcode, city, municipality_code, origin_org_id)
       VALUES ('X.', 'Alleen-Woonbron', 'Kadestraat', 1, '9999ZZ', 'Rivierstad', '9999', $1) RETURNING id`,
      [WOONBRON],
    );
    const [woonbronCase] = await database.query<{ id: string }>(
      `INSERT INTO case_file (reference, tenant_id, origin_org_id, status) VALUES ('VN-2026-900001', $1, $2, 'SIGNALLED') RETURNING id`,
      [woonbronOnly!.id, WOONBRON],
    );
    await database.query(
      `INSERT INTO case_participant (case_id, organization_id, role) VALUES ($1, $2, 'REFERRER')`,
      [woonbronCase!.id, WOONBRON],
    );

    const unknown = await exportAs('privacy@rivierstad.example', randomUUID());
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.data ?? null).toBeNull();
    expect(await exportAs('privacy@rivierstad.example', woonbronOnly!.id)).toEqual(unknown);
    expect(await exportAs('privacy@rivierstad.example', 'not-a-uuid')).toEqual(unknown);
    // Not a privacy officer: the same answer, whether or not the tenant exists and is in their cases.
    expect(await exportAs('sanne@kredietbank.example', TENANT)).toEqual(unknown);
    expect(await exportAs('sanne@kredietbank.example', randomUUID())).toEqual(unknown);
    expect(await exportAs('lotte@rivierstad.example', OTHER_TENANT)).toEqual(unknown);

    const [exports] = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM audit_event
        WHERE action = 'EXPORT' AND (tenant_id = $1 OR actor_user_id IN ($2, $3))`,
      [woonbronOnly!.id, SANNE, demoId('user:lotte@rivierstad.example')],
    );
    expect(exports!.count).toBe(0);
    const denied = await database.query<{ actor_user_id: string; entity_id: string | null }>(
      `SELECT actor_user_id, entity_id FROM audit_event WHERE action = 'ACCESS_DENIED' AND entity_type = 'tenant'`,
    );
    expect(denied).toEqual(
      expect.arrayContaining([
        { actor_user_id: SANNE, entity_id: TENANT },
        { actor_user_id: demoId('user:privacy@rivierstad.example'), entity_id: woonbronOnly!.id },
      ]),
    );
  });

  it('escapes every value in the document', async () => {
    const attack = `<script>alert("x")</script>`;
    await database.query(`UPDATE tenant SET street = $2 WHERE id = $1`, [OTHER_TENANT, attack]);
    await database.query(
      `UPDATE debt SET creditor = $2 WHERE id = (SELECT id FROM debt WHERE case_id = $1 ORDER BY id LIMIT 1)`,
      [OTHER_CASE, `Incasso & Co <img src=x onerror=alert(1)>`],
    );
    const { result, json } = await exported('privacy@rivierstad.example', OTHER_TENANT);
    expect(json.cases[0]!.sections.contact!.street).toBe(attack);
    expect(result.html).not.toContain('<script>');
    expect(result.html).not.toContain('<img');
    expect(result.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(result.html).toContain('Incasso &amp; Co &lt;img src=x onerror=alert(1)&gt;');
  });

  async function privacyOfficerOf(organizationId: string): Promise<string> {
    const email = `privacy-${organizationId.slice(0, 8)}@test.example`;
    if (!clients.has(email)) {
      const organization = await database.dataSource
        .getRepository(Organization)
        .findOneByOrFail({ id: organizationId });
      const user = await createUser(database.dataSource, {
        email,
        memberships: [{ organization, role: 'PRIVACY_OFFICER' }],
      });
      await as(email, user.password);
    }
    return email;
  }

  function kredietbankPrivacyOfficer(): Promise<string> {
    return privacyOfficerOf(KREDIETBANK);
  }
});

describe('the HTML escape helper', () => {
  it('escapes the five characters that matter, in text and attributes', () => {
    expect(escapeHtml(`<script>alert('x' + "y")</script> & more`)).toBe(
      '&lt;script&gt;alert(&#39;x&#39; + &quot;y&quot;)&lt;/script&gt; &amp; more',
    );
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });

  it('escapes every interpolated value of the markup template, also in lists, but not markup built by it', () => {
    const value = '<script>alert(1)</script>';
    const inner = markup`<b>${value}</b>`;
    expect(markup`<p title="${value}">${inner}${[value, markup`<i>${'&'}</i>`]}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;"><b>&lt;script&gt;alert(1)&lt;/script&gt;</b>&lt;script&gt;alert(1)&lt;/script&gt;<i>&amp;</i></p>',
    );
  });
});
