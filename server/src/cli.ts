import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sealAuditEvents, verifyAuditChain } from './core/audit/audit-chain.js';
import { openAuditToolDatabase } from './core/audit/audit-database.js';
import { AuditRepairRefusedError, repairAuditChain } from './core/audit/audit-repair.js';
import { openAppDatabase, seedIfAsked, serve } from './app/bootstrap.js';
import { defaultJobs, ENTITIES } from './app/features.js';
import { buildAppSchema } from './app/schema.js';
import { ConfigError, loadConfig, REPO_ROOT } from './core/config.js';
import { BsnKeyMismatchError } from './core/crypto/bsn-key-check.js';
import { EmbeddedPostgresError } from './core/db/embedded-postgres.js';
import { RunningEmbeddedServerError } from './core/db/running-embedded.js';
import { printSortedSchema } from './core/graphql/schema.js';
import { JobScheduler } from './core/jobs/scheduler.js';
import { createLogger } from './core/logger.js';
import { SystemDatabase } from './core/db/gateway.js';
import { readSecurityLog } from './features/auth/security-log.js';

const USAGE = `Usage: node server/dist/cli.js <command>

  start [--demo]   migrate, optionally lay out the demo world, and serve
  migrate          apply pending migrations
  seed             lay out the demo world (idempotent)
  reset            embedded database only: drop it, migrate, and lay out the demo world again
  emit-schema      write server/schema.graphql
  audit:verify     check the audit trail's hash chain (writes nothing); exit code 1 when it is broken;
                   uses the running embedded database when Vangnet runs
  audit:seal       run one sealing pass: chain the audit rows that are ready
  security:log [--email <address>] [--since <ISO time>] [--limit <n>]
                   the platform security log: failed sign-ins with unknown e-mail addresses and lockouts
                   that belong to no organisation (newest first, one JSON line each)
  audit:repair     re-link a chain sealed out of seq order by an earlier version (audited; refuses
                   when rows were altered or removed); exit code 1 when refused
  jobs:run <name>  run one scheduled job now, under its lock (jobs: ${defaultJobs()
    .map((job) => job.name)
    .join(', ')})`;

