import type { Locale, MembershipRole, OrganizationKind } from '@vangnet/shared';
import type { Logger } from 'pino';
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
