import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The hash chain over `audit_event` (docs/product.md §5).
 *
 * Requests insert audit rows unchained (`hash IS NULL`) inside their own transaction, so the chain is
 * never a lock a request waits on. One sealer at a time — whoever holds the advisory lock
 * {@link AUDIT_SEALER_LOCK_KEY}; every server instance runs one and the others simply skip a pass —
 * fills `prev_hash` and `hash` in `seq` order shortly afterwards:
 *
 *     hash = sha256_hex(prev_hash + '\n' + canonicalAuditForm(row)),  prev_hash of the first row = 64 zeros
 *
 * `verifyAuditChain` recomputes every sealed row and checks the links; it never writes.
 *
 * ## Never sealing past a gap that may still be filled
 *
 * `seq` comes from a sequence, so a transaction that drew seq 10 can commit after another one committed
 * seq 11. Had the sealer chained 11 already, 10 would land below the sealed head and the chain could no
 * longer follow seq order. A time-based grace period ("only seal rows older than 2 s") merely makes that
 * unlikely; `xmin` with `pg_current_snapshot()` misses the moment between `nextval()` and the row's
 * insertion, when the writing transaction may not have an xid yet. The sealer uses a watermark that is
 * exact instead, built from two facts of PostgreSQL:
 *
 * 1. An INSERT locks its target table (RowExclusiveLock) when the statement is parsed or its cached
 *    plan is locked — before the column defaults, and so `nextval()`, are evaluated — and holds that
 *    lock until its transaction ends. Committing makes a transaction visible to new snapshots before
 *    it releases its locks.
 * 2. The sequence has CACHE 1 (checked on every pass), so its `last_value` is the highest seq ever
 *    handed out; no backend holds pre-allocated values it will use later.
 *
 * Each pass reads `last_value` as W, then lists the transactions that hold a write lock on
 * `audit_event` in `pg_locks`, then waits until exactly those transactions have ended. Every seq ≤ W
 * was drawn by a transaction that held the lock before W was read; it was therefore either in that list
 * or had already ended. Once the list is empty, every seq ≤ W is committed (and visible to the next
 * statement's snapshot) or will never appear (rolled back, or drawn and never used): no row at or below
 * W can arrive later. The pass seals unsealed rows with seq ≤ W, in seq order; gaps below W are final
 * and are simply skipped by the chain (the chain links sealed rows, not seq numbers).
 *
 * Later transactions do not delay the pass: it waits for the listed transactions only, not for a
 * moment without writers. A transaction that stays open with an audit row (or any write lock on the
 * table) holds sealing up until it ends — correctly, since it may still commit a low seq. After
 * `maxWaitMs` the pass gives up, seals nothing and reports those transactions in `blockedBy`; the
 * running sealer logs them. Rows keep being recorded meanwhile; verification reports them as unsealed.
 */

/** The advisory lock (pg_try_advisory_xact_lock) that makes one sealer run at a time: 'VANGAUD1'. */
export const AUDIT_SEALER_LOCK_KEY = 0x56414e4741554431n;

/** prev_hash of the first row of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Every column except prev_hash and hash, as PostgreSQL renders it as text. */
export interface AuditCanonicalRow {
  readonly seq: string;
  readonly id: string;
  /** UTC, microseconds: `2026-01-31T09:15:02.123456Z`. */
  readonly occurredAt: string;
  readonly actorUserId: string | null;
  readonly actorOrgId: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly caseId: string | null;
  readonly tenantId: string | null;
  /** In stored order. */
  readonly categories: readonly string[];
  readonly basis: string | null;
  readonly requestId: string | null;
  /** `details::text`: jsonb's normalised rendering. */
  readonly details: string;
}

export interface StoredAuditRow extends AuditCanonicalRow {
  readonly prevHash: string | null;
  readonly hash: string | null;
}

/**
 * Selects a row as {@link StoredAuditRow}. Everything but `seq` is rendered by PostgreSQL as text, never
 * through a JS Date (which would drop the microseconds) or a JS object (whose key order is not jsonb's).
 *
 * `seq` stays the bigint column (node-postgres hands int8 over as a decimal string): a text rendering
 * aliased `seq` would make a bare `ORDER BY seq` sort as text (1, 10, 100, 2, …), which once sealed and
 * verified whole trails in the wrong order. Queries over these columns order by the qualified
 * `a.seq`, and {@link readAuditRows} refuses rows that do not come in ascending numeric order.
 */
const STORED_COLUMNS = `
  a.seq AS "seq",
  a.id::text AS "id",
  to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
  a.actor_user_id::text AS "actorUserId",
  a.actor_org_id::text AS "actorOrgId",
  a.action::text AS "action",
  a.entity_type AS "entityType",
  a.entity_id::text AS "entityId",
  a.case_id::text AS "caseId",
  a.tenant_id::text AS "tenantId",
  a.categories::text[] AS "categories",
  a.basis AS "basis",
  a.request_id AS "requestId",
  a.details::text AS "details",
  a.prev_hash AS "prevHash",
  a.hash AS "hash"`;

/** A seq as the canonical form writes it: the decimal digits of the bigint. */
function seqText(value: unknown): string {
  const text = typeof value === 'bigint' || typeof value === 'number' ? value.toString() : String(value);
  if (!/^[1-9][0-9]*$/.test(text)) throw new Error(`audit_event.seq ${text} is not a positive integer`);
  return text;
}

/**
 * The deterministic text a row's hash covers: a version line, then one `name=<JSON string>` line per
 * column in this fixed order (JSON-encoding keeps every value on its line and null distinct from "").
 */
export function canonicalAuditForm(row: AuditCanonicalRow): string {
  const fields: [string, string | null | readonly string[]][] = [
    ['seq', row.seq],
    ['id', row.id],
    ['occurred_at', row.occurredAt],
    ['actor_user_id', row.actorUserId],
    ['actor_org_id', row.actorOrgId],
    ['action', row.action],
    ['entity_type', row.entityType],
    ['entity_id', row.entityId],
    ['case_id', row.caseId],
    ['tenant_id', row.tenantId],
    ['categories', [...row.categories]],
    ['basis', row.basis],
    ['request_id', row.requestId],
    ['details', row.details],
  ];
  return ['audit_event v1', ...fields.map(([name, value]) => `${name}=${JSON.stringify(value)}`)].join('\n');
}

/** sha256(prevHash + '\n' + canonical), hex. */
export function auditChainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(`${prevHash}\n${canonical}`, 'utf8').digest('hex');
}

