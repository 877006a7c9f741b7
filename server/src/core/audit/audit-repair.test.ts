import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { sealAuditEvents, verifyAuditChain } from './audit-chain.js';
import { readAuditChainStatus } from './audit-chain-status.js';
import {
  chainStarts,
  insertAuditRows,
  rowsWithoutOneSuccessor,
  sealInTextOrder,
  tamper,
} from './audit-chain.fixtures.js';
import { AuditRepairRefusedError, repairAuditChain } from './audit-repair.js';

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

const logger = pino({ level: 'silent' });
const repairedAt = new Date('2026-04-01T07:30:00Z');
const repair = (database: TestDatabase) =>
  repairAuditChain(database.dataSource, { logger, now: () => repairedAt, maxWaitMs: 500 });

async function hashes(database: TestDatabase): Promise<Map<string, string | null>> {
  const rows = await database.query<{ seq: string; hash: string | null }>(
    `SELECT seq::text AS seq, hash FROM audit_event ORDER BY audit_event.seq`,
  );
  return new Map(rows.map((row) => [row.seq, row.hash]));
}

describe('audit:repair on a trail sealed in text order by an earlier version', () => {
  it('re-links from the first wrong link, records the old and the new head, and the chain verifies', async () => {
    const database = await freshDatabase();
    // Twelve logins, sealed after the ninth and after the twelfth; then thirteen more, sealed at once.
    await insertAuditRows(database, 9);
    await sealInTextOrder(database.dataSource);
    await insertAuditRows(database, 3);
    await sealInTextOrder(database.dataSource);
    await insertAuditRows(database, 13);
    await sealInTextOrder(database.dataSource);
    // Text order sealed 10, 11, …, 19, 2, 20, … onto "9", then onto "12"; numerically 13 follows 25.
    const broken = await verifyAuditChain(database.dataSource);
    expect(broken).toMatchObject({ ok: false, firstBrokenSeq: '13', checked: 12 });
    const before = await hashes(database);
    const [oldHead] = await database.query<{ hash: string }>(`SELECT hash FROM audit_event WHERE seq = 25`);

    const result = await repair(database);

    expect(result).toMatchObject({
      repaired: true,
      firstRelinkedSeq: '13',
      relinked: 13,
      oldHead: { seq: '25', hash: oldHead!.hash },
      newHead: { seq: '25' },
    });
    expect(result.newHead?.hash).not.toBe(oldHead!.hash);
    const after = await hashes(database);
    // Rows before the first wrong link keep their hashes; every row from it on has a new one.
    for (let seq = 1; seq <= 12; seq += 1) expect(after.get(String(seq))).toBe(before.get(String(seq)));
    for (let seq = 13; seq <= 25; seq += 1) expect(after.get(String(seq))).not.toBe(before.get(String(seq)));

    // The repair is itself on record, waiting to be sealed onto the repaired chain.
    const events = await database.query<{
      seq: string;
      action: string;
      entity_type: string;
      details: unknown;
    }>(
      `SELECT seq::text AS seq, action::text AS action, entity_type, details FROM audit_event WHERE seq > 25`,
    );
    expect(events).toEqual([
      {
        seq: '26',
        action: 'UPDATE',
        entity_type: 'audit-chain',
        details: {
          repair: 'relink-in-seq-order',
          firstRelinkedSeq: '13',
          relinked: 13,
          oldHeadSeq: '25',
          oldHeadHash: oldHead!.hash,
          newHeadSeq: '25',
          newHeadHash: result.newHead!.hash,
        },
      },
    ]);
    expect((await sealAuditEvents(database.dataSource)).sealed).toBe(1);
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({ ok: true, checked: 26, unsealed: 0 });
    expect(await rowsWithoutOneSuccessor(database)).toEqual([{ seq: '26', successors: 0 }]);
    expect(await readAuditChainStatus(database.dataSource.manager)).toEqual({
      verified: result.newHead,
      checkedAt: repairedAt,
      intact: true,
      firstBrokenSeq: null,
      brokenReason: null,
    });

    // A second run finds nothing to repair and records nothing.
    expect(await repair(database)).toMatchObject({ repaired: false, relinked: 0 });
    expect(await database.query(`SELECT 1 FROM audit_event WHERE seq > 26`)).toEqual([]);
  });

  it('repairs a long trail in which sealed rows had several successors, sealing the rows still waiting', async () => {
    const database = await freshDatabase();
    for (const batch of [9, 31, 59, 150, 301, 449, 240]) {
      await insertAuditRows(database, batch);
      await sealInTextOrder(database.dataSource);
    }
    await insertAuditRows(database, 40);
    // 1,239 sealed in text order; 40 more waiting.
    const shape = await rowsWithoutOneSuccessor(database);
    expect(shape.some((row) => row.successors > 1)).toBe(true);
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({ ok: false, unsealed: 40 });

    const result = await repair(database);

    expect(result).toMatchObject({ repaired: true, relinked: 1279 - Number(result.firstRelinkedSeq) + 1 });
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({
      ok: true,
      checked: 1279,
      unsealed: 1,
    });
    expect(await rowsWithoutOneSuccessor(database)).toEqual([{ seq: '1279', successors: 0 }]);
    expect(await chainStarts(database)).toBe(1);
  });

  it('refuses, changing nothing, when a row no longer matches its own hash (tampering, not ordering)', async () => {
    const database = await freshDatabase();
    await insertAuditRows(database, 9);
    await sealInTextOrder(database.dataSource);
    await insertAuditRows(database, 20);
    await sealInTextOrder(database.dataSource);
    await tamper(database, `UPDATE audit_event SET basis = 'TOESTEMMING' WHERE seq = 21`);
    const before = await hashes(database);

    await expect(repair(database)).rejects.toThrow(
      new AuditRepairRefusedError(
        'seq 21 does not match its own hash: its content or hash was changed after sealing. That is not an ordering mistake; nothing was changed',
      ),
    );
    expect(await hashes(database)).toEqual(before);
  });

  it('refuses, changing nothing, when a sealed row was removed', async () => {
    const database = await freshDatabase();
    await insertAuditRows(database, 9);
    await sealInTextOrder(database.dataSource);
    await insertAuditRows(database, 20);
    await sealInTextOrder(database.dataSource);
    // In text order 14 followed 13: removing 13 leaves 14 pointing at nothing.
    await tamper(database, `DELETE FROM audit_event WHERE seq = 13`);
    const before = await hashes(database);

    await expect(repair(database)).rejects.toThrow(/^seq 14 links to a row that no longer exists/);
    expect(await hashes(database)).toEqual(before);
  });

  it('cannot re-link sealed rows outside a declared repair: the guard refuses it', async () => {
    const database = await freshDatabase();
    await insertAuditRows(database, 3);
    await sealAuditEvents(database.dataSource);
    await expect(database.query(`UPDATE audit_event SET prev_hash = hash WHERE seq = 2`)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      database.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL vangnet.audit_relink = 'on'`);
        await manager.query(`UPDATE audit_event SET basis = 'X' WHERE seq = 2`);
      }),
    ).rejects.toThrow(/append-only/);
  });
});
