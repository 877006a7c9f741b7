import {
  CASE_STATUSES,
  type CaseExitReason,
  type CaseStatus,
  type CollectionStepKind,
  type ConsentPurpose,
  type ContactChannel,
  type DataCategory,
  type DayPart,
  type SignalEndResult,
  planInstalments,
} from '@vangnet/shared';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { BsnCipher } from '../../core/crypto/bsn-cipher.js';
import type { SystemDatabase, SystemTransaction } from '../../core/db/gateway.js';
import { Arrears, ArrearsChange, CollectionPause, CollectionStep } from '../arrears/index.js';
import { hashPassword } from '../auth/index.js';
import { Case, CaseAssignee, CaseParticipant } from '../cases/index.js';
import { Consent } from '../consents/index.js';
import { ActionItem, ActionPlan, ActionPlanCondition, ActionPlanGoal } from '../action-plans/index.js';
import { Instalment, PaymentArrangement } from '../arrangements/index.js';
import { MunicipalitySetting } from '../deadlines/index.js';
import { Debt, IncomeExpenseItem } from '../finances/index.js';
import { CaseTransition } from '../lifecycle/index.js';
import {
  DataSharingAgreement,
  DataSharingAgreementParty,
  Membership,
  Organization,
} from '../organizations/index.js';
import { Referral } from '../referrals/index.js';
import { ContactAttempt, PreSignalStep, Signal } from '../signals/index.js';
import { Household, Tenancy, Tenant, TenantIdentifier } from '../tenants/index.js';
import { User } from '../users/index.js';
import { demoId, seededRandom } from './demo-ids.js';
import {
  DEMO_AGREEMENTS,
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  DEMO_REGION_CODE,
  DEMO_USERS,
  type DemoOrganization,
} from './demo-world.js';

export const DEMO_CASE_COUNT = 50;

/** The consent situations the demo world shows, cycled over the cases that reach debt counselling. */
export const DEMO_CONSENT_SCENARIOS = [
  'granted',
  'partial',
  'withdrawn',
  'expired',
  'other-purpose',
  'none',
] as const;
type ConsentScenario = (typeof DEMO_CONSENT_SCENARIOS)[number];

const SURNAMES = [
  ['', 'Jansen'],
  ['de', 'Vries'],
  ['van den', 'Berg'],
  ['', 'Bakker'],
  ['', 'Visser'],
  ['', 'Smit'],
  ['', 'Meijer'],
  ['de', 'Boer'],
  ['', 'Mulder'],
  ['de', 'Groot'],
  ['', 'Bos'],
  ['', 'Vos'],
  ['', 'Peters'],
  ['', 'Hendriks'],
  ['van', 'Leeuwen'],
  ['', 'Dekker'],
  ['', 'Brouwer'],
  ['de', 'Wit'],
  ['', 'Dijkstra'],
  ['', 'Smits'],
  ['', 'El Amrani'],
  ['', 'Yıldız'],
  ['', 'Kartosen'],
  ['', 'Nguyen'],
  ['', 'Boateng'],
] as const;
const INITIALS = [
  'A.',
  'B.',
  'C.M.',
  'D.',
  'E.J.',
  'F.',
  'G.',
  'H.A.',
  'I.',
  'J.',
  'K.',
  'L.',
  'M.',
  'N.',
  'P.',
  'R.',
  'S.',
  'T.',
  'W.',
  'Y.',
];
const STREETS = [
  'Lindelaan',
  'Rivierkade',
  'Molenstraat',
  'Kerkplein',
  'Dijkweg',
  'Beukenhof',
  'Havenstraat',
  'Populierenlaan',
];

const MUNICIPALITY_CATEGORIES: DataCategory[] = [
  'HOUSEHOLD',
  'INCOME_EXPENSES',
  'DEBTS',
  'CASE_NOTES',
  'ACTION_PLAN',
];
const CONSENT_WORDING_NL =
  'Ik geef toestemming dat mijn gegevens worden gedeeld met de organisatie hieronder, zodat zij mij kunnen helpen met mijn schulden en mijn huur. ' +
  'Alleen de gegevens die ik heb aangevinkt worden gedeeld. Ik kan mijn toestemming altijd weer intrekken.';

const DAY = 86_400_000;

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function rank(status: CaseStatus): number {
  return CASE_STATUSES.indexOf(status);
}

