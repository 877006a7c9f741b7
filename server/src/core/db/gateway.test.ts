import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBulkPopulation, type BulkPopulation } from '../../testing/bulk-population.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { TEST_NOW } from '../../testing/test-clock.js';
import { ReadAuditBuffer } from '../audit/read-audit.js';
import { AccessScope } from '../authz/access-scope.js';
import { SettableClock } from '../clock.js';
import { NotFoundError } from '../errors.js';
import { accessActorOf, type Actor, type RequestContext } from '../request-context.js';
import { RequestLoaders } from '../request-loaders.js';
import { createSystemContext } from '../system-context.js';
import { AccessGatewayError, CASE_SCOPED_TABLES, caseScopedTableIn, ScopedDatabase } from './gateway.js';

/**
 * The gateway is the only way features reach the database (ESLint keeps them off TypeORM and raw SQL,
 * see gateway-lint.test.ts). These tests show what it refuses at run time, on a small generated region:
 * reads of case data without the rule, lookups that name case data, writes outside the locked case.
 */

/** Tables that hold no case's or tenant's data, each for a stated reason. */
const NOT_CASE_SCOPED: Readonly<Record<string, string>> = {
  organization: 'the partner organisations themselves',
  app_user: 'professionals, not tenants',
  membership: 'who works where',
  user_session: 'sign-in sessions',
  sign_in_throttle: 'counters per hashed key',
  data_sharing_agreement: 'agreements between organisations',
  data_sharing_agreement_party: 'agreements between organisations',
  municipality_setting: 'a municipality’s own settings',
  arrears_import: 'an organisation’s import log (counts, no personal data)',
  case_statistic: 'anonymous statistics kept after deletion',
  job_run: 'the scheduler’s bookkeeping',
  audit_chain_status: 'the hash chain’s state',
  schema_migration: 'the record of applied migrations',
};

const CORPORATIONS = 2;