/**
 * Rows in numeric seq order as the canonical form sees them, with their hash columns; for the sealer,
 * the verifier, the repair, and tests or tools that recompute hashes. `where` is SQL over the table
 * (alias `a`) using `$1…` for `parameters`. Throws when the rows do not come in ascending numeric seq
 * order, so an ordering mistake can never be sealed or verified silently.
 */
export async function readAuditRows(
  manager: EntityManager,
  where = 'TRUE',
  parameters: readonly unknown[] = [],
  limit?: number,
): Promise<StoredAuditRow[]> {
  const limitClause = limit === undefined ? '' : ` LIMIT $${parameters.length + 1}`;
  const raw = await manager.query<(Omit<StoredAuditRow, 'seq'> & { seq: unknown })[]>(
    `SELECT ${STORED_COLUMNS} FROM audit_event a WHERE ${where} ORDER BY a.seq${limitClause}`,
    limit === undefined ? [...parameters] : [...parameters, limit],
  );
  let previous: bigint | null = null;
  return raw.map((row) => {
    const seq = seqText(row.seq);
    const numeric = BigInt(seq);
    if (previous !== null && numeric <= previous)
      throw new Error(`audit rows came out of numeric seq order (${previous.toString()} before ${seq})`);
    previous = numeric;
    return { ...row, seq };
  });
}

/** The sealed row with the highest seq (numerically), or null when nothing is sealed yet. */
export async function sealedHead(manager: EntityManager): Promise<ChainPoint | null> {
  const [head] = await manager.query<{ seq: unknown; hash: string }[]>(
    `SELECT a.seq AS "seq", a.hash AS "hash" FROM audit_event a
      WHERE a.hash IS NOT NULL ORDER BY a.seq DESC LIMIT 1`,
  );
  return head ? { seq: seqText(head.seq), hash: head.hash } : null;
}

