import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedPostgresSupervision } from './database.js';
import {
  EmbeddedPostgresError,
  type EmbeddedPostgresSupervision,
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

  async function start(
    overridePort = port,
    supervise?: EmbeddedPostgresSupervision,
  ): Promise<RunningEmbeddedPostgres> {
    const pgServer = await startEmbeddedPostgres({
      clusterDir,
      port: overridePort,
      password: PASSWORD,
      settings: FAST_SETTINGS,
      ...(supervise ? { supervise } : {}),
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

  it(
    'starts a killed server again by itself; a pool that was open before works again afterwards',
    async () => {
      const events: string[] = [];
      let restarted: () => void = () => undefined;
      const backAgain = new Promise<void>((resolve) => (restarted = resolve));
      const pgServer = await start(port, {
        initialDelayMs: 100,
        onUnexpectedExit: ({ how }) => events.push(`exit: ${how}`),
        onRestarted: () => {
          events.push('restarted');
          restarted();
        },
        onGaveUp: (error) => events.push(`gave up: ${error.message}`),
      });
      const pool = new pg.Pool({ connectionString: pgServer.superuserUrl(), max: 2 });
      pool.on('error', () => undefined); // idle connections break when the server dies; the pool drops them
      try {
        expect((await pool.query('select count(*)::int as n from kept')).rows).toEqual([{ n: 1 }]);
        const killed = pgServer.pid!;
        process.kill(killed, 'SIGKILL');
        await backAgain;
        expect(pgServer.pid).not.toBe(killed);

        // Connections of the dead server fail once and are dropped; then the pool connects anew.
        const deadline = Date.now() + 30_000;
        let rows: unknown[] | null = null;
        while (!rows && Date.now() < deadline) {
          rows = await pool.query('select count(*)::int as n from kept').then(
            (result): unknown[] => result.rows as unknown[],
            () => null,
          );
        }
        expect(rows).toEqual([{ n: 1 }]);
        expect(events).toEqual(['exit: killed by SIGKILL', 'restarted']);
      } finally {
        await pool.end();
        await pgServer.stop();
      }
      // Stopped on purpose: not started again.
      expect(events).toEqual(['exit: killed by SIGKILL', 'restarted']);
      expect(pgServer.pid).toBeUndefined();
      await expect(query(pgServer.superuserUrl(), 'select 1')).rejects.toThrow(/ECONNREFUSED/);
    },
    TIMEOUT,
  );

  it(
    'gives up after the bounded number of restarts: one clear error line, and the server exits non-zero',
    async () => {
      const lines: { level: number; msg: string; attempt?: number }[] = [];
      const logger = pino(
        { level: 'info' },
        {
          write: (line: string) => lines.push(JSON.parse(line) as (typeof lines)[number]),
        },
      );
      let exited: (code: number) => void = () => undefined;
      const exitCode = new Promise<number>((resolve) => (exited = resolve));
      const pgServer = await start(port, {
        ...embeddedPostgresSupervision(logger, baseDir, (code) => exited(code)),
        attempts: 2,
        initialDelayMs: 200,
      });
      // Not a PostgreSQL server: it hangs up on whoever connects.
      const blocker = net.createServer((socket) => socket.destroy());
      try {
        process.kill(pgServer.pid!, 'SIGKILL');
        // Something else takes the port the moment it is free, so no restart can succeed.
        const deadline = Date.now() + 10_000;
        for (;;) {
          const bound = await new Promise<boolean>((resolve) => {
            blocker.once('error', () => resolve(false));
            blocker.listen({ host: '127.0.0.1', port, exclusive: true }, () => resolve(true));
          });
          if (bound) break;
          if (Date.now() > deadline) throw new Error('the killed server never released its port');
          await new Promise((resolve) => setTimeout(resolve, 5));
        }

        expect(await exitCode).toBe(1);
        expect(
          lines.filter((line) => line.msg.includes('restart attempt failed')).map((l) => l.attempt),
        ).toEqual([1, 2]);
        const errors = lines.filter((line) => line.level >= 50).map((line) => line.msg);
        expect(errors).toHaveLength(2);
        expect(errors[0]).toMatch(/^embedded PostgreSQL stopped unexpectedly; restarting it/);
        expect(errors[1]).toMatch(
          /stopped unexpectedly \(killed by SIGKILL\) and could not be started again in 2 attempts \(last error: Port \d+ on 127\.0\.0\.1 is already in use.*\)\. Vangnet exits now\. .*start Vangnet again\.$/s,
        );
      } finally {
        await new Promise((resolve) => blocker.close(resolve));
        await pgServer.stop();
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
