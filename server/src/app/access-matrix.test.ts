import { randomUUID } from 'node:crypto';
import type { DataCategory } from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type GraphQLResponse, type TestApp, type TestClient } from '../testing/test-app.js';
import { stoppedTestClock, TEST_NOW } from '../testing/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import {
  ACTOR_KEYS,
  ACTORS,
  ALL_CATEGORIES,
  CASE_QUERY,
  CASES_QUERY,
  CONSENT_STATE_KEYS,
  RECORD_CONSENT,
  SECTION_OF,
  WITHDRAW_CONSENT,
  WORDING_TEXT,
  auditHighWater,
  auditRecords,
  buildWorld,
  insertConsent,
  loginActors,
  readEventsSince,
  resetConsents,
  sectionHoldsData,
  setConsentState,
  type ActorKey,
  type Basis,
  type CaseNode,
  type ConsentStateKey,
  type OrgKey,
  type Reason,
  type World,
} from './access-matrix.fixtures.js';

/**
 * docs/product.md §3 as a matrix: every actor × every consent state × every data category of one case K, through
 * the real HTTP API. The expected outcomes below are written by hand from the rule's text, never
 * computed by the code under test:
 *
 *   A user acting for organisation O may read category C of case K iff
 *   1. O participates in K, and the user is assigned to K for O, or K has no assignee in O (queue), or
 *      the user is TEAM_LEAD of O; and
 *   2. O created data of C in K (origin), or a legal basis covers it (a MUNICIPALITY that received the
 *      early signal reads CONTACT and ARREARS), or an ACTIVE consent of K's tenant for O names C with a
 *      purpose O's role on K serves (REFERRER: EVICTION_PREVENTION, ARRANGEMENT_COORDINATION;
 *      MUNICIPALITY: DEBT_ASSISTANCE, EVICTION_PREVENTION; DEBT_COUNSELLING: DEBT_ASSISTANCE,
 *      ARRANGEMENT_COORDINATION). SPECIAL only under a consent naming it, never by origin.
 *   PRIVACY_OFFICER and ORG_ADMIN never read cases.
 *
 * The world (access-matrix.fixtures.ts): K of tenant T, origin A; participants A (REFERRER),
 * M (MUNICIPALITY), D (DEBT_COUNSELLING); a signal A → M; tenant, household (with vulnerability notes)
 * and arrears created by A; budget lines and debts created by M; a1 assigned for A, M and D unassigned.
 * Consents name all nine categories; D's is for DEBT_ASSISTANCE and A's for EVICTION_PREVENTION
 * (served). States: none; active; withdrawn; expired; otherPurpose (purposes swapped, not served);
 * otherRecipient (only M holds one, DEBT_ASSISTANCE); notYetValid (starts tomorrow); narrow (D's names
 * DEBTS and SPECIAL only, A's SPECIAL only).
 */

interface Cell {
  readonly seesCase: boolean;
  readonly readable: readonly DataCategory[];
  /** The categories an applicable consent of the acting organisation covers in this state. */
  readonly consentCovers?: readonly DataCategory[];
  /** The reason for every withheld category, where the rule makes it clear. */
  readonly reason?: Reason;
}

const NO_CASE: Cell = { seesCase: false, readable: [] };
const NOTHING: readonly DataCategory[] = [];
const EVERYTHING: readonly DataCategory[] = [
  'CONTACT',
  'ARREARS',
  'HOUSEHOLD',
  'INCOME_EXPENSES',
  'DEBTS',
  'CASE_NOTES',
  'ACTION_PLAN',
  'ARRANGEMENT',
  'SPECIAL',
];
/** What A created in K: tenant (CONTACT), arrears (ARREARS), household (HOUSEHOLD); its SPECIAL notes do not count. */
const A_OWN: readonly DataCategory[] = ['CONTACT', 'ARREARS', 'HOUSEHOLD'];
/** M: CONTACT and ARREARS by the signal, INCOME_EXPENSES and DEBTS as their origin. */
const M_OWN: readonly DataCategory[] = ['CONTACT', 'ARREARS', 'INCOME_EXPENSES', 'DEBTS'];

