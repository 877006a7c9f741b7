import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadAuditBuffer } from '../../core/audit/read-audit.js';
import { AccessScope } from '../../core/authz/access-scope.js';
import { SettableClock } from '../../core/clock.js';
import { ScopedDatabase } from '../../core/db/gateway.js';
import { accessActorOf, type Actor, type RequestContext } from '../../core/request-context.js';
import { RequestLoaders } from '../../core/request-loaders.js';
import { generateBulkPopulation } from '../../testing/bulk-population.js';
import { TEST_NOW } from '../../testing/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { CaseSectionsService } from './case-sections.service.js';
import { CASE_COUNT_CAP, CaseService } from './case.service.js';

/**
 * A work list says how many cases match without walking the organisation's whole history: past
 * CASE_COUNT_CAP it answers "more than" (totalCountCapped), below it the exact number.
 */
describe('counting a long work list', { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let context: RequestContext;
  const service = new CaseService(new CaseSectionsService(randomBytes(32)));
  const CASES = CASE_COUNT_CAP + 150;

  beforeAll(async () => {
    database = await createTestDatabase();
    const population = await generateBulkPopulation(database.dataSource, {
      cases: CASES,
      now: TEST_NOW,
      label: 'count',
      corporations: 1,
      municipalities: 1,
      debtCounsellors: 1,
    });
    const corporation = population.organizations.HOUSING_CORPORATION[0]!;
    const [lead] = await database.query<{ user_id: string; id: string }>(
      `SELECT id, user_id FROM membership WHERE organization_id = $1 AND role = 'TEAM_LEAD'`,
      [corporation],
    );
    const actor: Actor = {
      userId: lead!.user_id,
      sessionId: randomUUID(),
      locale: 'nl',
      membership: {
        id: lead!.id,
        organizationId: corporation,
        organizationName: 'count housing corporation 1',
        orgKind: 'HOUSING_CORPORATION',
        role: 'TEAM_LEAD',
      },
    };
    const clock = new SettableClock(TEST_NOW);
    context = {
      requestId: randomUUID(),
      logger: pino({ level: 'silent' }),
      actor,
      clock,
      access: AccessScope.for(accessActorOf(actor), clock.now()),
      db: new ScopedDatabase(database.dataSource, () => context),
      readAudit: new ReadAuditBuffer(),
      loaders: new RequestLoaders(),
      sessionCookie: { set: () => undefined, clear: () => undefined },
      client: { ip: null, userAgent: null },
    };
  }, 180_000);

  afterAll(() => database?.drop());

  it('stops counting at the cap and says there are more', async () => {
    // Every case of the region is the one corporation's, and its team lead sees them all.
    const [all] = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM case_file');
    expect(all!.count).toBe(CASES);
    const page = await service.listCases(context, { first: 10 });
    expect(page.totalCount).toBe(CASE_COUNT_CAP);
    expect(page.totalCountCapped).toBe(true);
    expect(page.edges).toHaveLength(10);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('counts exactly below the cap', async () => {
    const [first] = await database.query<{ reference: string }>(
      'SELECT reference FROM case_file ORDER BY reference LIMIT 1',
    );
    // The first hundred references or so share all but their last two digits.
    const prefix = first!.reference.slice(0, first!.reference.length - 2);
    const [matching] = await database.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM case_file WHERE reference LIKE $1',
      [`${prefix}%`],
    );
    const page = await service.listCases(context, { first: 5, filter: { reference: prefix } });
    expect(page.totalCount).toBe(matching!.count);
    expect(page.totalCountCapped).toBe(false);
  });

  it('still answers the count when a page is empty', async () => {
    const page = await service.listCases(context, { first: 5, filter: { reference: 'VN-1999-' } });
    expect(page).toMatchObject({ totalCount: 0, totalCountCapped: false, edges: [] });
  });
});
