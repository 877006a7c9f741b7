import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createSystemContext } from '../system-context.js';
import {
  AUDIT_SEALER_LOCK_KEY,
  GENESIS_HASH,
  auditChainHash,
  canonicalAuditForm,
  readAuditRows,
  sealedHead,
  waitForSealableWatermark,
  walkAuditChain,
  writeLinks,
  type ChainPoint,
} from './audit-chain.js';
import { writeAuditChainStatus } from './audit-chain-status.js';
import { writeAuditEvent } from './audit-writer.js';

/**
 * The deliberate repair of a chain whose rows are genuine but linked in the wrong order — as every
 * trail was that an earlier version sealed in text order of seq (1, 10, 100, …, 2, 20, …).
 *
 * In one transaction, holding the sealer's lock: find the first wrong link walking in numeric seq
 * order, prove that the damage is an ordering mistake and not tampering, re-link every row from
 * there in numeric order (sealing rows that were left unsealed in between), verify the result, record
 * an audit event naming the old and the new head, and mark the chain status intact. It refuses — and
 * changes nothing — when a row does not match its own hash (its content or hash was changed) or links
 * to a row that no longer exists (a row was removed): that is evidence, not an ordering mistake.
 */
export interface AuditRepairResult {
  /** False when the chain verified already: nothing was changed and nothing recorded. */
  readonly repaired: boolean;
  readonly firstRelinkedSeq: string | null;
  /** Rows whose prev_hash and hash were rewritten (including rows sealed for the first time). */
  readonly relinked: number;
  /** The sealed row with the highest seq before the repair, with its hash then. */
  readonly oldHead: ChainPoint | null;
  /** The same place after the repair (or a higher row, when unsealed rows got sealed). */
  readonly newHead: ChainPoint | null;
}

export class AuditRepairRefusedError extends Error {
  override name = 'AuditRepairRefusedError';
}

export interface AuditRepairOptions {
  readonly logger: Logger;
  /** The clock the chain status is stamped with. */
  readonly now?: () => Date;
  /** How long to wait for open transactions that write audit rows (as the sealer does). */
  readonly maxWaitMs?: number;
  readonly batchSize?: number;
}

export async function repairAuditChain(
  dataSource: DataSource,
  options: AuditRepairOptions,
): Promise<AuditRepairResult> {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 2000;
  return dataSource.transaction('READ COMMITTED', async (manager) => {
    // Waits for a running sealing pass; no pass starts while the repair holds the lock.
    await manager.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [AUDIT_SEALER_LOCK_KEY.toString()]);
    const { watermark, blockedBy } = await waitForSealableWatermark(manager, {
      maxWaitMs: options.maxWaitMs ?? 30_000,
    });
    if (blockedBy.length > 0)
      throw new AuditRepairRefusedError(
        `${blockedBy.length} open transaction(s) may still commit audit rows (pids ${blockedBy
          .map((writer) => writer.pid ?? 'prepared')
          .join(', ')}); try again when they have ended`,
      );

    const walk = await walkAuditChain(manager, null, batchSize);
    const oldHead = await sealedHead(manager);
    if (walk.ok) return { repaired: false, firstRelinkedSeq: null, relinked: 0, oldHead, newHead: oldHead };
    const firstBroken = walk.firstBrokenSeq ?? '1';

    // A link that points at no row at all means a row was removed: refuse.
    const [dangling] = await manager.query<{ seq: string }[]>(
      `SELECT a.seq::text AS "seq" FROM audit_event a
        WHERE a.seq >= $1::bigint AND a.hash IS NOT NULL AND a.prev_hash <> $2
          AND NOT EXISTS (SELECT 1 FROM audit_event b WHERE b.hash = a.prev_hash)
        ORDER BY a.seq LIMIT 1`,
      [firstBroken, GENESIS_HASH],
    );
    if (dangling)
      throw new AuditRepairRefusedError(
        `seq ${dangling.seq} links to a row that no longer exists: a sealed row was removed. That is not an ordering mistake; nothing was changed`,
      );

    await manager.query(`SET LOCAL vangnet.audit_relink = 'on'`);
    let prevHash = walk.head?.hash ?? GENESIS_HASH;
    // From the last intact row on: unsealed rows left between it and the break get sealed too.
    let after = walk.head?.seq ?? '0';
    let firstRelinkedSeq: string | null = null;
    let relinked = 0;
    for (;;) {
      // Sealed rows, and unsealed rows no late commit can precede any more (≤ the watermark).
      const rows = await readAuditRows(
        manager,
        'a.seq > $1::bigint AND (a.hash IS NOT NULL OR a.seq <= $2::bigint)',
        [after, watermark],
        batchSize,
      );
      for (const row of rows)
        if (
          row.hash !== null &&
          (row.prevHash === null || auditChainHash(row.prevHash, canonicalAuditForm(row)) !== row.hash)
        )
          throw new AuditRepairRefusedError(
            `seq ${row.seq} does not match its own hash: its content or hash was changed after sealing. That is not an ordering mistake; nothing was changed`,
          );
      const last = rows.at(-1);
      if (!last) break;
      firstRelinkedSeq ??= rows[0]?.seq ?? null;
      prevHash = await writeLinks(manager, rows, prevHash, 'relink');
      relinked += rows.length;
      after = last.seq;
      if (rows.length < batchSize) break;
    }
    await manager.query(`SET LOCAL vangnet.audit_relink = 'off'`);

    const check = await walkAuditChain(manager, walk.head, batchSize);
    if (!check.ok)
      throw new AuditRepairRefusedError(
        `after re-linking, seq ${check.firstBrokenSeq} still does not verify (${check.reason}); nothing was changed`,
      );
    const newHead = await sealedHead(manager);
    await writeAuditEvent(manager, createSystemContext(options.logger), {
      action: 'UPDATE',
      entityType: 'audit-chain',
      details: {
        repair: 'relink-in-seq-order',
        firstRelinkedSeq,
        relinked,
        oldHeadSeq: oldHead?.seq ?? null,
        oldHeadHash: oldHead?.hash ?? null,
        newHeadSeq: newHead?.seq ?? null,
        newHeadHash: newHead?.hash ?? null,
      },
    });
    await writeAuditChainStatus(manager, {
      verified: newHead,
      checkedAt: now(),
      intact: true,
      firstBrokenSeq: null,
      brokenReason: null,
    });
    return { repaired: true, firstRelinkedSeq, relinked, oldHead, newHead };
  });
}
