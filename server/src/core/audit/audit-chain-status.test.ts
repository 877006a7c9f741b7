import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { sealAuditEvents } from './audit-chain.js';
import { checkNewlySealedAuditRows, readAuditChainStatus } from './audit-chain-status.js';
import { insertAuditRows, tamper } from './audit-chain.fixtures.js';
import { startAuditSealer } from './audit-sealer.js';

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

const flipRequestId = `UPDATE audit_event SET request_id = replace(request_id, 'request', 'requesu') WHERE seq = $1`;
const restoreRequestId = `UPDATE audit_event SET request_id = replace(request_id, 'requesu', 'request') WHERE seq = $1`;

async function hashOf(database: TestDatabase, seq: number): Promise<string> {
  const [row] = await database.query<{ hash: string }>(`SELECT hash FROM audit_event WHERE seq = $1`, [seq]);
  return row!.hash;
}

describe('the chain status the running servers keep', () => {
  it('verifies each newly sealed segment from the last verified row, reports a break there, and heals when it is undone', async () => {
    const database = await freshDatabase();
    let clock = new Date('2026-05-04T09:00:00Z');
    const now = () => clock;
    expect(await readAuditChainStatus(database.dataSource.manager)).toBeNull();

    await insertAuditRows(database, 5);
    await sealAuditEvents(database.dataSource);
    const first = await checkNewlySealedAuditRows(database.dataSource, now);
    expect(first.before).toBeNull();
    expect(first.walk.checked).toBe(5);
    expect(await readAuditChainStatus(database.dataSource.manager)).toEqual({
      verified: { seq: '5', hash: await hashOf(database, 5) },
      checkedAt: new Date('2026-05-04T09:00:00Z'),
      intact: true,
      firstBrokenSeq: null,
      brokenReason: null,
    });

    // The next check reads only the three new rows.
    await insertAuditRows(database, 3);
    await sealAuditEvents(database.dataSource);
    await tamper(database, flipRequestId, [7]);
    clock = new Date('2026-05-04T09:01:00Z');
    const second = await checkNewlySealedAuditRows(database.dataSource, now);
    expect(second.walk.checked).toBe(1);
    expect(await readAuditChainStatus(database.dataSource.manager)).toEqual({
      verified: { seq: '6', hash: await hashOf(database, 6) },
      checkedAt: new Date('2026-05-04T09:01:00Z'),
      intact: false,
      firstBrokenSeq: '7',
      brokenReason: "hash mismatch: the row's content or hash changed after sealing",
    });

    await tamper(database, restoreRequestId, [7]);
    clock = new Date('2026-05-04T09:02:00Z');
    await checkNewlySealedAuditRows(database.dataSource, now);
    expect(await readAuditChainStatus(database.dataSource.manager)).toMatchObject({
      verified: { seq: '8' },
      checkedAt: new Date('2026-05-04T09:02:00Z'),
      intact: true,
      firstBrokenSeq: null,
    });
  });

  it('notices when the last verified row itself was changed, and then finds the first broken row from the start', async () => {
    const database = await freshDatabase();
    const now = () => new Date('2026-05-04T10:00:00Z');
    await insertAuditRows(database, 4);
    await sealAuditEvents(database.dataSource);
    await checkNewlySealedAuditRows(database.dataSource, now);
    await tamper(database, `UPDATE audit_event SET hash = repeat('a', 64) WHERE seq = 4`);

    await checkNewlySealedAuditRows(database.dataSource, now);

    expect(await readAuditChainStatus(database.dataSource.manager)).toMatchObject({
      verified: { seq: '3', hash: await hashOf(database, 3) },
      intact: false,
      firstBrokenSeq: '4',
      brokenReason: "hash mismatch: the row's content or hash changed after sealing",
    });
  });

  it('the running sealer checks what it sealed and logs a break at error level, once', async () => {
    const database = await freshDatabase();
    type LogLine = { level: number; msg: string; firstBrokenSeq?: string };
    const lines: LogLine[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
    );
    const sealer = startAuditSealer(database.dataSource, logger, 5, { maxWaitMs: 100, pollMs: 5 });
    const waitFor = async (done: () => Promise<boolean>): Promise<void> => {
      const deadline = Date.now() + 10_000;
      while (!(await done()) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
    };
    try {
      await insertAuditRows(database, 10);
      await waitFor(
        async () => (await readAuditChainStatus(database.dataSource.manager))?.verified?.seq === '10',
      );
      // The newest verified row loses its hash; the next sealed row is chained onto the forgery.
      await tamper(database, `UPDATE audit_event SET hash = repeat('b', 64) WHERE seq = 10`);
      await insertAuditRows(database, 2);
      await waitFor(async () => (await readAuditChainStatus(database.dataSource.manager))?.intact === false);
      await insertAuditRows(database, 2);
      await waitFor(
        async () => (await database.query(`SELECT 1 FROM audit_event WHERE hash IS NULL`)).length === 0,
      );
    } finally {
      await sealer.stop();
    }

    expect(await readAuditChainStatus(database.dataSource.manager)).toMatchObject({
      intact: false,
      verified: { seq: '9' },
      firstBrokenSeq: '10',
    });
    const errors = lines.filter((line) => line.level === 50);
    expect(errors).toEqual([
      expect.objectContaining({
        msg: 'the audit chain is BROKEN: a sealed row no longer verifies (run audit:verify; see docs/operations.md)',
        firstBrokenSeq: '10',
      }),
    ]);
  });
});
