import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EmbeddedPostgresError,
  findFreePort,
  findUnreachableAncestor,
  startEmbeddedPostgres,
  type RunningEmbeddedPostgres,
} from './embedded-postgres.js';

const isRoot = process.getuid?.() === 0;
const PASSWORD = 'test-pw with spaces & symbols:/@';
const FAST_SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };
const TIMEOUT = 120_000;

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  const pid = child.pid;
  await new Promise((resolve) => child.once('exit', resolve));
  if (pid === undefined) throw new Error('could not spawn a process');
  return pid;
}

describe('embedded PostgreSQL', () => {
  let baseDir: string;
  let clusterDir: string;
  let port: number;
  const running: RunningEmbeddedPostgres[] = [];

  async function start(overridePort = port): Promise<RunningEmbeddedPostgres> {
    const pgServer = await startEmbeddedPostgres({
      clusterDir,
      port: overridePort,
      password: PASSWORD,
      settings: FAST_SETTINGS,
    });
    running.push(pgServer);
    return pgServer;
  }

  beforeAll(async () => {
    baseDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vangnet-epg-'));
    // mkdtemp creates 0700; the postgres OS user must be able to enter it.
    if (isRoot) await fs.chmod(baseDir, 0o755);
    clusterDir = path.join(baseDir, 'pg');
    port = await findFreePort();
  });

  afterAll(async () => {
    await Promise.all(running.map((pgServer) => pgServer.stop()));
    await fs.rm(baseDir, { recursive: true, force: true });
  });

  it(
    'initialises a cluster, answers queries and keeps data across a restart',
    async () => {
      const first = await start();
      expect(first.port).toBe(port);
      expect(await query(first.superuserUrl(), 'select 1 as one')).toEqual([{ one: 1 }]);
      expect(await query(first.superuserUrl(), 'show fsync')).toEqual([{ fsync: 'off' }]);
      await query(first.superuserUrl(), "create table kept (v text); insert into kept values ('survives')");
      await first.stop();
      await first.stop();
      await expect(fs.access(path.join(clusterDir, 'postmaster.pid'))).rejects.toThrow();

      const second = await start();
      expect(await query(second.superuserUrl('postgres'), 'select v from kept')).toEqual([{ v: 'survives' }]);
      await second.stop();
    },
    TIMEOUT,
  );

  it(
    'tolerates a stale postmaster.pid left by a dead process',
    async () => {
      const pid = await deadPid();
      await fs.writeFile(path.join(clusterDir, 'postmaster.pid'), `${pid}\n${clusterDir}\n`);
      const pgServer = await start();
      expect(await query(pgServer.superuserUrl(), 'select count(*)::int as n from kept')).toEqual([{ n: 1 }]);
      await pgServer.stop();
    },
    TIMEOUT,
  );

  it(
    'refuses a data directory that a running server already uses',
    async () => {
      const pgServer = await start();
      try {
        const attempt = start(await findFreePort());
        await expect(attempt).rejects.toThrow(EmbeddedPostgresError);
        await expect(attempt).rejects.toThrow(/already uses the data directory .* \(pid \d+\)/);
        expect(await query(pgServer.superuserUrl(), 'select 1 as one')).toEqual([{ one: 1 }]);
      } finally {
        await pgServer.stop();
      }
    },
    TIMEOUT,
  );

  it(
    'reports a port that is already in use',
    async () => {
      const blocker = net.createServer();
      const busyPort = await new Promise<number>((resolve) => {
        blocker.listen({ host: '127.0.0.1', port: 0 }, () => {
          const address = blocker.address();
          resolve(typeof address === 'object' && address ? address.port : 0);
        });
      });
      try {
        await expect(start(busyPort)).rejects.toThrow(
          new RegExp(`Port ${busyPort} .*VANGNET_EMBEDDED_PG_PORT`),
        );
      } finally {
        await new Promise((resolve) => blocker.close(resolve));
      }
    },
    TIMEOUT,
  );

  it('findUnreachableAncestor checks the mode bits of existing ancestors', async () => {
    const closed = path.join(baseDir, 'closed');
    const open = path.join(baseDir, 'open');
    await fs.mkdir(closed, { mode: 0o700 });
    await fs.mkdir(open, { mode: 0o755 });
    await fs.chmod(closed, 0o700);
    await fs.chmod(open, 0o755);
    const strangerUid = 4_242_424;
    const strangerGid = 4_242_424;
    // Expectations about `open` assume the temp dir's own ancestors are world-traversable.
    expect(
      await findUnreachableAncestor(path.join(open, 'not', 'yet', 'there'), strangerUid, strangerGid),
    ).toBeNull();
    expect(await findUnreachableAncestor(path.join(closed, 'a', 'pg'), strangerUid, strangerGid)).toBe(
      closed,
    );
    const { uid, gid } = await fs.stat(closed);
    expect(await findUnreachableAncestor(path.join(closed, 'pg'), uid, gid)).toBeNull();
  });

  it.skipIf(!isRoot)(
    'as root, reports a cluster dir under a root-owned 0700 directory as unreachable for postgres',
    async () => {
      const privateDir = path.join(baseDir, 'private');
      await fs.mkdir(privateDir, { mode: 0o700 });
      await fs.chmod(privateDir, 0o700);
      const target = path.join(privateDir, 'project', '.vangnet-data', 'pg');
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());

      expect(await findUnreachableAncestor(target, uid, gid)).toBe(privateDir);
      await expect(
        startEmbeddedPostgres({ clusterDir: target, port: await findFreePort(), password: PASSWORD }),
      ).rejects.toThrow(/cannot enter .*private \(mode 0700\).*VANGNET_DATA_DIR/);
    },
    TIMEOUT,
  );
});
