import { subject } from '@casl/ability';
import {
  CONSENT_PURPOSES,
  DATA_CATEGORIES,
  PARTICIPANT_ROLES,
  PURPOSES_BY_PARTICIPANT_ROLE,
  canReadCase,
  canReadCategory,
  defineAbilityFor,
  type AccessActor,
  type CaseFacts,
  type CategoryFacts,
  type ConsentFacts,
  type ConsentPurpose,
  type DataCategory,
  type MembershipRole,
  type OrganizationKind,
  type ParticipantRole,
  type VangnetAbility,
} from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Case } from '../features/cases/case.entity.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { AccessScope, sectionDecisionsOf } from '../core/authz/access-scope.js';
import { ParameterBag } from '../core/authz/casl-sql-compiler.js';

/**
 * The access rule exists once, as CASL rules; the server never evaluates it in memory but compiles it
 * into SQL. This file builds a pseudo-random world (seeded, so every run is the same world) and checks,
 * for every acting membership, that PostgreSQL running AccessScope's SQL decides every case, every
 * section of every case and every data row exactly as CASL decides in memory on the same rows.
 */

const NOW = new Date('2025-03-15T12:00:00.000Z');
const SEED = 0x5eed_2025;
const DAY = 86_400_000;
/** Stands for "no data of this category": an organisation id no row carries. */
const NO_ORIGIN = '';

// ---------------------------------------------------------------------------------------------------
// The world
// ---------------------------------------------------------------------------------------------------

/** mulberry32: small, fast and the same on every machine. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  return { chance: (p: number): boolean => next() < p, int, pick };
}

/** Deterministic uuids, readable in a failure message: kind in the first group, number in the last. */
const uuid = (kind: number, n: number): string =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const ORGANIZATIONS: readonly { name: string; kind: OrganizationKind }[] = [
  { name: 'Woonbron', kind: 'HOUSING_CORPORATION' },
  { name: 'De Linde', kind: 'HOUSING_CORPORATION' },
  { name: 'Gemeente Noord', kind: 'MUNICIPALITY' },
  { name: 'Gemeente Zuid', kind: 'MUNICIPALITY' },
  { name: 'Kredietbank', kind: 'DEBT_COUNSELLING' },
  { name: 'Schuldhulp Oost', kind: 'DEBT_COUNSELLING' },
];
const USER_COUNT = 10;
/** [user, organisation, role]: every role at every kind of organisation, users with several memberships. */
const MEMBERSHIPS: readonly (readonly [number, number, MembershipRole])[] = [
  [0, 0, 'CASE_WORKER'],
  [1, 0, 'CASE_WORKER'],
  [1, 1, 'PRIVACY_OFFICER'],
  [2, 0, 'TEAM_LEAD'],
  [2, 0, 'ORG_ADMIN'],
  [3, 2, 'CASE_WORKER'],
  [3, 4, 'CASE_WORKER'],
  [4, 2, 'CASE_WORKER'],
  [4, 3, 'TEAM_LEAD'],
  [5, 2, 'TEAM_LEAD'],
  [5, 2, 'PRIVACY_OFFICER'],
  [6, 4, 'DEBT_COUNSELLOR'],
  [6, 5, 'ORG_ADMIN'],
  [7, 4, 'DEBT_COUNSELLOR'],
  [7, 5, 'DEBT_COUNSELLOR'],
  [8, 4, 'TEAM_LEAD'],
  [8, 1, 'CASE_WORKER'],
  [9, 3, 'DEBT_COUNSELLOR'],
  [9, 4, 'PRIVACY_OFFICER'],
  [9, 3, 'ORG_ADMIN'],
];
const TENANT_COUNT = 48;
const CASE_COUNT = 64;

const NATURAL_ROLE: Readonly<Record<OrganizationKind, ParticipantRole>> = {
  HOUSING_CORPORATION: 'REFERRER',
  MUNICIPALITY: 'MUNICIPALITY',
  DEBT_COUNSELLING: 'DEBT_COUNSELLING',
};

/** Consent validity windows around NOW, boundaries included: [valid_from, valid_until) offsets in ms. */
const WINDOWS = {
  PAST: [-60 * DAY, -30 * DAY],
  CURRENT: [-10 * DAY, 10 * DAY],
  FUTURE: [DAY, 30 * DAY],
  ENDS_AT_NOW: [-10 * DAY, 0],
  STARTS_AT_NOW: [0, 10 * DAY],
  ENDS_JUST_AFTER_NOW: [-10 * DAY, 1],
  STARTS_JUST_AFTER_NOW: [1, 10 * DAY],
  STARTS_JUST_BEFORE_NOW: [-1, DAY],
} as const satisfies Record<string, readonly [number, number]>;
type WindowKind = keyof typeof WINDOWS;
const WINDOW_KINDS = Object.keys(WINDOWS) as WindowKind[];

type Row = Record<string, unknown>;

interface GeneratedWorld {
  readonly tables: readonly (readonly [table: string, rows: Row[]])[];
  readonly consentWindows: ReadonlyMap<string, WindowKind>;
}

