import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in e2e/support/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where Playwright keeps traces and screenshots of failures; also the app's build and server logs. */
export const RESULTS_DIR = path.join(REPO_ROOT, 'e2e', 'test-results');

const HEALTH_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;
const POSTGRES_GONE_TIMEOUT_MS = 15_000;

export interface RunningAppServer {
  readonly baseURL: string;
  readonly dataDir: string;
  readonly logFile: string;
  /** SIGTERM, wait for the exit, make sure the embedded PostgreSQL is gone, remove the data directory. */
  stop(): Promise<void>;
}

/** `pnpm build` at the repository root, as the README's start command does before it starts the server. */
export async function buildApp(logFile: string): Promise<void> {
  const [command, args] = pnpmCommand(['build']);
  await runLogged(command, args, logFile, 'pnpm build');
}

/**
 * Starts the app the way `pnpm start` does (`node server/dist/cli.js start --demo`), but on a fresh
 * database: a new temporary VANGNET_DATA_DIR (so the embedded PostgreSQL runs initdb, the migrations and
 * the demo seed from nothing) and free ports for the HTTP server and the embedded PostgreSQL.
 */
export async function startAppServer(logFile: string): Promise<RunningAppServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vangnet-e2e-'));
  const port = await findFreePort();
  const pgPort = await findFreePort([port]);
  const baseURL = `http://127.0.0.1:${port}`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    VANGNET_DATA_DIR: dataDir,
    VANGNET_EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: process.env.E2E_SERVER_LOG_LEVEL ?? 'info',
  };
  // Always the embedded database in the fresh directory, with the defaults the README command has.
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  delete env.VANGNET_BSN_KEY;

  mkdirSync(path.dirname(logFile), { recursive: true });
  const logFd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, [path.join('server', 'dist', 'cli.js'), 'start', '--demo'], {
      cwd: REPO_ROOT,
      env,
      // Its own process group, so that whatever it leaves behind (the postmaster) can be found and ended.
      detached: true,
      stdio: ['ignore', logFd, logFd],
    });
  } finally {
    closeSync(logFd);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start the app server (see ${logFile})`);

  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    });
  });
  // Last resort if the runner itself goes away without running the teardown.
  const killOnExit = () => signalGroup(pid, 'SIGKILL');
  process.on('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!exit) {
        child.kill('SIGTERM');
        if (!(await within(exited, STOP_TIMEOUT_MS))) {
          console.warn(
            `e2e: the app server did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM; killing it`,
          );
          signalGroup(pid, 'SIGKILL');
          await exited;
        }
      }
      process.off('exit', killOnExit);
      await ensurePostgresGone(pid, dataDir);
      if (process.env.E2E_KEEP_DATA) console.log(`e2e: kept the app's data directory ${dataDir}`);
      else await rm(dataDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  const started = Date.now();
  try {
    await waitForHealth(baseURL, () => exit, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  console.log(
    `e2e: app at ${baseURL} on a fresh database (${path.basename(dataDir)}, PostgreSQL on ${pgPort}), ` +
      `healthy after ${((Date.now() - started) / 1000).toFixed(1)} s; log: ${path.relative(process.cwd(), logFile)}`,
  );
  return { baseURL, dataDir, logFile, stop };
}

async function waitForHealth(
  baseURL: string,
  exitOf: () => { code: number | null; signal: NodeJS.Signals | null } | undefined,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const exit = exitOf();
    if (exit) {
      throw new Error(
        `the app server exited (code ${exit.code ?? '-'}, signal ${exit.signal ?? '-'}) before /healthz said ok` +
          tail(logFile),
      );
    }
    try {
      const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(2_000) });
      const body = await response.text();
      if (response.ok && isHealthy(body)) return;
      last = `${response.status} ${body}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(
    `/healthz did not say ok within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last})` + tail(logFile),
  );
}

function isHealthy(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && Reflect.get(parsed, 'status') === 'ok';
  } catch {
    return false;
  }
}

/**
 * After the server's graceful shutdown the postmaster must be gone. If anything of the server's process
 * group is still alive (for example a postmaster orphaned by a crash), it is stopped here, and said so.
 */
async function ensurePostgresGone(groupId: number, dataDir: string): Promise<void> {
  const postmasterPid = await readPostmasterPid(dataDir);
  const alive = () => groupAlive(groupId) || (postmasterPid !== null && processAlive(postmasterPid));
  const deadline = Date.now() + POSTGRES_GONE_TIMEOUT_MS;
  while (alive() && Date.now() < deadline) await sleep(100);
  if (!alive()) return;
  console.warn(`e2e: the embedded PostgreSQL outlived the app server; killing it`);
  signalGroup(groupId, 'SIGKILL');
  if (postmasterPid !== null && processAlive(postmasterPid)) process.kill(postmasterPid, 'SIGKILL');
  const killDeadline = Date.now() + 5_000;
  while (alive() && Date.now() < killDeadline) await sleep(100);
  if (alive()) throw new Error(`the embedded PostgreSQL (pid ${postmasterPid ?? '?'}) is still running`);
}

async function readPostmasterPid(dataDir: string): Promise<number | null> {
  try {
    const content = await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8');
    const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function groupAlive(groupId: number): boolean {
  return processAlive(-groupId);
}

function signalGroup(groupId: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-groupId, signal);
  } catch {
    // Nobody left in the group.
  }
}

export async function findFreePort(avoid: readonly number[] = []): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.unref();
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: 0 }, () => {
        const address = server.address();
        server.close(() =>
          address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
        );
      });
    });
    if (!avoid.includes(port)) return port;
  }
}

/** pnpm as the run that started us used it (`npx -y pnpm@… e2e`), else `npx -y pnpm@<packageManager>`. */
function pnpmCommand(args: string[]): [string, string[]] {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm(\.c?js)?$/.test(path.basename(execPath)))
    return /\.c?js$/.test(execPath) ? [process.execPath, [execPath, ...args]] : [execPath, args];
  const manifest: unknown = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const packageManager =
    typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'packageManager') : '';
  const pinned =
    typeof packageManager === 'string' && packageManager.startsWith('pnpm@') ? packageManager : 'pnpm';
  return ['npx', ['-y', pinned, ...args]];
}

async function runLogged(command: string, args: string[], logFile: string, what: string): Promise<void> {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const logFd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      cwd: REPO_ROOT,
      // Plain text in the log (its tail is shown when the build fails).
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', logFd, logFd],
    });
  } finally {
    closeSync(logFd);
  }
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal }));
    },
  );
  if (code !== 0)
    throw new Error(`${what} failed (code ${code ?? '-'}, signal ${signal ?? '-'})` + tail(logFile));
}

function tail(logFile: string, lines = 30): string {
  try {
    const content = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines);
    return `\nLast lines of ${logFile}:\n${content.map((line) => `  ${line}`).join('\n')}`;
  } catch {
    return '';
  }
}

async function within(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
