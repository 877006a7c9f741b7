import { randomBytes } from 'node:crypto';
import type { CaseChange } from '../../core/realtime/case-events.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp, type GraphQLResponse, type TestApp, type TestClient } from '../../testing/test-app.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { createCaseIn, DEMO_ORG } from '../lifecycle/lifecycle.fixtures.js';
import { TEST_NOW } from '../../testing/test-clock.js';

/** The demo users the arrangement tests speak as (password `vangnet-demo`). */
export const ANNA = 'anna@delinde.example';
export const BRAM = 'bram@woonbronoost.example';
export const MEHMET = 'mehmet@rivierstad.example';
export const SANNE = 'sanne@kredietbank.example';

const ARRANGEMENT_FIELDS = `id caseId status totalCents instalmentCount instalmentCents startDate dueDay missedTolerance
  streak missedCount paidCents remainingCents version
  instalments { id sequence dueOn amountCents status paidOn paidCents version }
  milestones { id kind reachedAtSequence reachedOn rewardDescription rewardCents rewardStatus decidedAt version }`;

export const CREATE_ARRANGEMENT = `mutation ($input: CreateArrangementInput!) { createArrangement(input: $input) { ${ARRANGEMENT_FIELDS} } }`;
export const RECORD_PAYMENT = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { ${ARRANGEMENT_FIELDS} } }`;
export const DECIDE_REWARD = `mutation ($input: DecideRewardInput!) { decideReward(input: $input) { ${ARRANGEMENT_FIELDS} } }`;
export const CASE_ARRANGEMENT = `query ($id: ID!) {
  case(id: $id) { id arrangement { ${ARRANGEMENT_FIELDS} } access { category allowed reason basis consentId } }
}`;
export const RECORD_CONSENT = `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`;

export interface InstalmentView {
  id: string;
  sequence: number;
  dueOn: string;
  amountCents: number;
  status: string;
  paidOn: string | null;
  paidCents: number | null;
  version: number;
}

export interface MilestoneView {
  id: string;
  kind: string;
  reachedAtSequence: number;
  reachedOn: string;
  rewardDescription: string | null;
  rewardCents: number | null;
  rewardStatus: string;
  decidedAt: string | null;
  version: number;
}

export interface ArrangementView {
  id: string;
  caseId: string;
  status: string;
  totalCents: number;
  instalmentCount: number;
  instalmentCents: number;
  startDate: string;
  dueDay: number;
  missedTolerance: number;
  streak: number;
  missedCount: number;
  paidCents: number;
  remainingCents: number;
  version: number;
  instalments: InstalmentView[];
  milestones: MilestoneView[];
}

export interface CaseArrangementView {
  id: string;
  arrangement: ArrangementView | null;
  access: {
    category: string;
    allowed: boolean;
    reason: string | null;
    basis: string | null;
    consentId: string | null;
  }[];
}

export function ok<T>(result: GraphQLResponse<T>): T {
  if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.data!;
}

export function refusal<T>(result: GraphQLResponse<T>) {
  if (!result.errors || result.errors.length !== 1 || (result.data ?? null) !== null)
    throw new Error(`expected one error and no data: ${JSON.stringify(result)}`);
  return result.errors[0]!;
}

/** A test database with the demo world, the real app, one logged-in browser per demo user, and the case events it announced. */
export class ArrangementWorld {
  readonly events: CaseChange[] = [];
  private readonly clients = new Map<string, TestClient>();

  private constructor(
    readonly database: TestDatabase,
    readonly app: TestApp,
  ) {
    app.services.caseEvents.subscribe((change) => this.events.push(change));
  }

  static async start(): Promise<ArrangementWorld> {
    const bsnKey = randomBytes(32);
    const database = await createTestDatabase();
    await seedDemoWorld(database.dataSource, { bsnKey, today: TEST_NOW });
    // These stories control every instalment: the demo world's own arrangements would be counted too.
    await database.query(`DELETE FROM payment_arrangement`);
    return new ArrangementWorld(database, await startTestApp(database.dataSource, { bsnKey }));
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.database.drop();
  }

  async as(email: string): Promise<TestClient> {
    let client = this.clients.get(email);
    if (!client) {
      client = this.app.client();
      const login = await client.login(email, 'vangnet-demo');
      if (login.errors) throw new Error(`login ${email} failed`);
      this.clients.set(email, client);
    }
    return client;
  }

  async gql<T>(email: string, query: string, variables: Record<string, unknown> = {}) {
    return (await this.as(email)).gql<T>(query, variables);
  }

  /** A case De Linde referred, on which the municipality and the Kredietbank work too (everyone's queue). */
  async newCase(): Promise<string> {
    const created = await createCaseIn(this.database.dataSource, {
      status: 'IN_CONTACT',
      with: ['rivierstad', 'kredietbank'],
    });
    return created.id;
  }

  async caseAs(email: string, caseId: string): Promise<CaseArrangementView> {
    return ok(await this.gql<{ case: CaseArrangementView }>(email, CASE_ARRANGEMENT, { id: caseId })).case;
  }

  async create(input: Record<string, unknown>, email = ANNA) {
    return this.gql<{ createArrangement: ArrangementView }>(email, CREATE_ARRANGEMENT, { input });
  }

  async pay(instalmentId: string, paidOn: string, extra: Record<string, unknown> = {}, email = ANNA) {
    return this.gql<{ recordPayment: ArrangementView }>(email, RECORD_PAYMENT, {
      input: { instalmentId, paidOn, ...extra },
    });
  }

  async decide(milestoneId: string, confirm: boolean, email = ANNA) {
    return this.gql<{ decideReward: ArrangementView }>(email, DECIDE_REWARD, {
      input: { milestoneId, confirm },
    });
  }

  /** The tenant lets the Kredietbank see the arrangement (to coordinate it), recorded by the corporation. */
  async consentForKredietbank(caseId: string): Promise<string> {
    const { recordConsent } = ok(
      await this.gql<{ recordConsent: { id: string } }>(ANNA, RECORD_CONSENT, {
        input: {
          caseId,
          recipientOrgId: DEMO_ORG.kredietbank,
          purpose: 'ARRANGEMENT_COORDINATION',
          categories: ['ARRANGEMENT'],
          channel: 'WRITTEN',
          wordingVersion: 'regeling-2026-1',
          wordingText:
            'Ik vind het goed dat de Kredietbank mijn betalingsregeling met de woningcorporatie kan zien, zodat zij mij kan helpen.',
        },
      }),
    );
    return recordConsent.id;
  }
}
