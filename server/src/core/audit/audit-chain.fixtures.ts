import type { DataSource } from 'typeorm';
import type { TestDatabase } from '../../testing/test-database.js';
import { GENESIS_HASH, auditChainHash, canonicalAuditForm, readAuditRows } from './audit-chain.js';

/**
 * Test helpers for the audit chain: bulk trails (set-based, when concurrency is not the point),
 * tampering as a superuser could, the old text-order sealer, and the chain's shape in SQL.
 */

/**
 * Inserts audit rows in one statement; the rows vary in every column. With `withoutSeqs`, seq is given
 * explicitly as 1…count minus those numbers (gaps an attacker could fill), and the sequence is moved
 * past count so the sealer may seal them.
 */
export async function insertAuditRows(
  database: TestDatabase,
  count: number,
  options: { withoutSeqs?: readonly number[] } = {},
): Promise<void> {
  const explicit = options.withoutSeqs !== undefined;
  await database.query(
    `INSERT INTO audit_event (${explicit ? 'seq, ' : ''}action, entity_type, entity_id, case_id, tenant_id,
            categories, basis, request_id, actor_user_id, actor_org_id, details)
     SELECT ${explicit ? 'g, ' : ''}(CASE WHEN g % 2 = 0 THEN 'READ' ELSE 'UPDATE' END)::audit_action, 'case',
            gen_random_uuid(), gen_random_uuid(), CASE WHEN g % 3 = 0 THEN NULL ELSE gen_random_uuid() END,
            (CASE WHEN g % 2 = 0 THEN ARRAY['ARREARS', 'CONTACT'] ELSE ARRAY['SPECIAL'] END)::data_category[],
            'WETTELIJKE_TAAK', 'bulk-request-' || g, gen_random_uuid(), gen_random_uuid(),
            jsonb_build_object('n', g, 'fields', jsonb_build_array('amount', 'months'))
       FROM generate_series(1, $1::int) AS g
      WHERE NOT (g = ANY ($2::int[]))
      ORDER BY g`,
    [count, [...(options.withoutSeqs ?? [])]],
  );
  if (explicit)
    await database.query(`SELECT setval(pg_get_serial_sequence('audit_event', 'seq'), $1::bigint)`, [count]);
}

/** What a superuser with bad intentions could do: switch the guard triggers off for one change. */
export async function tamper(database: TestDatabase, sql: string, parameters: unknown[] = []): Promise<void> {
  await database.dataSource.transaction(async (manager) => {
    await manager.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
    await manager.query(sql, parameters);
    await manager.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
  });
}

/**
 * Sealed rows that do not have exactly one successor (a row whose prev_hash is their hash), with how
 * many they have. In a sound chain that is the head alone, with none.
 */
export async function rowsWithoutOneSuccessor(
  database: TestDatabase,
): Promise<{ seq: string; successors: number }[]> {
  return database.query(
    `SELECT p.seq::text AS "seq", count(s.seq)::int AS "successors"
       FROM audit_event p LEFT JOIN audit_event s ON s.prev_hash = p.hash
      WHERE p.hash IS NOT NULL
      GROUP BY p.seq HAVING count(s.seq) <> 1
      ORDER BY p.seq`,
  );
}

/** How many sealed rows start from the genesis hash (one in a sound chain). */
export async function chainStarts(database: TestDatabase): Promise<number> {
  const [row] = await database.query<{ count: number }>(
    `SELECT count(*)::int AS "count" FROM audit_event WHERE prev_hash = $1`,
    [GENESIS_HASH],
  );
  return row?.count ?? 0;
}

/**
 * One pass of the sealer as an earlier version ran it: the head and the pending rows taken in text
 * order of seq (1, 10, 100, …, 2, 20, …), so the chain hops around and the head is "9", then "99".
 */
export async function sealInTextOrder(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const rows = await readAuditRows(manager);
    const inTextOrder = (a: { seq: string }, b: { seq: string }) =>
      a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0;
    const head = rows
      .filter((row) => row.hash !== null)
      .sort(inTextOrder)
      .at(-1);
    const pending = rows.filter((row) => row.hash === null).sort(inTextOrder);
    let prevHash = head?.hash ?? GENESIS_HASH;
    const links = pending.map((row) => {
      const hash = auditChainHash(prevHash, canonicalAuditForm(row));
      const link = { seq: row.seq, prevHash, hash };
      prevHash = hash;
      return link;
    });
    await manager.query(
      `UPDATE audit_event AS a SET prev_hash = v.prev_hash, hash = v.hash
         FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(seq, prev_hash, hash)
        WHERE a.seq = v.seq`,
      [links.map((link) => link.seq), links.map((link) => link.prevHash), links.map((link) => link.hash)],
    );
    return links.length;
  });
}
