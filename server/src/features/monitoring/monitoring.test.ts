import type { CaseStatus } from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { CaseWorld, type WorldOrg } from '../retention/case-world.fixtures.js';
import { present } from './monitoring.service.js';

const FIGURES = `minimumCount signals reached reachRate helpAccepted helpAcceptanceRate withFirstContactAttempt
  averageDaysToFirstContact medianDaysToFirstContact arrangementsKept evictionsPrevented suppressed
  endResults { endResult count suppressed }`;
const MONITORING = `query ($from: String!, $to: String!) {
  monitoring(from: $from, to: $to) {
    organization { name kind } scope from to minimumCount regionCode
    total { ${FIGURES.replace('minimumCount ', '')} }
    signalsPerMonth { month partnerType signals }
    byOrganization { organization { name } figures { ${FIGURES.replace('minimumCount ', '')} } }
    region { ${FIGURES.replace('minimumCount ', '')} }
  }
}`;

interface EndResultCount {
  endResult: string | null;
  count: number | null;
  suppressed: boolean;
}
interface Counts {
  signals: number | null;
  reached: number | null;
  reachRate: number | null;
  helpAccepted: number | null;
  helpAcceptanceRate: number | null;
  withFirstContactAttempt: number | null;
  averageDaysToFirstContact: number | null;
  medianDaysToFirstContact: number | null;
  arrangementsKept: number | null;
  evictionsPrevented: number | null;
  suppressed: boolean;
  endResults: EndResultCount[];
}
interface Figures {
  organization: { name: string; kind: string };
  scope: string;
  from: string;
  to: string;
  minimumCount: number;
  regionCode: string;
  total: Counts;
  signalsPerMonth: { month: string; partnerType: string; signals: number }[];
  byOrganization: { organization: { name: string }; figures: Counts }[];
  region: Counts;
}

const ADMITTED: CaseStatus[] = ['SIGNALLED', 'IN_CONTACT', 'INTAKE', 'ADMITTED'];

/**
 * The world: municipality Monitorstad received 10 signals in January–March 2026 — 7 from corporation
 * Xenia (one of them kept only as statistics after retention) and 3 from Ypsilon — and Xenia sent 2
 * more to the neighbouring municipality. Signals before and after the quarter must not count.
 */
