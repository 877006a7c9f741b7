import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ReadAuditBuffer } from './audit/read-audit.js';
import { AccessScope } from './authz/access-scope.js';
import { systemClock, type Clock } from './clock.js';
import { ScopedDatabase } from './db/gateway.js';
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
  const context: RequestContext = {
    requestId,
    logger,
    actor: null,
    clock,
    access: AccessScope.nobody(clock.now()),
    // System work reads and writes through the SystemDatabase; this context's gateway refuses everything.
    db: new ScopedDatabase(null, () => context),
    readAudit: new ReadAuditBuffer(),
    loaders: new RequestLoaders(),
    sessionCookie: { set: () => undefined, clear: () => undefined },
    client: { ip: null, userAgent: null },
  };
  return context;
}
