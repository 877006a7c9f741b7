import {
  addCalendarDays,
  todayInAmsterdam,
  type CaseStatus,
  type OrganizationKind,
  type SignalEndResult,
} from '@vangnet/shared';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * A large, deterministic population of cases, laid out with set-based SQL (`generate_series`), for tests
 * and benchmarks at scale (100,000 or 1,000,000 cases). Every id is derived from the population's
 * `label` and a number (`md5(label:kind:n)::uuid`), so the same options give the same rows, and rows
 * are spread over the id order (keyset pages mix all profiles).
 *
 * Organisations: `corporations` housing corporations, `municipalities` municipalities and
 * `debtCounsellors` debt-counselling organisations, each with one user (a team lead) who records their
 * rows. Case n belongs to corporation n mod corporations, municipality n mod municipalities and debt
 * counsellor n mod debtCounsellors. Each case has its own tenant (household, tenancy), an early signal
 * from its corporation to its municipality, arrears, both as participants, and `consentsPerCase`
 * consents (recipients in turn: municipality, debt counsellor, corporation; valid for two more years).
 *
 * Case n gets the profile of its slot, n mod 100 (PROFILES): 55 of 100 are active, the rest closed or
 * ended. Dates are relative to `now` (its calendar date in Europe/Amsterdam), so a test with a fixed
 * `now` knows exactly what is due.
 */

export type ProfileName =
  | 'FIRST_CONTACT_OVERDUE'
  | 'FIRST_CONTACT_DUE_SOON'
  | 'REFERRAL_PAST_RESPOND_BY'
  | 'REFERRAL_DUE_SOON'
  | 'IN_CONTACT'
  | 'ARRANGEMENT_THREE_MISSED'
  | 'ARRANGEMENT_ONE_MISSED'
  | 'ARRANGEMENT_ON_TRACK'
  | 'ACCESS_DECISION_OVERDUE'
  | 'EVICTION_SCHEDULED'
  | 'CLOSED_PAST_RETENTION'
  | 'CLOSED_RECENTLY'
  | 'NOT_PICKED_UP_PAST_RETENTION'
  | 'NOT_PICKED_UP_RECENTLY'
  | 'NO_FURTHER_HELP_PAST_RETENTION'
  | 'NO_FURTHER_HELP_RECENTLY';

export interface Profile {
  readonly name: ProfileName;
  /** The slots (n mod 100) of this profile, inclusive. */
  readonly from: number;
  readonly to: number;
  readonly status: CaseStatus;
  /** The signal's date, this many days before today. */
  readonly signalDaysAgo: number;
  /** A contact attempt that reached the tenant, two days after the signal. */
  readonly contacted: boolean;
  /** The signal's end result, given this many months before now. */
  readonly endResult?: { readonly result: SignalEndResult; readonly monthsAgo: number };
  /** Closed this many months before now. */
  readonly closedMonthsAgo?: number;
  /** A PENDING referral from the municipality to the debt counsellor, respond-by today + days. */
  readonly referralRespondByDays?: number;
  /**
   * A payment arrangement of six monthly instalments with tolerance 2, ACTIVE:
   * THREE_MISSED: started three months ago, nothing paid (three instalments past their grace days);
   * ONE_MISSED: started a month ago, nothing paid; ON_TRACK: started two months ago, both paid on time.
   */
  readonly arrangement?: 'THREE_MISSED' | 'ONE_MISSED' | 'ON_TRACK';
  /** Help asked and first conversation held this many weeks before now. */
  readonly firstConversationWeeksAgo?: number;
  /** A collection step EVICTION_SCHEDULED on today + days. */
  readonly evictionInDays?: number;
}

