import type { CaseChange } from '../../core/realtime/case-events.js';
import { CaseFactory } from '../../testing/case-factories.js';
import { createRegion, type Member, type Region } from '../../testing/factories.js';
import type {
  ArrangementFieldsFragment,
  CreateArrangementInput,
  RecordPaymentInput,
} from '../../testing/gql/graphql.js';
import { graphql } from '../../testing/gql/index.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp, type GraphQLResponse, type TestApp, type TestClient } from '../../testing/test-app.js';

/**
 * The people the arrangement stories speak as, by their part in the region (createRegion): anna, the
 * corporation's case worker who agrees the arrangement; bram, a case worker of a corporation that takes
 * no part; mehmet, the municipality's debt counsellor; sanne, the debt counsellor of the Kredietbank.
 */
export const ANNA = 'anna';
export const BRAM = 'bram';
export const MEHMET = 'mehmet';
export const SANNE = 'sanne';
export type Person = typeof ANNA | typeof BRAM | typeof MEHMET | typeof SANNE;

graphql(`
  fragment ArrangementFields on PaymentArrangement {
    id
    caseId
    status
    totalCents
    instalmentCount
    instalmentCents
    startDate
    dueDay
    missedTolerance
    streak
    missedCount
    paidCents
    remainingCents
    version
    instalments {
      id
      sequence
      dueOn
      amountCents
      status
      paidOn
      paidCents
      version
    }
    milestones {
      id
      kind
      reachedAtSequence
      reachedOn
      rewardDescription
      rewardCents
      rewardStatus
      decidedAt
      version
    }
  }
`);

export const CREATE_ARRANGEMENT = graphql(`
  mutation ArrangementCreate($input: CreateArrangementInput!) {
    createArrangement(input: $input) {
      ...ArrangementFields
    }
  }
`);
export const RECORD_PAYMENT = graphql(`
  mutation ArrangementRecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      ...ArrangementFields
    }
  }
`);
export const DECIDE_REWARD = graphql(`
  mutation ArrangementDecideReward($input: DecideRewardInput!) {
    decideReward(input: $input) {
      ...ArrangementFields
    }
  }
`);
export const CASE_ARRANGEMENT = graphql(`
  query ArrangementOfCase($id: ID!) {
    case(id: $id) {
      id
      arrangement {
        ...ArrangementFields
      }
      access {
        category
        allowed
        reason
        basis
        consentId
      }
    }
  }
`);

export type ArrangementView = ArrangementFieldsFragment;
export type InstalmentView = ArrangementView['instalments'][number];
export type MilestoneView = ArrangementView['milestones'][number];

export function ok<T>(result: GraphQLResponse<T>): T {
  if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.data!;
}

export function refusal<T>(result: GraphQLResponse<T>) {
  if (!result.errors || result.errors.length !== 1 || (result.data ?? null) !== null)
    throw new Error(`expected one error and no data: ${JSON.stringify(result)}`);
  return result.errors[0]!;
}

/** A fresh region of partners, the real app, the people of the stories signed in, and the case events it announced. */
export class ArrangementWorld {
  readonly events: CaseChange[] = [];
  private readonly cases: CaseFactory;

  private constructor(
    readonly database: TestDatabase,
    readonly app: TestApp,
    readonly region: Region,
  ) {
    app.services.caseEvents.subscribe((change) => this.events.push(change));
    this.cases = new CaseFactory(app, region);
  }

  static async start(): Promise<ArrangementWorld> {
    const database = await createTestDatabase();
    const region = await createRegion(database.dataSource);
    return new ArrangementWorld(database, await startTestApp(database.dataSource), region);
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.database.drop();
  }

  member(person: Person): Member {
    const { corporation, stranger, municipality, debtCounselling } = this.region;
    return {
      anna: corporation.caseWorker,
      bram: stranger.caseWorker,
      mehmet: municipality.counsellor,
      sanne: debtCounselling.counsellor,
    }[person];
  }

  async as(person: Person): Promise<TestClient> {
    return this.cases.as(this.member(person));
  }

  /**
   * A case the corporation signalled and the municipality referred on to the Kredietbank, which
   * accepted: all three work on it (anna as its assignee, the others from their queue).
   */
  async newCase(): Promise<string> {
    return (await this.cases.caseAtDebtCounselling()).id;
  }

  async caseAs(person: Person, caseId: string) {
    return ok(await (await this.as(person)).gql(CASE_ARRANGEMENT, { id: caseId })).case;
  }

  async create(input: CreateArrangementInput, person: Person = ANNA) {
    return (await this.as(person)).gql(CREATE_ARRANGEMENT, { input });
  }

  async pay(
    instalmentId: string,
    paidOn: string,
    extra: Omit<RecordPaymentInput, 'instalmentId' | 'paidOn'> = {},
    person: Person = ANNA,
  ) {
    return (await this.as(person)).gql(RECORD_PAYMENT, { input: { instalmentId, paidOn, ...extra } });
  }

  async decide(milestoneId: string, confirm: boolean, person: Person = ANNA) {
    return (await this.as(person)).gql(DECIDE_REWARD, { input: { milestoneId, confirm } });
  }

  /** The tenant lets the Kredietbank see the arrangement (to coordinate it), recorded by the corporation. */
  async consentForKredietbank(caseId: string): Promise<string> {
    const { id } = await this.cases.consent(caseId, {
      recipient: this.region.debtCounselling.organization,
      purpose: 'ARRANGEMENT_COORDINATION',
      categories: ['ARRANGEMENT'],
    });
    return id;
  }
}
