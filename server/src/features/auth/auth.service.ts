import { createHash, randomBytes } from 'node:crypto';
import { packRules } from '@casl/ability/extra';
import { accessRulesFor, type Locale, type MembershipRole, type OrganizationKind } from '@vangnet/shared';
import type { DataSource } from 'typeorm';
import { writeAuditEvent } from '../../core/audit/audit-writer.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { AppError, BadUserInputError, NotFoundError } from '../../core/errors.js';
import { requireActor, type Actor, type RequestContext } from '../../core/request-context.js';
import { Membership } from '../organizations/membership.entity.js';
import { User } from '../users/user.entity.js';
import { decoyPasswordHash, verifyPassword } from './password.js';
import { Session } from './session.entity.js';

export interface SessionSettings {
  readonly idleMinutes: number;
  readonly maxHours: number;
}

export interface MembershipView {
  readonly id: string;
  readonly role: MembershipRole;
  readonly organization: {
    readonly id: string;
    readonly name: string;
    readonly kind: OrganizationKind;
    readonly municipalityCode: string;
  };
}

export interface MeView {
  readonly user: {
    readonly id: string;
    readonly email: string;
    readonly displayName: string;
    readonly locale: Locale;
  };
  readonly memberships: MembershipView[];
  readonly activeMembership: MembershipView | null;
  /** The access rules of the active membership, packed (CASL packRules), for the client's own checks. */
  readonly abilityRules: unknown[];
}

/** One message for every failed login, so the response never tells which part was wrong. */
const LOGIN_FAILED = 'E-mailadres of wachtwoord klopt niet.';

export const hashSessionToken = (token: string): string => createHash('sha256').update(token).digest('hex');

interface ActorRow {
  session_id: string;
  user_id: string;
  locale: Locale;
  membership_id: string | null;
  organization_id: string | null;
  organization_name: string | null;
  org_kind: OrganizationKind | null;
  role: MembershipRole | null;
}