describe('the database gateway', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let population: BulkPopulation;
  let ownCorporation: string;
  let teamLead: string;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    database = await createTestDatabase();
    population = await generateBulkPopulation(database.dataSource, {
      cases: 60,
      now: TEST_NOW,
      label: 'gateway',
      corporations: CORPORATIONS,
      municipalities: 1,
      debtCounsellors: 1,
    });
    ownCorporation = population.organizations.HOUSING_CORPORATION[0]!;
    const [lead] = await database.query<{ user_id: string }>(
      `SELECT user_id FROM membership WHERE organization_id = $1 AND role = 'TEAM_LEAD'`,
      [ownCorporation],
    );
    teamLead = lead!.user_id;
  });

  afterAll(() => database?.drop());

  function contextOf(actor: Actor | null): RequestContext {
    const clock = new SettableClock(TEST_NOW);
    const context: RequestContext = {
      requestId: randomUUID(),
      logger,
      actor,
      clock,
      access: AccessScope.for(accessActorOf(actor), clock.now()),
      db: new ScopedDatabase(database.dataSource, () => context),
      readAudit: new ReadAuditBuffer(),
      loaders: new RequestLoaders(),
      sessionCookie: { set: () => undefined, clear: () => undefined },
      client: { ip: null, userAgent: null },
    };
    return context;
  }

  const corporationLead = (): RequestContext =>
    contextOf({
      userId: teamLead,
      sessionId: randomUUID(),
      locale: 'nl',
      membership: {
        id: randomUUID(),
        organizationId: ownCorporation,
        organizationName: 'gateway housing corporation 1',
        orgKind: 'HOUSING_CORPORATION',
        role: 'TEAM_LEAD',
      },
    });

  /** A case the own corporation takes no part in (the test's own SQL, not the gateway's). */
  async function foreignCase(): Promise<string> {
    const [row] = await database.query<{ id: string }>(
      `SELECT c.id FROM case_file c
        WHERE NOT EXISTS (SELECT 1 FROM case_participant p WHERE p.case_id = c.id AND p.organization_id = $1)
        ORDER BY c.id LIMIT 1`,
      [ownCorporation],
    );
    return row!.id;
  }

  async function visibleCase(context: RequestContext): Promise<string> {
    const [row] = await context.db.read<{ id: string }>(
      (bag) =>
        `SELECT c.id FROM case_file c WHERE ${context.access.readableCases('c', bag)} ORDER BY c.id LIMIT 1`,
    );
    return row!.id;
  }

  it('knows of every table whether it holds case data, so a new table cannot slip past', async () => {
    const tables = await database.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    const unclassified = tables
      .map((row) => row.table_name)
      .filter((table) => !CASE_SCOPED_TABLES.includes(table) && !(table in NOT_CASE_SCOPED));
    expect(unclassified).toEqual([]);
    const missing = CASE_SCOPED_TABLES.filter((table) => !tables.some((row) => row.table_name === table));
    expect(missing).toEqual([]);
  });

  it('reads case data only with a predicate of the request’s own scope', async () => {
    const context = corporationLead();
    await expect(context.db.read(() => 'SELECT id FROM case_file')).rejects.toThrow(AccessGatewayError);

    // A predicate compiled by another request's scope does not count.
    const other = corporationLead();
    await expect(
      context.db.read((bag) => `SELECT c.id FROM case_file c WHERE ${other.access.readableCases('c', bag)}`),
    ).rejects.toThrow(AccessGatewayError);

    const rows = await context.db.read<{ id: string; own: boolean }>(
      (bag) =>
        `SELECT c.id, EXISTS (SELECT 1 FROM case_participant p WHERE p.case_id = c.id AND p.organization_id = :own) AS own
           FROM case_file c WHERE ${context.access.readableCases('c', bag)}`,
      { own: ownCorporation },
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.own)).toBe(true);
    expect(rows.map((row) => row.id)).not.toContain(await foreignCase());
  });

  it('refuses a lookup or an execute that names a case-scoped table, before it runs', async () => {
    const context = corporationLead();
    const crisisCount = async (): Promise<number> =>
      (
        await database.query<{ count: number }>('SELECT count(*)::int AS count FROM case_file WHERE crisis')
      )[0]!.count;
    const crisisBefore = await crisisCount();
    for (const sql of [
      'SELECT * FROM case_note',
      'SELECT o.name FROM organization o JOIN consent k ON k.to_org_id = o.id',
      'SELECT * FROM "tenant"',
      'select * from only case_file',
    ]) {
      await expect(context.db.lookup(sql)).rejects.toThrow(AccessGatewayError);
    }
    await expect(context.db.execute('UPDATE case_file SET crisis = true')).rejects.toThrow(
      AccessGatewayError,
    );
    expect(await crisisCount()).toBe(crisisBefore);
    // Tables outside any case are plain lookups; names that merely start like a case table are not case data.
    const organizations = await context.db.lookup<{ id: string }>('SELECT id FROM organization ORDER BY id');
    expect(organizations).toHaveLength(CORPORATIONS + 2);
    expect(caseScopedTableIn('SELECT * FROM case_statistic')).toBeNull();
    expect(caseScopedTableIn('SELECT * FROM arrears_import')).toBeNull();
    expect(caseScopedTableIn('INSERT INTO arrears_change (case_id) VALUES ($1)')).toBe('arrears_change');
  });

  it('refuses a repository of case data', () => {
    const context = corporationLead();
    expect(() => context.db.entities('case_note')).toThrow(AccessGatewayError);
  });

  it('locks a visible case, and confines the transaction’s statements on case data to that case', async () => {
    const context = corporationLead();
    const caseId = await visibleCase(context);
    const crisisBefore = await database.query<{ id: string; crisis: boolean }>(
      'SELECT id, crisis FROM case_file ORDER BY id',
    );

    await expect(
      context.db.transaction(async (tx) => {
        const locked = await tx.lockFor({ action: 'read', subject: 'Case' }, caseId, { attempted: 'test' });
        expect(locked.id).toBe(caseId);
        // A statement on case data that does not name the locked case is refused.
        await tx.write(locked, 'UPDATE case_file SET crisis = NOT crisis', []);
      }),
    ).rejects.toThrow(AccessGatewayError);

    // A lock taken in another transaction is no permission here.
    await expect(
      context.db.transaction(async (first) => {
        const locked = await first.lockFor({ action: 'read', subject: 'Case' }, caseId, {
          attempted: 'test',
        });
        await context.db.transaction((second) =>
          second.write(locked, 'UPDATE case_file SET crisis = NOT crisis WHERE id = $1', [caseId]),
        );
      }),
    ).rejects.toThrow(AccessGatewayError);

    expect(await database.query('SELECT id, crisis FROM case_file ORDER BY id')).toEqual(crisisBefore);

    // Naming the locked case, the write goes through (and is rolled back here by the thrown marker).
    const marker = new Error('roll back');
    await expect(
      context.db.transaction(async (tx) => {
        const locked = await tx.lockFor({ action: 'read', subject: 'Case' }, caseId, { attempted: 'test' });
        await tx.write(locked, 'UPDATE case_file SET crisis = NOT crisis WHERE id = $1', [locked.id]);
        const [row] = await tx.readLocked<{ crisis: boolean }>(
          locked,
          'SELECT crisis FROM case_file WHERE id = $1',
          [locked.id],
        );
        expect(row?.crisis).toBe(!crisisBefore.find((entry) => entry.id === caseId)!.crisis);
        throw marker;
      }),
    ).rejects.toBe(marker);
  });

  it('refuses a case the actor may not see exactly like one that does not exist, and audits both', async () => {
    const context = corporationLead();
    const foreign = await foreignCase();
    const unknown = randomUUID();
    for (const id of [foreign, unknown, 'not-an-id']) {
      const refusal = context.db.transaction((tx) =>
        tx.lockFor({ action: 'read', subject: 'Case' }, id, {
          attempted: 'gatewayTest',
          notFound: 'Dossier',
          forbiddenWhenVisible: 'Dit mag je niet.',
        }),
      );
      await expect(refusal).rejects.toThrow(NotFoundError);
      await expect(refusal).rejects.toThrow(new NotFoundError('Dossier').message);
    }
    await context.readAudit.flush(database.dataSource, context);
    const denied = await database.query<{ entity_id: string | null; case_id: string | null }>(
      `SELECT entity_id, case_id FROM audit_event
        WHERE action = 'ACCESS_DENIED' AND request_id = $1 ORDER BY entity_id NULLS LAST`,
      [context.requestId],
    );
    expect(denied).toEqual(
      expect.arrayContaining([
        // The existing case is named, so the privacy officers of its organisations see the attempt.
        { entity_id: foreign, case_id: foreign },
        { entity_id: unknown, case_id: null },
        { entity_id: null, case_id: null },
      ]),
    );
    expect(denied).toHaveLength(3);
  });

  it('answers FORBIDDEN when the case is visible but the write is not the actor’s', async () => {
    // A corporation does not work the municipality's signal.
    const context = corporationLead();
    const caseId = await visibleCase(context);
    await expect(
      context.db.transaction((tx) =>
        tx.lockFor({ action: 'workSignal', subject: 'Case' }, caseId, {
          attempted: 'gatewayTest',
          forbiddenWhenVisible: 'Dit doet de gemeente.',
        }),
      ),
    ).rejects.toThrow('Dit doet de gemeente.');
  });

  it('binds a derived gateway only to the request’s own scope, never to one built for someone else', async () => {
    const context = corporationLead();
    const invented: RequestContext = {
      ...context,
      access: AccessScope.for(
        {
          userId: randomUUID(),
          organizationId: ownCorporation,
          orgKind: 'HOUSING_CORPORATION',
          role: 'TEAM_LEAD',
        },
        context.clock.now(),
      ),
    };
    const asSomeoneElse = context.db.derivedFor(() => invented);
    await expect(
      asSomeoneElse.read(
        (bag) => `SELECT c.id FROM case_file c WHERE ${invented.access.readableCases('c', bag)}`,
      ),
    ).rejects.toThrow(AccessGatewayError);

    // Without an actor but with the request's own scope (an audit of nobody's act): allowed.
    const nobody: RequestContext = { ...context, actor: null };
    await expect(context.db.derivedFor(() => nobody).lookup('SELECT 1 AS one')).resolves.toEqual([
      { one: 1 },
    ]);
  });

  it('gives system work no database through the request gateway', async () => {
    const system = createSystemContext(logger);
    await expect(system.db.lookup('SELECT 1')).rejects.toThrow(AccessGatewayError);
  });
});
