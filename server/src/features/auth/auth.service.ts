import { createHash, randomBytes } from 'node:crypto';
import { packRules } from '@casl/ability/extra';
import {
  accessRulesFor,
  loginInputSchema,
  type AuditAction,
  type Locale,
  type MembershipRole,
  type OrganizationKind,
} from '@vangnet/shared';
import type { AuditDetails } from '../../core/audit/audit-event.entity.js';
import type { SignInLimits } from '../../core/config.js';
import type { SystemDatabase } from '../../core/db/gateway.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { AppError, BadUserInputError, NotFoundError } from '../../core/errors.js';
import { parseInput } from '../../core/graphql/input-validation.js';
import { requireActor, type Actor, type RequestContext } from '../../core/request-context.js';
import { Membership } from '../organizations/index.js';
import { User } from '../users/index.js';
import { argon2Verifier, hashPassword, passwordProblem, type PasswordVerifier } from './password.js';
import { Session } from './session.entity.js';
import {
  SignInPseudonyms,
  SignInThrottle,
  type ThrottleScope,
  type ThrottleStore,
} from './sign-in-throttle.js';

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
const PASSWORD_NOT_CHANGED = 'Je wachtwoord is niet gewijzigd.';

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

interface SignInAccount {
  readonly id: string;
  readonly passwordHash: string;
  readonly active: boolean;
  readonly organizationIds: readonly string[];
}

interface SignInEvent {
  readonly action: Extract<AuditAction, 'ACCESS_DENIED' | 'SIGN_IN_BLOCKED'>;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly actorUserId: string | null;
  readonly actorOrgId: string | null;
  readonly details: AuditDetails;
}

export interface SignInSettings {
  readonly limits: SignInLimits;
  /** Keys the hashes of e-mail and source addresses in the throttle table and the security log. */
  readonly pseudonymSecret: Buffer;
  readonly passwords?: PasswordVerifier;
  /** Where the throttle keeps its counters (see SignInThrottle). */
  readonly throttleStore: ThrottleStore;
}

/** "Probeer het over 3 minuten opnieuw": the wait in whole seconds or (rounded up) minutes. */
export function retryMessage(seconds: number): string {
  if (seconds < 60)
    return `Te veel mislukte pogingen. Probeer het over ${seconds} ${seconds === 1 ? 'seconde' : 'seconden'} opnieuw.`;
  const minutes = Math.ceil(seconds / 60);
  return `Te veel mislukte pogingen. Probeer het over ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'} opnieuw.`;
}

function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError('RATE_LIMITED', retryMessage(retryAfterSeconds), { retryAfterSeconds });
}

/** A session's idle expiry slides with use, at most once per this many seconds (one write a minute). */
export const SESSION_TOUCH_SECONDS = 60;

export class AuthService {
  private readonly throttle: SignInThrottle;
  private readonly pseudonyms: SignInPseudonyms;
  private readonly passwords: PasswordVerifier;

  /**
   * `sessions` resolves a session cookie to its actor before any request context (and so any
   * `context.db`) exists: the system's own access, used for the session table only. Everything done
   * for a request goes through its `context.db`.
   */
  constructor(
    private readonly sessions: SystemDatabase,
    private readonly settings: SessionSettings,
    signIn: SignInSettings,
    private readonly clock: Clock = systemClock,
  ) {
    this.throttle = new SignInThrottle(signIn.throttleStore, signIn.limits);
    this.pseudonyms = new SignInPseudonyms(signIn.pseudonymSecret);
    this.passwords = signIn.passwords ?? argon2Verifier;
    // Hash the decoy now, so the first unknown address does not take longer than every later one.
    void this.passwords.decoyHash();
  }