/** A sealed row as a point on the chain. */
export interface ChainPoint {
  readonly seq: string;
  readonly hash: string;
}

// ---------------------------------------------------------------------------------------------------
// Sealing

export interface SealOptions {
  /** Rows per UPDATE. */
  readonly batchSize?: number;
  /** At most this many rows per pass; the next pass continues. */
  readonly maxRows?: number;
  /** How long a pass waits for open writing transactions before giving up (sealing nothing). */
  readonly maxWaitMs?: number;
  /** How often it looks again while waiting. */
  readonly pollMs?: number;
  /** Stops the wait (the pass then seals nothing); used on shutdown. */
  readonly signal?: AbortSignal;
}

/** A transaction holding a write lock on audit_event that a pass waited for in vain. */
export interface BlockingTransaction {
  /** Backend pid; null for a prepared (two-phase) transaction. */
  readonly pid: number | null;
  readonly virtualTransaction: string;
}

export interface SealResult {
  readonly sealed: number;
  /** Non-empty when the pass gave up waiting for these transactions; sealing resumes once they end. */
  readonly blockedBy: readonly BlockingTransaction[];
}

const DEFAULT_SEAL_OPTIONS = { batchSize: 1000, maxRows: 50_000, maxWaitMs: 2000, pollMs: 20 } as const;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Transactions (other than ours) holding a write lock on audit_event in this database. */
async function writersOnAuditEvent(
  manager: EntityManager,
  among: readonly string[] | null,
): Promise<BlockingTransaction[]> {
  return manager.query<BlockingTransaction[]>(
    `SELECT DISTINCT virtualtransaction AS "virtualTransaction", pid
       FROM pg_locks
      WHERE locktype = 'relation'
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND relation = 'audit_event'::regclass
        AND mode IN ('RowExclusiveLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')
        AND granted
        AND pid IS DISTINCT FROM pg_backend_pid()
        AND ($1::text[] IS NULL OR virtualtransaction = ANY ($1::text[]))`,
    [among],
  );
}

/** The highest seq handed out so far ('0' when none), refusing a sequence cache that would hide some. */
async function highestSeqHandedOut(manager: EntityManager): Promise<string> {
  const [sequence] = await manager.query<{ name: string | null }[]>(
    `SELECT pg_get_serial_sequence('audit_event', 'seq') AS name`,
  );
  if (!sequence?.name) throw new Error('audit_event.seq has no sequence');
  // The name comes from the catalog, already quoted where needed.
  const [state] = await manager.query<{ lastValue: string; isCalled: boolean; cache: string }[]>(
    `SELECT s.last_value::text AS "lastValue", s.is_called AS "isCalled", p.seqcache::text AS "cache"
       FROM ${sequence.name} s, pg_sequence p
      WHERE p.seqrelid = $1::regclass`,
    [sequence.name],
  );
  if (!state) throw new Error(`cannot read sequence ${sequence.name}`);
  if (state.cache !== '1')
    throw new Error(
      `sequence ${sequence.name} has CACHE ${state.cache}; the audit sealer needs CACHE 1 to know which seq values are handed out`,
    );
  return state.isCalled ? state.lastValue : '0';
}

/**
 * The watermark of the module comment: the highest seq handed out, once every transaction that held a
 * write lock on audit_event when it was read has ended. Call it holding {@link AUDIT_SEALER_LOCK_KEY}
 * in a READ COMMITTED transaction. Returns the open writers instead when they outlast `maxWaitMs`.
 */
export async function waitForSealableWatermark(
  manager: EntityManager,
  options: Pick<SealOptions, 'maxWaitMs' | 'pollMs' | 'signal'> = {},
): Promise<{ watermark: string; blockedBy: readonly BlockingTransaction[] }> {
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_SEAL_OPTIONS.maxWaitMs;
  const pollMs = options.pollMs ?? DEFAULT_SEAL_OPTIONS.pollMs;
  // Read the sequence first, then the writers; wait for exactly those writers.
  const watermark = await highestSeqHandedOut(manager);
  let open = await writersOnAuditEvent(manager, null);
  const deadline = Date.now() + maxWaitMs;
  while (open.length > 0) {
    if (Date.now() >= deadline || options.signal?.aborted) return { watermark, blockedBy: open };
    await sleep(pollMs);
    open = await writersOnAuditEvent(
      manager,
      open.map((writer) => writer.virtualTransaction),
    );
  }
  return { watermark, blockedBy: [] };
}