export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SessionSettings,
    private readonly clock: Clock = systemClock,
  ) {}

  async login(context: RequestContext, email: string, password: string): Promise<MeView> {
    const normalisedEmail = email.trim().toLowerCase();
    if (!normalisedEmail || !password) {
      throw new BadUserInputError(LOGIN_FAILED, {
        ...(normalisedEmail ? {} : { email: 'Vul je e-mailadres in.' }),
        ...(password ? {} : { password: 'Vul je wachtwoord in.' }),
      });
    }
    const user = await this.dataSource.getRepository(User).findOneBy({ email: normalisedEmail });
    const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !passwordMatches || !user.active) {
      if (user) {
        await writeAuditEvent(this.dataSource.manager, context, {
          action: 'ACCESS_DENIED',
          entityType: 'session',
          actorUserId: user.id,
          details: { reason: user.active ? 'wrong_password' : 'inactive_user' },
        });
      }
      throw new AppError('UNAUTHENTICATED', LOGIN_FAILED);
    }

    const firstMembership = await this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('membership')
      .innerJoin('membership.organization', 'organization')
      .where('membership.userId = :userId', { userId: user.id })
      .orderBy('organization.name')
      .addOrderBy('membership.role')
      .getOne();

    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const absoluteExpiresAt = new Date(now.getTime() + this.settings.maxHours * 3_600_000);
    const expiresAt = new Date(
      Math.min(now.getTime() + this.settings.idleMinutes * 60_000, absoluteExpiresAt.getTime()),
    );

    await this.dataSource.transaction(async (manager) => {
      const session = await manager.save(
        manager.create(Session, {
          tokenHash: hashSessionToken(token),
          userId: user.id,
          activeMembershipId: firstMembership?.id ?? null,
          lastSeenAt: now,
          expiresAt,
          absoluteExpiresAt,
          revokedAt: null,
        }),
      );
      await writeAuditEvent(manager, context, {
        action: 'LOGIN',
        entityType: 'session',
        entityId: session.id,
        actorUserId: user.id,
        actorOrgId: firstMembership?.organizationId ?? null,
      });
    });
    context.sessionCookie.set(token, absoluteExpiresAt);
    return this.describe(user.id, firstMembership?.id ?? null);
  }

  /**
   * Resolves a session cookie to an actor, sliding the idle expiry in the same statement.
   * Revoked, expired, or belonging to a deactivated user: no actor.
   */
  async authenticate(token: string | undefined): Promise<Actor | null> {
    if (!token) return null;
    const rows: ActorRow[] = await this.dataSource.query(
      `WITH touched AS (
         UPDATE user_session s
            SET last_seen_at = $3::timestamptz,
                expires_at = least($3::timestamptz + make_interval(mins => $2::int), s.absolute_expires_at)
           FROM app_user u
          WHERE s.token_hash = $1
            AND s.revoked_at IS NULL
            AND s.expires_at > $3::timestamptz
            AND u.id = s.user_id
            AND u.active
         RETURNING s.id, s.user_id, s.active_membership_id, u.locale
       )
       SELECT t.id AS session_id, t.user_id, t.locale,
              m.id AS membership_id, m.organization_id, o.name AS organization_name, o.kind AS org_kind, m.role
         FROM touched t
         LEFT JOIN membership m ON m.id = t.active_membership_id AND m.user_id = t.user_id
         LEFT JOIN organization o ON o.id = m.organization_id`,
      [hashSessionToken(token), this.settings.idleMinutes, this.clock.now()],
    );
    return rows[0] ? toActor(rows[0]) : null;
  }

  /**
   * The actor of a session as it is now, without sliding its idle expiry: for checks the user did not
   * cause (an event on an open WebSocket must not keep an idle session alive). Same conditions as
   * `authenticate`; the active membership is read afresh, so a switch applies at once.
   */
  async currentActor(sessionId: string): Promise<Actor | null> {
    const rows: ActorRow[] = await this.dataSource.query(
      `SELECT s.id AS session_id, s.user_id, u.locale,
              m.id AS membership_id, m.organization_id, o.name AS organization_name, o.kind AS org_kind, m.role
         FROM user_session s
         JOIN app_user u ON u.id = s.user_id
         LEFT JOIN membership m ON m.id = s.active_membership_id AND m.user_id = s.user_id
         LEFT JOIN organization o ON o.id = m.organization_id
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2::timestamptz AND u.active`,
      [sessionId, this.clock.now()],
    );
    return rows[0] ? toActor(rows[0]) : null;
  }

  async logout(context: RequestContext): Promise<boolean> {
    context.sessionCookie.clear();
    if (!context.actor) return true;
    await this.revokeSession(context.actor.sessionId);
    return true;
  }

  async revokeSession(sessionId: string): Promise<void> {
    await this.dataSource
      .getRepository(Session)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: this.clock.now() })
      .where('id = :sessionId AND revoked_at IS NULL', { sessionId })
      .execute();
  }

  /** Ends every session of a user at once, e.g. when an account is compromised or deactivated. */
  async revokeAllSessionsOf(userId: string): Promise<number> {
    const result = await this.dataSource
      .getRepository(Session)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: this.clock.now() })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
    return result.affected ?? 0;
  }

  async me(context: RequestContext): Promise<MeView> {
    const actor = requireActor(context);
    return this.describe(actor.userId, actor.membership?.id ?? null);
  }

  async switchMembership(context: RequestContext, membershipId: string): Promise<MeView> {
    const actor = requireActor(context);
    await this.dataSource.transaction(async (manager) => {
      const membership = await manager.findOneBy(Membership, { id: membershipId, userId: actor.userId });
      if (!membership) throw new NotFoundError('Lidmaatschap');
      await manager.update(Session, { id: actor.sessionId }, { activeMembershipId: membership.id });
      await writeAuditEvent(manager, context, {
        action: 'UPDATE',
        entityType: 'session',
        entityId: actor.sessionId,
        actorOrgId: membership.organizationId,
        details: { switchedToMembership: membership.id },
      });
    });
    return this.describe(actor.userId, membershipId);
  }

  private async describe(userId: string, activeMembershipId: string | null): Promise<MeView> {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: userId });
    const memberships = await this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('membership')
      .innerJoinAndSelect('membership.organization', 'organization')
      .where('membership.userId = :userId', { userId })
      .orderBy('organization.name')
      .addOrderBy('membership.role')
      .getMany();
    const views: MembershipView[] = memberships.map((membership) => ({
      id: membership.id,
      role: membership.role,
      organization: {
        id: membership.organization.id,
        name: membership.organization.name,
        kind: membership.organization.kind,
        municipalityCode: membership.organization.municipalityCode,
      },
    }));
    const active = views.find((view) => view.id === activeMembershipId) ?? null;
    const actor = active
      ? {
          userId,
          organizationId: active.organization.id,
          orgKind: active.organization.kind,
          role: active.role,
        }
      : null;
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale },
      memberships: views,
      activeMembership: active,
      abilityRules: packRules(accessRulesFor(actor, this.clock.now())),
    };
  }
}

function toActor(row: ActorRow): Actor {
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
