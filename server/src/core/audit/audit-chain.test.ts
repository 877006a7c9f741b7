import { createHash, randomUUID } from 'node:crypto';
import { pino } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../db/data-source.js';
import { CORE_ENTITIES } from '../db/entities.js';
import type { RequestContext } from '../request-context.js';
import { createSystemContext } from '../system-context.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import {
  GENESIS_HASH,
  canonicalAuditForm,
  readAuditRows,
  sealAuditEvents,
  verifyAuditChain,
} from './audit-chain.js';
import { startAuditSealer } from './audit-sealer.js';
import { readAuditChainStatus } from './audit-chain-status.js';
import { chainStarts, insertAuditRows, rowsWithoutOneSuccessor, tamper } from './audit-chain.fixtures.js';
import { writeAuditEvent } from './audit-writer.js';

const databases: TestDatabase[] = [];
const extraDataSources: DataSource[] = [];

afterAll(async () => {
  for (const dataSource of extraDataSources) if (dataSource.isInitialized) await dataSource.destroy();
  for (const database of databases) await database.drop();
});

/** Every story gets its own migrated database, so row numbers and chains never mix. */
async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

async function anotherPool(database: TestDatabase, poolSize: number): Promise<DataSource> {
  const dataSource = createDataSource(database.url, undefined, { entities: CORE_ENTITIES, poolSize });
  await dataSource.initialize();
  extraDataSources.push(dataSource);
  return dataSource;
}

/** A request's context as the audit writer sees it: a request id, no logged-in actor. */
function requestContext(): RequestContext {
  return createSystemContext(pino({ level: 'silent' }), randomUUID());
}

/** One audit event as a request would write it, varied enough to exercise every column. */
async function recordEvent(manager: EntityManager, n: number): Promise<void> {
  await writeAuditEvent(manager, requestContext(), {
    action: n % 2 === 0 ? 'READ' : 'UPDATE',
    entityType: 'case',
    entityId: randomUUID(),
    caseId: randomUUID(),
    tenantId: n % 3 === 0 ? null : randomUUID(),
    categories: n % 2 === 0 ? ['ARREARS', 'CONTACT'] : ['SPECIAL'],
    basis: n % 2 === 0 ? randomUUID() : 'WETTELIJKE_TAAK',
    actorUserId: randomUUID(),
    actorOrgId: randomUUID(),
    details: { n, reason: 'checked arrears', fields: ['amount', 'months'], crisis: n % 2 === 0, note: null },
  });
}

async function recordEvents(dataSource: DataSource, count: number): Promise<void> {
  for (let n = 0; n < count; n += 1) await recordEvent(dataSource.manager, n);
}

async function seqs(database: TestDatabase): Promise<string[]> {
  const rows = await database.query<{ seq: string }>(`SELECT a.seq FROM audit_event a ORDER BY a.seq`);
  return rows.map((row) => row.seq);
}

/** Sealed rows link up in seq order, starting from the genesis hash. */
async function expectChainInSeqOrder(database: TestDatabase): Promise<void> {
  const rows = await readAuditRows(database.dataSource.manager);
  let previous = GENESIS_HASH;
  for (const row of rows) {
    expect(row.prevHash).toBe(previous);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    previous = row.hash ?? '';
  }
}

