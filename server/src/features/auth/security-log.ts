import type { SystemDatabase } from '../../core/db/gateway.js';
import { SignInPseudonyms } from './sign-in-throttle.js';

/** One entry of the platform security log: a sign-in trace that belongs to no organisation. */
export interface SecurityLogEntry {
  readonly seq: string;
  readonly occurredAt: Date;
  readonly action: 'ACCESS_DENIED' | 'SIGN_IN_BLOCKED';
  /** session: a failed sign-in; user: an e-mail address stopped; address: a source address stopped. */
  readonly entityType: string;
  readonly reason: string | null;
  readonly emailHash: string | null;
  readonly addressHash: string | null;
  readonly lockoutSeconds: number | null;
  readonly requestId: string | null;
}

export interface SecurityLogQuery {
  readonly since?: Date;
  /** Only the traces of this e-mail address (looked up by its keyed hash; the log holds no addresses). */
  readonly email?: string;
  readonly limit?: number;
}

/**
 * The platform security log: failed sign-ins with an unknown e-mail address and lockouts of unknown
 * addresses or of source addresses. They are audit events (append-only, hash-chained) without an acting
 * organisation, so no privacy officer lists them; the operator reads them with `security:log`.
 */
export async function readSecurityLog(
  database: SystemDatabase,
  pseudonymSecret: Buffer,
  query: SecurityLogQuery = {},
): Promise<SecurityLogEntry[]> {
  const emailHash = query.email
    ? new SignInPseudonyms(pseudonymSecret).email(query.email.trim().toLowerCase())
    : null;
  const rows = await database.run<{
    seq: string;
    occurred_at: Date;
    action: SecurityLogEntry['action'];
    entity_type: string;
    details: Record<string, unknown>;
    request_id: string | null;
  }>(
    `SELECT seq::text AS seq, occurred_at, action, entity_type, details, request_id
       FROM audit_event
      WHERE actor_org_id IS NULL
        AND action IN ('ACCESS_DENIED', 'SIGN_IN_BLOCKED')
        AND entity_type IN ('session', 'user', 'address')
        AND ($1::timestamptz IS NULL OR occurred_at >= $1)
        AND ($2::text IS NULL OR details ->> 'emailHash' = $2)
      ORDER BY seq DESC
      LIMIT $3`,
    [query.since ?? null, emailHash, Math.min(Math.max(query.limit ?? 100, 1), 10_000)],
  );
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  return rows.map((row) => ({
    seq: row.seq,
    occurredAt: row.occurred_at,
    action: row.action,
    entityType: row.entity_type,
    reason: text(row.details.reason),
    emailHash: text(row.details.emailHash),
    addressHash: text(row.details.addressHash),
    lockoutSeconds: typeof row.details.seconds === 'number' ? row.details.seconds : null,
    requestId: row.request_id,
  }));
}
