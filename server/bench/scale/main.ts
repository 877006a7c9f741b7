import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { checkBudgets, type ScaleResult, type ScenarioResult } from './budgets.js';
import {
  casePageFloor,
  myCasesFloor,
  queueFloor,
  searchFloor,
  type Floor,
  type FloorActor,
} from './floors.js';
import { loadApi, loadFloor, type ConnectionScript } from './load.js';
import { readClientOperations } from './operations.js';
import {
  BENCH_PASSWORD,
  BENCH_USERS,
  ensurePopulation,
  loginUser,
  openServer,
  settleJobs,
} from './population.js';
import { canPin, pin, startServer, type RunningServer } from './server.js';
import { printTable } from './report.js';

/**
 * `pnpm bench`: Vangnet at the size of a region (docs/performance.md). For each scale: a bulk-loaded
 * database (reused when it is already there), the built server in production mode on it, and autocannon
 * against the client's own operations at 1 and 20 connections; for the read scenarios the floor, one
 * hand-written statement with the same rows under the same rule, measured the same way in the same
 * run. Prints a table per scale, writes the results as JSON, and with --check enforces the budgets.
 */

/** The repository root: the compiled bench runs from server/bench/dist/…, the sources from server/bench. */
function findRepoRoot(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(directory, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('cannot find the repository root (pnpm-workspace.yaml)');
    directory = parent;
  }
  return directory;
}
const REPO_ROOT = findRepoRoot();

const USAGE = `pnpm bench [--cases 100000[,1000000]] [--seconds 10] [--connections 1,20] [--page 50]
           [--scenarios worklist,queue,...] [--check] [--no-build] [--no-pin] [--label bench]
           [--data-dir DIR]   (DATABASE_URL: use that PostgreSQL server instead of an embedded one)`;

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '1,20' },
    page: { type: 'string', default: '50' },
    scenarios: { type: 'string' },
    check: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'no-pin': { type: 'boolean', default: false },
    label: { type: 'string', default: 'bench' },
    'data-dir': { type: 'string', default: path.join(os.tmpdir(), 'vangnet-bench') },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const numbers = (value: string, name: string): number[] =>
  value.split(',').map((part) => {
    const number = Number(part.replaceAll('_', ''));
    if (!Number.isInteger(number) || number <= 0) {
      console.error(`--${name}: whole numbers above 0, comma-separated\n${USAGE}`);
      process.exit(2);
    }
    return number;
  });
const scales = numbers(args.cases, 'cases');
const seconds = numbers(args.seconds, 'seconds')[0]!;
const connectionCounts = numbers(args.connections, 'connections');
const page = numbers(args.page, 'page')[0]!;
const log = (line: string) => console.log(`[bench] ${line}`);

const SCENARIOS = [
  'worklist',
  'queue',
  'casePage',
  'myDeadlines',
  'search',
  'addCaseNote',
  'updateActionItem',
  'login',
] as const;
type ScenarioName = (typeof SCENARIOS)[number];
const chosen = (args.scenarios?.split(',') ?? SCENARIOS) as ScenarioName[];
for (const name of chosen)
  if (!SCENARIOS.includes(name)) {
    console.error(`--scenarios: unknown ${name}; known: ${SCENARIOS.join(', ')}`);
    process.exit(2);
  }

const operations = readClientOperations(REPO_ROOT);
const CASE_QUEUE = operations.text('CaseQueue');
const CASE_PAGE = operations.text('CasePage');
const MY_DEADLINES = operations.text('MyDeadlines');
const ADD_CASE_NOTE = operations.text('AddCaseNote');
const UPDATE_ACTION_ITEM = operations.text('UpdateActionItem');
const ADD_ACTION_ITEM = operations.text('AddActionItem');
const LOGIN = operations.text('Login');

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function gql<T>(
  url: string,
  cookie: string | null,
  query: string,
  variables: object,
): Promise<GraphQLAnswer<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLAnswer<T>;
}

