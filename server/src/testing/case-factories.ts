import {
  addCalendarDays,
  type ConsentPurpose,
  type DataCategory,
  type ParticipantRole,
} from '@vangnet/shared';
import type { Member, Region } from './factories.js';
import type { CaseExitReason, CaseStatus, NoteVisibility } from './gql/graphql.js';
import { graphql } from './gql/index.js';
import { dataOf, type TestApp, type TestClient } from './test-app.js';
import { testToday } from './test-clock.js';

/**
 * Per-aggregate factories that build a case's story through the API, as the people of a region
 * (createRegion) would: every rule, every audit row and every case event of the real operation
 * applies, so a test starts from data the product could really hold. Each factory asserts that its
 * operation succeeded, so a broken step fails where it happens rather than in a later assertion.
 */

const CREATE_CASE = graphql(`
  mutation FactoryCreateCase($input: CreateCaseInput!) {
    createCase(input: $input) {
      id
      reference
      version
    }
  }
`);

const RECORD_PRE_SIGNAL_STEP = graphql(`
  mutation FactoryRecordPreSignalStep($input: RecordPreSignalStepInput!) {
    recordPreSignalStep(input: $input) {
      id
    }
  }
`);

const SEND_SIGNAL = graphql(`
  mutation FactorySendSignal($input: SendSignalInput!) {
    sendSignal(input: $input) {
      id
    }
  }
`);

const REFER_CASE = graphql(`
  mutation FactoryReferCase($input: ReferCaseInput!) {
    referCase(input: $input) {
      id
      status
    }
  }
`);

const RESPOND_TO_REFERRAL = graphql(`
  mutation FactoryRespondToReferral($input: RespondToReferralInput!) {
    respondToReferral(input: $input) {
      id
      status
    }
  }
`);

const RECORD_CONSENT = graphql(`
  mutation FactoryRecordConsent($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      id
      tenantId
      state
    }
  }
`);

const ADD_ACTION_ITEM = graphql(`
  mutation FactoryAddActionItem($input: AddActionItemInput!) {
    addActionItem(input: $input) {
      id
      version
    }
  }
`);

const CREATE_ARRANGEMENT = graphql(`
  mutation FactoryCreateArrangement($input: CreateArrangementInput!) {
    createArrangement(input: $input) {
      id
      instalments {
        id
        sequence
      }
    }
  }
`);

const ADD_CASE_NOTE = graphql(`
  mutation FactoryAddCaseNote($input: AddCaseNoteInput!) {
    addCaseNote(input: $input) {
      id
    }
  }
`);

const ASSIGN_CASE = graphql(`
  mutation FactoryAssignCase($input: AssignCaseInput!) {
    assignCase(input: $input) {
      id
    }
  }
`);

const CASE_VERSION = graphql(`
  query FactoryCaseVersion($id: ID!) {
    case(id: $id) {
      version
    }
  }
`);

const TRANSITION_CASE = graphql(`
  mutation FactoryTransitionCase($input: TransitionCaseInput!) {
    transitionCase(input: $input) {
      id
      version
    }
  }
`);

export interface OpenedCase {
  readonly id: string;
  readonly reference: string;
}

/** What a test may choose about a new dossier; the rest is a plausible tenant in the region. */
export interface CaseOptions {
  readonly surname?: string;
  /** CBS code of the tenant's municipality; by default the corporation's own (the region's). */
  readonly municipalityCode?: string;
  readonly arrearsCents?: number;
  /** Since when the tenant is in arrears; by default 60 days before today. */
  readonly aroseOn?: string;
  readonly monthsInArrears?: number;
  readonly crisis?: boolean;
  readonly children?: number;
}

let cases = 0;

/** The people of a region signed in, and the factories that act as them. */
export class CaseFactory {
  private readonly clients = new Map<string, TestClient>();

  constructor(
    readonly app: TestApp,
    readonly region: Region,
  ) {}

  /** A browser signed in as the member (one per member, kept for the test file). */
  async as(member: Member): Promise<TestClient> {
    let client = this.clients.get(member.id);
    if (!client) {
      client = this.app.client();
      dataOf(await client.login(member.email, member.password));
      this.clients.set(member.id, client);
    }
    return client;
  }