function validBsn(random: () => number): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, (_, index) =>
      index === 0 ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10),
    );
    const sum = digits.reduce((total, digit, index) => total + digit * (9 - index), 0);
    const check = sum % 11;
    if (check < 10) return [...digits, check].join('');
  }
}

async function insertIgnoringExisting<T extends ObjectLiteral>(
  tx: SystemTransaction,
  target: EntityTarget<T>,
  rows: T[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    await tx.insertMissing(target, rows.slice(start, start + 500));
  }
}

export interface SeedOptions {
  readonly bsnKey: Buffer;
  /** The day the demo world is laid out around: deadlines and consent periods are relative to it. */
  readonly today?: Date;
}

export interface SeedResult {
  readonly organizations: number;
  readonly users: number;
  readonly cases: number;
}

/**
 * Lays out the demo world of docs/product.md §7. Idempotent: every row has a stable id and existing rows are
 * left as they are, so seeding twice (or seeding a world people have worked in) changes nothing.
 */
export async function seedDemoWorld(database: SystemDatabase, options: SeedOptions): Promise<SeedResult> {
  const today = options.today ?? new Date();
  const random = seededRandom(9999);
  const cipher = new BsnCipher(options.bsnKey);
  const orgId = (key: DemoOrganization['key']) => demoId(`org:${key}`);
  const userId = (email: string) => demoId(`user:${email}`);

  const existingUsers = new Set(
    (await database.repository(User).find({ select: { email: true } })).map((user) => user.email),
  );
  const passwordHashes = new Map<string, string>();
  for (const user of DEMO_USERS) {
    if (!existingUsers.has(user.email)) passwordHashes.set(user.email, await hashPassword(DEMO_PASSWORD));
  }

  await database.transaction(async (tx) => {
    await insertIgnoringExisting(
      tx,
      Organization,
      DEMO_ORGANIZATIONS.map(
        (org) =>
          ({
            id: orgId(org.key),
            name: org.name,
            kind: org.kind,
            municipalityCode: DEMO_REGION_CODE,
          }) as Organization,
      ),
    );
    await insertIgnoringExisting(
      tx,
      DataSharingAgreement,
      DEMO_AGREEMENTS.map(
        (agreement) =>
          ({
            id: demoId(`agreement:${agreement.key}`),
            name: agreement.name,
            regionCode: DEMO_REGION_CODE,
            validFrom: '2025-01-01',
            validUntil: null,
            referralRespondWithinWorkingDays: 5,
          }) as DataSharingAgreement,
      ),
    );
    await insertIgnoringExisting(
      tx,
      DataSharingAgreementParty,
      DEMO_AGREEMENTS.flatMap((agreement) =>
        agreement.parties.map(
          (party) =>
            ({
              agreementId: demoId(`agreement:${agreement.key}`),
              organizationId: orgId(party),
            }) as DataSharingAgreementParty,
        ),
      ),
    );
    await insertIgnoringExisting(
      tx,
      User,
      DEMO_USERS.filter((user) => passwordHashes.has(user.email)).map(
        (user) =>
          ({
            id: userId(user.email),
            email: user.email,
            displayName: user.displayName,
            passwordHash: passwordHashes.get(user.email)!,
            locale: 'nl',
            active: true,
          }) as User,
      ),
    );
    await insertIgnoringExisting(
      tx,
      Membership,
      DEMO_USERS.flatMap((user) =>
        user.memberships.map(
          (membership) =>
            ({
              id: demoId(`membership:${user.email}:${membership.org}:${membership.role}`),
              userId: userId(user.email),
              organizationId: orgId(membership.org),
              role: membership.role,
            }) as Membership,
        ),
      ),
    );

    const rows = {
      tenants: [] as Tenant[],
      households: [] as Household[],
      tenancies: [] as Tenancy[],
      identifiers: [] as TenantIdentifier[],
      cases: [] as Case[],
      participants: [] as CaseParticipant[],
      assignees: [] as CaseAssignee[],
      arrears: [] as Arrears[],
      arrearsChanges: [] as ArrearsChange[],
      steps: [] as CollectionStep[],
      pauses: [] as CollectionPause[],
      preSignal: [] as PreSignalStep[],
      signals: [] as Signal[],
      referrals: [] as Referral[],
      contacts: [] as ContactAttempt[],
      consents: [] as Consent[],
      budget: [] as IncomeExpenseItem[],
      transitions: [] as CaseTransition[],
      plans: [] as ActionPlan[],
      goals: [] as ActionPlanGoal[],
      items: [] as ActionItem[],
      conditions: [] as ActionPlanCondition[],
      arrangements: [] as PaymentArrangement[],
      instalments: [] as Instalment[],
      debts: [] as Debt[],
    };
    const municipality = orgId('rivierstad');
    const kredietbank = orgId('kredietbank');
    const mehmet = userId('mehmet@rivierstad.example');
    const sanne = userId('sanne@kredietbank.example');
    let kredietbankCases = 0;

    for (let index = 0; index < DEMO_CASE_COUNT; index += 1) {
      const status: CaseStatus = CASE_STATUSES[index % CASE_STATUSES.length]!;
      const corporationKey = index % 7 === 6 ? 'woonbronoost' : 'delinde';
      const corporation = orgId(corporationKey);
      const caseWorker =
        corporationKey === 'delinde' ? userId('anna@delinde.example') : userId('bram@woonbronoost.example');
      const id = (part: string) => demoId(`case:${index}:${part}`);
      const caseId = id('case');
      const tenantId = id('tenant');
      const [prefix, surname] = SURNAMES[index % SURNAMES.length]!;
      // Fresh signals and referrals are days old, so the municipality's work list shows live deadlines.
      const freshlySignalled = status === 'SIGNALLED' || status === 'REFERRED';
      const createdAt = new Date(
        today.getTime() - (freshlySignalled ? 4 + (index % 9) : 20 + index * 6) * DAY,
      );
      const signalDate = new Date(createdAt.getTime() + 2 * DAY);
      const crisis = index % 7 === 3;
      const amountCents = 45_000 + Math.floor(random() * 350_000);
      const aroseOn = new Date(createdAt.getTime() - (45 + Math.floor(random() * 60)) * DAY);
      const withKredietbank =
        ['STABILISATION', 'SOLUTION', 'AFTERCARE'].includes(status) ||
        (status === 'CLOSED' && index % 2 === 0);
      const reachedMunicipality = rank(status) >= rank('IN_CONTACT');
      const signalled = status !== 'PRE_SIGNAL';

      rows.tenants.push({
        id: tenantId,
        initials: INITIALS[index % INITIALS.length]!,
        prefix: prefix || null,
        surname,
        birthDate: isoDate(
          new Date(
            Date.UTC(
              1950 + Math.floor(random() * 50),
              Math.floor(random() * 12),
              1 + Math.floor(random() * 28),
            ),
          ),
        ),
        street: STREETS[index % STREETS.length]!,
        houseNumber: 1 + Math.floor(random() * 180),
        houseNumberAddition: index % 4 === 0 ? 'A' : null,
        postcode: `${9900 + (index % 90)}${String.fromCharCode(65 + (index % 26))}${String.fromCharCode(65 + ((index * 7) % 26))}`,
        city: 'Rivierstad',
        phone: `06${String(10_000_000 + Math.floor(random() * 89_999_999))}`,
        email:
          index % 3 === 0 ? null : `${surname.toLowerCase().replace(/[^a-z]/g, '')}${index}@mail.example`,
        preferredChannel: (['PHONE', 'EMAIL', 'LETTER', 'SMS_WHATSAPP'] as const)[index % 4]!,
        language: index % 9 === 8 ? 'en' : 'nl',
        municipalityCode: DEMO_REGION_CODE,
        originOrgId: corporation,
      } as Tenant);
      rows.households.push({
        id: id('household'),
        tenantId,
        adults: 1 + (index % 2),
        children: index % 3,
        vulnerabilityNotes:
          index % 8 === 5 ? 'Psychische klachten; contact bij voorkeur via begeleider.' : null,
        originOrgId: corporation,
      } as Household);
      rows.tenancies.push({
        id: id('tenancy'),
        tenantId,
        corporationId: corporation,
        contractNumber: `${corporationKey === 'delinde' ? 'DL' : 'WO'}-${String(100_000 + index * 37)}`,
        monthlyRentCents: 62_000 + Math.floor(random() * 40_000),
      } as Tenancy);

      const closed = status === 'CLOSED';
      const exitReasons: CaseExitReason[] = [
        'DEBTS_RESOLVED',
        'ARREARS_PAID',
        'TENANT_DECLINED_HELP',
        'NO_CONTACT',
        'MOVED',
      ];
      rows.cases.push({
        id: caseId,
        reference: `VN-${createdAt.getUTCFullYear()}-${String(index + 1).padStart(6, '0')}`,
        tenantId,
        tenancyId: id('tenancy'),
        originOrgId: corporation,
        status,
        crisis,
        exitReason: closed ? exitReasons[index % exitReasons.length]! : null,
        helpRequestedAt:
          rank(status) >= rank('INTAKE') && !closed ? new Date(signalDate.getTime() + 10 * DAY) : null,
        firstConversationAt:
          rank(status) >= rank('ADMITTED') && !closed ? new Date(signalDate.getTime() + 14 * DAY) : null,
        solutionKind:
          rank(status) >= rank('SOLUTION') && !closed
            ? (['PAYMENT_PLAN', 'DEBT_SETTLEMENT', 'WSNP', 'REFINANCING'] as const)[index % 4]!
            : null,
        createdAt,
        updatedAt: new Date(createdAt.getTime() + 5 * DAY),
        closedAt: closed ? new Date(today.getTime() - (index % 30) * DAY) : null,
        version: 1,
      } as Case);
      // The timeline: the way the case came to its status.
      const path = lifecyclePath(status, withKredietbank);
      path.slice(1).forEach((to, step) => {
        const from = path[step]!;
        rows.transitions.push({
          id: id(`transition-${step}`),
          caseId,
          fromStatus: from,
          toStatus: to,
          byUserId:
            step < 1 ? caseWorker : rank(to) >= rank('STABILISATION') && withKredietbank ? sanne : mehmet,
          byOrgId:
            step < 1
              ? corporation
              : rank(to) >= rank('STABILISATION') && withKredietbank
                ? kredietbank
                : municipality,
          via: to === 'SIGNALLED' ? 'sendSignal' : to === 'REFERRED' ? 'referCase' : 'transitionCase',
          note: null,
          occurredAt: new Date(signalDate.getTime() + step * 5 * DAY),
        } as CaseTransition);
      });

      rows.participants.push({
        caseId,
        organizationId: corporation,
        role: 'REFERRER',
        joinedAt: createdAt,
      } as CaseParticipant);
      if (signalled)
        rows.participants.push({
          caseId,
          organizationId: municipality,
          role: 'MUNICIPALITY',
          joinedAt: signalDate,
        } as CaseParticipant);
      if (withKredietbank)
        rows.participants.push({
          caseId,
          organizationId: kredietbank,
          role: 'DEBT_COUNSELLING',
          joinedAt: new Date(signalDate.getTime() + 20 * DAY),
        } as CaseParticipant);

      if (corporationKey === 'woonbronoost' || index % 3 !== 0)
        rows.assignees.push({
          caseId,
          organizationId: corporation,
          userId: caseWorker,
          assignedById: null,
        } as CaseAssignee);
      if (reachedMunicipality || (signalled && index % 4 === 1))
        rows.assignees.push({
          caseId,
          organizationId: municipality,
          userId: mehmet,
          assignedById: userId('lotte@rivierstad.example'),
        } as CaseAssignee);
      if (withKredietbank && index % 6 !== 2)
        rows.assignees.push({
          caseId,
          organizationId: kredietbank,
          userId: sanne,
          assignedById: null,
        } as CaseAssignee);

      const months = 2 + (index % 4);
      rows.arrears.push({
        id: id('arrears'),
        caseId,
        amountCents,
        aroseOn: isoDate(aroseOn),
        monthsInArrears: months,
        originOrgId: corporation,
        version: 1,
      } as Arrears);
      rows.arrearsChanges.push(
        {
          id: id('arrears-change-1'),
          caseId,
          amountCents: Math.round(amountCents * 0.6),
          aroseOn: isoDate(aroseOn),
          monthsInArrears: months - 1,
          originOrgId: corporation,
          recordedById: caseWorker,
          recordedAt: new Date(createdAt.getTime() - 30 * DAY),
        } as ArrearsChange,
        {
          id: id('arrears-change-2'),
          caseId,
          amountCents,
          aroseOn: isoDate(aroseOn),
          monthsInArrears: months,
          originOrgId: corporation,
          recordedById: caseWorker,
          recordedAt: createdAt,
        } as ArrearsChange,
      );
      const ladder: CollectionStepKind[] = crisis
        ? ['REMINDER', 'DEMAND', 'FOURTEEN_DAY_LETTER', 'SUMMONS']
        : index % 3 === 0
          ? ['REMINDER', 'DEMAND', 'FOURTEEN_DAY_LETTER']
          : ['REMINDER', 'DEMAND'];
      ladder.forEach((kind, step) =>
        rows.steps.push({
          id: id(`step-${kind}`),
          caseId,
          kind,
          stepDate: isoDate(new Date(aroseOn.getTime() + (14 + step * 14) * DAY)),
          note: null,
          originOrgId: corporation,
          recordedById: caseWorker,
        } as CollectionStep),
      );
      // A dossier before the signal is part-way through the pre-signal gate.
      (['WRITTEN_REMINDER', 'PERSONAL_CONTACT_ATTEMPT', 'DEBT_HELP_POINTER'] as const)
        .slice(0, signalled ? 3 : index % 3)
        .forEach((kind, step) =>
          rows.preSignal.push({
            id: id(`pre-${kind}`),
            caseId,
            kind,
            performedOn: isoDate(new Date(createdAt.getTime() - (10 - step * 3) * DAY)),
            offeredContactTransfer: kind === 'WRITTEN_REMINDER' ? true : null,
            note: null,
            originOrgId: corporation,
            performedById: caseWorker,
          } as PreSignalStep),
        );

      const endResults: SignalEndResult[] = [
        'NO_HELP_WANTED',
        'ALREADY_PAID_OR_ARRANGED',
        'NOT_PICKED_UP_OTHER_REASON',
        'NO_CONTACT',
        'FOLLOW_UP_FINANCIAL',
      ];
      const endResult: SignalEndResult | null = withKredietbank
        ? 'FOLLOW_UP_FINANCIAL'
        : closed
          ? endResults[index % endResults.length]!
          : status === 'NOT_ADMITTED'
            ? 'ADVICE_QUICK_FIX'
            : null;
      if (signalled)
        rows.signals.push({
          id: id('signal'),
          caseId,
          senderOrgId: corporation,
          recipientOrgId: municipality,
          signalDate: isoDate(signalDate),
          arrearsAmountCents: amountCents,
          arrearsAroseOn: isoDate(aroseOn),
          crisis,
          warmHandover: index % 4 === 2,
          partnerType: 'HUUR',
          endResult,
          endResultAt: endResult ? new Date(signalDate.getTime() + 30 * DAY) : null,
          endResultById: endResult ? mehmet : null,
          sentById: caseWorker,
        } as Signal);

      if (signalled && status !== 'SIGNALLED') {
        const pending = status === 'REFERRED';
        const expired = pending && index % 20 === 11;
        const respondBy = pending
          ? new Date(today.getTime() + ((index % 3) - 1) * 2 * DAY)
          : new Date(signalDate.getTime() + 7 * DAY);
        rows.referrals.push({
          id: id('referral-municipality'),
          caseId,
          fromOrgId: corporation,
          toOrgId: municipality,
          toRole: 'MUNICIPALITY',
          status: expired ? 'EXPIRED' : pending ? 'PENDING' : 'ACCEPTED',
          message: 'Huurder heeft huurachterstand en staat open voor hulp. Graag contact opnemen.',
          respondBy: isoDate(respondBy),
          createdById: caseWorker,
          respondedById: pending ? null : mehmet,
          respondedAt: expired ? respondBy : pending ? null : new Date(signalDate.getTime() + 3 * DAY),
          declineReason: null,
          version: 1,
        } as Referral);
      }
      if (withKredietbank) {
        rows.referrals.push({
          id: id('referral-kredietbank'),
          caseId,
          fromOrgId: municipality,
          toOrgId: kredietbank,
          toRole: 'DEBT_COUNSELLING',
          status: 'ACCEPTED',
          message: 'Toegelaten tot schuldhulpverlening; graag stabilisatie en budgetbeheer oppakken.',
          respondBy: isoDate(new Date(signalDate.getTime() + 25 * DAY)),
          createdById: mehmet,
          respondedById: sanne,
          respondedAt: new Date(signalDate.getTime() + 21 * DAY),
          declineReason: null,
          version: 1,
        } as Referral);
      } else if (status === 'NOT_ADMITTED' || (closed && index % 4 === 1)) {
        rows.referrals.push({
          id: id('referral-kredietbank-declined'),
          caseId,
          fromOrgId: municipality,
          toOrgId: kredietbank,
          toRole: 'DEBT_COUNSELLING',
          status: 'DECLINED',
          message: 'Verzoek om budgetbeheer.',
          respondBy: isoDate(new Date(signalDate.getTime() + 25 * DAY)),
          createdById: mehmet,
          respondedById: sanne,
          respondedAt: new Date(signalDate.getTime() + 22 * DAY),
          declineReason: 'Inkomen is voldoende; een betalingsregeling met de verhuurder volstaat.',
          version: 1,
        } as Referral);
      }

      if (reachedMunicipality) {
        const channels: ContactChannel[] = ['PHONE', 'LETTER', 'HOME_VISIT', 'SMS_WHATSAPP'];
        const dayParts: DayPart[] = ['MORNING', 'AFTERNOON', 'EVENING'];
        const attempts = 1 + (index % 3);
        for (let attempt = 0; attempt < attempts; attempt += 1) {
          rows.contacts.push({
            id: id(`contact-${attempt}`),
            caseId,
            signalId: id('signal'),
            channel: channels[(index + attempt) % channels.length]!,
            attemptedOn: isoDate(new Date(signalDate.getTime() + (3 + attempt * 4) * DAY)),
            dayPart: dayParts[(index + attempt) % 3]!,
            reached: attempt === attempts - 1,
            note: null,
            originOrgId: municipality,
            recordedById: mehmet,
          } as ContactAttempt);
        }
        const budget: [IncomeExpenseItem['kind'], string, number][] = [
          [
            'INCOME',
            index % 3 === 0 ? 'Uitkering Participatiewet' : 'Salaris',
            135_000 + Math.floor(random() * 90_000),
          ],
          ['INCOME', 'Huurtoeslag', 18_000 + Math.floor(random() * 12_000)],
          ['EXPENSE', 'Huur', 62_000 + Math.floor(random() * 40_000)],
          ['EXPENSE', 'Energie', 14_000 + Math.floor(random() * 9_000)],
          ['EXPENSE', 'Zorgverzekering', 13_500],
        ];
        budget.forEach(([kind, description, monthlyAmountCents], line) =>
          rows.budget.push({
            id: id(`budget-${line}`),
            caseId,
            kind,
            description,
            monthlyAmountCents,
            originOrgId: municipality,
            recordedById: mehmet,
          } as IncomeExpenseItem),
        );
        const creditors = ['Belastingdienst (toeslagen)', 'Zilveren Kruis', 'Vattenfall', 'CJIB', 'Wehkamp'];
        for (let debt = 0; debt < 2 + (index % 3); debt += 1) {
          rows.debts.push({
            id: id(`debt-${debt}`),
            caseId,
            creditor: creditors[(index + debt) % creditors.length]!,
            amountCents: 15_000 + Math.floor(random() * 240_000),
            collectedBy: debt === 1 ? 'Incassobureau Noord' : null,
            originOrgId: municipality,
            recordedById: mehmet,
          } as Debt);
        }
        rows.identifiers.push({
          id: id('bsn'),
          tenantId,
          municipalityOrgId: municipality,
          bsnCiphertext: cipher.encrypt(validBsn(random)),
          recordedById: mehmet,
        } as TenantIdentifier);
        rows.consents.push(
          consent(
            id('consent-municipality'),
            tenantId,
            caseId,
            municipality,
            'DEBT_ASSISTANCE',
            index % 8 === 5 ? [...MUNICIPALITY_CATEGORIES, 'SPECIAL'] : MUNICIPALITY_CATEGORIES,
            today,
            'granted',
            mehmet,
            municipality,
          ),
        );
      }
      if (rank(status) >= rank('ADMITTED') && status !== 'NOT_ADMITTED' && !closed) {
        const admittedOn = new Date(signalDate.getTime() + 18 * DAY);
        rows.pauses.push({
          id: id('pause'),
          caseId,
          startsOn: isoDate(admittedOn),
          endsOn: isoDate(new Date(admittedOn.getTime() + 182 * DAY)),
          reason: 'Toegelaten tot schuldhulpverlening (automatische adempauze).',
          automatic: true,
          // Part of the corporation's collection ladder, like every automatic pause.
          originOrgId: corporation,
          recordedById: null,
        } as CollectionPause);
        rows.consents.push(
          consent(
            id('consent-corporation'),
            tenantId,
            caseId,
            corporation,
            'EVICTION_PREVENTION',
            ['ACTION_PLAN', 'ARRANGEMENT'],
            today,
            'granted',
            mehmet,
            municipality,
          ),
        );
      }
      if (rank(status) >= rank('ADMITTED') && status !== 'NOT_ADMITTED' && !closed) {
        // The plan van aanpak, drawn up by the municipality with the tenant and shared with the partners.
        const planId = id('plan');
        rows.plans.push({
          id: planId,
          caseId,
          helpRequest: 'Ik wil mijn huurachterstand aflossen en weer rust krijgen in mijn geldzaken.',
          tenantSignedOffOn: isoDate(new Date(signalDate.getTime() + 20 * DAY)),
          tenantSignOffChannel: 'WRITTEN',
          originOrgId: municipality,
          version: 1,
        } as ActionPlan);
        rows.goals.push({
          id: id('goal'),
          planId,
          caseId,
          what: 'De huurachterstand is ingelopen',
          measure: 'Achterstand bij de verhuurder is € 0',
          targetDate: isoDate(new Date(today.getTime() + 300 * DAY)),
          originOrgId: municipality,
          createdById: mehmet,
          version: 1,
        } as ActionPlanGoal);
        const itemOwner = withKredietbank
          ? { org: kredietbank, user: sanne }
          : { org: municipality, user: mehmet };
        (
          [
            [
              'Budgetplan opstellen',
              'Samen met de huurder een overzicht maken van inkomsten en uitgaven.',
              itemOwner,
              'IN_PROGRESS',
            ],
            [
              'Huurtoeslag controleren',
              'Nakijken of de huurtoeslag klopt en zo nodig aanvragen.',
              { org: municipality, user: mehmet },
              'OPEN',
            ],
          ] as const
        ).forEach(([title, description, owner, itemStatus], item) =>
          rows.items.push({
            id: id(`item-${item}`),
            planId,
            caseId,
            title,
            description,
            ownerOrgId: owner.org,
            assigneeId: owner.user,
            dueDate: isoDate(new Date(today.getTime() + (14 + item * 14) * DAY)),
            status: itemStatus,
            originOrgId: municipality,
            createdById: mehmet,
            version: 1,
          } as ActionItem),
        );
        rows.conditions.push({
          id: id('condition'),
          planId,
          caseId,
          text: 'Geen nieuwe schulden maken.',
          originOrgId: municipality,
          createdById: mehmet,
          version: 1,
        } as ActionPlanCondition);
        // A payment arrangement with the corporation, two instalments paid on time.
        const arrangementId = id('arrangement');
        const startDate = isoDate(new Date(today.getTime() - 70 * DAY));
        const planned = planInstalments({ totalCents: amountCents, count: 6, startDate, dueDay: 1 });
        rows.arrangements.push({
          id: arrangementId,
          caseId,
          totalCents: amountCents,
          instalmentCount: 6,
          instalmentCents: planned[0]!.amountCents,
          startDate,
          dueDay: 1,
          status: 'ACTIVE',
          missedTolerance: 2,
          originOrgId: corporation,
          createdById: caseWorker,
          version: 1,
        } as PaymentArrangement);
        planned.forEach((instalment) => {
          const paid = instalment.dueOn < isoDate(today);
          rows.instalments.push({
            id: id(`instalment-${instalment.sequence}`),
            arrangementId,
            caseId,
            sequence: instalment.sequence,
            dueOn: instalment.dueOn,
            amountCents: instalment.amountCents,
            status: paid ? 'PAID_ON_TIME' : 'DUE',
            paidOn: paid ? instalment.dueOn : null,
            paidCents: paid ? instalment.amountCents : null,
            originOrgId: corporation,
            version: 1,
          } as Instalment);
        });
      }
      if (withKredietbank) {
        const scenario = DEMO_CONSENT_SCENARIOS[kredietbankCases % DEMO_CONSENT_SCENARIOS.length]!;
        kredietbankCases += 1;
        if (scenario !== 'none') {
          const categories: DataCategory[] =
            scenario === 'partial'
              ? ['CONTACT', 'ACTION_PLAN']
              : [
                  'CONTACT',
                  'ARREARS',
                  'INCOME_EXPENSES',
                  'DEBTS',
                  'CASE_NOTES',
                  'ACTION_PLAN',
                  'ARRANGEMENT',
                ];
          const purpose: ConsentPurpose =
            scenario === 'other-purpose' ? 'EVICTION_PREVENTION' : 'DEBT_ASSISTANCE';
          rows.consents.push(
            consent(
              id('consent-kredietbank'),
              tenantId,
              caseId,
              kredietbank,
              purpose,
              categories,
              today,
              scenario,
              mehmet,
              municipality,
            ),
          );
        }
      }
    }

    await insertIgnoringExisting(tx, Tenant, rows.tenants);
    await insertIgnoringExisting(tx, Household, rows.households);
    await insertIgnoringExisting(tx, Tenancy, rows.tenancies);
    await insertIgnoringExisting(tx, TenantIdentifier, rows.identifiers);
    await insertIgnoringExisting(tx, Case, rows.cases);
    await insertIgnoringExisting(tx, CaseParticipant, rows.participants);
    await insertIgnoringExisting(tx, CaseAssignee, rows.assignees);
    await insertIgnoringExisting(tx, Arrears, rows.arrears);
    await insertIgnoringExisting(tx, ArrearsChange, rows.arrearsChanges);
    await insertIgnoringExisting(tx, CollectionStep, rows.steps);
    await insertIgnoringExisting(tx, CollectionPause, rows.pauses);
    await insertIgnoringExisting(tx, PreSignalStep, rows.preSignal);
    await insertIgnoringExisting(tx, Signal, rows.signals);
    await insertIgnoringExisting(tx, Referral, rows.referrals);
    await insertIgnoringExisting(tx, ContactAttempt, rows.contacts);
    await insertIgnoringExisting(tx, Consent, rows.consents);
    await insertIgnoringExisting(tx, IncomeExpenseItem, rows.budget);
    await insertIgnoringExisting(tx, Debt, rows.debts);
    await insertIgnoringExisting(tx, CaseTransition, rows.transitions);
    await insertIgnoringExisting(tx, ActionPlan, rows.plans);
    await insertIgnoringExisting(tx, ActionPlanGoal, rows.goals);
    await insertIgnoringExisting(tx, ActionItem, rows.items);
    await insertIgnoringExisting(tx, ActionPlanCondition, rows.conditions);
    await insertIgnoringExisting(tx, PaymentArrangement, rows.arrangements);
    await insertIgnoringExisting(tx, Instalment, rows.instalments);
    await insertIgnoringExisting(tx, MunicipalitySetting, [
      { organizationId: municipality } as MunicipalitySetting,
    ]);
    // New cases must not collide with the demo references.
    await tx.run(
      `SELECT setval('case_reference_seq', greatest((SELECT last_value FROM case_reference_seq), $1))`,
      [DEMO_CASE_COUNT],
    );
  });

  const [organizations, users, cases] = await Promise.all([
    database.repository(Organization).count(),
    database.repository(User).count(),
    database.repository(Case).count(),
  ]);
  return { organizations, users, cases };
}

