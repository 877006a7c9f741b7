import type { Locale, MembershipRole, OrganizationKind } from '@vangnet/shared';
import type { DataSource } from 'typeorm';
import type { Actor } from '../request-context.js';

interface SessionRow {
  session_id: string;
  user_id: string;
  locale: Locale;
  membership_id: string | null;
  organization_id: string | null;
  organization_name: string | null;
  org_kind: OrganizationKind | null;
  role: MembershipRole | null;
}

/**
 * The actor of a session as it is NOW, or null when the session was revoked, expired or its user
 * deactivated — the same conditions as `AuthService.authenticate`, but without sliding the idle expiry:
 * an event arriving on an open WebSocket is not the user doing something, so it must not keep an idle
 * session alive. The active membership is read afresh, so `switchMembership` applies to the next event.
 */
export async function currentSessionActor(dataSource: DataSource, sessionId: string): Promise<Actor | null> {
  const rows = await dataSource.query<SessionRow[]>(
    `SELECT s.id AS session_id, s.user_id, u.locale,
            m.id AS membership_id, m.organization_id, o.name AS organization_name, o.kind AS org_kind, m.role
       FROM user_session s
       JOIN app_user u ON u.id = s.user_id
       LEFT JOIN membership m ON m.id = s.active_membership_id AND m.user_id = s.user_id
       LEFT JOIN organization o ON o.id = m.organization_id
      WHERE s.id = $1
        AND s.revoked_at IS NULL
        AND s.expires_at > now()
        AND u.active`,
    [sessionId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    userId: row.user_id,
    sessionId: row.session_id,
    locale: row.locale,
    membership:
      row.membership_id && row.organization_id && row.organization_name && row.org_kind && row.role
        ? {
            id: row.membership_id,
            organizationId: row.organization_id,
            organizationName: row.organization_name,
            orgKind: row.org_kind,
            role: row.role,
          }
        : null,
  };
}