async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ query: LOGIN, variables: { email, password: BENCH_PASSWORD } }),
  });
  const answer = (await response.json()) as GraphQLAnswer<unknown>;
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (answer.errors || !cookie)
    throw new Error(`sign-in of ${email} failed: ${JSON.stringify(answer.errors)}`);
  return cookie;
}

/** A GraphQL answer counts as a success when it carries no `errors`. */
const noErrors = (body: string): string | null => (body.includes('"errors"') ? body.slice(0, 300) : null);

const fixed =
  (body: string): ((connection: number) => ConnectionScript) =>
  () => ({
    body: () => body,
    check: noErrors,
  });

interface ActorInfo extends FloorActor {
  readonly cookie: string;
}

async function actorOf(database: pg.Client, url: string, email: string): Promise<ActorInfo> {
  const { rows } = await database.query<{
    user_id: string;
    organization_id: string;
    role: string;
    kind: string;
  }>(
    `SELECT u.id AS user_id, m.organization_id, m.role, o.kind
       FROM app_user u JOIN membership m ON m.user_id = u.id JOIN organization o ON o.id = m.organization_id
      WHERE u.email = $1`,
    [email],
  );
  const row = rows[0];
  if (!row || rows.length !== 1) throw new Error(`${email}: expected exactly one membership`);
  return {
    userId: row.user_id,
    organizationId: row.organization_id,
    teamLead: row.role === 'TEAM_LEAD',
    municipality: row.kind === 'MUNICIPALITY',
    cookie: await signIn(url, email),
  };
}

interface CaseQueueAnswer {
  cases: { totalCount: number; edges: { node: { id: string; reference: string } }[] };
}

/** Compares the API's row ids (in order) with the floor's; a difference is printed loudly and fails --check. */
async function compareRows(
  database: pg.Client,
  scenario: string,
  apiIds: readonly string[],
  floor: Floor,
): Promise<string | null> {
  const { rows } = await database.query<{ id: string }>(floor.sql, [...floor.values]);
  const floorIds = rows.map((row) => row.id);
  if (JSON.stringify(floorIds) === JSON.stringify(apiIds)) return null;
  const mismatch = `${scenario}: the floor returns ${floorIds.length} rows, the API ${apiIds.length}; first difference at row ${floorIds.findIndex((id, index) => id !== apiIds[index])}`;
  console.error(`\n!!!!! ROW MISMATCH !!!!! ${mismatch}\n`);
  return mismatch;
}