/**
 * Computes prev_hash and hash for `rows` (in numeric seq order) chained after `prevHash`, and writes
 * them. Returns the hash of the last row. 'seal' only fills unsealed rows; 'relink' also rewrites the
 * links of sealed rows, which the guard trigger only allows inside a transaction that declared a
 * repair (see audit-repair.ts).
 */
export async function writeLinks(
  manager: EntityManager,
  rows: readonly StoredAuditRow[],
  prevHash: string,
  mode: 'seal' | 'relink',
): Promise<string> {
  const seqs: string[] = [];
  const prevHashes: string[] = [];
  const hashes: string[] = [];
  let previous = prevHash;
  for (const row of rows) {
    const hash = auditChainHash(previous, canonicalAuditForm(row));
    seqs.push(row.seq);
    prevHashes.push(previous);
    hashes.push(hash);
    previous = hash;
  }
  // Wrapped in a CTE so the driver hands back rows, not the [rows, rowCount] it gives for UPDATE.
  const [updated] = await manager.query<{ count: number }[]>(
    `WITH linked AS (
       UPDATE audit_event AS a
          SET prev_hash = v.prev_hash, hash = v.hash
         FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(seq, prev_hash, hash)
        WHERE a.seq = v.seq AND ($4::boolean OR a.hash IS NULL)
    RETURNING a.seq)
     SELECT count(*)::int AS count FROM linked`,
    [seqs, prevHashes, hashes, mode === 'relink'],
  );
  if (updated?.count !== rows.length)
    throw new Error(`chaining changed ${updated?.count ?? 0} of ${rows.length} audit rows; rolled back`);
  return previous;
}

/**
 * One sealing pass: chains every audit row that can no longer be preceded by a late commit (see the
 * module comment), in numeric seq order. Returns `{ sealed: 0 }` at once when another sealer holds
 * the lock.
 */
