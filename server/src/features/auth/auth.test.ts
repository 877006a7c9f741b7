import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Organization } from '../organizations/organization.entity.js';
import { createOrganization, createUser } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { Session } from './session.entity.js';
import { stoppedTestClock } from '../../testing/test-clock.js';

const ME = `{ me { user { email } activeMembership { id role organization { name } } memberships { id role organization { name } } } }`;

describe('sessions', () => {
  let database: TestDatabase;
  let app: TestApp;
  let corporation: Organization;
  let municipality: Organization;
  const clock = stoppedTestClock();

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp(database.dataSource, { clock });
    corporation = await createOrganization(database.dataSource, 'HOUSING_CORPORATION', 'Woonstichting Test');
    municipality = await createOrganization(database.dataSource, 'MUNICIPALITY', 'Gemeente Test');
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('logs in with the right password, case-insensitively on the e-mail address, and tells who I act for', async () => {
    await createUser(database.dataSource, {
      email: 'Worker@Test.example',
      password: 'geheim-wachtwoord',
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
    const client = app.client();
    const login = await client.login('  WORKER@test.example ', 'geheim-wachtwoord');
    expect(login.errors).toBeUndefined();
    const me = await client.gql<{
      me: { user: { email: string }; activeMembership: { role: string; organization: { name: string } } };
    }>(ME);
    expect(me.data?.me.user.email).toBe('worker@test.example');
    expect(me.data?.me.activeMembership).toMatchObject({
      role: 'CASE_WORKER',
      organization: { name: 'Woonstichting Test' },
    });
  });

  it('sets an httpOnly SameSite=Lax session cookie and stores only a hash of its token', async () => {
    const user = await createUser(database.dataSource, {
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { user { id } } }',
        variables: { e: user.email, p: user.password },
      }),
    });
    const cookie = response.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^vangnet_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const stored = await database.dataSource.getRepository(Session).findOneByOrFail({ userId: user.id });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives one generic error for a wrong password, an unknown address and an inactive user', async () => {
    const active = await createUser(database.dataSource, {
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
    const inactive = await createUser(database.dataSource, {
      active: false,
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
    const attempts = [
      await app.client().login(active.email, 'wrong password'),
      await app.client().login('nobody@test.example', 'whatever'),
      await app.client().login(inactive.email, inactive.password),
    ];
    for (const attempt of attempts) {
      expect(attempt.data).toBeNull();
      expect(attempt.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(attempt.errors?.[0]?.message).toBe('E-mailadres of wachtwoord klopt niet.');
    }
    expect(await database.dataSource.getRepository(Session).countBy({ userId: inactive.id })).toBe(0);
  });

  it('refuses a sign-in that is not shaped like one, per field, before any account is looked up', async () => {
    const empty = await app.client().login('  ', '');
    expect(empty.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: { email: 'Vul dit in.', password: 'Vul dit in.' },
      fieldIssues: [
        { field: 'email', code: 'REQUIRED', params: {} },
        { field: 'password', code: 'REQUIRED', params: {} },
      ],
    });
    const shapeless = await app.client().login('anna', 'x'.repeat(1025));
    expect(shapeless.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldIssues: [
        { field: 'email', code: 'INVALID_EMAIL', params: {} },
        { field: 'password', code: 'TOO_LONG', params: { max: 1024 } },
      ],
    });
  });

  it('refuses requests without a session with UNAUTHENTICATED', async () => {
    const result = await app.client().gql(ME);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ends the session on logout: the old cookie no longer works', async () => {
    const user = await createUser(database.dataSource, {
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
    const client = app.client();
    await client.login(user.email, user.password);
    const stolen = app.client();
    Object.assign(stolen, { cookie: client.sessionCookie });
    expect((await stolen.gql(ME)).errors).toBeUndefined();
    await client.gql('mutation { logout }');
    expect(client.sessionCookie).toBeNull();
    expect((await stolen.gql(ME)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('revokes every session of a user at once', async () => {
    const user = await createUser(database.dataSource, {
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
    const laptop = app.client();
    const phone = app.client();
    await laptop.login(user.email, user.password);
    await phone.login(user.email, user.password);
    expect(await app.services.auth.revokeAllSessionsOf(user.id)).toBe(2);
    expect((await laptop.gql(ME)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await phone.gql(ME)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('expires an idle session, and never extends one past its absolute end', async () => {
    const user = await createUser(database.dataSource, {
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
    const client = app.client();
    await client.login(user.email, user.password);
    await database.dataSource.query(
      `UPDATE user_session SET expires_at = $2::timestamptz - interval '1 second' WHERE user_id = $1`,
      [user.id, app.clock.now()],
    );
    expect((await client.gql(ME)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const other = app.client();
    await other.login(user.email, user.password);
    await database.dataSource.query(
      `UPDATE user_session SET absolute_expires_at = $2::timestamptz + interval '2 seconds' WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2::timestamptz`,
      [user.id, app.clock.now()],
    );
    expect((await other.gql(ME)).errors).toBeUndefined();
    const [session] = await database.query<{ capped: boolean }>(
      `SELECT expires_at <= absolute_expires_at AS capped FROM user_session WHERE user_id = $1 AND expires_at > $2::timestamptz`,
      [user.id, app.clock.now()],
    );
    expect(session?.capped).toBe(true);
  });

  it('slides the idle expiry with use at most once a minute, so most requests only read', async () => {
    const user = await createUser(database.dataSource, {
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
    const client = app.client();
    await client.login(user.email, user.password);
    const seen = async () =>
      (
        await database.query<{ last_seen_at: Date; expires_at: Date }>(
          `SELECT last_seen_at, expires_at FROM user_session WHERE user_id = $1 AND revoked_at IS NULL`,
          [user.id],
        )
      )[0]!;
    const atLogin = await seen();
    const start = clock.now().getTime();

    clock.set(new Date(start + 59_000));
    expect((await client.gql(ME)).errors).toBeUndefined();
    expect(await seen()).toEqual(atLogin);

    clock.set(new Date(start + 61_000));
    expect((await client.gql(ME)).errors).toBeUndefined();
    const touched = await seen();
    expect(touched.last_seen_at.getTime()).toBe(start + 61_000);
    expect(touched.expires_at.getTime()).toBeGreaterThan(atLogin.expires_at.getTime());
    clock.set(new Date(start));
  });

  it('ends the sessions of a user who is deactivated', async () => {
    const user = await createUser(database.dataSource, {
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
    const client = app.client();
    await client.login(user.email, user.password);
    await database.dataSource.query(`UPDATE app_user SET active = false WHERE id = $1`, [user.id]);
    expect((await client.gql(ME)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('switches to another of my memberships, and never to someone else’s', async () => {
    const user = await createUser(database.dataSource, {
      memberships: [
        { organization: corporation, role: 'TEAM_LEAD' },
        { organization: municipality, role: 'PRIVACY_OFFICER' },
      ],
    });
    const stranger = await createUser(database.dataSource, {
      memberships: [{ organization: municipality, role: 'DEBT_COUNSELLOR' }],
    });
    const strangerClient = app.client();
    await strangerClient.login(stranger.email, stranger.password);
    const strangerMembership = (await strangerClient.gql<{ me: { activeMembership: { id: string } } }>(ME))
      .data!.me.activeMembership.id;

    const client = app.client();
    await client.login(user.email, user.password);
    const me = (
      await client.gql<{
        me: {
          activeMembership: { id: string };
          memberships: { id: string; organization: { name: string } }[];
        };
      }>(ME)
    ).data!.me;
    expect(me.memberships).toHaveLength(2);
    const municipalityMembership = me.memberships.find(
      (membership) => membership.organization.name === 'Gemeente Test',
    )!;

    const switched = await client.gql<{ switchMembership: { activeMembership: { role: string } } }>(
      `mutation ($id: ID!) { switchMembership(membershipId: $id) { activeMembership { role } } }`,
      { id: municipalityMembership.id },
    );
    expect(switched.data?.switchMembership.activeMembership.role).toBe('PRIVACY_OFFICER');
    expect(
      (await client.gql<{ me: { activeMembership: { role: string } } }>(ME)).data?.me.activeMembership.role,
    ).toBe('PRIVACY_OFFICER');

    const hijack = await client.gql(
      `mutation ($id: ID!) { switchMembership(membershipId: $id) { user { id } } }`,
      { id: strangerMembership },
    );
    expect(hijack.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('writes a LOGIN audit event for a login and ACCESS_DENIED for a wrong password', async () => {
    const user = await createUser(database.dataSource, {
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
    await app.client().login(user.email, 'wrong');
    await app.client().login(user.email, user.password);
    const events: { action: string; actor_org_id: string | null }[] = await database.dataSource.query(
      `SELECT action, actor_org_id FROM audit_event WHERE actor_user_id = $1 ORDER BY seq`,
      [user.id],
    );
    expect(events).toEqual([
      { action: 'ACCESS_DENIED', actor_org_id: corporation.id },
      { action: 'LOGIN', actor_org_id: corporation.id },
    ]);
  });

  it('puts a failed sign-in on a known address in the audit log of every organisation of the account', async () => {
    const user = await createUser(database.dataSource, {
      memberships: [
        { organization: corporation, role: 'CASE_WORKER' },
        { organization: municipality, role: 'DEBT_COUNSELLOR' },
      ],
    });
    const officers = await Promise.all(
      [corporation, municipality].map(async (organization) => {
        const officer = await createUser(database.dataSource, {
          memberships: [{ organization, role: 'PRIVACY_OFFICER' }],
        });
        const client = app.client();
        await client.login(officer.email, officer.password);
        return client;
      }),
    );
    const failed = await app.client().login(user.email, 'not my password');
    expect(failed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const officer of officers) {
      const seen = await officer.gql<{
        auditEvents: {
          edges: { node: { action: string; entityType: string; actor: { id: string } | null } }[];
        };
      }>(
        `query ($user: ID!) { auditEvents(filter: { actorUserId: $user, action: ACCESS_DENIED }) { edges { node { action entityType actor { id } } } } }`,
        { user: user.id },
      );
      expect(seen.data?.auditEvents.edges.map((edge) => edge.node)).toEqual([
        { action: 'ACCESS_DENIED', entityType: 'session', actor: { id: user.id } },
      ]);
    }
  });

  it('keeps a failed sign-in on an unknown address in the platform security log, with the address only hashed', async () => {
    const address = `nobody-${Date.now()}@test.example`;
    const known = await createUser(database.dataSource, {
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
    const [before] = await database.query<{ seq: string }>(
      `SELECT coalesce(max(seq), 0)::text AS seq FROM audit_event`,
    );
    const unknownAttempt = await app.client().login(address, 'whatever it is');
    const knownAttempt = await app.client().login(known.email, 'whatever it is');
    // The caller cannot tell them apart: same code, same message, nothing else.
    expect(unknownAttempt).toEqual(knownAttempt);

    const log = await database.query<{
      actor_user_id: string | null;
      actor_org_id: string | null;
      details: Record<string, string>;
    }>(
      `SELECT actor_user_id, actor_org_id, details FROM audit_event
        WHERE action = 'ACCESS_DENIED' AND entity_type = 'session' AND details ->> 'reason' = 'unknown_email'
          AND seq > $1`,
      [before!.seq],
    );
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_user_id: null, actor_org_id: null });
    expect(log[0]!.details.emailHash).toMatch(/^[0-9a-f]{64}$/);
    expect(log[0]!.details.addressHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(log)).not.toContain(address);
    expect(JSON.stringify(log)).not.toContain('nobody');
  });
});

describe('my own password and sessions', () => {
  let database: TestDatabase;
  let app: TestApp;
  let corporation: Organization;
  const CHANGE = `mutation ($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }`;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp(database.dataSource);
    corporation = await createOrganization(database.dataSource, 'HOUSING_CORPORATION');
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  async function signedIn(email: string, password: string) {
    const client = app.client();
    expect((await client.login(email, password)).errors).toBeUndefined();
    return client;
  }

  it('changes the password, ends my other sessions and keeps this one', async () => {
    const user = await createUser(database.dataSource, {
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
    const laptop = await signedIn(user.email, user.password);
    const phone = await signedIn(user.email, user.password);
    const changed = await laptop.gql<{ changePassword: boolean }>(CHANGE, {
      current: user.password,
      next: 'een veel langer nieuw wachtwoord',
    });
    expect(changed.data?.changePassword).toBe(true);
    expect((await laptop.gql(ME)).errors).toBeUndefined();
    expect((await phone.gql(ME)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.client().login(user.email, user.password)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await app.client().login(user.email, 'een veel langer nieuw wachtwoord')).errors).toBeUndefined();
    const audit = await database.query<{ actor_org_id: string; details: Record<string, unknown> }>(
      `SELECT actor_org_id, details FROM audit_event WHERE action = 'UPDATE' AND entity_type = 'user' AND entity_id = $1`,
      [user.id],
    );
    expect(audit).toEqual([
      { actor_org_id: corporation.id, details: { changed: 'password', otherSessionsEnded: 1 } },
    ]);
  });

  it('refuses a wrong current password and a weak new one, per field, and changes nothing', async () => {
    const user = await createUser(database.dataSource, {
      email: 'sterk.genoeg@test.example',
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
    const client = await signedIn(user.email, user.password);
    const attempts = [
      { current: 'not my password', next: 'een veel langer nieuw wachtwoord' },
      { current: user.password, next: 'te kort' },
      { current: user.password, next: ' Sterk.Genoeg@test.example ' },
    ];
    const fieldErrors = [];
    for (const attempt of attempts) {
      const result = await client.gql(CHANGE, attempt);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      fieldErrors.push(result.errors?.[0]?.extensions?.fieldErrors);
    }
    expect(fieldErrors).toEqual([
      { currentPassword: 'Je huidige wachtwoord klopt niet.' },
      { newPassword: 'Kies een wachtwoord van minstens 12 tekens.' },
      { newPassword: 'Je wachtwoord mag niet je e-mailadres zijn.' },
    ]);
    expect((await app.client().login(user.email, user.password)).errors).toBeUndefined();
  });

  it('logs me out everywhere, this session included', async () => {
    const user = await createUser(database.dataSource, {
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
    const laptop = await signedIn(user.email, user.password);
    const phone = await signedIn(user.email, user.password);
    const laptopCookie = laptop.sessionCookie;
    const result = await laptop.gql<{ logoutEverywhere: number }>('mutation { logoutEverywhere }');
    expect(result.data?.logoutEverywhere).toBe(2);
    expect(laptop.sessionCookie).toBeNull();
    expect((await phone.gql(ME)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const reuse = app.client();
    Object.assign(reuse, { cookie: laptopCookie });
    expect((await reuse.gql(ME)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('asks for a session for both', async () => {
    const anonymous = app.client();
    expect((await anonymous.gql(CHANGE, { current: 'a', next: 'b' })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await anonymous.gql('mutation { logoutEverywhere }')).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('cross-site request forgery', () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp(database.dataSource);
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('refuses a mutation posted as a plain HTML form or text/plain', async () => {
    const user = await createUser(database.dataSource, {});
    for (const [contentType, body] of [
      [
        'application/x-www-form-urlencoded',
        `query=${encodeURIComponent(`mutation { login(email: "${user.email}", password: "${user.password}") { user { id } } }`)}`,
      ],
      [
        'text/plain',
        JSON.stringify({
          query: `mutation { login(email: "${user.email}", password: "${user.password}") { user { id } } }`,
        }),
      ],
    ] as const) {
      const response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(await database.dataSource.getRepository(Session).countBy({ userId: user.id })).toBe(0);
  });

  it('refuses a mutation from a foreign origin', async () => {
    const user = await createUser(database.dataSource, {});
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({
        query: `mutation { login(email: "${user.email}", password: "${user.password}") { user { id } } }`,
      }),
    });
    expect(response.status).toBe(403);
    expect(await database.dataSource.getRepository(Session).countBy({ userId: user.id })).toBe(0);
  });

  it('never sends a stack trace or SQL to the client', async () => {
    const response = await app.client().gql('{ nonsense }');
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|at .*\.ts:|SELECT /i);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