/** Corporation A, a1 (assigned) and aT (team lead) alike. */
const AS_A: Readonly<Record<ConsentStateKey, Cell>> = {
  none: { seesCase: true, readable: A_OWN, reason: 'NO_CONSENT' },
  active: { seesCase: true, readable: EVERYTHING, consentCovers: EVERYTHING },
  withdrawn: { seesCase: true, readable: A_OWN, reason: 'CONSENT_WITHDRAWN' },
  expired: { seesCase: true, readable: A_OWN, reason: 'CONSENT_EXPIRED' },
  otherPurpose: { seesCase: true, readable: A_OWN },
  otherRecipient: { seesCase: true, readable: A_OWN, reason: 'NO_CONSENT' },
  notYetValid: { seesCase: true, readable: A_OWN },
  narrow: {
    seesCase: true,
    readable: ['CONTACT', 'ARREARS', 'HOUSEHOLD', 'SPECIAL'],
    consentCovers: ['SPECIAL'],
    reason: 'NO_CONSENT',
  },
};
/** Municipality M, m1 (queue) and mT (team lead) alike. */
const AS_M: Readonly<Record<ConsentStateKey, Cell>> = {
  none: { seesCase: true, readable: M_OWN, reason: 'NO_CONSENT' },
  active: { seesCase: true, readable: M_OWN, reason: 'NO_CONSENT' },
  withdrawn: { seesCase: true, readable: M_OWN, reason: 'NO_CONSENT' },
  expired: { seesCase: true, readable: M_OWN, reason: 'NO_CONSENT' },
  otherPurpose: { seesCase: true, readable: M_OWN, reason: 'NO_CONSENT' },
  otherRecipient: { seesCase: true, readable: EVERYTHING, consentCovers: EVERYTHING },
  notYetValid: { seesCase: true, readable: M_OWN, reason: 'NO_CONSENT' },
  narrow: { seesCase: true, readable: M_OWN, reason: 'NO_CONSENT' },
};
const NEVER: Readonly<Record<ConsentStateKey, Cell>> = {
  none: NO_CASE,
  active: NO_CASE,
  withdrawn: NO_CASE,
  expired: NO_CASE,
  otherPurpose: NO_CASE,
  otherRecipient: NO_CASE,
  notYetValid: NO_CASE,
  narrow: NO_CASE,
};

const EXPECTED: Readonly<Record<ActorKey, Readonly<Record<ConsentStateKey, Cell>>>> = {
  a1: AS_A,
  a2: NEVER, // K is assigned to a1 within A: need-to-know
  aT: AS_A,
  aP: NEVER,
  m1: AS_M,
  mT: AS_M,
  mP: NEVER,
  d1: {
    none: { seesCase: true, readable: NOTHING, reason: 'NO_CONSENT' }, // D created nothing in K
    active: { seesCase: true, readable: EVERYTHING, consentCovers: EVERYTHING },
    withdrawn: { seesCase: true, readable: NOTHING, reason: 'CONSENT_WITHDRAWN' },
    expired: { seesCase: true, readable: NOTHING, reason: 'CONSENT_EXPIRED' },
    otherPurpose: { seesCase: true, readable: NOTHING }, // EVICTION_PREVENTION is no purpose of DEBT_COUNSELLING
    otherRecipient: { seesCase: true, readable: NOTHING, reason: 'NO_CONSENT' },
    notYetValid: { seesCase: true, readable: NOTHING },
    narrow: {
      seesCase: true,
      readable: ['DEBTS', 'SPECIAL'],
      consentCovers: ['DEBTS', 'SPECIAL'],
      reason: 'NO_CONSENT',
    },
  },
  b1: NEVER, // not a participant
  adminA: NEVER,
  adminM: NEVER,
  adminD: NEVER,
  adminB: NEVER,
  nobody: NEVER,
};

/** On what ground each organisation reads a category of K without any consent (from the world). */
const GROUND_WITHOUT_CONSENT: Readonly<Record<OrgKey, Partial<Record<DataCategory, Basis>>>> = {
  A: { CONTACT: 'ORIGIN', ARREARS: 'ORIGIN', HOUSEHOLD: 'ORIGIN' },
  M: { CONTACT: 'LEGAL_BASIS', ARREARS: 'LEGAL_BASIS', INCOME_EXPENSES: 'ORIGIN', DEBTS: 'ORIGIN' },
  D: {},
  B: {},
};

