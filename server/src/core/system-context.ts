import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ReadAuditBuffer } from './audit/read-audit.js';
import { AccessScope } from './authz/access-scope.js';
import { systemClock, type Clock } from './clock.js';
import type { RequestContext } from './request-context.js';
import { RequestLoaders } from './request-loaders.js';

/**
 * The context for work the system does on its own (scheduled jobs, the CLI): no actor, so the access
 * rules grant nothing, and audit events name no user.
 */
export function createSystemContext(
  logger: Logger,
  requestId: string = `system-${randomUUID()}`,
  clock: Clock = systemClock,
): RequestContext {
  return {
    requestId,
    logger,
    actor: null,
    clock,
    access: AccessScope.nobody(clock.now()),
    readAudit: new ReadAuditBuffer(),
    loaders: new RequestLoaders(),
    sessionCookie: { set: () => undefined, clear: () => undefined },
    client: { ip: null, userAgent: null },
  };
}
