import type { ConsentPurpose, DataCategory, MembershipRole, OrganizationKind } from '@vangnet/shared';
import { expect } from 'vitest';
import type { Organization } from '../features/organizations/organization.entity.js';
import { createOrganization, createUser } from '../testing/factories.js';
import type { TestApp, TestClient } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import { TEST_NOW } from '../testing/test-clock.js';

/**
 * The small, fully controlled world of access-matrix.test.ts: four organisations, one case K of tenant T
 * with three participants, and a second case K2 (tenant T2) of corporation B and municipality M.
 * Everything is inserted directly, so the test decides every fact the access rule depends on.
 */

export type OrgKey = 'A' | 'B' | 'M' | 'D';
export type UserKey = 'a1' | 'a2' | 'aT' | 'aP' | 'm1' | 'mT' | 'mP' | 'd1' | 'b1' | 'admin' | 'nobody';
export type ActorKey =
  | 'a1'
  | 'a2'
  | 'aT'
  | 'aP'
  | 'm1'
  | 'mT'
  | 'mP'
  | 'd1'
  | 'b1'
  | 'adminA'
  | 'adminM'
  | 'adminD'
  | 'adminB'
  | 'nobody';
export type ConsentStateKey =
  'none' | 'active' | 'withdrawn' | 'expired' | 'otherPurpose' | 'otherRecipient' | 'notYetValid' | 'narrow';

