import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser } from '../../testing/factories.js';
import { startTestApp, type GraphQLResponse, type TestApp } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import type { Organization } from '../organizations/organization.entity.js';
import { hashPassword, verifyPassword, type PasswordVerifier } from './password.js';
import { readSecurityLog } from './security-log.js';

function codeOf(response: GraphQLResponse<unknown>): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

function retryAfterOf(response: GraphQLResponse<unknown>): unknown {
  return response.errors?.[0]?.extensions?.retryAfterSeconds;
}

/** Lets every lockout and failure window of the database run out, as if the time had passed. */
async function letTimePass(database: TestDatabase): Promise<void> {
  await database.query(`UPDATE sign_in_throttle SET expire = 1 WHERE key NOT LIKE 'lockouts:%'`);
}

describe('sign-in throttling per account', () => {
  let database: TestDatabase;
  /** Two server processes on one database. */
  let first: TestApp;
  let second: TestApp;
  let corporation: Organization;
  const limits = {
    VANGNET_SIGN_IN_MAX_FAILURES: '3',
    VANGNET_SIGN_IN_ADDRESS_MAX_FAILURES: '1000',
    VANGNET_SIGN_IN_LOCKOUT_SECONDS: '60',
    VANGNET_SIGN_IN_LOCKOUT_MAX_SECONDS: '150',
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    first = await startTestApp(database.dataSource, { overrides: limits });
    second = await startTestApp(database.dataSource, { overrides: limits, bsnKey: first.bsnKey });
    corporation = await createOrganization(database.dataSource, 'HOUSING_CORPORATION');
  });
  afterAll(async () => {
    await first.stop();
    await second.stop();
    await database.drop();
  });

  async function worker() {
    return createUser(database.dataSource, {
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
  }

  it('stops an account after the limit, even for the right password, and says when to try again', async () => {
    const user = await worker();
    expect(codeOf(await first.client().login(user.email, 'guess 1'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await first.client().login(user.email, 'guess 2'))).toBe('UNAUTHENTICATED');
    const third = await first.client().login(user.email, 'guess 3');
    expect(codeOf(third)).toBe('RATE_LIMITED');
    expect(retryAfterOf(third)).toBe(60);
    expect(third.errors?.[0]?.message).toBe('Te veel mislukte pogingen. Probeer het over 1 minuut opnieuw.');

    const right = await first.client().login(user.email, user.password);
    expect(codeOf(right)).toBe('RATE_LIMITED');
    expect(retryAfterOf(right)).toBeGreaterThanOrEqual(1);
    expect(retryAfterOf(right)).toBeLessThanOrEqual(60);
    expect(await database.query(`SELECT 1 FROM user_session WHERE user_id = $1`, [user.id])).toEqual([]);
  });

  it('holds the lockout in every server process on the same database', async () => {
    const user = await worker();
    for (const guess of ['one', 'two', 'three']) await first.client().login(user.email, guess);
    const elsewhere = await second.client().login(user.email, user.password);
    expect(codeOf(elsewhere)).toBe('RATE_LIMITED');
  });

  it('counts parallel guesses exactly: four at a time get no more tries than the limit', async () => {
    const user = await worker();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        (index % 2 ? first : second).client().login(user.email, `parallel guess ${index}`),
      ),
    );
    const codes = answers.map(codeOf);
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(2);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(6);
  });

  it('starts afresh after a successful sign-in', async () => {
    const user = await worker();
    await first.client().login(user.email, 'typo 1');
    await first.client().login(user.email, 'typo 2');
    expect(codeOf(await second.client().login(user.email, user.password))).toBeUndefined();
    expect(codeOf(await first.client().login(user.email, 'typo 3'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await first.client().login(user.email, 'typo 4'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await first.client().login(user.email, user.password))).toBeUndefined();
  });

  it('lets the account in once the lockout is over, and locks it out twice as long the next time, up to the maximum', async () => {
    const user = await worker();
    const lockOut = async () => {
      let last: GraphQLResponse<unknown> | undefined;
      for (const guess of ['a', 'b', 'c']) last = await first.client().login(user.email, `wrong ${guess}`);
      return last!;
    };
    expect(retryAfterOf(await lockOut())).toBe(60);
    await letTimePass(database);
    expect(retryAfterOf(await lockOut())).toBe(120);
    await letTimePass(database);
    expect(retryAfterOf(await lockOut())).toBe(150);
    await letTimePass(database);
    expect(codeOf(await first.client().login(user.email, user.password))).toBeUndefined();
  });

  it('shows the lockout to the privacy officer of the account’s organisation', async () => {
    const user = await worker();
    const officer = await createUser(database.dataSource, {
      memberships: [{ organization: corporation, role: 'PRIVACY_OFFICER' }],
    });
    for (const guess of ['x', 'y', 'z']) await first.client().login(user.email, guess);
    const client = first.client();
    await client.login(officer.email, officer.password);
    const seen = await client.gql<{
      auditEvents: {
        edges: { node: { action: string; entityType: string; actor: { id: string } | null } }[];
      };
    }>(
      `query ($user: ID!) { auditEvents(filter: { actorUserId: $user, action: SIGN_IN_BLOCKED }) { edges { node { action entityType actor { id } } } } }`,
      { user: user.id },
    );
    expect(seen.data?.auditEvents.edges.map((edge) => edge.node)).toEqual([
      { action: 'SIGN_IN_BLOCKED', entityType: 'user', actor: { id: user.id } },
    ]);
  });

  it('locks an unknown address out exactly like a known one, and keeps that in the security log', async () => {
    const known = await worker();
    const unknown = `nobody-${Date.now()}@test.example`;
    const answers = async (email: string) => {
      const responses = [];
      for (const guess of ['p', 'q', 'r', 's']) responses.push(await first.client().login(email, guess));
      return responses.map((response) => ({
        code: codeOf(response),
        message: response.errors?.[0]?.message,
        retryAfter: retryAfterOf(response) === undefined ? undefined : 'given',
      }));
    };
    expect(await answers(unknown)).toEqual(await answers(known.email));
    const log = await database.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_event
        WHERE action = 'SIGN_IN_BLOCKED' AND actor_user_id IS NULL AND actor_org_id IS NULL AND entity_type = 'user'`,
    );
    expect(log).toHaveLength(1);
    expect(log[0]!.details).toMatchObject({ scope: 'account', seconds: 60, lockoutsToday: 1 });
    expect(log[0]!.details.emailHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the platform security log', () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp(database.dataSource, { overrides: { VANGNET_SIGN_IN_MAX_FAILURES: '2' } });
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('lets the operator find the traces of an unknown address by that address, and nothing of known accounts', async () => {
    const organization = await createOrganization(database.dataSource, 'MUNICIPALITY');
    const user = await createUser(database.dataSource, {
      memberships: [{ organization, role: 'DEBT_COUNSELLOR' }],
    });
    await app.client().login('Ghost@Test.example', 'first guess');
    await app.client().login('ghost@test.example', 'second guess');
    await app.client().login('someone-else@test.example', 'a guess');
    await app.client().login(user.email, 'a guess');

    const ghost = await readSecurityLog(database.system, app.bsnKey, { email: ' GHOST@test.example' });
    expect(
      ghost.map((entry) => [entry.action, entry.entityType, entry.reason, entry.lockoutSeconds]),
    ).toEqual([
      ['SIGN_IN_BLOCKED', 'user', null, 60],
      ['ACCESS_DENIED', 'session', 'unknown_email', null],
      ['ACCESS_DENIED', 'session', 'unknown_email', null],
    ]);
    const everything = await readSecurityLog(database.system, app.bsnKey);
    expect(everything).toHaveLength(4);
    expect(new Set(everything.map((entry) => entry.emailHash)).size).toBe(2);
    // Read with another key, the hashes match nothing: the log cannot be searched without the server's key.
    expect(
      await readSecurityLog(database.system, Buffer.alloc(32, 7), { email: 'ghost@test.example' }),
    ).toEqual([]);
  });
});

describe('sign-in throttling per source address', () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp(database.dataSource, {
      overrides: { VANGNET_SIGN_IN_MAX_FAILURES: '100', VANGNET_SIGN_IN_ADDRESS_MAX_FAILURES: '4' },
    });
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('stops an address that guesses across many accounts, also for an account it knows the password of', async () => {
    const organization = await createOrganization(database.dataSource, 'MUNICIPALITY');
    const user = await createUser(database.dataSource, {
      memberships: [{ organization, role: 'DEBT_COUNSELLOR' }],
    });
    // A successful sign-in does not count towards the address's limit.
    expect(codeOf(await app.client().login(user.email, user.password))).toBeUndefined();
    const codes = [];
    for (let index = 1; index <= 4; index += 1) {
      codes.push(codeOf(await app.client().login(`spray-${index}@test.example`, 'Welkom01!')));
    }
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    expect(codeOf(await app.client().login(user.email, user.password))).toBe('RATE_LIMITED');

    const log = await database.query<{ actor_org_id: string | null; details: Record<string, unknown> }>(
      `SELECT actor_org_id, details FROM audit_event WHERE action = 'SIGN_IN_BLOCKED' AND entity_type = 'address'`,
    );
    expect(log).toHaveLength(1);
    expect(log[0]!.actor_org_id).toBeNull();
    expect(log[0]!.details.addressHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(log)).not.toMatch(/127\.0\.0\.1|::1/);

    await letTimePass(database);
    expect(codeOf(await app.client().login(user.email, user.password))).toBeUndefined();
  });
});

describe('the time a failed sign-in takes', () => {
  let database: TestDatabase;
  let app: TestApp;
  const verified: string[] = [];
  let decoy: string;
  /** The real argon2 verification, noting which hash each sign-in verified against. */
  const counting: PasswordVerifier = {
    async verify(passwordHash, password) {
      verified.push(passwordHash);
      return verifyPassword(passwordHash, password);
    },
    decoyHash: () => Promise.resolve(decoy),
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    decoy = await hashPassword('a decoy for this test only');
    app = await startTestApp(database.dataSource, { passwords: counting });
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('verifies one password hash for an unknown address too (the decoy), so it costs as long as a wrong password', async () => {
    const user = await createUser(database.dataSource, {});
    verified.length = 0;
    const unknown = await app.client().login('nobody-here@test.example', 'some password');
    expect(verified).toEqual([decoy]);
    verified.length = 0;
    const wrong = await app.client().login(user.email, 'some password');
    expect(verified).toEqual([user.passwordHash]);
    expect(unknown).toEqual(wrong);
  });

  it('verifies nothing while a lockout lasts, for a known and an unknown address alike', async () => {
    const client = app.client();
    // The address counter exists since the test above; block it by hand, as a lockout would.
    await database.query(
      `UPDATE sign_in_throttle SET points = 1000000, expire = $1 WHERE key LIKE 'address:%'`,
      [Date.now() + 60_000],
    );
    verified.length = 0;
    const answers = [
      await client.login('nobody-here@test.example', 'x'),
      await client.login((await createUser(database.dataSource, {})).email, 'x'),
    ];
    expect(answers.map(codeOf)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    expect(verified).toEqual([]);
  });
});
