import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../../src/core/config.js';
import { createDataSource } from '../../src/core/db/data-source.js';
import { openDatabaseServer } from '../../src/core/db/database.js';
import { findFreePort } from '../../src/core/db/embedded-postgres.js';
import { findRunningEmbeddedServer } from '../../src/core/db/running-embedded.js';
import { defaultJobs, ENTITIES } from '../../src/app/features.js';
import { JobScheduler } from '../../src/core/jobs/scheduler.js';
import { hashPassword } from '../../src/features/auth/password.js';
import { generateBulkPopulation } from '../../src/testing/bulk-population.js';

/**
 * The benchmark's database: the bulk population of src/testing/bulk-population.ts (the generator the
 * scale tests use, unchanged) plus what a benchmark needs on top — users who can sign in, in the roles of
 * the scenarios, and their assignments — laid out set-based as well. A database is kept per size and
 * label, with a marker row saying what it holds, so a rerun at the same size reuses it.
 */

/** Raise when what `addBenchUsers` lays out changes: older databases are then laid out again. */
const BENCH_LAYOUT_VERSION = 2;
export const BENCH_PASSWORD = 'vangnet-bench-password';

export const BENCH_USERS = {
  /** A debt counsellor of the first debt-counselling organisation, assigned to half its cases. */
  counsellor: 'counsellor@bench.example',
  /** The team lead the generator made for the first municipality (its users record the municipality's rows). */
  teamLead: 'bench-municipality-0@bulk.example',
  /** A debt counsellor of the first municipality, assigned to a quarter of its cases. */
  municipalCounsellor: 'municipal-counsellor@bench.example',
} as const;

/**
 * Who signs in during the login scenario: one account per connection. Sign-in reserves an attempt on
 * the account before checking the password, so concurrent sign-ins of one account beyond its failure
 * limit are refused (and would lock it out): people do not sign in 20 times at once as one person.
 */
export const LOGIN_USERS = 20;
export const loginUser = (index: number) => `login-${index % LOGIN_USERS}@bench.example`;

export interface DatabaseTarget {
  /** The application database of this population. */
  readonly url: string;
  /** The BSN key the server must be started with (kept with the population). */
  readonly bsnKey: Buffer;
  /** The embedded server's postmaster, to pin it to a core; null for an external server. */
  readonly postmasterPid: number | null;
  stop(): Promise<void>;
}

export interface PopulationInfo {
  readonly cases: number;
  readonly label: string;
  readonly reused: boolean;
  /** Seconds the generator took (null when reused: see `loadedAt`). */
  readonly generateSeconds: number | null;
  readonly loadedAt: string;
  /** The moment the population was laid out around. */
  readonly now: string;
  readonly jobsSeconds: number;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

function postmasterPidOf(dataDir: string): number | null {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * The PostgreSQL server: `DATABASE_URL` when given (its user needs CREATEDB), else an embedded one on a
 * data directory of the benchmark's own (never the app's `.vangnet-data`), reused when it still runs.
 */
export async function openServer(options: {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly databaseName: string;
}): Promise<{ adminUrl: string; url: string; postmasterPid: number | null; stop(): Promise<void> }> {
  if (options.databaseUrl) {
    return {
      adminUrl: options.databaseUrl,
      url: withDatabase(options.databaseUrl, options.databaseName),
      postmasterPid: null,
      stop: () => Promise.resolve(),
    };
  }
  const running = await findRunningEmbeddedServer(options.dataDir);
  if (running) {
    return {
      adminUrl: running.url,
      url: withDatabase(running.url, options.databaseName),
      postmasterPid: running.pid,
      stop: () => Promise.resolve(),
    };
  }
  const config = loadConfig({
    VANGNET_DATA_DIR: options.dataDir,
    VANGNET_EMBEDDED_PG_PORT: String(await findFreePort()),
  });
  const server = await openDatabaseServer(config, pino({ level: 'warn' }));
  return {
    adminUrl: server.url,
    url: withDatabase(server.url, options.databaseName),
    postmasterPid: postmasterPidOf(server.dataDir ?? options.dataDir),
    stop: () => server.stop(),
  };
}

interface Marker {
  version: number;
  cases: number;
  label: string;
  now: Date;
  generate_seconds: number;
  loaded_at: Date;
  bsn_key: string;
}

async function readMarker(url: string): Promise<Marker | null> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<Marker>(
      `SELECT version, cases, label, now, generate_seconds, loaded_at, bsn_key
         FROM bench_population WHERE to_regclass('bench_population') IS NOT NULL`,
    );
    return rows[0] ?? null;
  }).catch(() => null);
}