export const PROFILES: readonly Profile[] = [
  { name: 'FIRST_CONTACT_OVERDUE', from: 0, to: 9, status: 'SIGNALLED', signalDaysAgo: 30, contacted: false },
  {
    name: 'FIRST_CONTACT_DUE_SOON',
    from: 10,
    to: 14,
    status: 'SIGNALLED',
    signalDaysAgo: 3,
    contacted: false,
  },
  {
    name: 'REFERRAL_PAST_RESPOND_BY',
    from: 15,
    to: 19,
    status: 'REFERRED',
    signalDaysAgo: 40,
    contacted: true,
    referralRespondByDays: -10,
  },
  {
    name: 'REFERRAL_DUE_SOON',
    from: 20,
    to: 24,
    status: 'REFERRED',
    signalDaysAgo: 20,
    contacted: true,
    referralRespondByDays: 2,
  },
  { name: 'IN_CONTACT', from: 25, to: 29, status: 'IN_CONTACT', signalDaysAgo: 20, contacted: true },
  {
    name: 'ARRANGEMENT_THREE_MISSED',
    from: 30,
    to: 34,
    status: 'ADMITTED',
    signalDaysAgo: 150,
    contacted: true,
    firstConversationWeeksAgo: 18,
    arrangement: 'THREE_MISSED',
  },
  {
    name: 'ARRANGEMENT_ONE_MISSED',
    from: 35,
    to: 39,
    status: 'ADMITTED',
    signalDaysAgo: 120,
    contacted: true,
    firstConversationWeeksAgo: 14,
    arrangement: 'ONE_MISSED',
  },
  {
    name: 'ARRANGEMENT_ON_TRACK',
    from: 40,
    to: 44,
    status: 'STABILISATION',
    signalDaysAgo: 120,
    contacted: true,
    firstConversationWeeksAgo: 14,
    arrangement: 'ON_TRACK',
  },
  {
    name: 'ACCESS_DECISION_OVERDUE',
    from: 45,
    to: 49,
    status: 'INTAKE',
    signalDaysAgo: 90,
    contacted: true,
    firstConversationWeeksAgo: 9,
  },
  {
    name: 'EVICTION_SCHEDULED',
    from: 50,
    to: 54,
    status: 'ADMITTED',
    signalDaysAgo: 100,
    contacted: true,
    firstConversationWeeksAgo: 12,
    evictionInDays: 7,
  },
  {
    name: 'CLOSED_PAST_RETENTION',
    from: 55,
    to: 60,
    status: 'CLOSED',
    signalDaysAgo: 700,
    contacted: true,
    endResult: { result: 'FOLLOW_UP_FINANCIAL', monthsAgo: 22 },
    closedMonthsAgo: 19,
  },
  {
    name: 'CLOSED_RECENTLY',
    from: 61,
    to: 79,
    status: 'CLOSED',
    signalDaysAgo: 300,
    contacted: true,
    endResult: { result: 'FOLLOW_UP_FINANCIAL', monthsAgo: 9 },
    closedMonthsAgo: 3,
  },
  {
    name: 'NOT_PICKED_UP_PAST_RETENTION',
    from: 80,
    to: 81,
    status: 'SIGNALLED',
    signalDaysAgo: 240,
    contacted: false,
    endResult: { result: 'NOT_PICKED_UP_REPEAT', monthsAgo: 7 },
  },
  {
    name: 'NOT_PICKED_UP_RECENTLY',
    from: 82,
    to: 89,
    status: 'SIGNALLED',
    signalDaysAgo: 70,
    contacted: false,
    endResult: { result: 'NOT_PICKED_UP_REPEAT', monthsAgo: 2 },
  },
  {
    name: 'NO_FURTHER_HELP_PAST_RETENTION',
    from: 90,
    to: 91,
    status: 'IN_CONTACT',
    signalDaysAgo: 420,
    contacted: true,
    endResult: { result: 'NO_HELP_WANTED', monthsAgo: 13 },
  },
  {
    name: 'NO_FURTHER_HELP_RECENTLY',
    from: 92,
    to: 99,
    status: 'IN_CONTACT',
    signalDaysAgo: 200,
    contacted: true,
    endResult: { result: 'NO_HELP_WANTED', monthsAgo: 6 },
  },
];

