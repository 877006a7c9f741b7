import type { DataSource, EntityManager } from 'typeorm';
import { countUnsealedAuditRows, walkAuditChain, type ChainPoint, type ChainWalk } from './audit-chain.js';

/**
 * The chain status: how far the running servers have verified the audit chain, and whether it was
 * intact there. One row in `audit_chain_status`, written after sealing by whichever server instance
 * sealed (the row lock makes instances take turns), read by the privacy officer's status query.
 *
 * Each check continues from the last verified row (incremental and cheap: it reads the newly sealed
 * rows only) and first makes sure that row still carries the hash it was verified with (when it does
 * not, that check walks the whole chain once to name the first broken row). It does not re-read older
 * rows otherwise: `audit:verify` walks the whole chain.
 */
export interface AuditChainStatus {
  /** The last sealed row found intact (with every row before it, when it was verified). */
  readonly verified: ChainPoint | null;
  readonly checkedAt: Date;
  readonly intact: boolean;
  readonly firstBrokenSeq: string | null;
  readonly brokenReason: string | null;
}

interface StatusRow {
  verifiedSeq: string | null;
  verifiedHash: string | null;
  checkedAt: Date;
  intact: boolean;
  firstBrokenSeq: string | null;
  brokenReason: string | null;
}

const STATUS_COLUMNS = `verified_seq::text AS "verifiedSeq", verified_hash AS "verifiedHash", checked_at AS "checkedAt",
  intact, first_broken_seq::text AS "firstBrokenSeq", broken_reason AS "brokenReason"`;

function statusOf(row: StatusRow): AuditChainStatus {
  return {
    verified:
      row.verifiedSeq !== null && row.verifiedHash !== null
        ? { seq: row.verifiedSeq, hash: row.verifiedHash }
        : null,
    checkedAt: row.checkedAt,
    intact: row.intact,
    firstBrokenSeq: row.firstBrokenSeq,
    brokenReason: row.brokenReason,
  };
}

/**
 * What the privacy officer's status query shows: the status and how many rows wait to be sealed. Row
 * numbers only, platform-wide, so the app's wiring hands this reader to the feature instead of the
 * feature reading the audit table outside its rule.
 */
export async function readAuditChainHealth(
  manager: EntityManager,
): Promise<{ status: AuditChainStatus | null; waitingToBeSealed: number }> {
  const [status, waitingToBeSealed] = await Promise.all([
    readAuditChainStatus(manager),
    countUnsealedAuditRows(manager),
  ]);
  return { status, waitingToBeSealed };
}

/** The status as last written; null when no server has checked the chain yet. */
export async function readAuditChainStatus(manager: EntityManager): Promise<AuditChainStatus | null> {
  const [row] = await manager.query<StatusRow[]>(`SELECT ${STATUS_COLUMNS} FROM audit_chain_status`);
  return row ? statusOf(row) : null;
}

/** Writes the status (the one row), inside the caller's transaction. */
export async function writeAuditChainStatus(manager: EntityManager, status: AuditChainStatus): Promise<void> {
  await manager.query(
    `INSERT INTO audit_chain_status (id, verified_seq, verified_hash, checked_at, intact, first_broken_seq, broken_reason)
     VALUES (1, $1::bigint, $2, $3, $4, $5::bigint, $6)
     ON CONFLICT (id) DO UPDATE SET verified_seq = EXCLUDED.verified_seq, verified_hash = EXCLUDED.verified_hash,
       checked_at = EXCLUDED.checked_at, intact = EXCLUDED.intact,
       first_broken_seq = EXCLUDED.first_broken_seq, broken_reason = EXCLUDED.broken_reason`,
    [
      status.verified?.seq ?? null,
      status.verified?.hash ?? null,
      status.checkedAt,
      status.intact,
      status.firstBrokenSeq,
      status.brokenReason,
    ],
  );
}

export interface ChainStatusCheck {
  readonly walk: ChainWalk;
  /** The status before this check; null on the very first check. */
  readonly before: AuditChainStatus | null;
  readonly after: AuditChainStatus;
}

/**
 * Verifies the rows sealed since the last verified row and records the outcome. When the chain was
 * found broken before, the check starts again from the last intact row, so a break that was undone
 * (a row put back as it was) heals by itself; a real break stays reported until `audit:repair`.
 */
export async function checkNewlySealedAuditRows(
  dataSource: DataSource,
  now: () => Date,
  options: { batchSize?: number } = {},
): Promise<ChainStatusCheck> {
  return dataSource.transaction('READ COMMITTED', async (manager) => {
    // The row lock makes concurrent checks (several server instances) take turns.
    const created = await manager.query<{ id: number }[]>(
      `INSERT INTO audit_chain_status (id, checked_at, intact) VALUES (1, $1, true)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [now()],
    );
    const [locked] = await manager.query<StatusRow[]>(
      `SELECT ${STATUS_COLUMNS} FROM audit_chain_status FOR UPDATE`,
    );
    if (!locked) throw new Error('audit_chain_status has no row');
    const before = created.length > 0 ? null : statusOf(locked);
    const from = before?.verified ?? null;
    let walk = await walkAuditChain(manager, from, options.batchSize);
    // The last verified row itself changed: find the first broken row by walking from the start.
    if (!walk.ok && from !== null && walk.head === null)
      walk = await walkAuditChain(manager, null, options.batchSize);
    const after: AuditChainStatus = {
      verified: walk.head,
      checkedAt: now(),
      intact: walk.ok,
      firstBrokenSeq: walk.firstBrokenSeq,
      brokenReason: walk.reason,
    };
    await writeAuditChainStatus(manager, after);
    return { walk, before, after };
  });
}