async function run(command: string | undefined, flags: string[]): Promise<void> {
  if (command === 'emit-schema') {
    const target = path.join(REPO_ROOT, 'server', 'schema.graphql');
    await writeFile(target, printSortedSchema(await buildAppSchema()));
    console.log(`wrote ${target}`);
    return;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  switch (command) {
    case 'start':
      await serve(config, logger, { demo: flags.includes('--demo') });
      return;
    case 'migrate': {
      const database = await openAppDatabase(config, logger);
      await database.close();
      return;
    }
    case 'seed': {
      const database = await openAppDatabase(config, logger);
      try {
        await seedIfAsked(config, database, logger, true);
      } finally {
        await database.close();
      }
      return;
    }
    case 'reset': {
      if (config.database.kind !== 'embedded')
        throw new Error(
          'reset only works on the embedded database; it never drops an external DATABASE_URL.',
        );
      const first = await openAppDatabase(config, logger);
      await first.dataSource.destroy();
      await first.server.recreateDatabase();
      await first.server.stop();
      const database = await openAppDatabase(config, logger);
      try {
        await seedIfAsked(config, database, logger, true);
      } finally {
        await database.close();
      }
      logger.info('the embedded database is back to the demo world');
      return;
    }
    case 'audit:verify': {
      const database = await openAuditToolDatabase(config, logger, ENTITIES);
      try {
        const result = await verifyAuditChain(database.dataSource);
        console.log(
          result.ok
            ? `audit chain intact: ${result.checked} sealed rows verified, ${result.unsealed} waiting to be sealed`
            : `audit chain BROKEN at seq ${result.firstBrokenSeq}: ${result.reason} (${result.checked} rows before it intact, ${result.unsealed} waiting to be sealed)`,
        );
        console.log(JSON.stringify(result));
        if (!result.ok) process.exitCode = 1;
      } finally {
        await database.close();
      }
      return;
    }
    case 'audit:seal': {
      const database = await openAuditToolDatabase(config, logger, ENTITIES);
      try {
        const result = await sealAuditEvents(database.dataSource);
        console.log(
          result.blockedBy.length > 0
            ? `sealed nothing: waited in vain for ${result.blockedBy.length} open transaction(s) writing audit rows`
            : `sealed ${result.sealed} audit rows`,
        );
        console.log(JSON.stringify(result));
      } finally {
        await database.close();
      }
      return;
    }
    case 'security:log': {
      const option = (name: string): string | undefined => {
        const index = flags.indexOf(name);
        return index >= 0 ? flags[index + 1] : undefined;
      };
      const since = option('--since');
      const limit = option('--limit');
      if ((since && Number.isNaN(Date.parse(since))) || (limit && !/^[1-9][0-9]*$/.test(limit))) {
        console.error('--since needs an ISO time (2026-01-31T00:00:00Z), --limit a positive number');
        process.exitCode = 1;
        return;
      }
      const database = await openAppDatabase(config, logger);
      try {
        const email = option('--email');
        const entries = await readSecurityLog(
          new SystemDatabase(database.dataSource),
          database.server.bsnKey,
          {
            ...(since ? { since: new Date(since) } : {}),
            ...(email ? { email } : {}),
            ...(limit ? { limit: Number(limit) } : {}),
          },
        );
        for (const entry of entries) console.log(JSON.stringify(entry));
        console.error(`${entries.length} entries`);
      } finally {
        await database.close();
      }
      return;
    }
    case 'audit:repair': {
      const database = await openAuditToolDatabase(config, logger, ENTITIES);
      try {
        const result = await repairAuditChain(database.dataSource, { logger });
        if (!result.repaired) console.log('audit chain intact: nothing to repair, nothing recorded');
        else
          console.log(
            `audit chain re-linked from seq ${result.firstRelinkedSeq} (${result.relinked} rows): head seq ${result.oldHead?.seq ?? '-'} ${result.oldHead?.hash ?? ''} is now seq ${result.newHead?.seq ?? '-'} ${result.newHead?.hash ?? ''}; recorded as an audit event`,
          );
        console.log(JSON.stringify(result));
        // Seal the repair's own audit event, then show that the whole chain verifies.
        await sealAuditEvents(database.dataSource);
        const verification = await verifyAuditChain(database.dataSource);
        console.log(
          verification.ok
            ? `audit chain intact: ${verification.checked} sealed rows verified, ${verification.unsealed} waiting to be sealed`
            : `audit chain still BROKEN at seq ${verification.firstBrokenSeq}: ${verification.reason}`,
        );
        if (!verification.ok) process.exitCode = 1;
      } catch (error) {
        if (!(error instanceof AuditRepairRefusedError)) throw error;
        console.error(`audit:repair refused: ${error.message}`);
        process.exitCode = 1;
      } finally {
        await database.close();
      }
      return;
    }
    case 'jobs:run': {
      const name = flags[0];
      const jobs = defaultJobs();
      if (!name || !jobs.some((job) => job.name === name)) {
        console.error(`unknown job "${name ?? ''}"; known jobs: ${jobs.map((job) => job.name).join(', ')}`);
        process.exitCode = 1;
        return;
      }
      const database = await openAppDatabase(config, logger);
      try {
        const scheduler = new JobScheduler(database.dataSource, logger);
        for (const job of jobs) scheduler.register(job);
        const outcome = await scheduler.runNow(name);
        console.log(
          outcome.status === 'skipped'
            ? `job ${name} skipped: another instance is running it right now`
            : `job ${name} ${outcome.status} in ${outcome.durationMs} ms`,
        );
        console.log(JSON.stringify(outcome));
        if (outcome.status !== 'succeeded') process.exitCode = 1;
      } finally {
        await database.close();
      }
      return;
    }
    default:
      console.error(USAGE);
      process.exitCode = command ? 1 : 0;
  }
}

const [command, ...flags] = process.argv.slice(2);
run(command, flags).catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof EmbeddedPostgresError ||
    error instanceof RunningEmbeddedServerError ||
    error instanceof BsnKeyMismatchError
  )
    console.error(error.message);
  else console.error(error);
  process.exit(1);
});