export interface BulkPopulationOptions {
  readonly cases: number;
  /** The moment the population is laid out around. */
  readonly now: Date;
  /** Distinguishes populations in one database; part of every id and name. Default 'bulk'. */
  readonly label?: string;
  readonly corporations?: number;
  readonly municipalities?: number;
  readonly debtCounsellors?: number;
  readonly consentsPerCase?: number;
  /** Cases per round of INSERTs (a 1,000,000 population is laid out in ten rounds by default). */
  readonly chunkSize?: number;
}

export interface BulkPopulation {
  readonly cases: number;
  readonly label: string;
  /** How many cases have each profile. */
  readonly byProfile: Readonly<Record<ProfileName, number>>;
  /** The organisation ids by kind, in order (index k is the k-th organisation of that kind). */
  readonly organizations: Readonly<Record<OrganizationKind, readonly string[]>>;
}

/** How many of n = 0 … cases − 1 have n mod 100 in [from, to]. */
export function casesInSlots(cases: number, from: number, to: number): number {
  const full = Math.floor(cases / 100) * (to - from + 1);
  const rest = cases % 100;
  return full + Math.max(0, Math.min(rest, to + 1) - from);
}

const literal = (value: string | number | boolean | null): string =>
  value === null ? 'NULL' : typeof value === 'string' ? `'${value.replaceAll("'", "''")}'` : String(value);

/** `CASE slot WHEN … END` of a profile field (NULL where the profile has none). */
function bySlot(value: (profile: Profile) => string | number | boolean | null | undefined): string {
  const branches = PROFILES.map(
    (profile) =>
      `WHEN g.slot BETWEEN ${profile.from} AND ${profile.to} THEN ${literal(value(profile) ?? null)}`,
  );
  return `(CASE ${branches.join(' ')} END)`;
}

/**
 * Lays out the population (organisations and users once, then the cases in rounds of `chunkSize`) and
 * refreshes the planner's statistics. Each statement is one set-based INSERT … SELECT.
 */