async function runScale(cases: number): Promise<ScaleResult> {
  const databaseName = `bench_${cases}_${args.label.replaceAll('-', '_')}`;
  const pgServer = await openServer({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: args['data-dir'],
    databaseName,
  });
  const target = { adminUrl: pgServer.adminUrl, url: pgServer.url };
  const { info, bsnKey } = await ensurePopulation(target, databaseName, { cases, label: args.label, log });
  log(`settling the scheduled jobs …`);
  const jobsSeconds = await settleJobs(target.url);
  log(`jobs settled in ${jobsSeconds.toFixed(1)} s`);

  const cores = os.availableParallelism();
  const pinning = !args['no-pin'] && canPin(cores) && pgServer.postmasterPid !== null;
  if (pinning) {
    // PostgreSQL on core 0; the server and the load generators (this process) on core 1.
    pin(pgServer.postmasterPid!, 0);
    pin(process.pid, 1);
  }
  const resultsDir = path.join(REPO_ROOT, 'server', 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const app: RunningServer = await startServer({
    repoRoot: REPO_ROOT,
    databaseUrl: target.url,
    bsnKey,
    logFile: path.join(resultsDir, `server-${cases}.log`),
    core: pinning ? 1 : null,
  });
  const database = new pg.Client({ connectionString: target.url });
  await database.connect();
  const results: ScenarioResult[] = [];
  const mismatches: string[] = [];
  try {
    const counsellor = await actorOf(database, app.url, BENCH_USERS.counsellor);
    const teamLead = await actorOf(database, app.url, BENCH_USERS.teamLead);
    const now = new Date();

    const mine = await gql<CaseQueueAnswer>(app.url, counsellor.cookie, CASE_QUEUE, {
      first: page,
      filter: { assignedToMe: true },
    });
    const myCases = mine.data?.cases.edges.map((edge) => edge.node) ?? [];
    if (mine.errors || myCases.length < 3)
      throw new Error(`the counsellor's work list: ${JSON.stringify(mine.errors ?? myCases)}`);
    // The case page is read, notes go to another case, plan items to others still: writes must not
    // change what the reads measure.
    const pageCase = myCases[0]!;
    const noteCase = myCases[1]!;
    const itemCases = myCases.slice(2);
    const searchPrefix = pageCase.reference.slice(0, -2);

    interface Scenario {
      readonly name: ScenarioName;
      readonly cookie: string | null;
      readonly script: (connection: number) => ConnectionScript;
      readonly floor?: { floor: Floor; apiIds: () => Promise<string[]> };
    }
    const listIds = async (cookie: string, filter: object) => {
      const answer = await gql<CaseQueueAnswer>(app.url, cookie, CASE_QUEUE, { first: page, filter });
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      return answer.data!.cases.edges.map((edge) => edge.node.id);
    };
    const body = (query: string, variables: object) => JSON.stringify({ query, variables });
    let itemRound = 0;
    const scenarios: Record<ScenarioName, () => Promise<Scenario>> = {
      worklist: () =>
        Promise.resolve({
          name: 'worklist',
          cookie: counsellor.cookie,
          script: fixed(body(CASE_QUEUE, { first: page, filter: { assignedToMe: true } })),
          floor: {
            floor: myCasesFloor(counsellor, now, page),
            apiIds: () => listIds(counsellor.cookie, { assignedToMe: true }),
          },
        }),
      queue: () =>
        Promise.resolve({
          name: 'queue',
          cookie: teamLead.cookie,
          script: fixed(body(CASE_QUEUE, { first: page, filter: { assignedToMe: false } })),
          floor: {
            floor: queueFloor(teamLead, now, page),
            apiIds: () => listIds(teamLead.cookie, { assignedToMe: false }),
          },
        }),
      casePage: () =>
        Promise.resolve({
          name: 'casePage',
          cookie: counsellor.cookie,
          script: fixed(body(CASE_PAGE, { id: pageCase.id })),
          floor: {
            floor: casePageFloor(counsellor, now, pageCase.id),
            apiIds: async () => {
              const answer = await gql<{ case: { id: string } }>(app.url, counsellor.cookie, CASE_PAGE, {
                id: pageCase.id,
              });
              if (answer.errors) throw new Error(JSON.stringify(answer.errors));
              return [answer.data!.case.id];
            },
          },
        }),
      myDeadlines: () =>
        Promise.resolve({
          name: 'myDeadlines',
          cookie: counsellor.cookie,
          script: fixed(body(MY_DEADLINES, {})),
        }),
      search: () =>
        Promise.resolve({
          name: 'search',
          cookie: counsellor.cookie,
          script: fixed(body(CASE_QUEUE, { first: page, filter: { reference: searchPrefix } })),
          floor: {
            floor: searchFloor(counsellor, now, page, searchPrefix),
            apiIds: () => listIds(counsellor.cookie, { reference: searchPrefix }),
          },
        }),
      addCaseNote: () =>
        Promise.resolve({
          name: 'addCaseNote',
          cookie: counsellor.cookie,
          script: fixed(
            body(ADD_CASE_NOTE, {
              input: { caseId: noteCase.id, body: 'Bench: telefonisch gesproken.', visibility: 'OWN_ORG' },
            }),
          ),
        }),
      updateActionItem: async () => {
        // Fresh plan items each run, one per connection, so no two connections edit the same row and
        // the history an answer carries starts empty every run.
        itemRound += 1;
        const items: { id: string; version: number }[] = [];
        for (let index = 0; index < Math.max(...connectionCounts); index += 1) {
          const answer = await gql<{ addActionItem: { id: string; version: number } }>(
            app.url,
            counsellor.cookie,
            ADD_ACTION_ITEM,
            {
              input: {
                caseId: itemCases[index % itemCases.length]!.id,
                ownerOrgId: counsellor.organizationId,
                title: `Bench-actie ${itemRound}.${index}`,
              },
            },
          );
          if (answer.errors) throw new Error(`addActionItem: ${JSON.stringify(answer.errors)}`);
          items.push({ id: answer.data!.addActionItem.id, version: answer.data!.addActionItem.version });
        }
        return {
          name: 'updateActionItem',
          cookie: counsellor.cookie,
          script: (connection) => {
            const item = items[connection % items.length]!;
            let next = 0;
            return {
              body: () => {
                next += 1;
                return body(UPDATE_ACTION_ITEM, {
                  input: {
                    id: item.id,
                    expectedVersion: item.version,
                    patch: { status: next % 2 === 0 ? 'OPEN' : 'IN_PROGRESS' },
                  },
                });
              },
              check: (answer) => {
                const parsed = JSON.parse(answer) as GraphQLAnswer<{ updateActionItem: { version: number } }>;
                if (parsed.errors || !parsed.data) return answer.slice(0, 300);
                item.version = parsed.data.updateActionItem.version;
                return null;
              },
            };
          },
        };
      },
      login: () =>
        Promise.resolve({
          name: 'login',
          cookie: null,
          script: (connection) => {
            const sent = body(LOGIN, { email: loginUser(connection), password: BENCH_PASSWORD });
            return { body: () => sent, check: noErrors };
          },
        }),
    };

    for (const name of chosen) {
      for (const connections of connectionCounts) {
        const scenario = await scenarios[name]();
        log(`${name} at ${connections} connection(s) …`);
        const api = await loadApi({
          url: app.url,
          cookie: scenario.cookie,
          connections,
          seconds: seconds,
          script: scenario.script,
        });
        let floor = null;
        if (scenario.floor) {
          const mismatch = await compareRows(
            database,
            name,
            await scenario.floor.apiIds(),
            scenario.floor.floor,
          );
          if (mismatch && !mismatches.includes(mismatch)) mismatches.push(mismatch);
          floor = await loadFloor({
            databaseUrl: target.url,
            connections,
            seconds: seconds,
            name: `floor_${name}`,
            sql: scenario.floor.floor.sql,
            values: scenario.floor.floor.values,
          });
        }
        if (api.errors > 0)
          console.error(`[bench] ${name}: ${api.errors} failed requests; first: ${api.firstError}`);
        results.push({ scenario: name, connections, api, floor });
      }
    }
  } finally {
    await database.end();
    await app.stop();
    await pgServer.stop();
  }
  return { cases, population: { ...info, jobsSeconds }, pinned: pinning, results, mismatches };
}

async function main(): Promise<void> {
  if (!args['no-build']) {
    log('building the server (pnpm --filter @vangnet/server run build) …');
    execFileSync('pnpm', ['--filter', '@vangnet/server', 'run', 'build'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
  }
  const startedAt = new Date();
  const scaleResults: ScaleResult[] = [];
  for (const cases of scales) {
    const result = await runScale(cases);
    scaleResults.push(result);
    printTable(result, seconds);
    const resultsDir = path.join(REPO_ROOT, 'server', 'bench', 'results');
    const file = path.join(
      resultsDir,
      `${cases}-${startedAt.toISOString().replaceAll(':', '-').slice(0, 19)}.json`,
    );
    writeFileSync(
      file,
      `${JSON.stringify({ startedAt, machine: { cpus: os.availableParallelism(), node: process.version, loadAverage: os.loadavg() }, seconds, page, ...result }, null, 2)}\n`,
    );
    log(`results written to ${path.relative(REPO_ROOT, file)}`);
  }
  const failures = checkBudgets(scaleResults);
  if (failures.length === 0) log('every budget met');
  else {
    console.log(`\n${failures.length} budget(s) not met:`);
    for (const failure of failures) console.log(`  - ${failure}`);
  }
  if (args.check && failures.length > 0) process.exitCode = 1;
}

await main();