  /**
   * The corporation's case worker opens a dossier (PRE_SIGNAL) for a tenant in arrears; the case
   * worker becomes its assignee.
   */
  async openCase(
    options: CaseOptions = {},
    by: Member = this.region.corporation.caseWorker,
  ): Promise<OpenedCase> {
    cases += 1;
    const today = testToday();
    const { createCase } = dataOf(
      await (
        await this.as(by)
      ).gql(CREATE_CASE, {
        input: {
          tenant: {
            initials: 'J.',
            surname: options.surname ?? `Huurder${cases}`,
            street: 'Proefstraat',
            houseNumber: cases,
            postcode: '9999ZZ',
            city: 'Proefstad',
            birthDate: '1980-05-17',
            phone: '0612345678',
            email: `huurder${cases}@test.example`,
            ...(options.municipalityCode ? { municipalityCode: options.municipalityCode } : {}),
          },
          tenancy: { contractNumber: `HC-${Date.now().toString(36)}-${cases}`, monthlyRentCents: 75_000 },
          household: { adults: 1, children: options.children ?? 0 },
          arrears: {
            amountCents: options.arrearsCents ?? 150_000,
            aroseOn: options.aroseOn ?? addCalendarDays(today, -60),
            monthsInArrears: options.monthsInArrears ?? 2,
          },
          crisis: options.crisis ?? false,
        },
      }),
    );
    return { id: createCase.id, reference: createCase.reference };
  }

  /** The corporation records the three steps of the pre-signal gate (docs/product.md §2), today. */
  async passPreSignalGate(caseId: string, by: Member = this.region.corporation.caseWorker): Promise<void> {
    const client = await this.as(by);
    const performedOn = testToday();
    for (const kind of ['WRITTEN_REMINDER', 'PERSONAL_CONTACT_ATTEMPT', 'DEBT_HELP_POINTER'] as const) {
      dataOf(
        await client.gql(RECORD_PRE_SIGNAL_STEP, {
          input: {
            caseId,
            kind,
            performedOn,
            ...(kind === 'WRITTEN_REMINDER' ? { offeredContactTransfer: true } : {}),
          },
        }),
      );
    }
  }

  /** A dossier through the gate and signalled to the region's municipality (SIGNALLED). */
  async signalledCase(options: CaseOptions = {}): Promise<OpenedCase & { signalId: string }> {
    const opened = await this.openCase(options);
    await this.passPreSignalGate(opened.id);
    const { sendSignal } = dataOf(
      await (
        await this.as(this.region.corporation.caseWorker)
      ).gql(SEND_SIGNAL, { input: { caseId: opened.id } }),
    );
    return { ...opened, signalId: sendSignal.id };
  }

  /** A referral along an agreement; the recipient joins the case in `toRole` while it is pending. */
  async refer(
    caseId: string,
    by: Member,
    to: { readonly id: string },
    toRole: ParticipantRole,
    message = 'Graag jullie hulp bij deze huurder.',
  ): Promise<string> {
    const { referCase } = dataOf(
      await (await this.as(by)).gql(REFER_CASE, { input: { caseId, toOrgId: to.id, toRole, message } }),
    );
    return referCase.id;
  }

  async respond(referralId: string, by: Member, accept: boolean, declineReason?: string): Promise<void> {
    dataOf(
      await (
        await this.as(by)
      ).gql(RESPOND_TO_REFERRAL, {
        input: { referralId, accept, ...(declineReason ? { declineReason } : {}) },
      }),
    );
  }

  /**
   * A signalled case the municipality referred on to the debt-counselling organisation, which
   * accepted: the three partners of the region take part (the usual chain of docs/product.md §2).
   */
  async caseAtDebtCounselling(options: CaseOptions = {}): Promise<OpenedCase & { referralId: string }> {
    const signalled = await this.signalledCase(options);
    const { municipality, debtCounselling } = this.region;
    const referralId = await this.refer(
      signalled.id,
      municipality.counsellor,
      debtCounselling.organization,
      'DEBT_COUNSELLING',
    );
    await this.respond(referralId, debtCounselling.counsellor, true);
    return { id: signalled.id, reference: signalled.reference, referralId };
  }