/** recordConsent on K: case-working members who see K. */
const MAY_RECORD_CONSENT: Readonly<Record<ActorKey, boolean>> = {
  a1: true,
  a2: false,
  aT: true,
  aP: false,
  m1: true,
  mT: true,
  mP: false,
  d1: true,
  b1: false,
  adminA: false,
  adminM: false,
  adminD: false,
  adminB: false,
  nobody: false,
};

/**
 * view Monitoring (docs/product.md §6): a team lead or privacy officer sees the dashboard, over the signals that
 * are the organisation's own business — A (a corporation) the one it sent, for K; M (a municipality) the two it
 * received, for K and K2. Every other member is refused (FORBIDDEN), whatever cases they work.
 */
const MONITORED_SIGNALS: Readonly<Record<ActorKey, number | 'FORBIDDEN'>> = {
  a1: 'FORBIDDEN',
  a2: 'FORBIDDEN',
  aT: 1,
  aP: 1,
  m1: 'FORBIDDEN',
  mT: 2,
  mP: 2,
  d1: 'FORBIDDEN',
  b1: 'FORBIDDEN',
  adminA: 'FORBIDDEN',
  adminM: 'FORBIDDEN',
  adminD: 'FORBIDDEN',
  adminB: 'FORBIDDEN',
  nobody: 'FORBIDDEN',
};

/**
 * export Tenant (AVG art. 15): a privacy officer exports the cases of a tenant its organisation takes part in —
 * T has K (A, M and D on it), T2 has K2 (B and M). Anybody else, and an officer whose organisation is on none of
 * the tenant's cases, hears NOT_FOUND (null), exactly as for a tenant that does not exist.
 */
const EXPORTED_CASES: Readonly<
  Record<ActorKey, Readonly<Record<'T' | 'T2', readonly ('K' | 'K2')[] | null>>>
> = {
  a1: { T: null, T2: null },
  a2: { T: null, T2: null },
  aT: { T: null, T2: null },
  aP: { T: ['K'], T2: null },
  m1: { T: null, T2: null },
  mT: { T: null, T2: null },
  mP: { T: ['K'], T2: ['K2'] },
  d1: { T: null, T2: null },
  b1: { T: null, T2: null },
  adminA: { T: null, T2: null },
  adminM: { T: null, T2: null },
  adminD: { T: null, T2: null },
  adminB: { T: null, T2: null },
  nobody: { T: null, T2: null },
};

/** What an organisation's export shows of a case is what its team lead sees of it (no need-to-know narrowing). */
const EXPORTS_AS: ReadonlyArray<readonly [officer: ActorKey, teamLead: ActorKey]> = [
  ['aP', 'aT'],
  ['mP', 'mT'],
];

const MONITORING_QUERY = `query ($from: String!, $to: String!) {
  monitoring(from: $from, to: $to) { organization { id } total { signals } }
}`;
const EXPORT_TENANT = `mutation ($tenantId: ID!) { exportTenantData(tenantId: $tenantId) { json } }`;

interface ExportedCaseJson {
  id: string;
  access: CaseNode['access'];
  sections: Record<string, unknown>;
}

const SECTIONS = ALL_CATEGORIES.filter((category) => SECTION_OF[category] !== null);
const CELLS = ACTOR_KEYS.length * CONSENT_STATE_KEYS.length * ALL_CATEGORIES.length;
const MATRIX = `${ACTOR_KEYS.length} actors × ${CONSENT_STATE_KEYS.length} consent states × ${ALL_CATEGORIES.length} categories`;