/** The statuses a demo case passed through to reach its status (a closed case without debt help was closed at the signal). */
function lifecyclePath(status: CaseStatus, withDebtCounselling: boolean): CaseStatus[] {
  const main: CaseStatus[] = [
    'PRE_SIGNAL',
    'SIGNALLED',
    'REFERRED',
    'IN_CONTACT',
    'INTAKE',
    'ADMITTED',
    'STABILISATION',
    'SOLUTION',
    'AFTERCARE',
  ];
  if (status === 'CLOSED')
    return withDebtCounselling ? [...main, 'CLOSED'] : ['PRE_SIGNAL', 'SIGNALLED', 'CLOSED'];
  if (status === 'NOT_ADMITTED')
    return ['PRE_SIGNAL', 'SIGNALLED', 'REFERRED', 'IN_CONTACT', 'INTAKE', 'NOT_ADMITTED'];
  return main.slice(0, main.indexOf(status) + 1);
}

function consent(
  id: string,
  tenantId: string,
  caseId: string,
  recipientOrgId: string,
  purpose: ConsentPurpose,
  categories: DataCategory[],
  today: Date,
  scenario: Exclude<ConsentScenario, 'none'>,
  recordedById: string,
  recordedByOrgId: string,
): Consent {
  const validFrom = new Date(today.getTime() - (scenario === 'expired' ? 400 : 60) * DAY);
  const validUntil = new Date(validFrom.getTime() + (scenario === 'expired' ? 365 : 365) * DAY);
  const withdrawn = scenario === 'withdrawn';
  return {
    id,
    tenantId,
    caseId,
    recipientOrgId,
    purpose,
    categories,
    validFrom,
    validUntil,
    channel: 'WRITTEN',
    wordingVersion: 'toestemming-b1-2026.1',
    wordingText: CONSENT_WORDING_NL,
    recordedById,
    recordedByOrgId,
    recordedAt: validFrom,
    withdrawnAt: withdrawn ? new Date(today.getTime() - 5 * DAY) : null,
    withdrawnById: withdrawn ? recordedById : null,
    withdrawalChannel: withdrawn ? 'WRITTEN' : null,
  } as Consent;
}