  async login(context: RequestContext, email: string, password: string): Promise<MeView> {
    // Only the shape: a refusal here says nothing about whether an account exists.
    const { email: normalisedEmail } = parseInput(context, loginInputSchema, { email, password });
    // Counted per e-mail address whether it is known or not, so a lockout never tells which it is.
    const keys = {
      account: this.pseudonyms.email(normalisedEmail),
      address: this.pseudonyms.address(context.client.ip ?? 'unknown'),
    };
    const [forAccount, forAddress] = await Promise.all([
      this.throttle.reserve('account', keys.account),
      this.throttle.reserve('address', keys.address),
    ]);
    if (!forAccount.allowed || !forAddress.allowed) {
      throw rateLimited(
        Math.max(
          forAccount.allowed ? 0 : forAccount.retryAfterSeconds,
          forAddress.allowed ? 0 : forAddress.retryAfterSeconds,
        ),
      );
    }

    // The same query and one password verification whether the address is known or not: a known and
    // an unknown address cost the same time (an unknown one is verified against a decoy hash).
    const account = await this.findAccount(context, normalisedEmail);
    const passwordMatches = await this.passwords.verify(
      account?.passwordHash ?? (await this.passwords.decoyHash()),
      password,
    );
    if (!account || !passwordMatches || !account.active) {
      return this.recordFailedSignIn(context, account, keys, {
        account: forAccount.failuresSoFar,
        address: forAddress.failuresSoFar,
      });
    }
    const user = account;
    await Promise.all([
      this.throttle.resetAccount(keys.account),
      this.throttle.returnAttempt('address', keys.address),
    ]);

    const [firstMembership] = await context.db.lookup<{ id: string; organizationId: string }>(
      `SELECT m.id, m.organization_id AS "organizationId"
         FROM membership m JOIN organization o ON o.id = m.organization_id
        WHERE m.user_id = $1
        ORDER BY o.name, m.role
        LIMIT 1`,
      [user.id],
    );

    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const absoluteExpiresAt = new Date(now.getTime() + this.settings.maxHours * 3_600_000);
    const expiresAt = new Date(
      Math.min(now.getTime() + this.settings.idleMinutes * 60_000, absoluteExpiresAt.getTime()),
    );

    await context.db.transaction(async (tx) => {
      const sessions = tx.entities(Session);
      const session = await sessions.save(
        sessions.create({
          tokenHash: hashSessionToken(token),
          userId: user.id,
          activeMembershipId: firstMembership?.id ?? null,
          lastSeenAt: now,
          expiresAt,
          absoluteExpiresAt,
          revokedAt: null,
        }),
      );
      await tx.audit({
        action: 'LOGIN',
        entityType: 'session',
        entityId: session.id,
        actorUserId: user.id,
        actorOrgId: firstMembership?.organizationId ?? null,
      });
    });
    context.sessionCookie.set(token, absoluteExpiresAt);
    return this.describe(context, user.id, firstMembership?.id ?? null);
  }

  /** The account behind an e-mail address with the organisations it belongs to, in one query. */
  private async findAccount(context: RequestContext, normalisedEmail: string): Promise<SignInAccount | null> {
    const rows = await context.db.lookup<{
      id: string;
      password_hash: string;
      active: boolean;
      organization_ids: string[];
    }>(
      `SELECT u.id, u.password_hash, u.active,
                COALESCE(array_agg(m.organization_id::text ORDER BY m.organization_id)
                           FILTER (WHERE m.organization_id IS NOT NULL), '{}') AS organization_ids
           FROM app_user u
           LEFT JOIN membership m ON m.user_id = u.id
          WHERE u.email = $1
          GROUP BY u.id`,
      [normalisedEmail],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          passwordHash: row.password_hash,
          active: row.active,
          organizationIds: [...new Set(row.organization_ids)],
        }
      : null;
  }

  /**
   * A failed sign-in: on record under each of the account's organisations (so their privacy officers
   * see it), or in the platform security log when the address is unknown (no actor, no organisation,
   * only a keyed hash of the address). Locks the account or the source address out when this failure
   * reached its limit. Always throws: UNAUTHENTICATED with one message for every cause, or RATE_LIMITED.
   */
  private async recordFailedSignIn(
    context: RequestContext,
    account: SignInAccount | null,
    keys: Record<ThrottleScope, string>,
    failuresSoFar: Record<ThrottleScope, number>,
  ): Promise<never> {
    const lockouts: { scope: ThrottleScope; seconds: number; lockoutsToday: number }[] = [];
    for (const scope of ['account', 'address'] as const) {
      if (this.throttle.reachedLimit(scope, failuresSoFar[scope])) {
        lockouts.push({ scope, ...(await this.throttle.lockOut(scope, keys[scope])) });
      }
    }
    const reason = !account ? 'unknown_email' : account.active ? 'wrong_password' : 'inactive_user';
    const trace: AuditDetails = account
      ? { reason }
      : { reason, emailHash: keys.account, addressHash: keys.address };
    const owners = account && account.organizationIds.length > 0 ? account.organizationIds : [null];
    const events: SignInEvent[] = owners.map((actorOrgId) => ({
      action: 'ACCESS_DENIED',
      entityType: 'session',
      entityId: null,
      actorUserId: account?.id ?? null,
      actorOrgId,
      details: trace,
    }));
    for (const lockout of lockouts) {
      const details = {
        seconds: lockout.seconds,
        lockoutsToday: lockout.lockoutsToday,
        scope: lockout.scope,
      };
      if (lockout.scope === 'account') {
        events.push(
          ...owners.map((actorOrgId) => ({
            action: 'SIGN_IN_BLOCKED' as const,
            entityType: 'user',
            entityId: account?.id ?? null,
            actorUserId: account?.id ?? null,
            actorOrgId,
            details: account ? details : { ...details, emailHash: keys.account },
          })),
        );
      } else {
        // Guessing from one address across many accounts belongs to no organisation: the security log.
        events.push({
          action: 'SIGN_IN_BLOCKED',
          entityType: 'address',
          entityId: null,
          actorUserId: null,
          actorOrgId: null,
          details: { ...details, addressHash: keys.address },
        });
      }
    }
    // Each event names exactly the actor it is about (or none): audited as nobody's act, so a session
    // this request may carry lends it no user or organisation.
    const nobody: RequestContext = { ...context, actor: null };
    await context.db.derivedFor(() => nobody).transaction((tx) => tx.auditAll(events));
    if (lockouts.length > 0) throw rateLimited(Math.max(...lockouts.map((lockout) => lockout.seconds)));
    throw new AppError('UNAUTHENTICATED', LOGIN_FAILED);
  }