/**
 * Makes sure `url` holds the population of `cases` cases labelled `label`: reuses it when its marker
 * says so, else drops the database and lays it out (migrations, generator, bench users), and records
 * the marker last, so an interrupted load is never mistaken for a finished one.
 */
export async function ensurePopulation(
  server: { adminUrl: string; url: string },
  databaseName: string,
  options: { cases: number; label: string; log: (line: string) => void },
): Promise<{ info: Omit<PopulationInfo, 'jobsSeconds'>; bsnKey: Buffer }> {
  const exists = await withClient(server.adminUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    return rowCount === 1;
  });
  const marker = exists ? await readMarker(server.url) : null;
  if (
    marker &&
    marker.version === BENCH_LAYOUT_VERSION &&
    marker.cases === options.cases &&
    marker.label === options.label
  ) {
    options.log(
      `reusing database ${databaseName}: ${options.cases} cases laid out ${marker.loaded_at.toISOString()}`,
    );
    return {
      info: {
        cases: options.cases,
        label: options.label,
        reused: true,
        generateSeconds: marker.generate_seconds,
        loadedAt: marker.loaded_at.toISOString(),
        now: marker.now.toISOString(),
      },
      bsnKey: Buffer.from(marker.bsn_key, 'base64'),
    };
  }

  await withClient(server.adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${databaseName}`);
  });
  const dataSource = createDataSource(server.url, undefined, { entities: ENTITIES, poolSize: 2 });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const now = new Date();
    options.log(`laying out ${options.cases} cases (label ${options.label}) …`);
    const started = performance.now();
    await generateBulkPopulation(dataSource, { cases: options.cases, now, label: options.label });
    const generateSeconds = (performance.now() - started) / 1000;
    options.log(`generated ${options.cases} cases in ${generateSeconds.toFixed(1)} s`);
    const extrasStarted = performance.now();
    await addBenchUsers(dataSource.query.bind(dataSource), options.label, now);
    options.log(
      `bench users and assignments in ${((performance.now() - extrasStarted) / 1000).toFixed(1)} s`,
    );
    const bsnKey = randomBytes(32);
    await dataSource.query(
      `CREATE TABLE bench_population (version int NOT NULL, cases int NOT NULL, label text NOT NULL,
         now timestamptz NOT NULL, generate_seconds float8 NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now(),
         bsn_key text NOT NULL)`,
    );
    const [row] = await dataSource.query<{ loaded_at: Date }[]>(
      `INSERT INTO bench_population (version, cases, label, now, generate_seconds, bsn_key)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING loaded_at`,
      [BENCH_LAYOUT_VERSION, options.cases, options.label, now, generateSeconds, bsnKey.toString('base64')],
    );
    return {
      info: {
        cases: options.cases,
        label: options.label,
        reused: false,
        generateSeconds,
        loadedAt: row!.loaded_at.toISOString(),
        now: now.toISOString(),
      },
      bsnKey,
    };
  } finally {
    await dataSource.destroy();
  }
}

type Query = (sql: string, parameters?: unknown[]) => Promise<unknown>;

/**
 * Users of the scenarios, with a real argon2id hash (the generator's users have none that verifies):
 * - the counsellor (DEBT_COUNSELLOR of debt-counselling organisation 0), assigned to every other case of
 *   that organisation (by hundreds of n), so "my cases" is a part of the organisation and the queue the
 *   rest; the tenant consented to the counsellor's organisation for the plan, notes and finances of the
 *   cases assigned to them, as happens once debt help starts;
 * - municipality 0's team lead (made by the generator) and a debt counsellor of that municipality
 *   assigned to a quarter of its cases, so the organisation's queue is not simply all its cases.
 */
async function addBenchUsers(query: Query, label: string, now: Date): Promise<void> {
  const hash = await hashPassword(BENCH_PASSWORD);
  const id = (kind: string, number: string) => `md5('${label}:${kind}:' || (${number})::text)::uuid`;
  const counsellorOrg = id('org-DEBT_COUNSELLING', '0');
  const municipalityOrg = id('org-MUNICIPALITY', '0');
  const counsellor = `md5('${label}:bench-user:counsellor')::uuid`;
  const municipalCounsellor = `md5('${label}:bench-user:municipal-counsellor')::uuid`;
  await query(
    `INSERT INTO app_user (id, email, display_name, password_hash)
     VALUES (${counsellor}, $1, 'Schuldhulpverlener Bench', $3),
            (${municipalCounsellor}, $2, 'Gemeentelijk schuldhulpverlener Bench', $3)`,
    [BENCH_USERS.counsellor, BENCH_USERS.municipalCounsellor, hash],
  );
  await query(`UPDATE app_user SET password_hash = $1 WHERE email = $2`, [hash, BENCH_USERS.teamLead]);
  await query(
    `INSERT INTO app_user (id, email, display_name, password_hash)
     SELECT md5('${label}:bench-login:' || k)::uuid, 'login-' || k || '@bench.example', 'Inlogger ' || k, $1
       FROM generate_series(0, $2::int - 1) k`,
    [hash, LOGIN_USERS],
  );
  await query(
    `INSERT INTO membership (user_id, organization_id, role)
     SELECT md5('${label}:bench-login:' || k)::uuid, ${counsellorOrg}, 'DEBT_COUNSELLOR'
       FROM generate_series(0, $1::int - 1) k`,
    [LOGIN_USERS],
  );
  await query(
    `INSERT INTO membership (user_id, organization_id, role)
     VALUES (${counsellor}, ${counsellorOrg}, 'DEBT_COUNSELLOR'), (${municipalCounsellor}, ${municipalityOrg}, 'DEBT_COUNSELLOR')`,
  );
  // The generator's participants say which cases each organisation takes part in.
  await query(
    `INSERT INTO case_assignee (case_id, organization_id, user_id, assigned_by_id)
     SELECT p.case_id, p.organization_id, ${counsellor}, NULL
       FROM case_participant p
       JOIN case_file c ON c.id = p.case_id
      WHERE p.organization_id = ${counsellorOrg}
        AND (substring(c.reference from 9)::int / 100) % 2 = 0`,
  );
  await query(
    `INSERT INTO case_assignee (case_id, organization_id, user_id, assigned_by_id)
     SELECT p.case_id, p.organization_id, ${municipalCounsellor}, NULL
       FROM case_participant p
       JOIN case_file c ON c.id = p.case_id
      WHERE p.organization_id = ${municipalityOrg}
        AND substring(c.reference from 9)::int % 4 = 0`,
  );
  await query(
    `INSERT INTO consent (tenant_id, case_id, recipient_org_id, purpose, categories, valid_from, valid_until, channel,
                          wording_version, wording_text, recorded_by_id, recorded_by_org_id)
     SELECT c.tenant_id, c.id, a.organization_id, 'DEBT_ASSISTANCE',
            '{ACTION_PLAN,CASE_NOTES,HOUSEHOLD,INCOME_EXPENSES,DEBTS}'::data_category[],
            $1::timestamptz - interval '7 days', $1::timestamptz + interval '2 years', 'WRITTEN', 'bulk-1',
            'Ik geef toestemming.', ${counsellor}, a.organization_id
       FROM case_assignee a JOIN case_file c ON c.id = a.case_id
      WHERE a.user_id = ${counsellor}`,
    [now],
  );
  await query('ANALYZE');
}

/**
 * Runs every scheduled job once to completion, as a running server would have long done: retention
 * removes what is past its period, referrals expire, deadline alerts are noted. The server started next
 * then finds them not due, so no job runs during the measurements.
 */
export async function settleJobs(url: string): Promise<number> {
  const started = performance.now();
  const dataSource = createDataSource(url, undefined, { entities: ENTITIES, poolSize: 2 });
  await dataSource.initialize();
  try {
    const scheduler = new JobScheduler(dataSource, pino({ level: 'warn' }));
    for (const job of defaultJobs()) scheduler.register(job);
    for (const job of defaultJobs()) {
      // A job stopped by its time budget carries on where it stopped.
      for (let round = 0; round < 20; round += 1) {
        const outcome = await scheduler.runNow(job.name);
        if (outcome.status !== 'succeeded') throw new Error(`job ${job.name}: ${JSON.stringify(outcome)}`);
        if (!('result' in outcome) || (outcome.result as { complete?: boolean }).complete !== false) break;
      }
    }
  } finally {
    await dataSource.destroy();
  }
  return (performance.now() - started) / 1000;
}
