import { randomBytes } from 'node:crypto';
import { parseCookie } from 'cookie';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '@vangnet/shared';
import { seedDemoWorld } from '../features/demo/seed-demo.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { TEST_NOW, testToday } from '../testing/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { ReadAuditBuffer } from '../core/audit/read-audit.js';
import { AccessScope } from '../core/authz/access-scope.js';
import { ForbiddenError } from '../core/errors.js';
import { SESSION_COOKIE } from '../core/http/session-cookie.js';
import { accessActorOf, type RequestContext } from '../core/request-context.js';
import { RequestLoaders } from '../core/request-loaders.js';
import { AccessGatewayError, ScopedDatabase, type LockedCase } from '../core/db/gateway.js';

const today = testToday();
const CREATE_CASE = `mutation ($input: CreateCaseInput!) { createCase(input: $input) { id } }`;

/** The gateway's bulk locks (the arrears import) and its reads before opening cases. */
describe('the gateway for set-based writes', () => {
  let database: TestDatabase;
  let app: TestApp;
  let contract = 0;

  async function contextOf(email: string): Promise<RequestContext> {
    const client = app.client();
    expect((await client.login(email)).errors).toBeUndefined();
    const actor = await app.services.auth.authenticate(
      parseCookie(client.sessionCookie ?? '')[SESSION_COOKIE],
    );
    const context: RequestContext = {
      requestId: `gateway-bulk-${randomBytes(4).toString('hex')}`,
      logger: pino({ level: 'silent' }),
      actor,
      clock: app.clock,
      access: AccessScope.for(accessActorOf(actor), app.clock.now()),
      db: new ScopedDatabase(database.dataSource, () => context),
      readAudit: new ReadAuditBuffer(),
      loaders: new RequestLoaders(),
      sessionCookie: { set: () => undefined, clear: () => undefined },
      client: { ip: null, userAgent: null },
    };
    return context;
  }

  /** A new dossier opened (and so worked) by this corporation case worker. */
  async function openCase(email: string): Promise<string> {
    const client = app.client();
    expect((await client.login(email)).errors).toBeUndefined();
    contract += 1;
    const result = await client.gql<{ createCase: { id: string } }>(CREATE_CASE, {
      input: {
        tenant: {
          initials: 'K.',
          surname: 'Visser',
          street: 'Dijkstraat',
          houseNumber: contract,
          postcode: '9901AA',
          city: 'Rivierstad',
        },
        tenancy: { contractNumber: `GW-BULK-${contract}`, monthlyRentCents: 70_000 },
        arrears: { amountCents: 50_000, aroseOn: addCalendarDays(today, -40), monthsInArrears: 1 },
      },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.createCase.id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoWorld(database.system, { bsnKey: randomBytes(32), today: TEST_NOW });
    app = await startTestApp(database.dataSource);
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('locks only the cases the rule allows, and runs a statement only when it names every locked case', async () => {
    const annas = [await openCase('anna@delinde.example'), await openCase('anna@delinde.example')];
    const brams = await openCase('bram@woonbronoost.example');
    const anna = await contextOf('anna@delinde.example');

    await anna.db.transaction(async (tx) => {
      const locks = await tx.lockAllFor('manageArrears', [...annas, brams, 'not-a-uuid']);
      expect(locks.map((locked) => locked.id).sort()).toEqual([...annas].sort());

      const amounts = await tx.readLockedAll<{ case_id: string }>(
        locks,
        `SELECT case_id FROM arrears WHERE case_id = ANY($1::uuid[])`,
        [annas],
      );
      expect(amounts).toHaveLength(2);
      // Refused before anything runs (as write and readLocked refuse theirs).
      expect(() =>
        tx.writeAll(locks, `UPDATE arrears SET months_in_arrears = 2 WHERE case_id = $1`, [annas[0]]),
      ).toThrow(AccessGatewayError);
      expect(() => tx.writeAll([], `SELECT 1`, [])).toThrow(AccessGatewayError);
      await tx.writeAll(locks, `UPDATE arrears SET months_in_arrears = 2 WHERE case_id = ANY($1::uuid[])`, [
        annas,
      ]);
    });
    const [changed] = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM arrears WHERE case_id = ANY($1::uuid[]) AND months_in_arrears = 2`,
      [annas],
    );
    expect(changed!.count).toBe(2);
  });

  it('refuses a bulk lock taken in another transaction', async () => {
    const id = await openCase('anna@delinde.example');
    const anna = await contextOf('anna@delinde.example');
    const earlier: LockedCase[] = await anna.db.transaction((tx) => tx.lockAllFor('manageArrears', [id]));
    expect(earlier).toHaveLength(1);
    await expect(
      anna.db.transaction((tx) =>
        tx.writeAll(earlier, `UPDATE arrears SET months_in_arrears = 3 WHERE case_id = $1`, [id]),
      ),
    ).rejects.toBeInstanceOf(AccessGatewayError);
  });

  it("reads for a creation only the creating organisation's own records, and only under the grant", async () => {
    const id = await openCase('anna@delinde.example');
    const anna = await contextOf('anna@delinde.example');
    const corporationId = anna.actor!.membership!.organizationId;
    await anna.db.transaction(async (tx) => {
      const creation = tx.authorizeCaseCreation('Alleen een woningcorporatie.');
      expect(() => tx.readForCreation(creation, `SELECT id FROM case_file WHERE id = $1`, [id])).toThrow(
        AccessGatewayError,
      );
      const own = await tx.readForCreation<{ id: string }>(
        creation,
        `SELECT c.id FROM case_file c WHERE c.origin_org_id = $1 AND c.id = $2`,
        [corporationId, id],
      );
      expect(own).toEqual([{ id }]);
    });
    const municipality = await contextOf('mehmet@rivierstad.example');
    await expect(
      municipality.db.transaction((tx) =>
        Promise.resolve(tx.authorizeCaseCreation('Alleen een woningcorporatie.')),
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