  /**
   * Resolves a session cookie to an actor, sliding the idle expiry in the same statement.
   * Revoked, expired, or belonging to a deactivated user: no actor.
   */
  async authenticate(token: string | undefined): Promise<Actor | null> {
    if (!token) return null;
    // One statement: find the session, and slide its idle expiry only when it was last touched more
    // than a minute ago. Most requests then only read: no row lock and no WAL per request, and parallel
    // requests of one user do not queue behind each other's UPDATE. The idle expiry is therefore exact
    // to the minute.
    const rows = await this.sessions.run<ActorRow>(
      `WITH found AS (
         SELECT s.id, s.user_id, s.active_membership_id, s.last_seen_at, u.locale
           FROM user_session s
           JOIN app_user u ON u.id = s.user_id
          WHERE s.token_hash = $1
            AND s.revoked_at IS NULL
            AND s.expires_at > $3::timestamptz
            AND s.absolute_expires_at > $3::timestamptz
            AND u.active
       ), touched AS (
         UPDATE user_session s
            SET last_seen_at = $3::timestamptz,
                expires_at = least($3::timestamptz + make_interval(mins => $2::int), s.absolute_expires_at)
           FROM found f
          WHERE s.id = f.id
            AND (f.last_seen_at <= $3::timestamptz - interval '${SESSION_TOUCH_SECONDS} seconds'
                 -- an absolute end moved forward (a policy change) caps the idle expiry at once
                 OR s.expires_at > s.absolute_expires_at)
         RETURNING s.id
       )
       SELECT f.id AS session_id, f.user_id, f.locale,
              m.id AS membership_id, m.organization_id, o.name AS organization_name, o.kind AS org_kind, m.role
         FROM found f
         LEFT JOIN membership m ON m.id = f.active_membership_id AND m.user_id = f.user_id
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
    const rows = await this.sessions.run<ActorRow>(
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
    await this.sessions.run(`UPDATE user_session SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
      this.clock.now(),
    ]);
  }

  /** Ends every session of a user at once, e.g. when an account is compromised or deactivated. */
  async revokeAllSessionsOf(userId: string): Promise<number> {
    const ended = await this.sessions.run<{ id: string }>(
      // A CTE, so the statement answers its rows (an UPDATE answers TypeORM's [rows, count]).
      `WITH ended AS (UPDATE user_session SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING id)
       SELECT id FROM ended`,
      [userId, this.clock.now()],
    );
    return ended.length;
  }

  /**
   * Changes the user's own password. The current password is checked like a sign-in (a wrong one counts
   * towards the account's lockout, so a stolen session cannot be used to guess it); every other session
   * of the user ends, this one stays.
   */
  async changePassword(
    context: RequestContext,
    currentPassword: string,
    newPassword: string,
  ): Promise<boolean> {
    const actor = requireActor(context);
    const user = await context.db.entities(User).findOneByOrFail({ id: actor.userId });
    const fieldErrors: Record<string, string> = {};
    if (!currentPassword) fieldErrors.currentPassword = 'Vul je huidige wachtwoord in.';
    const problem = passwordProblem(newPassword, user.email);
    if (problem) fieldErrors.newPassword = problem;
    if (Object.keys(fieldErrors).length > 0) throw new BadUserInputError(PASSWORD_NOT_CHANGED, fieldErrors);

    const accountKey = this.pseudonyms.email(user.email);
    const attempt = await this.throttle.reserve('account', accountKey);
    if (!attempt.allowed) throw rateLimited(attempt.retryAfterSeconds);
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      const lockout = this.throttle.reachedLimit('account', attempt.failuresSoFar)
        ? await this.throttle.lockOut('account', accountKey)
        : null;
      await context.db.audit({
        action: 'ACCESS_DENIED',
        entityType: 'user',
        entityId: user.id,
        details: { attempted: 'changePassword', reason: 'wrong_password' },
      });
      if (lockout) {
        await context.db.audit({
          action: 'SIGN_IN_BLOCKED',
          entityType: 'user',
          entityId: user.id,
          details: { scope: 'account', seconds: lockout.seconds, lockoutsToday: lockout.lockoutsToday },
        });
        throw rateLimited(lockout.seconds);
      }
      throw new BadUserInputError(PASSWORD_NOT_CHANGED, {
        currentPassword: 'Je huidige wachtwoord klopt niet.',
      });
    }
    await this.throttle.resetAccount(accountKey);

    const newHash = await hashPassword(newPassword);
    await context.db.transaction(async (tx) => {
      // Compare-and-set on the hash: a change made meanwhile (another session) is not overwritten. The
      // UPDATEs run in a CTE so they answer their rows (a bare UPDATE answers TypeORM's [rows, count]).
      const changed = await tx.execute<{ id: string }>(
        `WITH changed AS (UPDATE app_user SET password_hash = $1 WHERE id = $2 AND password_hash = $3 RETURNING id)
         SELECT id FROM changed`,
        [newHash, user.id, user.passwordHash],
      );
      if (changed.length !== 1) {
        throw new AppError('CONFLICT', 'Je wachtwoord is net op een andere plek gewijzigd. Log opnieuw in.');
      }
      const ended = await tx.execute<{ id: string }>(
        `WITH ended AS (UPDATE user_session SET revoked_at = now()
                          WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL RETURNING id)
         SELECT id FROM ended`,
        [user.id, actor.sessionId],
      );
      await tx.audit({
        action: 'UPDATE',
        entityType: 'user',
        entityId: user.id,
        details: { changed: 'password', otherSessionsEnded: ended.length },
      });
    });
    return true;
  }

  /** Ends every session of the user, this one included: for a lost phone or a shared computer. */
  async logoutEverywhere(context: RequestContext): Promise<number> {
    const actor = requireActor(context);
    const ended = await context.db.transaction(async (tx) => {
      const result = await tx.execute<{ id: string }>(
        `WITH ended AS (UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id)
         SELECT id FROM ended`,
        [actor.userId],
      );
      await tx.audit({
        action: 'UPDATE',
        entityType: 'session',
        entityId: actor.sessionId,
        details: { loggedOutEverywhere: true, sessionsEnded: result.length },
      });
      return result.length;
    });
    context.sessionCookie.clear();
    return ended;
  }

  async me(context: RequestContext): Promise<MeView> {
    const actor = requireActor(context);
    return this.describe(context, actor.userId, actor.membership?.id ?? null);
  }

  async switchMembership(context: RequestContext, membershipId: string): Promise<MeView> {
    const actor = requireActor(context);
    await context.db.transaction(async (tx) => {
      const membership = await tx.entities(Membership).findOneBy({ id: membershipId, userId: actor.userId });
      if (!membership) throw new NotFoundError('Lidmaatschap');
      await tx.entities(Session).update({ id: actor.sessionId }, { activeMembershipId: membership.id });
      await tx.audit({
        action: 'UPDATE',
        entityType: 'session',
        entityId: actor.sessionId,
        actorOrgId: membership.organizationId,
        details: { switchedToMembership: membership.id },
      });
    });
    return this.describe(context, actor.userId, membershipId);
  }

  private async describe(
    context: RequestContext,
    userId: string,
    activeMembershipId: string | null,
  ): Promise<MeView> {
    const user = await context.db.entities(User).findOneByOrFail({ id: userId });
    const memberships = await context.db.entities(Membership).find({
      where: { userId },
      relations: { organization: true },
      order: { organization: { name: 'ASC' }, role: 'ASC' },
    });
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