/** The whole world as rows per table, in foreign-key order. */
function generateWorld(seed: number): GeneratedWorld {
  const random = randomSource(seed);
  const orgIds = ORGANIZATIONS.map((_, index) => uuid(1, index));
  const userIds = Array.from({ length: USER_COUNT }, (_, index) => uuid(2, index));
  const orgKind = (orgId: string): OrganizationKind => ORGANIZATIONS[orgIds.indexOf(orgId)]!.kind;
  const municipalities = orgIds.filter((orgId) => orgKind(orgId) === 'MUNICIPALITY');
  const corporations = orgIds.filter((orgId) => orgKind(orgId) === 'HOUSING_CORPORATION');
  const caseWorkersOf = (orgId: string): string[] =>
    MEMBERSHIPS.filter(
      ([, org, role]) =>
        orgIds[org] === orgId && ['CASE_WORKER', 'DEBT_COUNSELLOR', 'TEAM_LEAD'].includes(role),
    ).map(([user]) => userIds[user]!);
  let serial = 0;
  const next = (kind: number): string => uuid(kind, (serial += 1));

  const organization = ORGANIZATIONS.map((org, index) => ({
    id: orgIds[index],
    name: org.name,
    kind: org.kind,
    municipality_code: '0599',
  }));
  const appUser = userIds.map((id, index) => ({
    id,
    email: `user${index}@equivalence.test`,
    display_name: `Gebruiker ${index}`,
    password_hash: 'not-a-real-hash',
  }));
  const membership = MEMBERSHIPS.map(([user, org, role]) => ({
    user_id: userIds[user],
    organization_id: orgIds[org],
    role,
  }));

  const tenant: Row[] = [];
  const household: Row[] = [];
  for (let index = 0; index < TENANT_COUNT; index += 1) {
    const id = uuid(3, index);
    tenant.push({
      id,
      initials: 'A.',
      surname: `Huurder ${index}`,
      street: 'Dorpsstraat',
      house_number: index + 1,
      postcode: '3011AB',
      city: 'Rotterdam',
      municipality_code: '0599',
      origin_org_id: random.pick(orgIds),
    });
    if (random.chance(0.75)) {
      household.push({
        id: next(6),
        tenant_id: id,
        adults: random.int(1, 2),
        children: random.int(0, 3),
        vulnerability_notes: random.chance(0.5) ? 'Kwetsbaar: zorgindicatie' : null,
        origin_org_id: random.pick(orgIds),
      });
    }
  }

  const caseFile: Row[] = [];
  const participant: Row[] = [];
  const assignee: Row[] = [];
  const signal: Row[] = [];
  const arrears: Row[] = [];
  const arrearsChange: Row[] = [];
  const collectionStep: Row[] = [];
  const collectionPause: Row[] = [];
  const debt: Row[] = [];
  const incomeExpense: Row[] = [];
  const casesOfTenant = new Map<string, string[]>();
  const participantsOfTenant = new Map<string, Set<string>>();

  for (let index = 0; index < CASE_COUNT; index += 1) {
    const id = uuid(4, index);
    // The first cases give every tenant one; the rest share tenants (consents and household are per tenant).
    const tenantId = index < TENANT_COUNT ? uuid(3, index) : uuid(3, random.int(0, TENANT_COUNT - 1));
    caseFile.push({
      id,
      reference: `VN-2025-${String(index + 1).padStart(6, '0')}`,
      tenant_id: tenantId,
      origin_org_id: random.pick(corporations),
    });
    casesOfTenant.set(tenantId, [...(casesOfTenant.get(tenantId) ?? []), id]);

    const participating: string[] = [];
    for (const orgId of orgIds) {
      if (!random.chance(0.45)) continue;
      participating.push(orgId);
      const role = random.chance(0.8) ? NATURAL_ROLE[orgKind(orgId)] : random.pick(PARTICIPANT_ROLES);
      participant.push({ case_id: id, organization_id: orgId, role });
      const tenantParticipants = participantsOfTenant.get(tenantId) ?? new Set<string>();
      tenantParticipants.add(orgId);
      participantsOfTenant.set(tenantId, tenantParticipants);

      // Need-to-know within the organisation: an org queue (no assignee) or one or two assignees.
      if (random.chance(0.55)) {
        const assigned = new Set<string>();
        const count = random.chance(0.7) ? 1 : 2;
        for (let n = 0; n < count; n += 1) {
          const colleagues = caseWorkersOf(orgId);
          assigned.add(
            colleagues.length > 0 && random.chance(0.75) ? random.pick(colleagues) : random.pick(userIds),
          );
        }
        for (const userId of assigned)
          assignee.push({ case_id: id, organization_id: orgId, user_id: userId });
      }
    }
    // A stale assignment for an organisation that does not (or no longer) participate(s).
    const outsiders = orgIds.filter((orgId) => !participating.includes(orgId));
    if (outsiders.length > 0 && random.chance(0.2)) {
      const orgId = random.pick(outsiders);
      const colleagues = caseWorkersOf(orgId);
      assignee.push({
        case_id: id,
        organization_id: orgId,
        user_id: colleagues.length > 0 ? random.pick(colleagues) : random.pick(userIds),
      });
    }

    for (let n = random.int(0, 2); n > 0; n -= 1) {
      signal.push({
        id: next(7),
        case_id: id,
        sender_org_id: random.pick(corporations),
        recipient_org_id: random.chance(0.75) ? random.pick(municipalities) : random.pick(orgIds),
        signal_date: '2025-03-01',
        arrears_amount_cents: 120_000,
        arrears_arose_on: '2025-01-01',
        sent_by_id: random.pick(userIds),
      });
    }

    const origin = (): string =>
      participating.length > 0 && random.chance(0.75) ? random.pick(participating) : random.pick(orgIds);
    const recorder = (): string => random.pick(userIds);
    if (random.chance(0.7)) {
      arrears.push({
        id: next(8),
        case_id: id,
        amount_cents: random.int(0, 500_000),
        arose_on: '2024-11-01',
        months_in_arrears: random.int(0, 6),
        origin_org_id: origin(),
      });
    }
    for (let n = random.int(0, 2); n > 0; n -= 1) {
      arrearsChange.push({
        id: next(8),
        case_id: id,
        amount_cents: random.int(0, 500_000),
        arose_on: '2024-11-01',
        months_in_arrears: random.int(0, 6),
        origin_org_id: origin(),
        recorded_by_id: recorder(),
      });
    }
    if (random.chance(0.3)) {
      collectionStep.push({
        id: next(8),
        case_id: id,
        kind: 'REMINDER',
        step_date: '2025-02-01',
        origin_org_id: origin(),
        recorded_by_id: recorder(),
      });
    }
    if (random.chance(0.3)) {
      collectionPause.push({
        id: next(8),
        case_id: id,
        starts_on: '2025-03-01',
        ends_on: '2025-04-01',
        reason: 'Schuldhulp gestart',
        origin_org_id: origin(),
      });
    }
    for (let n = random.int(0, 3); n > 0; n -= 1) {
      debt.push({
        id: next(9),
        case_id: id,
        creditor: `Schuldeiser ${n}`,
        amount_cents: random.int(0, 900_000),
        origin_org_id: origin(),
        recorded_by_id: recorder(),
      });
    }
    for (let n = random.int(0, 3); n > 0; n -= 1) {
      incomeExpense.push({
        id: next(10),
        case_id: id,
        kind: random.chance(0.5) ? 'INCOME' : 'EXPENSE',
        description: `Post ${n}`,
        monthly_amount_cents: random.int(0, 300_000),
        origin_org_id: origin(),
        recorded_by_id: recorder(),
      });
    }
  }

  const consent: Row[] = [];
  const consentWindows = new Map<string, WindowKind>();
  for (const [tenantId, caseIds] of casesOfTenant) {
    const involved = [...(participantsOfTenant.get(tenantId) ?? [])];
    for (let n = random.int(0, 4); n > 0; n -= 1) {
      const id = next(5);
      const window = random.pick(WINDOW_KINDS);
      const [from, until] = WINDOWS[window];
      let categories = DATA_CATEGORIES.filter(() => random.chance(0.35));
      if (categories.length === 0) categories = [random.pick(DATA_CATEGORIES)];
      const withdrawn = random.chance(0.2);
      consentWindows.set(id, window);
      consent.push({
        id,
        tenant_id: tenantId,
        case_id: random.pick(caseIds),
        recipient_org_id:
          involved.length > 0 && random.chance(0.75) ? random.pick(involved) : random.pick(orgIds),
        purpose: random.pick(CONSENT_PURPOSES),
        categories,
        valid_from: new Date(NOW.getTime() + from),
        valid_until: new Date(NOW.getTime() + until),
        channel: 'WRITTEN',
        wording_version: 'v1',
        wording_text: 'Ik geef toestemming.',
        recorded_by_id: random.pick(userIds),
        recorded_by_org_id: random.pick(orgIds),
        // A withdrawal counts from the moment it is recorded, even one dated after NOW.
        withdrawn_at: withdrawn ? new Date(NOW.getTime() + random.pick([-5 * DAY, -1, 0, DAY])) : null,
        withdrawn_by_id: withdrawn ? random.pick(userIds) : null,
        withdrawal_channel: withdrawn ? 'WRITTEN' : null,
      });
    }
  }

  return {
    tables: [
      ['organization', organization],
      ['app_user', appUser],
      ['membership', membership],
      ['tenant', tenant],
      ['household', household],
      ['case_file', caseFile],
      ['case_participant', participant],
      ['case_assignee', assignee],
      ['consent', consent],
      ['signal', signal],
      ['arrears', arrears],
      ['arrears_change', arrearsChange],
      ['collection_step', collectionStep],
      ['collection_pause', collectionPause],
      ['debt', debt],
      ['income_expense_item', incomeExpense],
    ],
    consentWindows,
  };
}