export async function generateBulkPopulation(
  dataSource: DataSource,
  options: BulkPopulationOptions,
): Promise<BulkPopulation> {
  const label = options.label ?? 'bulk';
  if (!/^[a-z0-9-]{1,20}$/.test(label)) throw new Error('label: 1–20 characters a-z, 0-9 or -');
  const counts: Record<OrganizationKind, number> = {
    HOUSING_CORPORATION: options.corporations ?? 20,
    MUNICIPALITY: options.municipalities ?? 5,
    DEBT_COUNSELLING: options.debtCounsellors ?? 5,
  };
  const consentsPerCase = options.consentsPerCase ?? 3;
  const chunkSize = options.chunkSize ?? 100_000;
  const today = todayInAmsterdam(options.now);

  // Deterministic ids and the organisation of case n of each kind, as SQL on the series value g.n.
  const id = (kind: string, number: string) => `md5('${label}:${kind}:' || (${number})::text)::uuid`;
  const org = (kind: OrganizationKind, number = 'g.n') => id(`org-${kind}`, `(${number}) % ${counts[kind]}`);
  const userOf = (kind: OrganizationKind, number = 'g.n') =>
    id(`user-${kind}`, `(${number}) % ${counts[kind]}`);
  const municipalityCode = (number: string) => `(9000 + (${number}) % ${counts.MUNICIPALITY})::text`;

  const organizations = {} as Record<OrganizationKind, string[]>;
  for (const kind of Object.keys(counts) as OrganizationKind[]) {
    const rows = await dataSource.query<{ id: string }[]>(
      `INSERT INTO organization (id, name, kind, municipality_code)
       SELECT ${org(kind, 'k')}, $1::text || ' ' || (k + 1), $2::organization_kind, ${municipalityCode('k')}
         FROM generate_series(0, $3::int - 1) k
       ORDER BY k
       RETURNING id`,
      [`${label} ${kind.toLowerCase().replaceAll('_', ' ')}`, kind, counts[kind]],
    );
    organizations[kind] = rows.map((row) => row.id);
    await dataSource.query(
      `INSERT INTO app_user (id, email, display_name, password_hash)
       SELECT ${userOf(kind, 'k')}, $1::text || k || '@bulk.example', 'Teamleider ' || (k + 1), 'not-a-password-hash'
         FROM generate_series(0, $2::int - 1) k`,
      [`${label}-${kind.toLowerCase()}-`, counts[kind]],
    );
    await dataSource.query(
      `INSERT INTO membership (user_id, organization_id, role)
       SELECT ${userOf(kind, 'k')}, ${org(kind, 'k')}, 'TEAM_LEAD'::membership_role
         FROM generate_series(0, $1::int - 1) k`,
      [counts[kind]],
    );
  }

  const caseId = id('case', 'g.n');
  const tenantId = id('tenant', 'g.n');
  const signalId = id('signal', 'g.n');
  const arrangementId = id('arrangement', 'g.n');
  const corporation = org('HOUSING_CORPORATION');
  const municipality = org('MUNICIPALITY');
  const counsellor = org('DEBT_COUNSELLING');
  // Values of our own making (a calendar date, an ISO moment, integers), spliced in as literals.
  const todaySql = `'${today}'::date`;
  const nowSql = `'${options.now.toISOString()}'::timestamptz`;
  const signalDate = `(${todaySql} - ${bySlot((profile) => profile.signalDaysAgo)})`;
  const atNine = (date: string) => `((${date})::timestamp + time '09:00') AT TIME ZONE 'Europe/Amsterdam'`;
  const monthsAgo = (months: string) => `(${nowSql} - make_interval(months => ${months}))`;
  const weeksAgo = (weeks: string) => `(${nowSql} - make_interval(weeks => ${weeks}))`;
  const firstConversationWeeks = bySlot((profile) => profile.firstConversationWeeksAgo);
  const arrangementStart = `(${todaySql} - make_interval(months => ${bySlot((profile) => (profile.arrangement ? { THREE_MISSED: 3, ONE_MISSED: 1, ON_TRACK: 2 }[profile.arrangement] : null))}))`;
  const onTrackPaid = (dueOn: string) =>
    `(${bySlot((profile) => profile.arrangement)} = 'ON_TRACK' AND ${dueOn} < ${todaySql})`;

  const statements = (start: number, end: number): string[] => {
    const series = `(SELECT n, n % 100 AS slot FROM generate_series(${start}::bigint, ${end - 1}::bigint) n) g`;
    return [
      `INSERT INTO tenant (id, initials, surname, street, house_number, postcode, city, municipality_code, origin_org_id)
     SELECT ${tenantId}, 'A.', 'Bulk ' || g.n, 'Dijkstraat', 1 + g.n % 300, '1234AB', 'Rivierstad',
            ${municipalityCode('g.n')}, ${corporation}
       FROM ${series}`,
      `INSERT INTO household (tenant_id, adults, children, origin_org_id)
     SELECT ${tenantId}, 1 + g.n % 2, g.n % 3, ${corporation} FROM ${series}`,
      `INSERT INTO tenancy (id, tenant_id, corporation_id, contract_number, monthly_rent_cents)
     SELECT ${id('tenancy', 'g.n')}, ${tenantId}, ${corporation}, '${label}-' || g.n, 70000 + (g.n % 50) * 500
       FROM ${series}`,
      `INSERT INTO case_file (id, reference, tenant_id, tenancy_id, origin_org_id, status, exit_reason, created_at,
                            updated_at, closed_at, help_requested_at, first_conversation_at)
     SELECT ${caseId}, 'VN-' || (8000 + g.n / 1000000) || '-' || lpad((g.n % 1000000)::text, 6, '0'),
            ${tenantId}, ${id('tenancy', 'g.n')}, ${corporation},
            ${bySlot((profile) => profile.status)}::case_status,
            CASE WHEN ${bySlot((profile) => profile.status)} = 'CLOSED' THEN 'ARREARS_PAID'::case_exit_reason END,
            ${atNine(signalDate)}, ${nowSql},
            ${monthsAgo(bySlot((profile) => profile.closedMonthsAgo))},
            ${weeksAgo(`${firstConversationWeeks} + 1`)}, ${weeksAgo(firstConversationWeeks)}
       FROM ${series}`,
      `INSERT INTO case_participant (case_id, organization_id, role, joined_at)
     SELECT ${caseId}, ${corporation}, 'REFERRER'::participant_role, ${atNine(signalDate)} FROM ${series}
     UNION ALL
     SELECT ${caseId}, ${municipality}, 'MUNICIPALITY'::participant_role, ${atNine(signalDate)} FROM ${series}
     UNION ALL
     SELECT ${caseId}, ${counsellor}, 'DEBT_COUNSELLING'::participant_role, ${atNine(signalDate)} FROM ${series}
      WHERE ${bySlot((profile) => profile.referralRespondByDays)} IS NOT NULL`,
      `INSERT INTO signal (id, case_id, sender_org_id, recipient_org_id, signal_date, arrears_amount_cents,
                         arrears_arose_on, sent_by_id, end_result, end_result_at, end_result_by_id, created_at)
     SELECT ${signalId}, ${caseId}, ${corporation}, ${municipality}, ${signalDate}, 150000 + (g.n % 40) * 2500,
            ${signalDate} - 60, ${userOf('HOUSING_CORPORATION')},
            ${bySlot((profile) => profile.endResult?.result)}::signal_end_result,
            ${monthsAgo(bySlot((profile) => profile.endResult?.monthsAgo))},
            CASE WHEN ${bySlot((profile) => profile.endResult?.result)} IS NOT NULL THEN ${userOf('MUNICIPALITY')} END,
            ${atNine(signalDate)}
       FROM ${series}`,
      `INSERT INTO arrears (case_id, amount_cents, arose_on, months_in_arrears, origin_org_id)
     SELECT ${caseId}, 150000 + (g.n % 40) * 2500, ${signalDate} - 60, 2, ${corporation} FROM ${series}`,
      `INSERT INTO contact_attempt (case_id, signal_id, channel, attempted_on, day_part, reached, origin_org_id, recorded_by_id)
     SELECT ${caseId}, ${signalId}, 'PHONE'::contact_channel, ${signalDate} + 2, 'MORNING'::day_part, TRUE, ${municipality}, ${userOf('MUNICIPALITY')}
       FROM ${series} WHERE ${bySlot((profile) => profile.contacted)}`,
      `INSERT INTO consent (tenant_id, case_id, recipient_org_id, purpose, categories, valid_from, valid_until, channel,
                          wording_version, wording_text, recorded_by_id, recorded_by_org_id)
     SELECT ${tenantId}, ${caseId},
            CASE k % 3 WHEN 0 THEN ${municipality} WHEN 1 THEN ${counsellor} ELSE ${corporation} END,
            (CASE k % 3 WHEN 0 THEN 'EVICTION_PREVENTION' WHEN 1 THEN 'DEBT_ASSISTANCE'
                        ELSE 'ARRANGEMENT_COORDINATION' END)::consent_purpose,
            '{CONTACT,ARREARS}'::data_category[], ${atNine(signalDate)} + make_interval(secs => k),
            ${nowSql} + interval '2 years', 'WRITTEN'::consent_channel, 'bulk-1', 'Ik geef toestemming.',
            ${userOf('MUNICIPALITY')}, ${municipality}
       FROM ${series} CROSS JOIN generate_series(0, ${consentsPerCase - 1}) k`,
      `INSERT INTO referral (case_id, from_org_id, to_org_id, to_role, status, message, respond_by, created_by_id, created_at)
     SELECT ${caseId}, ${municipality}, ${counsellor}, 'DEBT_COUNSELLING'::participant_role, 'PENDING'::referral_status, 'Graag schuldhulp.',
            ${todaySql} + ${bySlot((profile) => profile.referralRespondByDays)}, ${userOf('MUNICIPALITY')},
            ${atNine(signalDate)} + interval '3 days'
       FROM ${series} WHERE ${bySlot((profile) => profile.referralRespondByDays)} IS NOT NULL`,
      `INSERT INTO case_transition (case_id, from_status, to_status, by_org_id, via, occurred_at)
     SELECT ${caseId}, 'INTAKE'::case_status, 'ADMITTED'::case_status, ${municipality}, 'bulk-population',
            ${weeksAgo(firstConversationWeeks)} + interval '1 week'
       FROM ${series}
      WHERE ${bySlot((profile) => profile.status)} IN ('ADMITTED', 'STABILISATION')`,
      `INSERT INTO payment_arrangement (id, case_id, total_cents, instalment_count, instalment_cents, start_date, due_day,
                                      status, missed_tolerance, origin_org_id, created_by_id, created_at)
     SELECT ${arrangementId}, ${caseId}, 60000, 6, 10000, ${arrangementStart}::date,
            LEAST(extract(day FROM ${arrangementStart})::int, 28), 'ACTIVE'::arrangement_status, 2, ${corporation},
            ${userOf('HOUSING_CORPORATION')}, ${nowSql} - interval '100 days'
       FROM ${series}
      WHERE ${bySlot((profile) => profile.arrangement)} IS NOT NULL`,
      `INSERT INTO instalment (arrangement_id, case_id, sequence, due_on, amount_cents, status, paid_on, paid_cents, origin_org_id)
     SELECT ${arrangementId}, ${caseId}, i, due.due_on, 10000,
            (CASE WHEN ${onTrackPaid('due.due_on')} THEN 'PAID_ON_TIME' ELSE 'DUE' END)::instalment_status,
            CASE WHEN ${onTrackPaid('due.due_on')} THEN due.due_on END,
            CASE WHEN ${onTrackPaid('due.due_on')} THEN 10000 END,
            ${corporation}
       FROM ${series}
       CROSS JOIN generate_series(1, 6) i
       CROSS JOIN LATERAL (SELECT (${arrangementStart} + make_interval(months => i - 1))::date AS due_on) due
      WHERE ${bySlot((profile) => profile.arrangement)} IS NOT NULL`,
      `INSERT INTO collection_step (case_id, kind, step_date, origin_org_id, recorded_by_id)
     SELECT ${caseId}, 'EVICTION_SCHEDULED'::collection_step_kind, ${todaySql} + ${bySlot((profile) => profile.evictionInDays)},
            ${corporation}, ${userOf('HOUSING_CORPORATION')}
       FROM ${series} WHERE ${bySlot((profile) => profile.evictionInDays)} IS NOT NULL`,
    ];
  };
  // A plain pooled connection (TypeORM would log every one of these statements as slow). Each round is
  // one transaction; the rows are consistent by construction, so a superuser skips the per-row
  // foreign-key triggers (session_replication_role), which makes the load several times faster.
  const driver = dataSource.driver as PostgresDriver;
  const [client, release] = (await driver.obtainMasterConnection()) as [
    pg.PoolClient,
    (error?: Error) => void,
  ];
  try {
    const { rows } = await client.query<{ superuser: boolean }>(
      `SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
    );
    for (let start = 0; start < options.cases; start += chunkSize) {
      await client.query('BEGIN');
      try {
        if (rows[0]?.superuser) await client.query(`SET LOCAL session_replication_role = replica`);
        for (const sql of statements(start, Math.min(options.cases, start + chunkSize)))
          await client.query(sql);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    await client.query('ANALYZE');
  } finally {
    release();
  }

  const byProfile = Object.fromEntries(
    PROFILES.map((profile) => [profile.name, casesInSlots(options.cases, profile.from, profile.to)]),
  ) as Record<ProfileName, number>;
  return { cases: options.cases, label, byProfile, organizations };
}

/** A profile's days from today, as a calendar date (for readable expectations in tests). */
export function profileDate(now: Date, days: number): string {
  return addCalendarDays(todayInAmsterdam(now), days);
}
