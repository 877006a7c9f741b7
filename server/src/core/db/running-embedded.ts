import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { EMBEDDED_DATABASE_NAME } from './database.js';

/**
 * Finds the embedded PostgreSQL server a running Vangnet started on a data directory, so that tools
 * (`audit:verify`, `audit:repair`) connect to it instead of refusing because the directory is in use.
 * The server's pid and port are in the cluster's postmaster.pid (line 1 and line 4), the superuser
 * password in the data directory's secrets.
 */
export interface RunningEmbeddedServer {
  readonly pid: number;
  readonly port: number;
  /** URL of the application database on that server. */
  readonly url: string;
}

export class RunningEmbeddedServerError extends Error {
  override name = 'RunningEmbeddedServerError';
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (PostgreSQL runs as `postgres` when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The embedded server running on `dataDir`, checked by connecting to it; null when none runs (no
 * postmaster.pid, or its process is gone). Throws when one runs but cannot be reached, rather than
 * letting the caller start a second server on the same directory.
 */
export async function findRunningEmbeddedServer(dataDir: string): Promise<RunningEmbeddedServer | null> {
  const pidFile = await readOptional(path.join(dataDir, 'pg', 'postmaster.pid'));
  if (pidFile === null) return null;
  const lines = pidFile.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return null;
  if (!Number.isInteger(port) || port <= 0)
    throw new RunningEmbeddedServerError(
      `The embedded PostgreSQL server (pid ${pid}) on ${dataDir} is still starting; try again in a moment.`,
    );
  const password = (await readOptional(path.join(dataDir, 'secrets', 'postgres-password')))?.trim();
  if (!password)
    throw new RunningEmbeddedServerError(
      `An embedded PostgreSQL server (pid ${pid}) runs on ${dataDir}, but its password (secrets/postgres-password) cannot be read.`,
    );
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE_NAME}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new RunningEmbeddedServerError(
      `An embedded PostgreSQL server (pid ${pid}) runs on ${dataDir} (port ${port}) but does not accept connections: ${(error as Error).message}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  return { pid, port, url };
}
