import type { AccessActor, Locale, MembershipRole, OrganizationKind } from '@vangnet/shared';
import type { Logger } from 'pino';
import type { AccessScope } from './authz/access-scope.js';
import type { ScopedDatabase } from './db/gateway.js';
import type { Clock } from './clock.js';
import type { ReadAuditBuffer } from './audit/read-audit.js';
import type { RequestLoaders } from './request-loaders.js';
import { ForbiddenError, UnauthenticatedError } from './errors.js';

export interface ActingMembership {
  readonly id: string;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly orgKind: OrganizationKind;
  readonly role: MembershipRole;
}

/** Who is asking: a logged-in user acting for (at most) one membership. */
export interface Actor {
  readonly userId: string;
  readonly sessionId: string;
  readonly locale: Locale;
  readonly membership: ActingMembership | null;
}

/**
 * Who is behind a session. The HTTP and WebSocket endpoints (core) ask; the auth feature's service
 * answers, handed to them by app/.
 */
export interface SessionAuthenticator {
  /** The actor of a session cookie's token, sliding the session's idle expiry; null for none. */
  authenticate(token: string | undefined): Promise<Actor | null>;
  /** The actor of a session as it is now, without sliding its expiry; null when it ended. */
  currentActor(sessionId: string): Promise<Actor | null>;
}

/** Lets services set or clear the session cookie without knowing about HTTP. */
export interface SessionCookiePort {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/** Built once per request and passed explicitly to every service call. Nothing in it outlives the request. */
export interface RequestContext {
  readonly requestId: string;
  readonly logger: Logger;
  readonly actor: Actor | null;
  /** Where this request reads the time (the app's clock); `access.now` is its moment at the start. */
  readonly clock: Clock;
  /** The access rules of this actor at this request's moment; never reused across requests. */
  readonly access: AccessScope;
  /** The database as this request may use it: every read and write through the gateway (core/db/gateway.ts). */
  readonly db: ScopedDatabase;
  /** Reads of personal data in this request, audited when the response is sent. */
  readonly readAudit: ReadAuditBuffer;
  readonly loaders: RequestLoaders;
  readonly sessionCookie: SessionCookiePort;
  readonly client: { readonly ip: string | null; readonly userAgent: string | null };
}

export function requireActor(context: RequestContext): Actor {
  if (!context.actor) throw new UnauthenticatedError();
  return context.actor;
}

/** Fail closed: a user without an active membership acts for nobody and may do nothing case-related. */
export function requireMembership(context: RequestContext): ActingMembership & { userId: string } {
  const actor = requireActor(context);
  if (!actor.membership) throw new ForbiddenError('Je bent aan geen organisatie gekoppeld.');
  return { ...actor.membership, userId: actor.userId };
}

/** The actor as the access rules see it; null when it acts for no membership. */
export function accessActorOf(actor: Actor | null): AccessActor | null {
  if (!actor?.membership) return null;
  return {
    userId: actor.userId,
    organizationId: actor.membership.organizationId,
    orgKind: actor.membership.orgKind,
    role: actor.membership.role,
  };
}