  /** The tenant's consent for one organisation, recorded by someone of an organisation on the case. */
  async consent(
    caseId: string,
    consent: {
      readonly recipient: { readonly id: string };
      readonly purpose: ConsentPurpose;
      readonly categories: readonly DataCategory[];
      readonly validFrom?: string;
      readonly validUntil?: string;
    },
    by: Member = this.region.corporation.caseWorker,
  ): Promise<{ id: string; tenantId: string }> {
    const { recordConsent } = dataOf(
      await (
        await this.as(by)
      ).gql(RECORD_CONSENT, {
        input: {
          caseId,
          recipientOrgId: consent.recipient.id,
          purpose: consent.purpose,
          categories: [...consent.categories],
          channel: 'WRITTEN',
          wordingVersion: 'test-2026-1',
          wordingText: 'Ik vind het goed dat deze organisatie deze gegevens ziet, zodat zij mij kan helpen.',
          ...(consent.validFrom ? { validFrom: consent.validFrom } : {}),
          ...(consent.validUntil ? { validUntil: consent.validUntil } : {}),
        },
      }),
    );
    return { id: recordConsent.id, tenantId: recordConsent.tenantId };
  }

  /** An action on the case's plan (the plan is created on first use), owned by `owner`. */
  async actionItem(
    caseId: string,
    by: Member,
    item: {
      readonly title?: string;
      readonly owner?: { readonly id: string };
      readonly assignee?: Member;
    } = {},
  ): Promise<{ id: string; version: number }> {
    const { addActionItem } = dataOf(
      await (
        await this.as(by)
      ).gql(ADD_ACTION_ITEM, {
        input: {
          caseId,
          title: item.title ?? 'Inkomsten en uitgaven op een rij zetten',
          ownerOrgId: (item.owner ?? by.organization).id,
          ...(item.assignee ? { assigneeId: item.assignee.id } : {}),
          dueDate: addCalendarDays(testToday(), 14),
        },
      }),
    );
    return addActionItem;
  }

  /** A payment arrangement by the corporation: `count` instalments from `startDate`, due on `dueDay`. */
  async arrangement(
    caseId: string,
    terms: {
      readonly totalCents: number;
      readonly count: number;
      readonly startDate: string;
      readonly dueDay: number;
    },
    by: Member = this.region.corporation.caseWorker,
  ): Promise<{ id: string; instalmentIds: string[] }> {
    const { createArrangement } = dataOf(
      await (
        await this.as(by)
      ).gql(CREATE_ARRANGEMENT, {
        input: {
          caseId,
          totalCents: terms.totalCents,
          instalmentCount: terms.count,
          startDate: terms.startDate,
          dueDay: terms.dueDay,
        },
      }),
    );
    const inOrder = [...createArrangement.instalments].sort((a, b) => a.sequence - b.sequence);
    return { id: createArrangement.id, instalmentIds: inOrder.map((instalment) => instalment.id) };
  }

  async note(caseId: string, by: Member, body: string, visibility: NoteVisibility): Promise<string> {
    const { addCaseNote } = dataOf(
      await (await this.as(by)).gql(ADD_CASE_NOTE, { input: { caseId, body, visibility } }),
    );
    return addCaseNote.id;
  }

  /** A team lead assigns a colleague of the organisation (null: back to the organisation's queue). */
  async assign(caseId: string, teamLead: Member, assignee: Member | null): Promise<void> {
    dataOf(
      await (
        await this.as(teamLead)
      ).gql(ASSIGN_CASE, { input: { caseId, assigneeId: assignee ? assignee.id : null } }),
    );
  }

  /**
   * A move of the lifecycle table (docs/workflow.md) by `by`, at the version the case has now; for the
   * moves only sendSignal or referCase make, use those.
   */
  async transition(
    caseId: string,
    by: Member,
    to: CaseStatus,
    extra: { readonly exitReason?: CaseExitReason } = {},
  ): Promise<void> {
    const client = await this.as(by);
    const { case: current } = dataOf(await client.gql(CASE_VERSION, { id: caseId }));
    dataOf(
      await client.gql(TRANSITION_CASE, {
        input: { caseId, to, expectedVersion: current.version, ...extra },
      }),
    );
  }

  /** A signalled case the municipality took up (IN_CONTACT) and closed (CLOSED, reason OTHER). */
  async closedCase(options: CaseOptions = {}): Promise<OpenedCase> {
    const signalled = await this.signalledCase(options);
    const { counsellor } = this.region.municipality;
    await this.transition(signalled.id, counsellor, 'IN_CONTACT');
    await this.transition(signalled.id, counsellor, 'CLOSED', { exitReason: 'OTHER' });
    return { id: signalled.id, reference: signalled.reference };
  }
}
