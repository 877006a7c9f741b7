import { randomBytes, createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import pg from 'pg';
import type { Config } from '../config.js';
import {
  findUnreachableAncestor,
  startEmbeddedPostgres,
  type EmbeddedPostgresSupervision,
  type RunningEmbeddedPostgres,
} from './embedded-postgres.js';

export const EMBEDDED_DATABASE_NAME = 'vangnet';

export interface DatabaseServer {
  /** URL of the application database. */
  readonly url: string;
  /** Where the embedded server keeps its data; null for an external server. */
  readonly dataDir: string | null;
  /** The BSN key: from configuration, or generated once and kept in the embedded data directory. */
  readonly bsnKey: Buffer;
  /** Drops and recreates the application database (embedded only; refused for an external server). */
  recreateDatabase(): Promise<void>;
  stop(): Promise<void>;
}

async function readOrCreateSecret(file: string, create: () => string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const value = create();
  await writeFile(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return value;
}

/**
 * PostgreSQL runs as the OS user `postgres` when we are root, and that user cannot enter a 0700 home
 * directory. The default data directory then moves under /var/tmp (kept across restarts); an explicit
 * VANGNET_DATA_DIR is never moved silently, so the launcher reports the problem instead.
 */
export async function resolveDataDir(configured: string, explicit: boolean, logger: Logger): Promise<string> {
  if (process.getuid?.() !== 0 || explicit) return configured;
  const { uid, gid } = postgresUserIds();
  const blocked = await findUnreachableAncestor(configured, uid, gid);
  if (!blocked) return configured;
  const base = existsSync('/var/tmp') ? '/var/tmp' : os.tmpdir();
  const relocated = path.join(
    base,
    `vangnet-data-${createHash('sha256').update(configured).digest('hex').slice(0, 12)}`,
  );
  logger.warn(
    { configured, relocated, blocked },
    `The PostgreSQL OS user cannot enter ${blocked}, so the embedded database keeps its data in ${relocated} instead. Set VANGNET_DATA_DIR to choose another place.`,
  );
  return relocated;
}

/** The ids of the OS user `postgres`; -1 when it does not exist yet, so only world-permissions count. */
function postgresUserIds(): { uid: number; gid: number } {
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((line) => line.startsWith('postgres:'));
  const [, , uid, gid] = entry?.split(':') ?? [];
  return { uid: uid ? Number(uid) : -1, gid: gid ? Number(gid) : -1 };
}

/**
 * What the server does when its embedded PostgreSQL dies unexpectedly: say so, restart it (five attempts,
 * from 250 ms doubling to 4 s), say when it is back; when every attempt failed, log one error that says
 * what happened and what to do, and exit non-zero so a supervisor (systemd, Docker, Kubernetes) restarts
 * the whole server — which beats a server that answers 503 forever.
 */
export function embeddedPostgresSupervision(
  logger: Logger,
  dataDir: string,
  exit: (code: number) => void = (code) => process.exit(code),
): EmbeddedPostgresSupervision {
  return {
    attempts: 5,
    initialDelayMs: 250,
    onUnexpectedExit: ({ how, lastOutput }) =>
      logger.error(
        { how, lastOutput },
        'embedded PostgreSQL stopped unexpectedly; restarting it (requests answer SERVICE_UNAVAILABLE meanwhile)',
      ),
    onRestartFailed: ({ attempt, error }) =>
      logger.warn({ attempt, err: error }, 'embedded PostgreSQL: restart attempt failed'),
    onRestarted: ({ attempt }) => logger.info({ attempt }, 'embedded PostgreSQL is running again'),
    onGaveUp: (error) => {
      logger.error(
        { err: error, dataDir },
        `${error.message}. Vangnet exits now. Read why in the PostgreSQL output (lastOutput of the ` +
          `'stopped unexpectedly' line, and this line's err), check the disk (full? owner and permissions of ` +
          `${dataDir}?), fix the cause and start Vangnet again.`,
      );
      exit(1);
    },
  };
}

export async function openDatabaseServer(config: Config, logger: Logger): Promise<DatabaseServer> {
  if (config.database.kind === 'external') {
    if (!config.bsnKey) {
      logger.warn(
        'VANGNET_BSN_KEY is not set: using a throwaway key for this process; BSNs stored now cannot be read after a restart',
      );
    }
    return {
      url: config.database.url,
      dataDir: null,
      bsnKey: config.bsnKey ?? randomBytes(32),
      recreateDatabase: () =>
        Promise.reject(new Error('Refusing to drop an external database; reset it with your own tooling.')),
      stop: () => Promise.resolve(),
    };
  }

  const dataDir = await resolveDataDir(config.database.dataDir, config.database.dataDirExplicit, logger);
  const secretsDir = path.join(dataDir, 'secrets');
  await mkdir(secretsDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o755);
  const password = await readOrCreateSecret(path.join(secretsDir, 'postgres-password'), () =>
    randomBytes(24).toString('base64url'),
  );
  const bsnKey =
    config.bsnKey ??
    Buffer.from(
      await readOrCreateSecret(path.join(secretsDir, 'bsn-key'), () => randomBytes(32).toString('base64')),
      'base64',
    );

  const postgres: RunningEmbeddedPostgres = await startEmbeddedPostgres({
    clusterDir: path.join(dataDir, 'pg'),
    port: config.database.port,
    password,
    onLog: (line) => logger.debug({ postgres: line }),
    supervise: embeddedPostgresSupervision(logger, dataDir),
  });
  logger.info({ dataDir, port: postgres.port }, 'embedded PostgreSQL started');

  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: postgres.superuserUrl('postgres') });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  await admin(async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      EMBEDDED_DATABASE_NAME,
    ]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE_NAME}`);
  });

  return {
    url: postgres.superuserUrl(EMBEDDED_DATABASE_NAME),
    dataDir,
    bsnKey,
    recreateDatabase: () =>
      admin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${EMBEDDED_DATABASE_NAME} WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE_NAME}`);
      }),
    stop: () => postgres.stop(),
  };
}
