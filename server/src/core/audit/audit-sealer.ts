import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { sealAuditEvents, type SealOptions } from './audit-chain.js';
import { checkNewlySealedAuditRows } from './audit-chain-status.js';

export interface RunningAuditSealer {
  /** Stops the timer and waits for a running pass (cutting its wait for open writers short). */
  stop(): Promise<void>;
}

export interface AuditSealerOptions extends Omit<SealOptions, 'signal'> {
  /** The clock the chain status is stamped with. */
  readonly now?: () => Date;
  /** While the chain is broken, how often a pass checks again whether it healed. */
  readonly recheckBrokenMs?: number;
}

const REPEAT_LOG_MS = 60_000;

/**
 * Runs {@link sealAuditEvents} every `intervalMs` (the next pass is scheduled when the previous one has
 * ended, so passes never overlap). After a pass that sealed rows (and on the first pass) it verifies
 * the newly sealed rows and records the chain status; a break is logged at error level. Errors and
 * stalls are logged at most once a minute while they last.
 */
export function startAuditSealer(
  dataSource: DataSource,
  logger: Logger,
  intervalMs = 1000,
  options: AuditSealerOptions = {},
): RunningAuditSealer {
  const { now = () => new Date(), recheckBrokenMs = REPEAT_LOG_MS, ...sealOptions } = options;
  const log = logger.child({ component: 'audit-sealer' });
  const abort = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let lastProblemLoggedAt = 0;
  let troubled = false;
  let checkedOnce = false;
  let brokenSince: number | null = null;
  let lastBrokenLog: { seq: string | null; at: number } | null = null;

  const problem = (write: () => void): void => {
    const at = Date.now();
    if (!troubled || at - lastProblemLoggedAt >= REPEAT_LOG_MS) {
      write();
      lastProblemLoggedAt = at;
    }
    troubled = true;
  };

  const checkChain = async (): Promise<void> => {
    const { walk, before } = await checkNewlySealedAuditRows(dataSource, now);
    checkedOnce = true;
    if (walk.ok) {
      if (brokenSince !== null || before?.intact === false)
        log.info({ verifiedSeq: walk.head?.seq ?? null }, 'the audit chain verifies again');
      brokenSince = null;
      lastBrokenLog = null;
      return;
    }
    brokenSince ??= Date.now();
    const at = Date.now();
    if (
      !lastBrokenLog ||
      lastBrokenLog.seq !== walk.firstBrokenSeq ||
      at - lastBrokenLog.at >= REPEAT_LOG_MS
    ) {
      log.error(
        { firstBrokenSeq: walk.firstBrokenSeq, reason: walk.reason, lastIntactSeq: walk.head?.seq ?? null },
        'the audit chain is BROKEN: a sealed row no longer verifies (run audit:verify; see docs/operations.md)',
      );
      lastBrokenLog = { seq: walk.firstBrokenSeq, at };
    }
  };

  const pass = async (): Promise<void> => {
    try {
      const result = await sealAuditEvents(dataSource, { ...sealOptions, signal: abort.signal });
      if (result.blockedBy.length > 0) {
        if (abort.signal.aborted) return;
        problem(() =>
          log.warn(
            { blockedBy: result.blockedBy },
            'audit sealing waits for transactions that hold audit_event writes open; they may still commit earlier rows',
          ),
        );
        return;
      }
      if (troubled) log.info('audit sealing is running again');
      troubled = false;
      if (result.sealed > 0) log.debug({ sealed: result.sealed }, 'audit events sealed');
      const recheck = brokenSince !== null && Date.now() - brokenSince >= recheckBrokenMs;
      if (result.sealed > 0 || !checkedOnce || recheck) {
        if (recheck) brokenSince = Date.now();
        await checkChain();
      }
    } catch (error) {
      problem(() => log.error({ err: error }, 'audit sealing failed'));
    }
  };

  const schedule = (): void => {
    if (abort.signal.aborted) return;
    timer = setTimeout(() => {
      timer = null;
      running = pass().finally(() => {
        running = null;
        schedule();
      });
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      abort.abort();
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running;
    },
  };
}