describe(`the access matrix of docs/product.md §3 (${MATRIX} = ${CELLS} cells, read one + list)`, () => {
  let database: TestDatabase;
  let app: TestApp;
  let world: World;
  let clients: Record<ActorKey, TestClient>;
  /** The app's clock stands still at TEST_NOW; the consent boundaries below move it, never a sleep. */
  const clock = stoppedTestClock();
  /** What "does not exist" looks like to each actor: case(id) of a random id. */
  const nonexistent = new Map<ActorKey, GraphQLResponse<{ case: CaseNode }>>();

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildWorld(database);
    app = await startTestApp(database.dataSource, { clock });
    clients = await loginActors(app, world);
    for (const actor of ACTOR_KEYS) {
      nonexistent.set(actor, await clients[actor].gql<{ case: CaseNode }>(CASE_QUERY, { id: randomUUID() }));
    }
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  const userOf = (actor: ActorKey) => world.users[ACTORS[actor].user].id;
  const exportsBy = async (actor: ActorKey): Promise<number> => {
    const [row] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'EXPORT' AND actor_user_id = $1`,
      [userOf(actor)],
    );
    return row?.n ?? 0;
  };
  const tenantOf = async (caseId: string): Promise<string> => {
    const [row] = await database.query<{ tenant_id: string }>(
      `SELECT tenant_id FROM case_file WHERE id = $1`,
      [caseId],
    );
    if (!row) throw new Error(`no case ${caseId}`);
    return row.tenant_id;
  };

  /** Compares one case node with the expected cell; every difference becomes a line of `out`. */
  function compareNode(
    node: CaseNode,
    cell: Cell,
    actor: ActorKey,
    consentIds: Partial<Record<OrgKey, string>>,
    where: string,
    out: string[],
  ): void {
    const org = ACTORS[actor].org;
    if (!org) throw new Error(`${actor} acts for no organisation but sees a case`);
    const report = (category: DataCategory, expected: string, actual: string) =>
      out.push(`${where} ${category}: expected ${expected}, actual ${actual}`);
    const listed = node.access.map((entry) => entry.category).sort();
    if (JSON.stringify(listed) !== JSON.stringify([...ALL_CATEGORIES].sort()))
      out.push(`${where} access lists ${listed.join(',')} instead of the nine categories`);
    for (const category of ALL_CATEGORIES) {
      const access = node.access.find((entry) => entry.category === category);
      const allowed = cell.readable.includes(category);
      const field = SECTION_OF[category];
      const section = field ? node[field] : undefined;
      if (!access) continue;
      if (access.allowed !== allowed) {
        report(
          category,
          allowed ? 'allowed' : 'withheld',
          `${access.allowed ? 'allowed' : 'withheld'} (reason ${access.reason}, basis ${access.basis})`,
        );
      }
      if (field && allowed && (section === null || !sectionHoldsData(node, category)))
        report(category, `${field} with the data`, JSON.stringify(section));
      if (field && !allowed && section !== null) report(category, `${field}: null`, JSON.stringify(section));
      if (!allowed && !access.allowed) {
        if (access.reason === null) report(category, 'a reason', 'reason null');
        else if (cell.reason && access.reason !== cell.reason)
          report(category, `reason ${cell.reason}`, `reason ${access.reason}`);
      }
      if (allowed && access.allowed) {
        const ground = GROUND_WITHOUT_CONSENT[org][category];
        const consentId = consentIds[org];
        const viaConsent = cell.consentCovers?.includes(category) ?? false;
        if (!ground && !viaConsent) throw new Error(`EXPECTED is inconsistent at ${where} ${category}`);
        const bases: Basis[] = [...(ground ? [ground] : []), ...(viaConsent ? ['CONSENT' as const] : [])];
        if (!access.basis || !bases.includes(access.basis))
          report(category, `basis ${bases.join(' or ')}`, `basis ${access.basis}`);
        else if (access.basis === 'CONSENT' && access.consentId !== consentId)
          report(category, `consentId ${consentId}`, `consentId ${access.consentId}`);
      }
    }
  }

  /** Every section a response returned is in the audit trail: READ, this user, its category, its basis. */
  async function compareAudit(
    since: string,
    node: CaseNode,
    cell: Cell,
    actor: ActorKey,
    consentIds: Partial<Record<OrgKey, string>>,
    where: string,
    out: string[],
  ): Promise<void> {
    const org = ACTORS[actor].org;
    const events = await readEventsSince(database, since, userOf(actor));
    for (const category of SECTIONS) {
      const field = SECTION_OF[category];
      if (!field || node[field] === null) continue;
      const consentOnly =
        org !== null &&
        !GROUND_WITHOUT_CONSENT[org][category] &&
        (cell.consentCovers?.includes(category) ?? false);
      const basis = consentOnly ? (consentIds[org] ?? null) : null;
      if (!auditRecords(events, world.caseId, category, basis)) {
        out.push(
          `${where} ${category}: expected an audit READ by ${actor}${basis ? ` on basis ${basis}` : ''}, actual ${JSON.stringify(events)}`,
        );
      }
    }
  }

  for (const state of CONSENT_STATE_KEYS) {
    it(`consent state "${state}": ${ACTOR_KEYS.length} actors × ${ALL_CATEGORIES.length} categories through case(id) and cases(first: 100), audited`, async () => {
      const consentIds = await setConsentState(database, world, state);
      const disagreements: string[] = [];
      for (const actor of ACTOR_KEYS) {
        const cell = EXPECTED[actor][state];
        const client = clients[actor];

        // Read one.
        let where = `actor=${actor} state=${state} op=case(id)`;
        let since = await auditHighWater(database);
        const one = await client.gql<{ case: CaseNode }>(CASE_QUERY, { id: world.caseId });
        let single: CaseNode | null = null;
        if (cell.seesCase) {
          if (one.errors || !one.data) {
            disagreements.push(`${where}: expected the case, actual ${JSON.stringify(one.errors)}`);
          } else {
            single = one.data.case;
            compareNode(single, cell, actor, consentIds, where, disagreements);
            await compareAudit(since, single, cell, actor, consentIds, where, disagreements);
          }
        } else {
          const code = one.errors?.[0]?.extensions?.code;
          const allowedCodes = actor === 'nobody' ? ['NOT_FOUND', 'FORBIDDEN'] : ['NOT_FOUND'];
          if (one.data || !code || !allowedCodes.includes(code))
            disagreements.push(
              `${where}: expected ${allowedCodes.join(' or ')}, actual ${JSON.stringify(one)}`,
            );
          else if (JSON.stringify(one) !== JSON.stringify(nonexistent.get(actor)))
            disagreements.push(
              `${where}: expected the answer to a nonexistent case ${JSON.stringify(nonexistent.get(actor))}, actual ${JSON.stringify(one)}`,
            );
        }

        // List.
        where = `actor=${actor} state=${state} op=cases`;
        since = await auditHighWater(database);
        const list = await client.gql<{ cases: { totalCount: number; edges: { node: CaseNode }[] } }>(
          CASES_QUERY,
        );
        if (list.errors || !list.data) {
          const code = list.errors?.[0]?.extensions?.code;
          // Fail closed: only a user acting for nobody may be refused the list outright.
          if (!(actor === 'nobody' && code === 'FORBIDDEN' && !list.data))
            disagreements.push(`${where}: expected a list, actual ${JSON.stringify(list)}`);
          continue;
        }
        const listed = list.data.cases.edges.find((edge) => edge.node.id === world.caseId)?.node;
        if (cell.seesCase !== Boolean(listed)) {
          disagreements.push(
            `${where}: expected K ${cell.seesCase ? 'listed' : 'not listed'}, actual ${listed ? 'listed' : 'not listed'}`,
          );
        }
        if (actor === 'nobody' && list.data.cases.edges.length > 0)
          disagreements.push(
            `${where}: expected an empty list, actual ${list.data.cases.edges.length} cases`,
          );
        if (listed) {
          compareNode(listed, cell, actor, consentIds, where, disagreements);
          await compareAudit(since, listed, cell, actor, consentIds, where, disagreements);
          if (single && JSON.stringify(listed) !== JSON.stringify(single))
            disagreements.push(
              `${where}: expected the same sections as case(id) ${JSON.stringify(single)}, actual ${JSON.stringify(listed)}`,
            );
        }
      }
      expect(disagreements).toEqual([]);
    });
  }

  it(`recordConsent on K: ${ACTOR_KEYS.length} actors, written only by case-working members who see K`, async () => {
    await resetConsents(database, world);
    const disagreements: string[] = [];
    for (const actor of ACTOR_KEYS) {
      const wordingVersion = `matrix-write-${actor}`;
      const result = await clients[actor].gql<{ recordConsent: { id: string; recordedBy: { id: string } } }>(
        RECORD_CONSENT,
        {
          input: {
            caseId: world.caseId,
            recipientOrgId: world.orgs.D,
            purpose: 'DEBT_ASSISTANCE',
            categories: ['DEBTS'],
            channel: 'WRITTEN',
            wordingVersion,
            wordingText: WORDING_TEXT,
          },
        },
      );
      const [row] = await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM consent WHERE case_id = $1 AND wording_version = $2 AND recorded_by_id = $3`,
        [world.caseId, wordingVersion, userOf(actor)],
      );
      const where = `actor=${actor} op=recordConsent`;
      const code = result.errors?.[0]?.extensions?.code ?? 'none';
      if (MAY_RECORD_CONSENT[actor]) {
        if (result.errors || result.data?.recordConsent.recordedBy.id !== userOf(actor))
          disagreements.push(`${where}: expected a recorded consent, actual ${JSON.stringify(result)}`);
        if (row?.n !== 1) disagreements.push(`${where}: expected 1 row written, actual ${row?.n}`);
      } else {
        const allowedCodes = actor === 'nobody' ? ['NOT_FOUND', 'FORBIDDEN'] : ['NOT_FOUND'];
        if (result.data || !allowedCodes.includes(code))
          disagreements.push(
            `${where}: expected ${allowedCodes.join(' or ')}, actual ${JSON.stringify(result)}`,
          );
        if (row?.n !== 0) disagreements.push(`${where}: expected no row written, actual ${row?.n}`);
      }
    }
    await resetConsents(database, world);
    expect(disagreements).toEqual([]);
  });

  it('withholds DEBTS from d1 on the very next request after another user withdraws the consent', async () => {
    await resetConsents(database, world);
    const d1 = clients.d1;
    const recorded = await clients.a1.gql<{ recordConsent: { id: string; state: string } }>(RECORD_CONSENT, {
      input: {
        caseId: world.caseId,
        recipientOrgId: world.orgs.D,
        purpose: 'DEBT_ASSISTANCE',
        categories: ['DEBTS', 'INCOME_EXPENSES'],
        channel: 'WRITTEN',
        wordingVersion: 'matrix-withdraw',
        wordingText: WORDING_TEXT,
      },
    });
    expect(recorded.errors).toBeUndefined();
    const consentId = recorded.data!.recordConsent.id;
    expect(recorded.data!.recordConsent.state).toBe('ACTIVE');

    const since = await auditHighWater(database);
    const before = await d1.gql<{ case: CaseNode }>(CASE_QUERY, { id: world.caseId });
    expect(before.errors).toBeUndefined();
    expect(before.data!.case.debts?.totalCents).toBe(287_550);
    expect(before.data!.case.access.find((entry) => entry.category === 'DEBTS')).toMatchObject({
      allowed: true,
      basis: 'CONSENT',
      consentId,
    });
    const events = await readEventsSince(database, since, userOf('d1'));
    expect(auditRecords(events, world.caseId, 'DEBTS', consentId)).toBe(true);

    const withdrawn = await clients.a1.gql<{ withdrawConsent: { id: string; state: string } }>(
      WITHDRAW_CONSENT,
      { input: { consentId, channel: 'WRITTEN' } },
    );
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data!.withdrawConsent.state).toBe('WITHDRAWN');

    const after = await d1.gql<{ case: CaseNode }>(CASE_QUERY, { id: world.caseId });
    expect(after.errors).toBeUndefined();
    expect(after.data!.case.debts).toBeNull();
    expect(after.data!.case.incomeExpenses).toBeNull();
    expect(after.data!.case.access.find((entry) => entry.category === 'DEBTS')).toMatchObject({
      allowed: false,
      reason: 'CONSENT_WITHDRAWN',
    });
    await resetConsents(database, world);
  });

  it('withholds DEBTS from d1 from the moment the consent expires (the clock moves, nobody sleeps)', async () => {
    await resetConsents(database, world);
    const validUntil = new Date(TEST_NOW.getTime() + 60_000);
    const consentId = await insertConsent(database, world, {
      recipient: 'D',
      recordedBy: 'd1',
      purpose: 'DEBT_ASSISTANCE',
      categories: ['DEBTS'],
      validFrom: new Date(TEST_NOW.getTime() - 3_600_000),
      validUntil,
    });
    // The last millisecond of the consent.
    clock.set(new Date(validUntil.getTime() - 1));
    const before = await clients.d1.gql<{ case: CaseNode }>(CASE_QUERY, { id: world.caseId });
    expect(before.errors).toBeUndefined();
    expect(before.data!.case.debts?.totalCents).toBe(287_550);
    expect(before.data!.case.access.find((entry) => entry.category === 'DEBTS')).toMatchObject({
      allowed: true,
      consentId,
    });

    // Valid until is exclusive: at that very moment the consent has ended.
    clock.set(validUntil);
    const after = await clients.d1.gql<{ case: CaseNode }>(CASE_QUERY, { id: world.caseId });
    clock.set(TEST_NOW);
    expect(after.errors).toBeUndefined();
    expect(after.data!.case.debts).toBeNull();
    expect(after.data!.case.access.find((entry) => entry.category === 'DEBTS')).toMatchObject({
      allowed: false,
      reason: 'CONSENT_EXPIRED',
    });
    await resetConsents(database, world);
  });

  it('grants DEBTS to d1 from the moment the consent becomes valid (the clock moves, nobody sleeps)', async () => {
    await resetConsents(database, world);
    const validFrom = new Date(TEST_NOW.getTime() + 60_000);
    const consentId = await insertConsent(database, world, {
      recipient: 'D',
      recordedBy: 'd1',
      purpose: 'DEBT_ASSISTANCE',
      categories: ['DEBTS'],
      validFrom,
      validUntil: new Date(validFrom.getTime() + 3_600_000),
    });
    clock.set(new Date(validFrom.getTime() - 1));
    const before = await clients.d1.gql<{ case: CaseNode }>(CASE_QUERY, { id: world.caseId });
    expect(before.errors).toBeUndefined();
    expect(before.data!.case.debts).toBeNull();
    expect(before.data!.case.access.find((entry) => entry.category === 'DEBTS')?.allowed).toBe(false);

    clock.set(validFrom);
    const after = await clients.d1.gql<{ case: CaseNode }>(CASE_QUERY, { id: world.caseId });
    clock.set(TEST_NOW);
    expect(after.errors).toBeUndefined();
    expect(after.data!.case.debts?.totalCents).toBe(287_550);
    expect(after.data!.case.access.find((entry) => entry.category === 'DEBTS')).toMatchObject({
      allowed: true,
      basis: 'CONSENT',
      consentId,
    });
    await resetConsents(database, world);
  });

  it(`view Monitoring: ${ACTOR_KEYS.length} actors, the dashboard for a team lead or privacy officer over their own signals`, async () => {
    const [period] = await database.query<{ from: string; to: string }>(
      `SELECT to_char(min(signal_date), 'YYYY-MM-DD') AS from, to_char(max(signal_date), 'YYYY-MM-DD') AS to
         FROM signal WHERE case_id = ANY($1::uuid[])`,
      [[world.caseId, world.case2Id]],
    );
    const disagreements: string[] = [];
    for (const actor of ACTOR_KEYS) {
      const expected = MONITORED_SIGNALS[actor];
      const result = await clients[actor].gql<{
        monitoring: { organization: { id: string }; total: { signals: number | null } };
      }>(MONITORING_QUERY, { from: period!.from, to: period!.to });
      const where = `actor=${actor} op=monitoring`;
      if (expected === 'FORBIDDEN') {
        const code = result.errors?.[0]?.extensions?.code;
        if (result.data || code !== 'FORBIDDEN')
          disagreements.push(`${where}: expected FORBIDDEN, actual ${JSON.stringify(result)}`);
        continue;
      }
      const org = ACTORS[actor].org;
      const figures = result.data?.monitoring;
      if (!figures || result.errors || !org) {
        disagreements.push(`${where}: expected the dashboard, actual ${JSON.stringify(result)}`);
      } else {
        if (figures.organization.id !== world.orgs[org])
          disagreements.push(`${where}: expected organisation ${org}, actual ${figures.organization.id}`);
        if (figures.total.signals !== expected)
          disagreements.push(`${where}: expected ${expected} signals, actual ${figures.total.signals}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it(`export Tenant: ${ACTOR_KEYS.length} actors × 2 tenants, only a privacy officer of an organisation on the tenant's cases`, async () => {
    await setConsentState(database, world, 'active');
    const tenantIds = { T: world.tenantId, T2: await tenantOf(world.case2Id) };
    const caseIds = { K: world.caseId, K2: world.case2Id };
    const disagreements: string[] = [];
    for (const actor of ACTOR_KEYS) {
      for (const tenant of ['T', 'T2'] as const) {
        const expected = EXPORTED_CASES[actor][tenant];
        const where = `actor=${actor} tenant=${tenant} op=exportTenantData`;
        const before = await exportsBy(actor);
        const result = await clients[actor].gql<{ exportTenantData: { json: string } }>(EXPORT_TENANT, {
          tenantId: tenantIds[tenant],
        });
        const written = (await exportsBy(actor)) - before;
        if (expected === null) {
          const code = result.errors?.[0]?.extensions?.code ?? 'none';
          const allowedCodes = actor === 'nobody' ? ['NOT_FOUND', 'FORBIDDEN'] : ['NOT_FOUND'];
          if (result.data || !allowedCodes.includes(code))
            disagreements.push(
              `${where}: expected ${allowedCodes.join(' or ')}, actual ${JSON.stringify(result)}`,
            );
          if (written !== 0) disagreements.push(`${where}: expected no EXPORT event, actual ${written}`);
          continue;
        }
        if (result.errors || !result.data) {
          disagreements.push(`${where}: expected an export, actual ${JSON.stringify(result.errors)}`);
          continue;
        }
        const exported = (JSON.parse(result.data.exportTenantData.json) as { cases: ExportedCaseJson[] })
          .cases;
        const wanted = expected.map((key) => caseIds[key]);
        if (JSON.stringify(exported.map((entry) => entry.id)) !== JSON.stringify(wanted))
          disagreements.push(
            `${where}: expected cases ${wanted.join(',')}, actual ${exported.map((entry) => entry.id).join(',')}`,
          );
        if (written !== 1) disagreements.push(`${where}: expected one EXPORT event, actual ${written}`);
      }
    }
    await resetConsents(database, world);
    expect(disagreements).toEqual([]);
  });

  it("export Tenant: in every consent state the officer's export shows K as the organisation's team lead sees it", async () => {
    const disagreements: string[] = [];
    for (const state of CONSENT_STATE_KEYS) {
      await setConsentState(database, world, state);
      for (const [officer, teamLead] of EXPORTS_AS) {
        const where = `state=${state} ${officer} vs ${teamLead}`;
        const exported = await clients[officer].gql<{ exportTenantData: { json: string } }>(EXPORT_TENANT, {
          tenantId: world.tenantId,
        });
        const seen = await clients[teamLead].gql<{ case: CaseNode }>(CASE_QUERY, { id: world.caseId });
        const exportedCase = exported.data
          ? (JSON.parse(exported.data.exportTenantData.json) as { cases: ExportedCaseJson[] }).cases[0]
          : undefined;
        if (!exportedCase || !seen.data) {
          disagreements.push(`${where}: expected K from both, actual ${JSON.stringify([exported, seen])}`);
          continue;
        }
        const access = (entries: CaseNode['access']) =>
          entries.map(({ category, allowed, reason, basis, consentId }) => ({
            category,
            allowed,
            reason,
            basis,
            consentId,
          }));
        if (JSON.stringify(access(exportedCase.access)) !== JSON.stringify(access(seen.data.case.access)))
          disagreements.push(
            `${where}: access expected ${JSON.stringify(seen.data.case.access)}, actual ${JSON.stringify(exportedCase.access)}`,
          );
        for (const category of SECTIONS) {
          const field = SECTION_OF[category]!;
          const shown = seen.data.case[field] !== null;
          const inExport = exportedCase.sections[field] !== null;
          if (shown !== inExport)
            disagreements.push(
              `${where} ${category}: ${teamLead} ${shown ? 'sees' : 'does not see'} it, the export ${inExport ? 'holds' : 'lacks'} it`,
            );
        }
      }
    }
    await resetConsents(database, world);
    expect(disagreements).toEqual([]);
  });

  it('fails closed for a user without membership: FORBIDDEN or an empty list, never data', async () => {
    await setConsentState(database, world, 'active');
    const nobody = clients.nobody;
    const list = await nobody.gql<{ cases: { edges: unknown[] } }>(CASES_QUERY);
    if (list.errors) {
      expect(list.errors[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(list.data ?? null).toBeNull();
    } else {
      expect(list.data!.cases.edges).toEqual([]);
    }
    for (const id of [world.caseId, world.case2Id]) {
      const one = await nobody.gql(CASE_QUERY, { id });
      expect(one.data ?? null).toBeNull();
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(one.errors?.[0]?.extensions?.code);
    }
    const events = await readEventsSince(database, '0', userOf('nobody'));
    expect(events.filter((event) => event.categories.length > 0)).toEqual([]);
    await resetConsents(database, world);
  });
});