export const ALL_CATEGORIES: readonly DataCategory[] = [
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

const ORGANIZATIONS: Readonly<Record<OrgKey, { kind: OrganizationKind; name: string }>> = {
  A: { kind: 'HOUSING_CORPORATION', name: 'Matrix Corporatie A' },
  B: { kind: 'HOUSING_CORPORATION', name: 'Matrix Corporatie B' },
  M: { kind: 'MUNICIPALITY', name: 'Matrix Gemeente M' },
  D: { kind: 'DEBT_COUNSELLING', name: 'Matrix Schuldhulp D' },
};

const USERS: Readonly<Record<UserKey, readonly { org: OrgKey; role: MembershipRole }[]>> = {
  a1: [{ org: 'A', role: 'CASE_WORKER' }],
  a2: [{ org: 'A', role: 'CASE_WORKER' }],
  aT: [{ org: 'A', role: 'TEAM_LEAD' }],
  aP: [{ org: 'A', role: 'PRIVACY_OFFICER' }],
  m1: [{ org: 'M', role: 'DEBT_COUNSELLOR' }],
  mT: [{ org: 'M', role: 'TEAM_LEAD' }],
  mP: [{ org: 'M', role: 'PRIVACY_OFFICER' }],
  d1: [{ org: 'D', role: 'DEBT_COUNSELLOR' }],
  b1: [{ org: 'B', role: 'CASE_WORKER' }],
  admin: [
    { org: 'A', role: 'ORG_ADMIN' },
    { org: 'B', role: 'ORG_ADMIN' },
    { org: 'M', role: 'ORG_ADMIN' },
    { org: 'D', role: 'ORG_ADMIN' },
  ],
  nobody: [],
};

/** Who acts, and for which organisation (the platform admin once per membership). */
export const ACTORS: Readonly<Record<ActorKey, { user: UserKey; org: OrgKey | null }>> = {
  a1: { user: 'a1', org: 'A' },
  a2: { user: 'a2', org: 'A' },
  aT: { user: 'aT', org: 'A' },
  aP: { user: 'aP', org: 'A' },
  m1: { user: 'm1', org: 'M' },
  mT: { user: 'mT', org: 'M' },
  mP: { user: 'mP', org: 'M' },
  d1: { user: 'd1', org: 'D' },
  b1: { user: 'b1', org: 'B' },
  adminA: { user: 'admin', org: 'A' },
  adminM: { user: 'admin', org: 'M' },
  adminD: { user: 'admin', org: 'D' },
  adminB: { user: 'admin', org: 'B' },
  nobody: { user: 'nobody', org: null },
};
export const ACTOR_KEYS = Object.keys(ACTORS) as ActorKey[];

/** What each section holds when it is shown: the data rows inserted below. */
export const DATA = {
  surname: 'Matrixhuurder',
  arrearsCents: 184_500,
  household: { adults: 2, children: 3 },
  vulnerabilityNotes: 'Zorgindicatie; spreekt liever niet over geld aan de deur.',
  incomeCents: 145_000,
  expensesCents: 98_000,
  debtsTotalCents: 287_550,
} as const;

export interface World {
  readonly orgs: Readonly<Record<OrgKey, string>>;
  readonly users: Readonly<Record<UserKey, { id: string; email: string; password: string }>>;
  readonly tenantId: string;
  readonly caseId: string;
  readonly case2Id: string;
}

export async function buildWorld(database: TestDatabase): Promise<World> {
  const { dataSource } = database;
  const organizations = {} as Record<OrgKey, Organization>;
  for (const key of Object.keys(ORGANIZATIONS) as OrgKey[]) {
    const spec = ORGANIZATIONS[key];
    organizations[key] = await createOrganization(dataSource, spec.kind, spec.name);
  }
  const orgs = Object.fromEntries(
    Object.entries(organizations).map(([key, organization]) => [key, organization.id]),
  ) as Record<OrgKey, string>;
  const users = {} as Record<UserKey, { id: string; email: string; password: string }>;
  for (const key of Object.keys(USERS) as UserKey[]) {
    const user = await createUser(dataSource, {
      email: `${key.toLowerCase()}@matrix.test`,
      memberships: USERS[key].map(({ org, role }) => ({ organization: organizations[org], role })),
    });
    users[key] = { id: user.id, email: user.email, password: user.password };
  }

  const one = async (sql: string, parameters: unknown[]): Promise<string> => {
    const [row] = await database.query<{ id: string }>(sql, parameters);
    if (!row) throw new Error(`no row from ${sql}`);
    return row.id;
  };

  // Tenant T and everything the corporation recorded about them (origin A).
  const tenantId = await one(
    `INSERT INTO tenant (initials, surname, street, house_number, postcode, city, phone, municipality_code, origin_org_id)
     VALUES ('J.', $1, 'Matrixlaan', 12, '3011AB', 'Rotterdam', '0612345678', '9999', $2) RETURNING id`,
    [DATA.surname, orgs.A],
  );
  await database.query(
    `INSERT INTO household (tenant_id, adults, children, vulnerability_notes, origin_org_id) VALUES ($1, $2, $3, $4, $5)`,
    [tenantId, DATA.household.adults, DATA.household.children, DATA.vulnerabilityNotes, orgs.A],
  );
  const caseId = await one(
    `INSERT INTO case_file (reference, tenant_id, origin_org_id, status) VALUES ('VN-2026-000101', $1, $2, 'INTAKE') RETURNING id`,
    [tenantId, orgs.A],
  );
  await database.query(
    `INSERT INTO case_participant (case_id, organization_id, role) VALUES ($1, $2, 'REFERRER'), ($1, $3, 'MUNICIPALITY'), ($1, $4, 'DEBT_COUNSELLING')`,
    [caseId, orgs.A, orgs.M, orgs.D],
  );
  // Need-to-know inside A: a1 holds the case. Nobody holds it in M or D (their queues).
  await database.query(
    `INSERT INTO case_assignee (case_id, organization_id, user_id, assigned_by_id) VALUES ($1, $2, $3, $4)`,
    [caseId, orgs.A, users.a1.id, users.aT.id],
  );
  await database.query(
    `INSERT INTO signal (case_id, sender_org_id, recipient_org_id, signal_date, arrears_amount_cents, arrears_arose_on, sent_by_id)
     VALUES ($1, $2, $3, current_date - 20, $4, current_date - 90, $5)`,
    [caseId, orgs.A, orgs.M, DATA.arrearsCents, users.a1.id],
  );
  await database.query(
    `INSERT INTO arrears (case_id, amount_cents, arose_on, months_in_arrears, origin_org_id) VALUES ($1, $2, current_date - 90, 3, $3)`,
    [caseId, DATA.arrearsCents, orgs.A],
  );
  // The financial picture the municipality gathered at intake (origin M).
  await database.query(
    `INSERT INTO income_expense_item (case_id, kind, description, monthly_amount_cents, origin_org_id, recorded_by_id)
     VALUES ($1, 'INCOME', 'Uitkering', $2, $4, $5), ($1, 'EXPENSE', 'Huur', $3, $4, $5)`,
    [caseId, DATA.incomeCents, DATA.expensesCents, orgs.M, users.m1.id],
  );
  await database.query(
    `INSERT INTO debt (case_id, creditor, amount_cents, collected_by, origin_org_id, recorded_by_id)
     VALUES ($1, 'Zorgverzekeraar', 250000, 'Incassobureau', $2, $3), ($1, 'Energieleverancier', 37550, NULL, $2, $3)`,
    [caseId, orgs.M, users.m1.id],
  );

  // K2: another tenant, of corporation B, signalled to M. b1 sees K2 (and not K); M's list holds two
  // cases, so its sections are audited as one list event.
  const tenant2Id = await one(
    `INSERT INTO tenant (initials, surname, street, house_number, postcode, city, municipality_code, origin_org_id)
     VALUES ('B.', 'Anderhuurder', 'Bijlaan', 3, '3012CD', 'Rotterdam', '9999', $1) RETURNING id`,
    [orgs.B],
  );
  const case2Id = await one(
    `INSERT INTO case_file (reference, tenant_id, origin_org_id) VALUES ('VN-2026-000102', $1, $2) RETURNING id`,
    [tenant2Id, orgs.B],
  );
  await database.query(
    `INSERT INTO case_participant (case_id, organization_id, role) VALUES ($1, $2, 'REFERRER'), ($1, $3, 'MUNICIPALITY')`,
    [case2Id, orgs.B, orgs.M],
  );
  await database.query(
    `INSERT INTO signal (case_id, sender_org_id, recipient_org_id, signal_date, arrears_amount_cents, arrears_arose_on, sent_by_id)
     VALUES ($1, $2, $3, current_date - 10, 90000, current_date - 70, $4)`,
    [case2Id, orgs.B, orgs.M, users.b1.id],
  );

  return { orgs, users, tenantId, caseId, case2Id };
}

// ---------------------------------------------------------------------------------------------------
// Consent states
// ---------------------------------------------------------------------------------------------------

interface ConsentSpec {
  readonly recipient: OrgKey;
  readonly recordedBy: UserKey;
  readonly purpose: ConsentPurpose;
  /** Default: all nine. */
  readonly categories?: readonly DataCategory[];
  /** current: valid now; past: ended yesterday; future: starts tomorrow. */
  readonly window: 'current' | 'past' | 'future';
  readonly withdrawn: boolean;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The consents of T in each state; each names all nine categories, SPECIAL included, except in `narrow`.
 * D's purpose DEBT_ASSISTANCE and A's EVICTION_PREVENTION are served by their roles on K; the swapped
 * purposes are not.
 */
export const CONSENT_STATES: Readonly<Record<ConsentStateKey, readonly ConsentSpec[]>> = {
  none: [],
  active: [
    { recipient: 'D', recordedBy: 'd1', purpose: 'DEBT_ASSISTANCE', window: 'current', withdrawn: false },
    { recipient: 'A', recordedBy: 'a1', purpose: 'EVICTION_PREVENTION', window: 'current', withdrawn: false },
  ],
  withdrawn: [
    { recipient: 'D', recordedBy: 'd1', purpose: 'DEBT_ASSISTANCE', window: 'current', withdrawn: true },
    { recipient: 'A', recordedBy: 'a1', purpose: 'EVICTION_PREVENTION', window: 'current', withdrawn: true },
  ],
  expired: [
    { recipient: 'D', recordedBy: 'd1', purpose: 'DEBT_ASSISTANCE', window: 'past', withdrawn: false },
    { recipient: 'A', recordedBy: 'a1', purpose: 'EVICTION_PREVENTION', window: 'past', withdrawn: false },
  ],
  otherPurpose: [
    { recipient: 'D', recordedBy: 'd1', purpose: 'EVICTION_PREVENTION', window: 'current', withdrawn: false },
    { recipient: 'A', recordedBy: 'a1', purpose: 'DEBT_ASSISTANCE', window: 'current', withdrawn: false },
  ],
  otherRecipient: [
    { recipient: 'M', recordedBy: 'm1', purpose: 'DEBT_ASSISTANCE', window: 'current', withdrawn: false },
  ],
  notYetValid: [
    { recipient: 'D', recordedBy: 'd1', purpose: 'DEBT_ASSISTANCE', window: 'future', withdrawn: false },
    { recipient: 'A', recordedBy: 'a1', purpose: 'EVICTION_PREVENTION', window: 'future', withdrawn: false },
  ],
  narrow: [
    {
      recipient: 'D',
      recordedBy: 'd1',
      purpose: 'DEBT_ASSISTANCE',
      categories: ['DEBTS', 'SPECIAL'],
      window: 'current',
      withdrawn: false,
    },
    {
      recipient: 'A',
      recordedBy: 'a1',
      purpose: 'EVICTION_PREVENTION',
      categories: ['SPECIAL'],
      window: 'current',
      withdrawn: false,
    },
  ],
};
export const CONSENT_STATE_KEYS = Object.keys(CONSENT_STATES) as ConsentStateKey[];

export const WORDING_TEXT =
  'Ik geef toestemming dat deze organisatie mijn gegevens gebruikt om mij te helpen met mijn schulden.';

/** Empties T's consent table and inserts one state's consents; returns the consent id per recipient. */
export async function setConsentState(
  database: TestDatabase,
  world: World,
  state: ConsentStateKey,
): Promise<Partial<Record<OrgKey, string>>> {
  await resetConsents(database, world);
  const ids: Partial<Record<OrgKey, string>> = {};
  const now = TEST_NOW.getTime();
  for (const spec of CONSENT_STATES[state]) {
    const [from, until] =
      spec.window === 'current'
        ? [now - 30 * DAY, now + 300 * DAY]
        : spec.window === 'past'
          ? [now - 400 * DAY, now - DAY]
          : [now + DAY, now + 365 * DAY];
    ids[spec.recipient] = await insertConsent(database, world, {
      recipient: spec.recipient,
      recordedBy: spec.recordedBy,
      purpose: spec.purpose,
      categories: spec.categories ?? ALL_CATEGORIES,
      validFrom: new Date(from),
      validUntil: new Date(until),
      withdrawnAt: spec.withdrawn ? new Date(now - HOUR) : null,
    });
  }
  return ids;
}

export async function resetConsents(database: TestDatabase, world: World): Promise<void> {
  await database.query(`DELETE FROM consent WHERE tenant_id = $1`, [world.tenantId]);
}

export async function insertConsent(
  database: TestDatabase,
  world: World,
  consent: {
    recipient: OrgKey;
    recordedBy: UserKey;
    purpose: ConsentPurpose;
    categories?: readonly DataCategory[];
    validFrom: Date;
    validUntil: Date;
    withdrawnAt?: Date | null;
  },
): Promise<string> {
  const recorder = USERS[consent.recordedBy][0];
  if (!recorder) throw new Error(`${consent.recordedBy} has no membership to record a consent with`);
  const withdrawn = consent.withdrawnAt ?? null;
  const [row] = await database.query<{ id: string }>(
    `INSERT INTO consent (tenant_id, case_id, recipient_org_id, purpose, categories, valid_from, valid_until, channel,
                          wording_version, wording_text, recorded_by_id, recorded_by_org_id, recorded_at,
                          withdrawn_at, withdrawn_by_id, withdrawal_channel)
     VALUES ($1, $2, $3, $4, $5::data_category[], $6, $7, 'WRITTEN', 'matrix-1', $8, $9, $10, $6,
             $11::timestamptz, CASE WHEN $11::timestamptz IS NULL THEN NULL ELSE $9::uuid END,
             CASE WHEN $11::timestamptz IS NULL THEN NULL ELSE 'WRITTEN'::consent_channel END)
     RETURNING id`,
    [
      world.tenantId,
      world.caseId,
      world.orgs[consent.recipient],
      consent.purpose,
      [...(consent.categories ?? ALL_CATEGORIES)],
      consent.validFrom,
      consent.validUntil,
      WORDING_TEXT,
      world.users[consent.recordedBy].id,
      world.orgs[recorder.org],
      withdrawn,
    ],
  );
  if (!row) throw new Error('consent not inserted');
  return row.id;
}

// ---------------------------------------------------------------------------------------------------
// Logged-in clients, one per actor
// ---------------------------------------------------------------------------------------------------

interface MeResult {
  me: {
    activeMembership: { id: string; organization: { id: string } } | null;
    memberships: { id: string; organization: { id: string } }[];
  };
}
const ME = `{ me { activeMembership { id organization { id } } memberships { id organization { id } } } }`;

/** Logs every actor in once (the admin once per membership, each in its own session). */
export async function loginActors(app: TestApp, world: World): Promise<Record<ActorKey, TestClient>> {
  const entries = await Promise.all(
    ACTOR_KEYS.map(async (key): Promise<[ActorKey, TestClient]> => {
      const { user, org } = ACTORS[key];
      const client = app.client();
      const login = await client.login(world.users[user].email, world.users[user].password);
      expect(login.errors, `login of ${key}`).toBeUndefined();
      const me = await client.gql<MeResult>(ME);
      expect(me.errors).toBeUndefined();
      const wanted = org ? world.orgs[org] : null;
      if ((me.data?.me.activeMembership?.organization.id ?? null) !== wanted) {
        const membership = me.data?.me.memberships.find((candidate) => candidate.organization.id === wanted);
        if (!membership) throw new Error(`${key} has no membership of ${org ?? 'nobody'}`);
        const switched = await client.gql<{ switchMembership: MeResult['me'] }>(
          `mutation ($id: ID!) { switchMembership(membershipId: $id) { activeMembership { organization { id } } } }`,
          { id: membership.id },
        );
        expect(switched.errors, `switch of ${key}`).toBeUndefined();
      }
      const check = await client.gql<MeResult>(ME);
      expect(check.data?.me.activeMembership?.organization.id ?? null, `acting organisation of ${key}`).toBe(
        wanted,
      );
      return [key, client];
    }),
  );
  return Object.fromEntries(entries) as Record<ActorKey, TestClient>;
}

// ---------------------------------------------------------------------------------------------------
// The API as the test reads it
// ---------------------------------------------------------------------------------------------------

export type Reason =
  | 'NO_CONSENT'
  | 'CONSENT_WITHDRAWN'
  | 'CONSENT_EXPIRED'
  | 'NOT_ASSIGNED'
  | 'NOT_PARTICIPANT'
  | 'LEGAL_RESTRICTION';
export type Basis = 'CONSENT' | 'LEGAL_BASIS' | 'ORIGIN';

export interface CaseNode {
  id: string;
  contact: { surname: string } | null;
  arrears: { amountCents: number | null } | null;
  household: { adults: number; children: number } | null;
  incomeExpenses: {
    monthlyIncomeCents: number;
    monthlyExpensesCents: number;
    lines: { id: string }[];
  } | null;
  debts: { totalCents: number; debts: { id: string }[] } | null;
  special: { vulnerabilityNotes: string | null } | null;
  access: {
    category: DataCategory;
    allowed: boolean;
    reason: Reason | null;
    basis: Basis | null;
    consentId: string | null;
  }[];
}

const CASE_FIELDS = `id
  contact { surname }
  arrears { amountCents }
  household { adults children }
  incomeExpenses { monthlyIncomeCents monthlyExpensesCents lines { id } }
  debts { totalCents debts { id } }
  special { vulnerabilityNotes }
  access { category allowed reason basis consentId }`;

export const CASE_QUERY = `query ($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`;
export const CASES_QUERY = `query { cases(first: 100) { totalCount edges { node { ${CASE_FIELDS} } } } }`;
export const RECORD_CONSENT = `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id state recordedBy { id } } }`;
export const WITHDRAW_CONSENT = `mutation ($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { id state withdrawnAt } }`;

/** The section field of each category; null where the API has no section yet (only `access`). */
export const SECTION_OF: Readonly<Record<DataCategory, Exclude<keyof CaseNode, 'id' | 'access'> | null>> = {
  CONTACT: 'contact',
  ARREARS: 'arrears',
  HOUSEHOLD: 'household',
  INCOME_EXPENSES: 'incomeExpenses',
  DEBTS: 'debts',
  SPECIAL: 'special',
  CASE_NOTES: null,
  ACTION_PLAN: null,
  ARRANGEMENT: null,
};

/** Whether a shown section holds the data inserted above (not an empty shell). */
export function sectionHoldsData(node: CaseNode, category: DataCategory): boolean {
  switch (category) {
    case 'CONTACT':
      return node.contact?.surname === DATA.surname;
    case 'ARREARS':
      return node.arrears?.amountCents === DATA.arrearsCents;
    case 'HOUSEHOLD':
      return (
        node.household?.adults === DATA.household.adults &&
        node.household.children === DATA.household.children
      );
    case 'INCOME_EXPENSES':
      return (
        node.incomeExpenses?.monthlyIncomeCents === DATA.incomeCents &&
        node.incomeExpenses.monthlyExpensesCents === DATA.expensesCents &&
        node.incomeExpenses.lines.length === 2
      );
    case 'DEBTS':
      return node.debts?.totalCents === DATA.debtsTotalCents && node.debts.debts.length === 2;
    case 'SPECIAL':
      return node.special?.vulnerabilityNotes === DATA.vulnerabilityNotes;
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------------------------------
// The audit trail
// ---------------------------------------------------------------------------------------------------

export interface AuditRow {
  seq: string;
  action: string;
  entity_type: string;
  case_id: string | null;
  categories: DataCategory[];
  basis: string | null;
  details: { cases?: string[]; bases?: string[] };
}

export async function auditHighWater(database: TestDatabase): Promise<string> {
  const [row] = await database.query<{ seq: string }>(
    `SELECT coalesce(max(seq), 0)::text AS seq FROM audit_event`,
  );
  return row?.seq ?? '0';
}

/** READ events of one user written after a high-water mark. */
export function readEventsSince(database: TestDatabase, since: string, userId: string): Promise<AuditRow[]> {
  return database.query<AuditRow>(
    `SELECT seq::text AS seq, action::text AS action, entity_type, case_id, array_to_json(categories) AS categories, basis, details
       FROM audit_event WHERE seq > $1::bigint AND actor_user_id = $2 AND action = 'READ' ORDER BY audit_event.seq`,
    [since, userId],
  );
}

/**
 * Whether the events record a READ of `category` of case `caseId`, on `basis` when given: either as an
 * event of that case, or as one list event naming the case (with its bases in details.bases).
 */
export function auditRecords(
  events: readonly AuditRow[],
  caseId: string,
  category: DataCategory,
  basis: string | null,
): boolean {
  return events.some((event) => {
    if (!event.categories.includes(category)) return false;
    if (event.case_id === caseId) return basis === null || event.basis === basis;
    if (event.details.cases?.includes(caseId)) {
      if (basis === null) return true;
      const entry = event.details.bases?.find((candidate) => candidate.startsWith(`${caseId}:`));
      return (
        entry
          ?.slice(caseId.length + 1)
          .split('+')
          .includes(basis) ?? false
      );
    }
    return false;
  });
}