export async function sealAuditEvents(
  dataSource: DataSource,
  options: SealOptions = {},
): Promise<SealResult> {
  const { batchSize, maxRows } = { ...DEFAULT_SEAL_OPTIONS, ...options };
  const nothing: SealResult = { sealed: 0, blockedBy: [] };

  // Cheap and lock-free (partial index audit_event_unsealed): most passes end here.
  const [pending] = await dataSource.query<{ pending: number }[]>(
    `SELECT 1 AS pending FROM audit_event WHERE hash IS NULL LIMIT 1`,
  );
  if (!pending) return nothing;

  return dataSource.transaction('READ COMMITTED', async (manager) => {
    const [lock] = await manager.query<{ acquired: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock($1::bigint) AS acquired`,
      [AUDIT_SEALER_LOCK_KEY.toString()],
    );
    if (!lock?.acquired) return nothing;

    const { watermark, blockedBy } = await waitForSealableWatermark(manager, options);
    if (blockedBy.length > 0) return { sealed: 0, blockedBy };

    // Each statement below takes a new snapshot (READ COMMITTED), so it sees every commit ≤ watermark.
    const head = await sealedHead(manager);
    let prevHash = head?.hash ?? GENESIS_HASH;
    let sealed = 0;
    while (sealed < maxRows) {
      const rows = await readAuditRows(
        manager,
        'a.hash IS NULL AND a.seq <= $1::bigint',
        [watermark],
        Math.min(batchSize, maxRows - sealed),
      );
      const first = rows[0];
      if (!first) break;
      if (head && BigInt(first.seq) < BigInt(head.seq))
        throw new Error(
          `unsealed audit row seq ${first.seq} lies below the sealed head seq ${head.seq}; it cannot be chained in seq order`,
        );
      prevHash = await writeLinks(manager, rows, prevHash, 'seal');
      sealed += rows.length;
      if (rows.length < batchSize) break;
    }
    return { sealed, blockedBy: [] };
  });
}

// ---------------------------------------------------------------------------------------------------
// Verification

export interface AuditVerification {
  readonly ok: boolean;
  /** Sealed rows recomputed and found intact (up to the first broken one). */
  readonly checked: number;
  /** Rows not sealed yet (they wait for the sealer). */
  readonly unsealed: number;
  readonly firstBrokenSeq: string | null;
  readonly reason: string | null;
  /** The last intact sealed row: note its hash elsewhere to detect removal of the newest rows later. */
  readonly head: ChainPoint | null;
}

/**
 * What a walk along the chain found; `head` is the last intact sealed row it reached (or the start),
 * null when the row it was to start from is no longer as it was.
 */
export interface ChainWalk {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBrokenSeq: string | null;
  readonly reason: string | null;
  readonly head: ChainPoint | null;
}

/**
 * Walks the rows after `from` (from the start when null) in numeric seq order, in batches, recomputing
 * each sealed row's hash and checking that its prev_hash is the previous sealed row's hash. Unsealed
 * rows must all come after the sealed ones. Reads with whatever snapshot `manager` has; writes nothing.
 */
export async function walkAuditChain(
  manager: EntityManager,
  from: ChainPoint | null,
  batchSize = 5000,
): Promise<ChainWalk> {
  let expectedPrev = from?.hash ?? GENESIS_HASH;
  let head: ChainPoint | null = from;
  let firstUnsealed: string | null = null;
  let checked = 0;
  let after = from?.seq ?? '0';
  const broken = (seq: string, reason: string): ChainWalk => ({
    ok: false,
    checked,
    firstBrokenSeq: seq,
    reason,
    head,
  });
  if (from) {
    // The walk builds on the row it starts from: that row must still be there, unchanged.
    const [start] = await manager.query<{ hash: string | null }[]>(
      `SELECT a.hash AS "hash" FROM audit_event a WHERE a.seq = $1::bigint`,
      [from.seq],
    );
    // Without it nothing after it can be trusted: head null tells the caller to walk from the start.
    if (start?.hash !== from.hash)
      return {
        ...broken(from.seq, 'the last verified row was removed or its hash changed since it was verified'),
        head: null,
      };
  }
  for (;;) {
    const rows = await readAuditRows(manager, 'a.seq > $1::bigint', [after], batchSize);
    for (const row of rows) {
      if (row.hash === null) {
        if (row.prevHash !== null) return broken(row.seq, 'an unsealed row carries a prev_hash');
        firstUnsealed ??= row.seq;
        continue;
      }
      if (firstUnsealed !== null)
        return broken(row.seq, `sealed row after the unsealed row seq ${firstUnsealed}`);
      if (row.prevHash !== expectedPrev)
        return broken(
          row.seq,
          head
            ? `prev_hash does not link to the previous sealed row (seq ${head.seq}): a row was removed, inserted or altered in between`
            : 'prev_hash of the first sealed row is not the genesis hash: earlier rows were removed',
        );
      if (auditChainHash(row.prevHash, canonicalAuditForm(row)) !== row.hash)
        return broken(row.seq, "hash mismatch: the row's content or hash changed after sealing");
      expectedPrev = row.hash;
      head = { seq: row.seq, hash: row.hash };
      checked += 1;
    }
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) break;
    after = last.seq;
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null, head };
}

/** Audit rows not sealed yet (the partial index audit_event_unsealed keeps this cheap). */
export async function countUnsealedAuditRows(manager: EntityManager): Promise<number> {
  const [counted] = await manager.query<{ unsealed: string }[]>(
    `SELECT count(*)::text AS unsealed FROM audit_event WHERE hash IS NULL`,
  );
  return Number(counted?.unsealed ?? 0);
}

/**
 * Walks the whole table in numeric seq order (one REPEATABLE READ READ ONLY snapshot), recomputing
 * every sealed row. Writes nothing.
 */
export async function verifyAuditChain(
  dataSource: DataSource,
  options: { batchSize?: number } = {},
): Promise<AuditVerification> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    try {
      const unsealed = await countUnsealedAuditRows(runner.manager);
      const walk = await walkAuditChain(runner.manager, null, options.batchSize);
      return { ...walk, unsealed };
    } finally {
      await runner.query('ROLLBACK');
    }
  } finally {
    await runner.release();
  }
}