describe('the audit hash chain', () => {
  it('chains events written by requests, in seq order, and verifies them', async () => {
    const database = await freshDatabase();
    await recordEvents(database.dataSource, 7);

    expect(await sealAuditEvents(database.dataSource)).toEqual({ sealed: 7, blockedBy: [] });

    const rows = await readAuditRows(database.dataSource.manager);
    expect(rows).toHaveLength(7);
    await expectChainInSeqOrder(database);
    // The hash is sha256(prev_hash + '\n' + canonical form), recomputable by anyone with the rows.
    const first = rows[0]!;
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(first.hash).toBe(
      createHash('sha256')
        .update(`${GENESIS_HASH}\n${canonicalAuditForm(first)}`)
        .digest('hex'),
    );
    // Time with microseconds, as PostgreSQL stores it; details as jsonb renders them.
    expect(first.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(canonicalAuditForm(first)).toContain(`occurred_at="${first.occurredAt}"`);
    expect(canonicalAuditForm(first)).toContain('categories=["ARREARS","CONTACT"]');

    const verification = await verifyAuditChain(database.dataSource);
    expect(verification).toEqual({
      ok: true,
      checked: 7,
      unsealed: 0,
      firstBrokenSeq: null,
      reason: null,
      head: { seq: rows[6]!.seq, hash: rows[6]!.hash },
    });

    // Sealing again has nothing to do.
    expect((await sealAuditEvents(database.dataSource)).sealed).toBe(0);
  });

  it('covers every column of audit_event except the hash columns (a new column must join the canonical form)', async () => {
    const database = await freshDatabase();
    await recordEvents(database.dataSource, 1);
    const [row] = await readAuditRows(database.dataSource.manager);
    const covered = canonicalAuditForm(row!)
      .split('\n')
      .slice(1)
      .map((line) => line.slice(0, line.indexOf('=')));
    const columns = await database.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'audit_event' ORDER BY ordinal_position`,
    );
    expect(covered).toEqual(
      columns.map((column) => column.name).filter((name) => name !== 'prev_hash' && name !== 'hash'),
    );
  });

  it('reports how many rows wait to be sealed, and seals them onto the existing chain', async () => {
    const database = await freshDatabase();
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({ ok: true, checked: 0, unsealed: 0 });
    await recordEvents(database.dataSource, 4);
    await sealAuditEvents(database.dataSource);
    await recordEvents(database.dataSource, 3);

    expect(await verifyAuditChain(database.dataSource)).toMatchObject({ ok: true, checked: 4, unsealed: 3 });

    // Small batches: the chain continues across batch boundaries.
    expect((await sealAuditEvents(database.dataSource, { batchSize: 2 })).sealed).toBe(3);
    expect(await verifyAuditChain(database.dataSource, { batchSize: 3 })).toMatchObject({
      ok: true,
      checked: 7,
      unsealed: 0,
    });
    await expectChainInSeqOrder(database);
  });

  it('never changes what a row says: only prev_hash and hash are filled in', async () => {
    const database = await freshDatabase();
    await recordEvents(database.dataSource, 5);
    const content = `SELECT seq, to_jsonb(a) - 'prev_hash' - 'hash' AS content FROM audit_event a ORDER BY seq`;
    const before = await database.query<{ seq: string; content: unknown }>(content);

    await sealAuditEvents(database.dataSource);

    expect(await database.query(content)).toEqual(before);
    expect(await database.query(`SELECT 1 FROM audit_event WHERE hash IS NULL`)).toEqual([]);
  });

  it('names exactly the row whose content was changed after sealing, in any column', async () => {
    const database = await freshDatabase();
    await recordEvents(database.dataSource, 6);
    await sealAuditEvents(database.dataSource);
    // The third row: READ, categories ARREARS and CONTACT.
    const victim = (await seqs(database))[2]!;

    const tamperings = [
      {
        what: 'one character of entity_type',
        change: `UPDATE audit_event SET entity_type = 'cas' || 'f' WHERE seq = $1`,
        undo: `UPDATE audit_event SET entity_type = 'case' WHERE seq = $1`,
      },
      {
        what: 'one character inside details',
        change: `UPDATE audit_event SET details = jsonb_set(details, '{reason}', '"checked arrearz"') WHERE seq = $1`,
        undo: `UPDATE audit_event SET details = jsonb_set(details, '{reason}', '"checked arrears"') WHERE seq = $1`,
      },
      {
        what: 'one microsecond of occurred_at',
        change: `UPDATE audit_event SET occurred_at = occurred_at + interval '1 microsecond' WHERE seq = $1`,
        undo: `UPDATE audit_event SET occurred_at = occurred_at - interval '1 microsecond' WHERE seq = $1`,
      },
      {
        what: 'the order of the categories',
        change: `UPDATE audit_event SET categories = ARRAY['CONTACT', 'ARREARS']::data_category[] WHERE seq = $1`,
        undo: `UPDATE audit_event SET categories = ARRAY['ARREARS', 'CONTACT']::data_category[] WHERE seq = $1`,
      },
      {
        what: 'the hash itself',
        change: `UPDATE audit_event SET hash = overlay(hash placing (CASE WHEN substr(hash, 9, 1) = 'a' THEN 'b' ELSE 'a' END) from 9 for 1) WHERE seq = $1`,
        undo: null,
      },
    ];
    for (const tampering of tamperings) {
      const [original] = await database.query<{ hash: string }>(
        `SELECT hash FROM audit_event WHERE seq = $1`,
        [victim],
      );
      await tamper(database, tampering.change, [victim]);

      const verification = await verifyAuditChain(database.dataSource);
      expect(verification, tampering.what).toMatchObject({
        ok: false,
        checked: 2,
        firstBrokenSeq: victim,
        reason: expect.stringMatching(/^hash mismatch/) as unknown,
      });

      // Putting the original back makes the chain whole again.
      await tamper(
        database,
        tampering.undo ?? `UPDATE audit_event SET hash = $2 WHERE seq = $1`,
        tampering.undo ? [victim] : [victim, original!.hash],
      );
      expect(await verifyAuditChain(database.dataSource), tampering.what).toMatchObject({
        ok: true,
        checked: 6,
      });
    }
  });

  it('detects a removed row at the row that followed it, and a removed first row', async () => {
    const database = await freshDatabase();
    await recordEvents(database.dataSource, 5);
    await sealAuditEvents(database.dataSource);
    const [first, second, third, fourth] = await seqs(database);

    await tamper(database, `DELETE FROM audit_event WHERE seq = $1`, [third]);
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({
      ok: false,
      checked: 2,
      firstBrokenSeq: fourth,
      reason: `prev_hash does not link to the previous sealed row (seq ${second}): a row was removed, inserted or altered in between`,
    });

    await tamper(database, `DELETE FROM audit_event WHERE seq = $1`, [first]);
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({
      ok: false,
      checked: 0,
      firstBrokenSeq: second,
      reason: expect.stringMatching(/genesis/) as unknown,
    });
  });

  it('refuses a sealed row after an unsealed one', async () => {
    const database = await freshDatabase();
    await recordEvents(database.dataSource, 4);
    await sealAuditEvents(database.dataSource);
    const [, second, third] = await seqs(database);

    await tamper(database, `UPDATE audit_event SET prev_hash = NULL, hash = NULL WHERE seq = $1`, [second]);

    expect(await verifyAuditChain(database.dataSource)).toMatchObject({
      ok: false,
      checked: 1,
      unsealed: 1,
      firstBrokenSeq: third,
      reason: `sealed row after the unsealed row seq ${second}`,
    });
  });

  it('lets only one of several concurrent sealers work: every row is sealed exactly once', async () => {
    const database = await freshDatabase();
    const other = await anotherPool(database, 5);
    await recordEvents(database.dataSource, 300);

    const results = await Promise.all([
      ...Array.from({ length: 3 }, () => sealAuditEvents(database.dataSource, { batchSize: 50 })),
      ...Array.from({ length: 3 }, () => sealAuditEvents(other, { batchSize: 50 })),
    ]);

    expect(results.reduce((sum, result) => sum + result.sealed, 0)).toBe(300);
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({
      ok: true,
      checked: 300,
      unsealed: 0,
    });
    await expectChainInSeqOrder(database);
  });
});

/**
 * Waits for the event itself, not for a time: the sealer has looked up the open writers on audit_event
 * (so it has read its watermark) and found the one of `writerPid`, and now waits between two looks. Its
 * backend then sits idle in its transaction with that look-up as its last statement.
 */
async function untilTheSealerWaitsFor(dataSource: DataSource, writerPid: number): Promise<void> {
  // A bound on the polling only (machinery time), far above what the sealer needs.
  const giveUpAt = performance.now() + 10_000;
  while (performance.now() < giveUpAt) {
    const [waiting] = await dataSource.query<{ pid: number }[]>(
      `SELECT a.pid FROM pg_stat_activity a
        WHERE a.datname = current_database() AND a.pid NOT IN (pg_backend_pid(), $1)
          AND a.state = 'idle in transaction' AND a.query LIKE '%virtualtransaction AS "virtualTransaction"%'`,
      [writerPid],
    );
    if (waiting) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the sealer never started waiting for the open writer');
}

describe('sealing while requests are still writing', () => {
  it('does not seal past a row whose transaction is still open, and chains it in seq order once it commits', async () => {
    const database = await freshDatabase();
    await recordEvents(database.dataSource, 2);
    await sealAuditEvents(database.dataSource);

    // A request draws the next seq but has not committed yet…
    const slow = database.dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    await recordEvent(slow.manager, 100);
    const [{ pid }] = (await slow.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
    // …while later requests commit higher seq numbers.
    await recordEvents(database.dataSource, 2);

    const blocked = await sealAuditEvents(database.dataSource, { maxWaitMs: 100 });
    expect(blocked.sealed).toBe(0);
    expect(blocked.blockedBy.map((writer) => writer.pid)).toEqual([pid]);
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({ ok: true, checked: 2, unsealed: 2 });

    // A pass that may wait long enough seals the late row first, then the ones after it.
    const sealing = sealAuditEvents(database.dataSource, { maxWaitMs: 5000 });
    await untilTheSealerWaitsFor(database.dataSource, pid);
    await slow.commitTransaction();
    await slow.release();
    expect(await sealing).toEqual({ sealed: 3, blockedBy: [] });

    expect(await verifyAuditChain(database.dataSource)).toMatchObject({ ok: true, checked: 5, unsealed: 0 });
    await expectChainInSeqOrder(database);
  });

  it('skips the gap a rolled-back request leaves behind', async () => {
    const database = await freshDatabase();
    await recordEvents(database.dataSource, 2);
    const abandoned = database.dataSource.createQueryRunner();
    await abandoned.connect();
    await abandoned.startTransaction();
    await recordEvent(abandoned.manager, 100);
    await abandoned.rollbackTransaction();
    await abandoned.release();
    await recordEvents(database.dataSource, 2);

    expect(await sealAuditEvents(database.dataSource, { maxWaitMs: 100 })).toEqual({
      sealed: 4,
      blockedBy: [],
    });
    expect(await seqs(database)).toEqual(['1', '2', '4', '5']);
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({ ok: true, checked: 4, unsealed: 0 });
  });

  it('seals every row exactly once in seq order while many requests commit out of order', async () => {
    const database = await freshDatabase();
    const writers = await anotherPool(database, 20);
    const logLines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) });
    const sealer = startAuditSealer(database.dataSource, logger, 5, { maxWaitMs: 50, pollMs: 5 });

    const requests = Array.from({ length: 60 }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 8));
      await writers.transaction(async (manager) => {
        await recordEvent(manager, i);
        // Every fifth request holds its row open while later requests commit theirs.
        if (i % 5 === 0) await manager.query('SELECT pg_sleep(0.3)');
        if (i % 2 === 0) await recordEvent(manager, i + 1000);
      });
    });
    // Some requests fail after writing: their rows (and seq numbers) vanish with them.
    const failing = Array.from({ length: 5 }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 50 + 20));
      await writers
        .transaction(async (manager) => {
          await recordEvent(manager, i);
          throw new Error('request failed');
        })
        .catch(() => undefined);
    });
    await Promise.all([...requests, ...failing]);

    const deadline = Date.now() + 5000;
    let verification = await verifyAuditChain(database.dataSource);
    while (verification.unsealed > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      verification = await verifyAuditChain(database.dataSource);
    }
    await sealer.stop();

    const [{ count }] = (await database.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM audit_event`,
    )) as [{ count: string }];
    expect(count).toBe('90');
    expect(verification).toMatchObject({ ok: true, checked: 90, unsealed: 0 });
    await expectChainInSeqOrder(database);
    // The slow requests really did commit lower seq numbers after higher ones, and the sealer said
    // which transactions it was waiting for rather than sealing past them.
    expect(logLines.join('')).toMatch(/audit sealing waits for transactions/);
  });

  it('stops cleanly: no pass runs after stop() resolves', async () => {
    const database = await freshDatabase();
    const sealer = startAuditSealer(database.dataSource, pino({ level: 'silent' }), 5);
    await recordEvents(database.dataSource, 3);
    const deadline = Date.now() + 5000;
    while ((await verifyAuditChain(database.dataSource)).unsealed > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await sealer.stop();
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({ ok: true, checked: 3, unsealed: 0 });

    await recordEvents(database.dataSource, 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({ ok: true, checked: 3, unsealed: 1 });
  });
});

describe('the chain follows the numbers, not their text', () => {
  it('keeps one chain across 9 → 10 (twelve logins, sealed in between): the trail that used to break at seq 10', async () => {
    const database = await freshDatabase();
    await recordEvents(database.dataSource, 9);
    expect((await sealAuditEvents(database.dataSource)).sealed).toBe(9);
    await recordEvents(database.dataSource, 3);
    expect((await sealAuditEvents(database.dataSource)).sealed).toBe(3);

    expect(await verifyAuditChain(database.dataSource)).toMatchObject({ ok: true, checked: 12, unsealed: 0 });
    const [nine] = await database.query<{ hash: string }>(`SELECT hash FROM audit_event WHERE seq = 9`);
    const [ten] = await database.query<{ prev_hash: string }>(
      `SELECT prev_hash FROM audit_event WHERE seq = 10`,
    );
    expect(ten!.prev_hash).toBe(nine!.hash);
    expect(await rowsWithoutOneSuccessor(database)).toEqual([{ seq: '12', successors: 0 }]);
  });

  it('seals 2,000 events written by concurrent requests while the sealer runs into one chain: every row but the head has exactly one successor', async () => {
    const database = await freshDatabase();
    const writers = await anotherPool(database, 16);
    const statusAt = new Date('2026-03-02T10:15:00Z');
    const sealer = startAuditSealer(database.dataSource, pino({ level: 'silent' }), 5, {
      maxWaitMs: 200,
      pollMs: 5,
      now: () => statusAt,
    });

    // 400 requests of 5 events each, 16 at a time, every request in its own transaction.
    const requests = Array.from({ length: 400 }, (_, request) => request);
    const worker = async (): Promise<void> => {
      for (let request = requests.shift(); request !== undefined; request = requests.shift())
        await writers.transaction(async (manager) => {
          for (let n = 0; n < 5; n += 1) await recordEvent(manager, request * 5 + n);
        });
    };
    await Promise.all(Array.from({ length: 16 }, worker));

    const deadline = Date.now() + 30_000;
    let status = await readAuditChainStatus(database.dataSource.manager);
    while (status?.verified?.seq !== '2000' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      status = await readAuditChainStatus(database.dataSource.manager);
    }
    await sealer.stop();

    expect(await seqs(database)).toHaveLength(2000);
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({
      ok: true,
      checked: 2000,
      unsealed: 0,
      head: { seq: '2000' },
    });
    expect(await rowsWithoutOneSuccessor(database)).toEqual([{ seq: '2000', successors: 0 }]);
    expect(await chainStarts(database)).toBe(1);
    // Row 9 is followed by row 10, row 99 by 100, row 999 by 1000: the places the text order broke.
    const links = await database.query<{ seq: string }>(
      `SELECT s.seq::text AS seq FROM audit_event p JOIN audit_event s ON s.prev_hash = p.hash
        WHERE p.seq IN (9, 99, 999) ORDER BY s.seq`,
    );
    expect(links.map((link) => link.seq)).toEqual(['10', '100', '1000']);
    // The running sealer verified what it sealed, up to the last row.
    expect(status).toMatchObject({ intact: true, verified: { seq: '2000' }, checkedAt: statusAt });
  }, 60_000);
});

describe('tampering is reported where it happened, at any row number', () => {
  const places = [9, 10, 99, 100, 1000];

  it('names the row after a removed row, the row with a flipped byte, and restores to intact', async () => {
    const database = await freshDatabase();
    await insertAuditRows(database, 1100);
    expect((await sealAuditEvents(database.dataSource)).sealed).toBe(1100);
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({ ok: true, checked: 1100 });

    for (const place of places) {
      const [saved] = await database.query<{ row: unknown }>(
        `SELECT to_jsonb(a) AS row FROM audit_event a WHERE seq = $1`,
        [place],
      );
      await tamper(database, `DELETE FROM audit_event WHERE seq = $1`, [place]);
      expect(await verifyAuditChain(database.dataSource), `row ${place} removed`).toMatchObject({
        ok: false,
        checked: place - 1,
        firstBrokenSeq: String(place + 1),
        reason: `prev_hash does not link to the previous sealed row (seq ${place - 1}): a row was removed, inserted or altered in between`,
      });
      await tamper(
        database,
        `INSERT INTO audit_event SELECT * FROM jsonb_populate_record(NULL::audit_event, $1::jsonb)`,
        [saved!.row],
      );
      expect(await verifyAuditChain(database.dataSource), `row ${place} put back`).toMatchObject({
        ok: true,
        checked: 1100,
      });

      // One byte of the request id: 'bulk-request-…' becomes 'bulk-requesu-…'.
      await tamper(
        database,
        `UPDATE audit_event SET request_id = replace(request_id, 'request', 'requesu') WHERE seq = $1`,
        [place],
      );
      expect(await verifyAuditChain(database.dataSource), `row ${place} altered`).toMatchObject({
        ok: false,
        checked: place - 1,
        firstBrokenSeq: String(place),
        reason: "hash mismatch: the row's content or hash changed after sealing",
      });
      await tamper(
        database,
        `UPDATE audit_event SET request_id = replace(request_id, 'requesu', 'request') WHERE seq = $1`,
        [place],
      );
      expect(await verifyAuditChain(database.dataSource), `row ${place} restored`).toMatchObject({
        ok: true,
      });
    }
  });

  it('names a forged row inserted into a gap, or the row after it when the forger chained it properly', async () => {
    const database = await freshDatabase();
    await insertAuditRows(database, 1100, { withoutSeqs: places });
    expect((await sealAuditEvents(database.dataSource)).sealed).toBe(1100 - places.length);
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({ ok: true });
    const previousReal = (place: number) => (places.includes(place - 1) ? place - 2 : place - 1);
    const nextReal = (place: number) => (places.includes(place + 1) ? place + 2 : place + 1);
    const forge = (place: number, prevHash: string | null, hash: string | null) =>
      tamper(
        database,
        `INSERT INTO audit_event (seq, action, entity_type, categories, details, prev_hash, hash)
         VALUES ($1, 'READ', 'case', ARRAY['DEBTS']::data_category[], '{"forged": true}', $2, $3)`,
        [place, prevHash, hash],
      );
    const hashOf = async (seq: number) =>
      (await database.query<{ hash: string }>(`SELECT hash FROM audit_event WHERE seq = $1`, [seq]))[0]!.hash;

    for (const place of places) {
      // Linked to the row before, with a made-up hash.
      await forge(place, await hashOf(previousReal(place)), 'f'.repeat(64));
      expect(await verifyAuditChain(database.dataSource), `forged row ${place}`).toMatchObject({
        ok: false,
        firstBrokenSeq: String(place),
        reason: "hash mismatch: the row's content or hash changed after sealing",
      });
      await tamper(database, `DELETE FROM audit_event WHERE seq = $1`, [place]);

      // Chained properly (sha256 is no secret): the forged row fits, the real row after it no longer does.
      await forge(place, null, null);
      const [forged] = await readAuditRows(database.dataSource.manager, 'a.seq = $1', [place]);
      const prevHash = await hashOf(previousReal(place));
      await tamper(database, `UPDATE audit_event SET prev_hash = $2, hash = $3 WHERE seq = $1`, [
        place,
        prevHash,
        createHash('sha256')
          .update(`${prevHash}\n${canonicalAuditForm(forged!)}`)
          .digest('hex'),
      ]);
      expect(await verifyAuditChain(database.dataSource), `chained forged row ${place}`).toMatchObject({
        ok: false,
        firstBrokenSeq: String(nextReal(place)),
        reason: `prev_hash does not link to the previous sealed row (seq ${place}): a row was removed, inserted or altered in between`,
      });
      await tamper(database, `DELETE FROM audit_event WHERE seq = $1`, [place]);
      expect(await verifyAuditChain(database.dataSource), `forged row ${place} gone`).toMatchObject({
        ok: true,
      });
    }
  });
});