describe('monitoring figures', () => {
  let database: TestDatabase;
  let app: TestApp;
  let world: CaseWorld;
  let xenia: WorldOrg;
  let ypsilon: WorldOrg;
  let monitorstad: WorldOrg;
  let naburig: WorldOrg;
  let kredietbank: WorldOrg;
  const logins: Record<string, { email: string; password: string }> = {};
  const clients = new Map<string, TestClient>();

  async function as(who: string): Promise<TestClient> {
    let client = clients.get(who);
    if (!client) {
      client = app.client();
      const login = logins[who]!;
      expect((await client.login(login.email, login.password)).errors).toBeUndefined();
      clients.set(who, client);
    }
    return client;
  }

  async function figures(who: string, from = '2026-01-01', to = '2026-03-31'): Promise<Figures> {
    const result = await (await as(who)).gql<{ monitoring: Figures }>(MONITORING, { from, to });
    expect(result.errors).toBeUndefined();
    return result.data!.monitoring;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp(database.dataSource);
    world = await CaseWorld.create(database);
    xenia = await world.organization('HOUSING_CORPORATION', 'Woonstichting Xenia', '0002');
    ypsilon = await world.organization('HOUSING_CORPORATION', 'Woonbron Ypsilon', '0002');
    monitorstad = await world.organization('MUNICIPALITY', 'Gemeente Monitorstad', '0002');
    naburig = await world.organization('MUNICIPALITY', 'Gemeente Naburig', '0003');
    kredietbank = await world.organization('DEBT_COUNSELLING', 'Kredietbank Monitorstad', '0002');
    logins.lead = await world.member(monitorstad, 'TEAM_LEAD');
    logins.privacy = await world.member(monitorstad, 'PRIVACY_OFFICER');
    logins.counsellor = await world.member(monitorstad, 'DEBT_COUNSELLOR');
    logins.xeniaLead = await world.member(xenia, 'TEAM_LEAD');
    logins.xeniaWorker = await world.member(xenia, 'CASE_WORKER');
    logins.ypsilonLead = await world.member(ypsilon, 'TEAM_LEAD');
    logins.kredietbankLead = await world.member(kredietbank, 'TEAM_LEAD');

    const toM = { municipality: monitorstad };
    // Xenia → Monitorstad: six live cases …
    await world.case({
      ...toM,
      corporation: xenia,
      status: 'IN_CONTACT',
      signalDate: '2026-01-05',
      contactAttempts: [{ on: '2026-01-07', reached: true }],
      endResult: 'NO_HELP_WANTED',
    });
    await world.case({
      ...toM,
      corporation: xenia,
      status: 'IN_CONTACT',
      signalDate: '2026-01-12',
      contactAttempts: [
        { on: '2026-01-16', reached: false },
        { on: '2026-01-20', reached: true },
      ],
      endResult: 'ALREADY_PAID_OR_ARRANGED',
    });
    await world.case({
      ...toM,
      corporation: xenia,
      debtCounselling: kredietbank,
      status: 'ADMITTED',
      timeline: ADMITTED,
      signalDate: '2026-02-02',
      contactAttempts: [{ on: '2026-02-08', reached: true }],
      endResult: 'FOLLOW_UP_FINANCIAL',
    });
    await world.case({
      ...toM,
      corporation: xenia,
      status: 'IN_CONTACT',
      signalDate: '2026-02-10',
      contactAttempts: [{ on: '2026-02-20', reached: false }],
      endResult: 'NO_CONTACT',
    });
    await world.case({
      ...toM,
      corporation: xenia,
      signalDate: '2026-03-03',
      endResult: 'NOT_PICKED_UP_OTHER_REASON',
    });
    await world.case({ ...toM, corporation: xenia, signalDate: '2026-03-09' });
    // … and one removed by retention, kept as statistics.
    await world.statistic({
      municipality_code: '0002',
      corporation_id: xenia.id,
      municipality_org_id: monitorstad.id,
      signal_month: '2026-02-01',
      partner_type: 'HUUR',
      reached: true,
      days_to_first_contact: 1,
      help_accepted: true,
      end_result: 'FOLLOW_UP_FINANCIAL',
      arrangement_kept: true,
      evicted: false,
    });
    // Ypsilon → Monitorstad: three.
    await world.case({
      ...toM,
      corporation: ypsilon,
      status: 'IN_CONTACT',
      signalDate: '2026-01-20',
      contactAttempts: [{ on: '2026-01-21', reached: true }],
      // A broken arrangement followed by a completed one: the latest counts.
      arrangements: ['BROKEN', 'COMPLETED'],
    });
    await world.case({
      ...toM,
      corporation: ypsilon,
      debtCounselling: kredietbank,
      status: 'ADMITTED',
      timeline: ADMITTED,
      evicted: true,
      arrangements: ['COMPLETED', 'BROKEN'],
      signalDate: '2026-02-15',
      contactAttempts: [{ on: '2026-02-18', reached: true }],
    });
    await world.case({ ...toM, corporation: ypsilon, signalDate: '2026-03-20' });
    // Xenia → Naburig: two.
    await world.case({ corporation: xenia, municipality: naburig, signalDate: '2026-02-03' });
    await world.case({ corporation: xenia, municipality: naburig, signalDate: '2026-02-04' });
    // Outside the quarter, and a dossier that never reached the signal.
    await world.case({ ...toM, corporation: xenia, signalDate: '2025-12-31' });
    await world.case({ ...toM, corporation: xenia, signalDate: '2026-04-01' });
    await world.statistic({
      municipality_code: '0002',
      corporation_id: xenia.id,
      municipality_org_id: monitorstad.id,
      signal_month: '2025-12-01',
      partner_type: 'HUUR',
      reached: false,
      help_accepted: false,
      evicted: false,
    });
    await world.case({ corporation: xenia, status: 'PRE_SIGNAL' });
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it("gives the municipality's team lead the full figures of the signals it received", async () => {
    const result = await figures('lead');
    expect(result).toMatchObject({
      organization: { name: 'Gemeente Monitorstad', kind: 'MUNICIPALITY' },
      scope: 'SIGNALS_RECEIVED',
      from: '2026-01-01',
      to: '2026-03-31',
      minimumCount: 5,
      regionCode: '0002',
    });
    expect(result.total).toEqual({
      signals: 10,
      reached: 6,
      reachRate: 0.6,
      helpAccepted: 3,
      helpAcceptanceRate: 0.3,
      // First attempts after 2, 4, 6, 10, 1 (statistics), 1 and 3 days.
      withFirstContactAttempt: 7,
      averageDaysToFirstContact: 3.9,
      medianDaysToFirstContact: 3,
      // Ypsilon's latest arrangement was completed, and the removed case kept one; the evicted case's broke.
      arrangementsKept: 2,
      // Admitted and not evicted: Xenia's admitted case and the removed one; Ypsilon's was evicted.
      evictionsPrevented: 2,
      suppressed: false,
      endResults: [
        { endResult: 'NOT_PICKED_UP_OTHER_REASON', count: 1, suppressed: false },
        { endResult: 'NO_CONTACT', count: 1, suppressed: false },
        { endResult: 'NO_HELP_WANTED', count: 1, suppressed: false },
        { endResult: 'ALREADY_PAID_OR_ARRANGED', count: 1, suppressed: false },
        { endResult: 'FOLLOW_UP_FINANCIAL', count: 2, suppressed: false },
        { endResult: null, count: 4, suppressed: false },
      ],
    });
    expect(result.signalsPerMonth).toEqual([
      { month: '2026-01', partnerType: 'HUUR', signals: 3 },
      { month: '2026-02', partnerType: 'HUUR', signals: 4 },
      { month: '2026-03', partnerType: 'HUUR', signals: 3 },
    ]);
  });

  it('shows the figures per corporation across organisations, suppressing every count below 5', async () => {
    const { byOrganization } = await figures('lead');
    expect(byOrganization.map((row) => row.organization.name)).toEqual([
      'Woonbron Ypsilon',
      'Woonstichting Xenia',
    ]);
    const [ypsilonRow, xeniaRow] = byOrganization.map((row) => row.figures);
    // Ypsilon sent 3: nothing of it is shown.
    expect(ypsilonRow).toEqual({
      signals: null,
      reached: null,
      reachRate: null,
      helpAccepted: null,
      helpAcceptanceRate: null,
      withFirstContactAttempt: null,
      averageDaysToFirstContact: null,
      medianDaysToFirstContact: null,
      arrangementsKept: null,
      evictionsPrevented: null,
      suppressed: true,
      endResults: [],
    });
    // Xenia sent 7: shown, but its 4 reached, 2 admitted and every end result (all below 5) are not.
    expect(xeniaRow).toMatchObject({
      signals: 7,
      reached: null,
      reachRate: null,
      helpAccepted: null,
      helpAcceptanceRate: null,
      withFirstContactAttempt: 5,
      averageDaysToFirstContact: 4.6,
      medianDaysToFirstContact: 4,
      // Only the removed case's arrangement was kept: 1, below 5.
      arrangementsKept: null,
      evictionsPrevented: null,
      suppressed: true,
    });
    expect(xeniaRow!.endResults.every((entry) => entry.count === null && entry.suppressed)).toBe(true);
  });

  it('compares with the region without giving away what the other organisations did in small numbers', async () => {
    // Ypsilon's 3 signals are its own; of the other 7 in the region, 4 were reached, 2 admitted and 2
    // evictions prevented: too few to show. 5 others had a first contact attempt: shown.
    const { region, regionCode } = await figures('ypsilonLead');
    expect(regionCode).toBe('0002');
    expect(region).toMatchObject({
      signals: 10,
      reached: null,
      reachRate: null,
      helpAccepted: null,
      withFirstContactAttempt: 7,
      averageDaysToFirstContact: 3.9,
      medianDaysToFirstContact: 3,
      arrangementsKept: null,
      evictionsPrevented: null,
      suppressed: true,
    });
    expect(region.endResults.every((entry) => entry.count === null)).toBe(true);
    // For Xenia the rest of the region is Ypsilon's 3 signals, for Monitorstad nothing at all: withheld.
    expect((await figures('xeniaLead')).region).toMatchObject({ signals: null, suppressed: true });
    expect((await figures('lead')).region).toMatchObject({ signals: null, suppressed: true });
  });

  it('gives the privacy officer the same aggregates, and refuses other roles', async () => {
    expect((await figures('privacy')).total.signals).toBe(10);
    for (const who of ['counsellor', 'xeniaWorker']) {
      const result = await (await as(who)).gql(MONITORING, { from: '2026-01-01', to: '2026-03-31' });
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await app.client().gql(MONITORING, { from: '2026-01-01', to: '2026-03-31' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("shows a corporation the signals it sent, with 'not picked up: other reason' only as 'not picked up'", async () => {
    const result = await figures('xeniaLead');
    expect(result.scope).toBe('SIGNALS_SENT');
    expect(result.total.signals).toBe(9);
    const endResults = result.total.endResults.map((entry) => entry.endResult);
    expect(endResults).toContain('NOT_PICKED_UP');
    expect(endResults).not.toContain('NOT_PICKED_UP_OTHER_REASON');
    expect(
      result.byOrganization.map((row) => [
        row.organization.name,
        row.figures.signals,
        row.figures.suppressed,
      ]),
    ).toEqual([
      ['Gemeente Monitorstad', 7, true],
      ['Gemeente Naburig', null, true],
    ]);
  });

  it('shows a debt-counselling organisation the signals of the cases it takes part in', async () => {
    const result = await figures('kredietbankLead');
    expect(result.scope).toBe('CASES_TAKEN_PART_IN');
    expect(result.total).toMatchObject({ signals: 2, reached: 2, helpAccepted: 2, evictionsPrevented: 1 });
    expect(result.byOrganization.map((row) => row.figures.signals)).toEqual([null, null]);
  });

  it('covers whole months and refuses a period that makes no sense', async () => {
    const february = await figures('lead', '2026-02-14', '2026-02-14');
    expect([february.from, february.to, february.total.signals]).toEqual(['2026-02-01', '2026-02-28', 4]);

    const client = await as('lead');
    const backwards = await client.gql(MONITORING, { from: '2026-03-01', to: '2026-01-01' });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { to: 'Deze datum ligt vóór 2026-03-01.' },
      fieldIssues: [{ field: 'to', code: 'DATE_BEFORE_OTHER', params: { min: '2026-03-01' } }],
    });
    const nonsense = await client.gql(MONITORING, { from: '2026-02-30', to: 'morgen' });
    expect(nonsense.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: {
        from: 'Vul een geldige datum in (jjjj-mm-dd).',
        to: 'Vul een geldige datum in (jjjj-mm-dd).',
      },
      fieldIssues: [
        { field: 'from', code: 'INVALID_DATE', params: {} },
        { field: 'to', code: 'INVALID_DATE', params: {} },
      ],
    });
    const tooLong = await client.gql(MONITORING, { from: '2020-01-01', to: '2026-01-01' });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldIssues: [{ field: 'to', code: 'DATE_TOO_LATE', params: { max: '2024-12-31' } }],
    });
  });
});

describe('suppression of small counts', () => {
  const row = {
    signals: 12,
    reached: 9,
    helpAccepted: 6,
    withFirstContact: 9,
    averageDays: 4.25,
    medianDays: 4,
    evictionsPrevented: 5,
    arrangementsKept: 3,
  };

  it('withholds an end result below 5, and the smallest other one, so it cannot be worked out from the total', () => {
    const large = present(
      row,
      [
        { endResult: 'NO_HELP_WANTED', count: 7 },
        { endResult: 'ADVICE_QUICK_FIX', count: 5 },
      ],
      'MUNICIPALITY',
      { suppress: true },
    );
    expect(large.endResults.map((entry) => entry.count)).toEqual([7, 5]);
    // 3 arrangements kept is below 5: withheld.
    expect(large.arrangementsKept).toBeNull();
    expect(large.suppressed).toBe(true);

    const oneSmall = present(
      row,
      [
        { endResult: 'NO_HELP_WANTED', count: 6 },
        { endResult: 'ADVICE_QUICK_FIX', count: 2 },
        { endResult: null, count: 4 + 3 },
      ],
      'MUNICIPALITY',
      { suppress: true },
    );
    expect(oneSmall.endResults).toEqual([
      { endResult: 'NO_HELP_WANTED', count: null, suppressed: true },
      { endResult: 'ADVICE_QUICK_FIX', count: null, suppressed: true },
      { endResult: null, count: 7, suppressed: false },
    ]);
    expect(oneSmall.suppressed).toBe(true);
  });

  it('shows its own figures in full, however small', () => {
    const figures = present({ ...row, signals: 2, reached: 1 }, [], 'HOUSING_CORPORATION', {
      suppress: false,
    });
    expect(figures).toMatchObject({
      signals: 2,
      reached: 1,
      reachRate: 0.5,
      arrangementsKept: 3,
      suppressed: false,
    });
  });
});