async function insertRows(database: TestDatabase, table: string, rows: readonly Row[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  for (let start = 0; start < rows.length; start += 400) {
    const parameters: unknown[] = [];
    const tuples = rows.slice(start, start + 400).map(
      (row) =>
        `(${columns
          .map((column) => {
            parameters.push(row[column]);
            return `$${parameters.length}`;
          })
          .join(', ')})`,
    );
    await database.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
      parameters,
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// The facts, read back from the database
// ---------------------------------------------------------------------------------------------------

/**
 * Where each category's data lives, written out here independently of CATEGORY_SOURCES: `rows` lists
 * every (data row, case) pair of the category; `join` is how readableRow's query joins the row to its case.
 */
const DATA_SOURCES: readonly { category: DataCategory; table: string; join: string; where: string }[] = [
  { category: 'CONTACT', table: 'tenant', join: 'c.tenant_id = x.id', where: 'TRUE' },
  { category: 'ARREARS', table: 'arrears', join: 'c.id = x.case_id', where: 'TRUE' },
  { category: 'ARREARS', table: 'arrears_change', join: 'c.id = x.case_id', where: 'TRUE' },
  { category: 'ARREARS', table: 'collection_step', join: 'c.id = x.case_id', where: 'TRUE' },
  { category: 'ARREARS', table: 'collection_pause', join: 'c.id = x.case_id', where: 'TRUE' },
  { category: 'HOUSEHOLD', table: 'household', join: 'c.tenant_id = x.tenant_id', where: 'TRUE' },
  { category: 'INCOME_EXPENSES', table: 'income_expense_item', join: 'c.id = x.case_id', where: 'TRUE' },
  { category: 'DEBTS', table: 'debt', join: 'c.id = x.case_id', where: 'TRUE' },
  // Special-category data: the vulnerability notes of the household.
  {
    category: 'SPECIAL',
    table: 'household',
    join: 'c.tenant_id = x.tenant_id',
    where: 'x.vulnerability_notes IS NOT NULL',
  },
];

interface DataRow {
  readonly source: number;
  readonly rowId: string;
  readonly caseId: string;
  readonly originOrgId: string;
}

interface LoadedWorld {
  readonly caseIds: readonly string[];
  readonly references: ReadonlyMap<string, string>;
  readonly facts: ReadonlyMap<string, CaseFacts>;
  readonly consentIds: ReadonlyMap<string, readonly string[]>;
  readonly dataRows: readonly DataRow[];
  /** case → category → the distinct origins of that category's data in the case. */
  readonly origins: ReadonlyMap<string, ReadonlyMap<DataCategory, ReadonlySet<string>>>;
  readonly actors: readonly { readonly label: string; readonly actor: AccessActor }[];
}

async function loadWorld(database: TestDatabase): Promise<LoadedWorld> {
  const cases = await database.query<{ id: string; reference: string; tenant_id: string }>(
    `SELECT id, reference, tenant_id FROM case_file ORDER BY id`,
  );
  const participants = await database.query<{
    case_id: string;
    organization_id: string;
    role: ParticipantRole;
  }>(`SELECT case_id, organization_id, role FROM case_participant ORDER BY case_id, organization_id`);
  const assignees = await database.query<{ case_id: string; organization_id: string; user_id: string }>(
    `SELECT case_id, organization_id, user_id FROM case_assignee ORDER BY case_id, organization_id, user_id`,
  );
  const consents = await database.query<{
    id: string;
    tenant_id: string;
    recipient_org_id: string;
    categories: DataCategory[];
    purpose: ConsentPurpose;
    valid_from: Date;
    valid_until: Date;
    withdrawn_at: Date | null;
  }>(
    `SELECT id, tenant_id, recipient_org_id, categories::text[] AS categories, purpose, valid_from, valid_until, withdrawn_at
       FROM consent ORDER BY id`,
  );
  const signals = await database.query<{ case_id: string; recipient_org_id: string }>(
    `SELECT case_id, recipient_org_id FROM signal ORDER BY id`,
  );

  const facts = new Map<string, CaseFacts>();
  const consentIds = new Map<string, string[]>();
  for (const row of cases) {
    const tenantConsents = consents.filter((consent) => consent.tenant_id === row.tenant_id);
    consentIds.set(
      row.id,
      tenantConsents.map((consent) => consent.id),
    );
    facts.set(row.id, {
      id: row.id,
      participants: participants
        .filter((participant) => participant.case_id === row.id)
        .map((participant) => ({ organizationId: participant.organization_id, role: participant.role })),
      assignees: assignees
        .filter((assignee) => assignee.case_id === row.id)
        .map((assignee) => ({ organizationId: assignee.organization_id, userId: assignee.user_id })),
      consents: tenantConsents.map((consent): ConsentFacts => ({
        recipientOrgId: consent.recipient_org_id,
        categories: consent.categories,
        purpose: consent.purpose,
        validFrom: consent.valid_from.toISOString(),
        validUntil: consent.valid_until.toISOString(),
        withdrawnAt: consent.withdrawn_at === null ? null : consent.withdrawn_at.toISOString(),
      })),
      signals: signals
        .filter((signal) => signal.case_id === row.id)
        .map((signal) => ({ recipientOrgId: signal.recipient_org_id })),
    });
  }

  const dataRows: DataRow[] = [];
  for (const [source, { table, join, where }] of DATA_SOURCES.entries()) {
    const rows = await database.query<{ row_id: string; case_id: string; origin_org_id: string }>(
      `SELECT x.id AS row_id, c.id AS case_id, x.origin_org_id FROM ${table} x JOIN case_file c ON ${join} WHERE ${where}`,
    );
    for (const row of rows)
      dataRows.push({ source, rowId: row.row_id, caseId: row.case_id, originOrgId: row.origin_org_id });
  }
  const origins = new Map<string, Map<DataCategory, Set<string>>>();
  for (const row of dataRows) {
    const category = DATA_SOURCES[row.source]!.category;
    const byCategory = origins.get(row.caseId) ?? new Map<DataCategory, Set<string>>();
    const set = byCategory.get(category) ?? new Set<string>();
    set.add(row.originOrgId);
    byCategory.set(category, set);
    origins.set(row.caseId, byCategory);
  }

  const memberships = await database.query<{
    user_id: string;
    email: string;
    organization_id: string;
    name: string;
    kind: OrganizationKind;
    role: MembershipRole;
  }>(
    `SELECT m.user_id, u.email, m.organization_id, o.name, o.kind, m.role
       FROM membership m JOIN app_user u ON u.id = m.user_id JOIN organization o ON o.id = m.organization_id
      ORDER BY u.email, o.name, m.role`,
  );

  return {
    caseIds: cases.map((row) => row.id),
    references: new Map(cases.map((row) => [row.id, row.reference])),
    facts,
    consentIds,
    dataRows,
    origins,
    actors: memberships.map((row) => ({
      label: `${row.email.split('@')[0]} as ${row.role} of ${row.name} (${row.kind})`,
      actor: { userId: row.user_id, organizationId: row.organization_id, orgKind: row.kind, role: row.role },
    })),
  };
}

// ---------------------------------------------------------------------------------------------------
// The comparison
// ---------------------------------------------------------------------------------------------------

const sorted = (values: Iterable<string>): string[] => [...values].sort();

describe('AccessScope in SQL decides exactly like the CASL rules in memory', () => {
  let database: TestDatabase;
  let generated: GeneratedWorld;
  let world: LoadedWorld;
  const compared = { actors: 0, cases: 0, sections: 0, rows: 0, queries: 0 };

  beforeAll(async () => {
    database = await createTestDatabase();
    generated = generateWorld(SEED);
    for (const [table, rows] of generated.tables) await insertRows(database, table, rows);
    world = await loadWorld(database);
  });

  afterAll(async () => {
    await database?.drop();
  });

  async function run<T>(query: string, bag: ParameterBag): Promise<T[]> {
    const [sql, parameters] = database.dataSource.driver.escapeQueryWithParameters(query, bag.values, {});
    compared.queries += 1;
    return database.query<T>(sql, parameters);
  }

  function abilityOf(actor: AccessActor): VangnetAbility {
    return defineAbilityFor(actor, NOW);
  }

  function factsOf(caseId: string): CaseFacts {
    const facts = world.facts.get(caseId);
    if (!facts) throw new Error(`no facts for ${caseId}`);
    return facts;
  }

  /**
   * The section rule: some data of the category in the case has origin O (or no data at all). At section
   * level a CASE_NOTES consent opens the section (visibility is decided per note), so the facts say SHARED.
   */
  function caslSection(ability: VangnetAbility, caseId: string, category: DataCategory): boolean {
    const facts = factsOf(caseId);
    const origins = world.origins.get(caseId)?.get(category) ?? new Set<string>();
    return [NO_ORIGIN, ...origins].some((originOrgId) =>
      canReadCategory(ability, { ...facts, originOrgId, visibility: 'SHARED' }, category),
    );
  }

  function describeMismatch(
    label: string,
    caseId: string,
    what: string,
    sql: boolean,
    casl: boolean,
  ): string {
    return `${label} — ${world.references.get(caseId)} (${caseId}) ${what}: SQL ${sql ? 'allows' : 'denies'}, CASL ${casl ? 'allows' : 'denies'}; facts ${JSON.stringify(factsOf(caseId))}`;
  }

  it('builds a world big enough to mean something', () => {
    const count = (table: string): number =>
      generated.tables.find(([name]) => name === table)?.[1].length ?? 0;
    expect(world.caseIds.length).toBeGreaterThanOrEqual(60);
    expect(world.actors.length).toBe(MEMBERSHIPS.length);
    expect(count('consent')).toBeGreaterThanOrEqual(60);
    expect(count('signal')).toBeGreaterThanOrEqual(40);
    expect(world.dataRows.length).toBeGreaterThanOrEqual(300);
    // Some tenants have several cases: their consents and household count for each of them.
    const caseRows = generated.tables.find(([name]) => name === 'case_file')?.[1] ?? [];
    expect(new Set(caseRows.map((row) => row.tenant_id)).size).toBeLessThan(caseRows.length);
  });

  it('(a) the readable cases: SELECT … WHERE readableCases equals canReadCase, for every actor', async () => {
    const mismatches: string[] = [];
    for (const { label, actor } of world.actors) {
      const ability = abilityOf(actor);
      const bag = new ParameterBag();
      const rows = await run<{ id: string }>(
        `SELECT c.id FROM case_file c WHERE ${AccessScope.for(actor, NOW).readableCases('c', bag)}`,
        bag,
      );
      const bySql = new Set(rows.map((row) => row.id));
      for (const caseId of world.caseIds) {
        const casl = canReadCase(ability, factsOf(caseId));
        if (bySql.has(caseId) !== casl)
          mismatches.push(describeMismatch(label, caseId, 'the case', bySql.has(caseId), casl));
        compared.cases += 1;
      }
    }
    compared.actors = world.actors.length;
    expect(mismatches).toEqual([]);
  });

  it('(b) the readable sections: readableSection equals canReadCategory for every case × category', async () => {
    const mismatches: string[] = [];
    for (const { label, actor } of world.actors) {
      const ability = abilityOf(actor);
      const scope = AccessScope.for(actor, NOW);
      for (const category of DATA_CATEGORIES) {
        const bag = new ParameterBag();
        const rows = await run<{ id: string }>(
          `SELECT c.id FROM case_file c WHERE ${scope.readableSection(category, 'c', bag)}`,
          bag,
        );
        const bySql = new Set(rows.map((row) => row.id));
        for (const caseId of world.caseIds) {
          const casl = caslSection(ability, caseId, category);
          if (bySql.has(caseId) !== casl)
            mismatches.push(describeMismatch(label, caseId, category, bySql.has(caseId), casl));
          compared.sections += 1;
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('(b′) a single case asked on its own decides like the batch: SELECT readableSection … WHERE c.id = $1', async () => {
    const mismatches: string[] = [];
    const sample = world.caseIds.filter((_, index) => index % 8 === 0);
    for (const { label, actor } of world.actors.filter((_, index) => index % 3 === 0)) {
      const ability = abilityOf(actor);
      const scope = AccessScope.for(actor, NOW);
      const bag = new ParameterBag();
      const columns = DATA_CATEGORIES.map(
        (category) => `${scope.readableSection(category, 'c', bag)} AS "${category}"`,
      );
      for (const caseId of sample) {
        const [sql, parameters] = database.dataSource.driver.escapeQueryWithParameters(
          `SELECT ${columns.join(', ')} FROM case_file c WHERE c.id = :caseId`,
          { ...bag.values, caseId },
          {},
        );
        const [row] = await database.query<Record<DataCategory, boolean>>(sql, parameters);
        for (const category of DATA_CATEGORIES) {
          const casl = caslSection(ability, caseId, category);
          if (row?.[category] !== casl)
            mismatches.push(describeMismatch(label, caseId, category, row?.[category] ?? false, casl));
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('(c) the readable rows: readableRow equals canReadCategory with that row’s origin', async () => {
    const mismatches: string[] = [];
    for (const { label, actor } of world.actors) {
      const ability = abilityOf(actor);
      const scope = AccessScope.for(actor, NOW);
      for (const [source, { category, table, join, where }] of DATA_SOURCES.entries()) {
        const bag = new ParameterBag();
        const rows = await run<{ row_id: string; case_id: string }>(
          `SELECT x.id AS row_id, c.id AS case_id FROM ${table} x JOIN case_file c ON ${join}
            WHERE ${where} AND ${scope.readableRow(category, 'c', 'x.origin_org_id', bag)}`,
          bag,
        );
        const bySql = new Set(rows.map((row) => `${row.row_id}|${row.case_id}`));
        for (const row of world.dataRows.filter((candidate) => candidate.source === source)) {
          const casl = canReadCategory(
            ability,
            { ...factsOf(row.caseId), originOrgId: row.originOrgId },
            category,
          );
          const sql = bySql.has(`${row.rowId}|${row.caseId}`);
          if (sql !== casl) {
            mismatches.push(
              describeMismatch(
                label,
                row.caseId,
                `${category} row ${table} ${row.rowId} (origin ${row.originOrgId})`,
                sql,
                casl,
              ),
            );
          }
          compared.rows += 1;
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('exercises every path of the rule (so the agreement above is not vacuous)', () => {
    const seen = new Map<string, number>();
    const see = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    for (const { actor } of world.actors) {
      const ability = abilityOf(actor);
      const org = actor.organizationId;
      const worksCases = ['CASE_WORKER', 'DEBT_COUNSELLOR', 'TEAM_LEAD'].includes(actor.role);
      for (const caseId of world.caseIds) {
        const facts = factsOf(caseId);
        const participation = facts.participants.find((participant) => participant.organizationId === org);
        const mine = facts.assignees.filter((assignee) => assignee.organizationId === org);
        const readable = canReadCase(ability, facts);
        if (!worksCases) {
          see(
            participation ? 'case: participating org, but the role reads no case' : 'case: non-reading role',
          );
          continue;
        }
        const meElsewhere = facts.assignees.some(
          (assignee) => assignee.userId === actor.userId && assignee.organizationId !== org,
        );
        if (!participation)
          see(
            mine.some((assignee) => assignee.userId === actor.userId)
              ? 'case: assigned, org not participating'
              : 'case: org not participating',
          );
        else if (actor.role === 'TEAM_LEAD')
          see(mine.length > 0 ? 'case: team lead, assigned to others' : 'case: team lead');
        else if (mine.length === 0) see('case: org queue');
        else if (mine.some((assignee) => assignee.userId === actor.userId)) see('case: assigned to me');
        else
          see(
            meElsewhere
              ? 'case: hidden, though assigned for another org'
              : 'case: hidden, a colleague is assigned',
          );
        if (!readable) continue;

        for (const category of DATA_CATEGORIES) {
          const origins = [...(world.origins.get(caseId)?.get(category) ?? [])];
          const byOrigin =
            origins.includes(org) &&
            canReadCategory(ability, { ...facts, signals: [], consents: [], originOrgId: org }, category);
          const bySignal = canReadCategory(
            ability,
            { ...facts, consents: [], originOrgId: NO_ORIGIN },
            category,
          );
          const byConsent = canReadCategory(
            ability,
            { ...facts, signals: [], originOrgId: NO_ORIGIN },
            category,
          );
          const bases = [byOrigin && 'origin', bySignal && 'signal', byConsent && 'consent'].filter(Boolean);
          see(
            bases.length === 0 ? 'section: denied in a readable case' : `section: only by ${bases.join('+')}`,
          );
          if (origins.includes(org) && !byOrigin) see(`section: own data not enough (${category})`);
          if (facts.signals.some((signal) => signal.recipientOrgId === org) && !bySignal)
            see('section: signal received, category not covered');

          // A consent of the tenant naming this organisation and category: exercised at every window.
          const consentIds = world.consentIds.get(caseId) ?? [];
          facts.consents.forEach((consent, index) => {
            if (consent.recipientOrgId !== org || !consent.categories.includes(category)) return;
            if (!PURPOSES_BY_PARTICIPANT_ROLE[participation!.role].includes(consent.purpose)) {
              see('consent: purpose not served by the participation');
              return;
            }
            const window = generated.consentWindows.get(consentIds[index]!);
            see(consent.withdrawnAt === null ? `consent: ${window}` : 'consent: withdrawn');
            if (consent.withdrawnAt !== null && consent.withdrawnAt > NOW.toISOString())
              see('consent: withdrawal dated after now');
          });
        }
      }
    }
    const expected = [
      'case: non-reading role',
      'case: participating org, but the role reads no case',
      'case: org not participating',
      'case: assigned, org not participating',
      'case: team lead',
      'case: team lead, assigned to others',
      'case: org queue',
      'case: assigned to me',
      'case: hidden, a colleague is assigned',
      'case: hidden, though assigned for another org',
      'section: denied in a readable case',
      'section: only by origin',
      'section: only by signal',
      'section: only by consent',
      'section: own data not enough (SPECIAL)',
      'section: signal received, category not covered',
      'consent: purpose not served by the participation',
      'consent: withdrawn',
      'consent: withdrawal dated after now',
      ...WINDOW_KINDS.map((window) => `consent: ${window}`),
    ];
    const missing = expected.filter((what) => !seen.has(what));
    expect(missing).toEqual([]);
  });

  it('reports how much was compared', () => {
    expect(compared.cases).toBe(world.actors.length * world.caseIds.length);
    expect(compared.sections).toBe(world.actors.length * world.caseIds.length * DATA_CATEGORIES.length);
    expect(compared.rows).toBe(world.actors.length * world.dataRows.length);
    console.info(
      `access equivalence: ${compared.actors} actors × ${world.caseIds.length} cases (${compared.cases} case decisions), ` +
        `× ${DATA_CATEGORIES.length} categories (${compared.sections} section decisions), ` +
        `× ${world.dataRows.length} data rows (${compared.rows} row decisions); ${compared.queries} SQL queries`,
    );
  });

  it('puts the access predicate into the case list query: EXISTS over case_participant, the organisation bound', async () => {
    for (const { actor } of world.actors) {
      const scope = AccessScope.for(actor, NOW);
      const bag = new ParameterBag();
      // As the case list builds it: the predicate is part of the query, with its parameters.
      const query = database.dataSource
        .getRepository(Case)
        .createQueryBuilder('c')
        .where(scope.readableCases('c', bag), bag.values)
        .orderBy('c.reference', 'DESC');
      const [sql, parameters] = query.getQueryAndParameters();
      const listed = (await query.getMany()).map((row) => row.id);
      const ability = abilityOf(actor);
      expect(sorted(listed)).toEqual(world.caseIds.filter((caseId) => canReadCase(ability, factsOf(caseId))));
      if (['CASE_WORKER', 'DEBT_COUNSELLOR', 'TEAM_LEAD'].includes(actor.role)) {
        expect(sql).toContain('EXISTS (SELECT 1 FROM case_participant');
        expect(parameters).toContain(actor.organizationId);
        expect(sql).not.toContain(actor.organizationId);
        if (actor.role === 'TEAM_LEAD') expect(sql).not.toContain('case_assignee');
        else expect(sql).toMatch(/NOT \(EXISTS \(SELECT 1 FROM case_assignee/);
      } else {
        expect(sql).toMatch(/WHERE FALSE/);
        expect(listed).toEqual([]);
      }
    }
  });

  it('lets AccessScope.nobody() (and an actor-less scope) see no case, no section and no row', async () => {
    for (const scope of [AccessScope.nobody(), AccessScope.for(null, NOW)]) {
      const bag = new ParameterBag();
      expect(await run(`SELECT c.id FROM case_file c WHERE ${scope.readableCases('c', bag)}`, bag)).toEqual(
        [],
      );
      expect(
        await run(`SELECT c.id FROM case_file c WHERE ${scope.consentManageableCases('c', bag)}`, bag),
      ).toEqual([]);
      for (const category of DATA_CATEGORIES) {
        expect(
          await run(`SELECT c.id FROM case_file c WHERE ${scope.readableSection(category, 'c', bag)}`, bag),
        ).toEqual([]);
      }
      for (const { category, table, join } of DATA_SOURCES) {
        expect(
          await run(
            `SELECT x.id FROM ${table} x JOIN case_file c ON ${join} WHERE ${scope.readableRow(category, 'c', 'x.origin_org_id', bag)}`,
            bag,
          ),
        ).toEqual([]);
      }
      expect(bag.values).toEqual({});
    }
    expect(await database.query(`SELECT count(*)::int AS n FROM case_file`)).toEqual([
      { n: world.caseIds.length },
    ]);
  });

  // -------------------------------------------------------------------------------------------------
  // The actions beyond a case: view Monitoring and export Tenant; the explanation of a section
  // -------------------------------------------------------------------------------------------------

  /** The section rule for any action: like caslSection, with the case subject and action given. */
  function caslSectionFor(
    ability: VangnetAbility,
    action: 'read' | 'export',
    caseId: string,
    category: DataCategory,
  ): boolean {
    const facts = factsOf(caseId);
    const caseType = action === 'read' ? 'Case' : 'Tenant';
    if (!ability.can(action, subject(caseType, { ...facts }))) return false;
    const origins = world.origins.get(caseId)?.get(category) ?? new Set<string>();
    return [NO_ORIGIN, ...origins].some((originOrgId) =>
      ability.can(action, subject(category, { ...facts, originOrgId, visibility: 'SHARED' })),
    );
  }

  /** Who sees the dashboard, written from docs/product.md §6 rather than taken from the rules. */
  const SEES_DASHBOARD: readonly MembershipRole[] = ['TEAM_LEAD', 'PRIVACY_OFFICER'];

  it('(d) view Monitoring: the dashboard facts monitoringFacts selects equal the CASL rule, for every actor', async () => {
    await database.query(`CREATE TABLE equivalence_monitoring_fact AS
      SELECT row_number() OVER (ORDER BY n.case_id NULLS LAST, n.corporation_id, n.municipality_org_id)::int AS n, n.*
        FROM (
          SELECT c.id AS case_id, c.origin_org_id AS corporation_id,
                 (SELECT s.recipient_org_id FROM signal s WHERE s.case_id = c.id ORDER BY s.id LIMIT 1) AS municipality_org_id
            FROM case_file c
          UNION ALL
          -- Statistics kept after retention name no case.
          SELECT NULL::uuid, corporation.id, municipality.id
            FROM organization corporation CROSS JOIN organization municipality
           WHERE corporation.kind = 'HOUSING_CORPORATION' AND municipality.kind = 'MUNICIPALITY') n`);
    const facts = await database.query<{
      n: number;
      case_id: string | null;
      corporation_id: string;
      municipality_org_id: string | null;
    }>(`SELECT n, case_id, corporation_id, municipality_org_id FROM equivalence_monitoring_fact ORDER BY n`);
    const mismatches: string[] = [];
    const shownByKind = new Map<OrganizationKind, number>();
    for (const { label, actor } of world.actors) {
      const ability = abilityOf(actor);
      const scope = AccessScope.for(actor, NOW);
      if (scope.mayViewMonitoring() !== SEES_DASHBOARD.includes(actor.role))
        mismatches.push(`${label}: mayViewMonitoring ${scope.mayViewMonitoring()}`);
      const bag = new ParameterBag();
      const rows = await run<{ n: number }>(
        `SELECT f.n FROM equivalence_monitoring_fact f WHERE ${scope.monitoringFacts('f', bag)}`,
        bag,
      );
      const bySql = new Set(rows.map((row) => row.n));
      for (const fact of facts) {
        const casl = ability.can(
          'view',
          subject('Monitoring', {
            corporationId: fact.corporation_id,
            municipalityOrgId: fact.municipality_org_id,
            participants: fact.case_id ? factsOf(fact.case_id).participants : [],
          }),
        );
        if (bySql.has(fact.n) !== casl)
          mismatches.push(`${label} — fact ${JSON.stringify(fact)}: SQL ${bySql.has(fact.n)}, CASL ${casl}`);
      }
      if (bySql.size > 0) shownByKind.set(actor.orgKind, (shownByKind.get(actor.orgKind) ?? 0) + 1);
      if (bySql.size === facts.length) mismatches.push(`${label}: every fact is its own business`);
    }
    expect(mismatches).toEqual([]);
    // Every kind's own business was exercised: sent, received, taken part in.
    expect([...shownByKind.keys()].sort()).toEqual([
      'DEBT_COUNSELLING',
      'HOUSING_CORPORATION',
      'MUNICIPALITY',
    ]);
  });

  it("(e) export Tenant: only a privacy officer exports, and the export scope reads exactly what the organisation's team lead reads", async () => {
    const mismatches: string[] = [];
    let officers = 0;
    for (const { label, actor } of world.actors) {
      const exportScope = AccessScope.for(actor, NOW).forTenantExport();
      if ((exportScope !== null) !== (actor.role === 'PRIVACY_OFFICER'))
        mismatches.push(`${label}: forTenantExport ${exportScope === null ? 'refused' : 'granted'}`);
      if (!exportScope) continue;
      officers += 1;
      const ability = abilityOf(actor);
      // The reference: what a team lead of the same organisation reads (today's export, docs/product.md §5).
      const teamLead = AccessScope.for({ ...actor, role: 'TEAM_LEAD' }, NOW);
      /** The ids (`idSql`) of the rows of `from` each scope lets through, equal for both; the export's. */
      const same = async (
        what: string,
        from: string,
        idSql: string,
        pick: (scope: AccessScope, bag: ParameterBag) => string,
      ): Promise<string[]> => {
        const [exported = [], read = []] = await Promise.all(
          [exportScope, teamLead].map(async (scope) => {
            const bag = new ParameterBag();
            const rows = await run<{ id: string }>(
              `SELECT ${idSql} AS id FROM ${from} WHERE ${pick(scope, bag)}`,
              bag,
            );
            return sorted(rows.map((row) => row.id));
          }),
        );
        if (JSON.stringify(exported) !== JSON.stringify(read))
          mismatches.push(`${label} ${what}: export ${exported.length} rows, team lead ${read.length}`);
        return exported;
      };

      const cases = new Set(
        await same('cases', 'case_file c', 'c.id::text', (scope, bag) => scope.readableCases('c', bag)),
      );
      for (const caseId of world.caseIds) {
        const casl = ability.can('export', subject('Tenant', { participants: factsOf(caseId).participants }));
        if (cases.has(caseId) !== casl)
          mismatches.push(describeMismatch(label, caseId, 'export Tenant', cases.has(caseId), casl));
      }
      for (const category of DATA_CATEGORIES) {
        const sections = new Set(
          await same(`${category} sections`, 'case_file c', 'c.id::text', (scope, bag) =>
            scope.readableSection(category, 'c', bag),
          ),
        );
        for (const caseId of world.caseIds) {
          const casl = caslSectionFor(ability, 'export', caseId, category);
          if (sections.has(caseId) !== casl)
            mismatches.push(
              describeMismatch(label, caseId, `export ${category}`, sections.has(caseId), casl),
            );
        }
      }
      for (const { category, table, join, where } of DATA_SOURCES) {
        await same(
          `${category} rows of ${table}`,
          `${table} x JOIN case_file c ON ${join}`,
          `x.id::text || ':' || c.id::text`,
          (scope, bag) => `${where} AND ${scope.readableRow(category, 'c', 'x.origin_org_id', bag)}`,
        );
      }
      await same('consents', 'consent k', 'k.id::text', (scope, bag) => scope.readableConsents('k', bag));
      await same('signals', 'signal s', 's.id::text', (scope, bag) => scope.readableSignals('s', bag));
      await same(
        'participants',
        'case_participant p',
        `p.case_id::text || ':' || p.organization_id::text`,
        (scope, bag) => scope.readableParticipants('p', bag),
      );
      // An export never writes.
      const bag = new ParameterBag();
      expect(
        await run(`SELECT c.id FROM case_file c WHERE ${exportScope.consentManageableCases('c', bag)}`, bag),
      ).toEqual([]);
    }
    expect(officers).toBe(MEMBERSHIPS.filter(([, , role]) => role === 'PRIVACY_OFFICER').length);
    expect(mismatches).toEqual([]);
  });

  it('(f) the explanation of every section comes from the compiled rule and says what the rule in memory says', async () => {
    const mismatches: string[] = [];
    const seen = new Set<string>();
    const officerScopes = world.actors.flatMap(({ label, actor }) => {
      const exportScope = AccessScope.for(actor, NOW).forTenantExport();
      return exportScope
        ? [{ label: `${label} (export)`, actor, scope: exportScope, action: 'export' as const }]
        : [];
    });
    for (const { label, actor, scope, action } of [
      ...world.actors.map(({ label, actor }) => ({
        label,
        actor,
        scope: AccessScope.for(actor, NOW),
        action: 'read' as const,
      })),
      ...officerScopes,
    ]) {
      const ability = abilityOf(actor);
      const bag = new ParameterBag();
      const [sql, parameters] = database.dataSource.driver.escapeQueryWithParameters(
        scope.sectionDecisions('(:...caseIds)', bag),
        { ...bag.values, caseIds: world.caseIds },
        {},
      );
      const rows = await database.query<{ id: string }>(sql, parameters);
      for (const row of rows) {
        const facts = factsOf(row.id);
        const consentIds = world.consentIds.get(row.id) ?? [];
        // Latest-ending first, then by id: the order the explanation names a consent in.
        const consents = facts.consents
          .map((consent, index) => ({ consent, id: consentIds[index]! }))
          .sort(
            (a, b) => b.consent.validUntil.localeCompare(a.consent.validUntil) || a.id.localeCompare(b.id),
          );
        for (const decision of sectionDecisionsOf(row)) {
          const { category } = decision;
          const allowed = caslSectionFor(ability, action, row.id, category);
          const where = `${label} — ${world.references.get(row.id)} ${category}`;
          if (decision.allowed !== allowed) {
            mismatches.push(`${where}: SQL ${decision.allowed}, CASL ${allowed}`);
            continue;
          }
          const alone = (over: Partial<CategoryFacts>) =>
            ability.can(
              action,
              subject(category, { ...facts, originOrgId: NO_ORIGIN, visibility: 'SHARED', ...over }),
            );
          if (decision.allowed) {
            const consentId =
              consents.find(({ consent }) => alone({ consents: [consent], signals: [] }))?.id ?? null;
            const bySignal = alone({ consents: [] });
            if (decision.consentId !== consentId || decision.bySignal !== bySignal)
              mismatches.push(
                `${where}: SQL consent ${decision.consentId} signal ${decision.bySignal}, CASL consent ${consentId} signal ${bySignal}`,
              );
            seen.add(consentId ? 'by consent' : bySignal ? 'by signal' : 'by origin');
          } else {
            // The consents to my organisation naming the category, as far as the Consent rule shows them.
            const seesConsents = ability.can(
              action,
              subject('Consent', { recipientOrgId: actor.organizationId, recordedByOrgId: NO_ORIGIN }),
            );
            const naming = facts.consents.filter(
              (consent) =>
                seesConsents &&
                consent.recipientOrgId === actor.organizationId &&
                consent.categories.includes(category),
            );
            const refusal = naming.some((consent) => consent.withdrawnAt !== null)
              ? 'CONSENT_WITHDRAWN'
              : naming.some((consent) => consent.validUntil <= NOW.toISOString())
                ? 'CONSENT_EXPIRED'
                : 'NO_CONSENT';
            if (decision.refusal !== refusal)
              mismatches.push(`${where}: SQL ${decision.refusal}, expected ${refusal}`);
            seen.add(refusal);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect([...seen].sort()).toEqual(
      ['CONSENT_EXPIRED', 'CONSENT_WITHDRAWN', 'NO_CONSENT', 'by consent', 'by origin', 'by signal'].sort(),
    );
  });
});
