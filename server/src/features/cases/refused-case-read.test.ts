import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../testing/factories.js';
import { startTestApp, type TestApp, type TestClient } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { TEST_NOW } from '../../testing/test-clock.js';
import { demoId } from '../demo/demo-ids.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { Organization } from '../organizations/organization.entity.js';

interface DeniedNode {
  action: string;
  entityId: string | null;
  caseId: string | null;
  actor: { id: string } | null;
}

const READ_CASE = `query ($id: ID!) { case(id: $id) { reference } }`;
const TRAIL = `query ($caseId: ID!) { auditTrail(caseId: $caseId, first: 100) { edges { node { action entityId caseId actor { id } } } } }`;
const DENIED = `query { auditEvents(filter: { action: ACCESS_DENIED }, first: 100) { edges { node { action entityId caseId actor { id } } } } }`;

const BRAM = demoId('user:bram@woonbronoost.example');

describe('a refused case(id) on an existing case', () => {
  let database: TestDatabase;
  let app: TestApp;
  /** A case of De Linde signalled to Rivierstad, in which neither Woonbron Oost nor Kredietbank takes part. */
  let caseId: string;
  const officers = new Map<string, TestClient>();

  async function signIn(email: string, password?: string): Promise<TestClient> {
    const client = app.client();
    const login = await client.login(email, password);
    expect(login.errors, email).toBeUndefined();
    return client;
  }

  /** A new privacy officer of a demo organisation. */
  async function officerOf(key: string): Promise<TestClient> {
    const existing = officers.get(key);
    if (existing) return existing;
    const organization = await database.dataSource
      .getRepository(Organization)
      .findOneByOrFail({ id: demoId(`org:${key}`) });
    const user = await createUser(database.dataSource, {
      memberships: [{ organization, role: 'PRIVACY_OFFICER' }],
    });
    const client = await signIn(user.email, user.password);
    officers.set(key, client);
    return client;
  }

  async function deniedEventsSeenBy(officer: TestClient): Promise<DeniedNode[]> {
    const result = await officer.gql<{ auditEvents: { edges: { node: DeniedNode }[] } }>(DENIED);
    expect(result.errors).toBeUndefined();
    return result.data!.auditEvents.edges.map((edge) => edge.node);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoWorld(database.system, { bsnKey: randomBytes(32), today: TEST_NOW });
    app = await startTestApp(database.dataSource);
    const participates = (key: string) =>
      `EXISTS (SELECT 1 FROM case_participant p WHERE p.case_id = c.id AND p.organization_id = '${demoId(`org:${key}`)}')`;
    const [found] = await database.query<{ id: string }>(
      `SELECT c.id FROM case_file c
        WHERE ${participates('delinde')} AND ${participates('rivierstad')}
          AND NOT ${participates('woonbronoost')} AND NOT ${participates('kredietbank')}
        ORDER BY c.reference LIMIT 1`,
    );
    caseId = found!.id;
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('answers NOT_FOUND, exactly like an unknown id, and records the attempt with the case', async () => {
    const bram = await signIn('bram@woonbronoost.example');
    const refused = await bram.gql(READ_CASE, { id: caseId });
    const unknownId = randomUUID();
    const unknown = await bram.gql(READ_CASE, { id: unknownId });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(refused).toEqual(unknown);

    const rows = await database.query<{ entity_id: string; case_id: string | null; actor_org_id: string }>(
      `SELECT entity_id, case_id, actor_org_id FROM audit_event
        WHERE action = 'ACCESS_DENIED' AND actor_user_id = $1 AND details ->> 'attempted' = 'readCase'
        ORDER BY seq`,
      [BRAM],
    );
    expect(rows).toEqual([
      { entity_id: caseId, case_id: caseId, actor_org_id: demoId('org:woonbronoost') },
      // An id that names no case stays with the actor's organisation only.
      { entity_id: unknownId, case_id: null, actor_org_id: demoId('org:woonbronoost') },
    ]);
  });

  it('shows the attempt to the privacy officers of the organisations on the case, and to nobody else', async () => {
    const bram = await signIn('bram@woonbronoost.example');
    expect((await bram.gql(READ_CASE, { id: caseId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const attempt = { action: 'ACCESS_DENIED', entityId: caseId, caseId, actor: { id: BRAM } };

    for (const participant of ['rivierstad', 'delinde']) {
      const officer = await officerOf(participant);
      expect(await deniedEventsSeenBy(officer), participant).toContainEqual(attempt);
      const trail = await officer.gql<{ auditTrail: { edges: { node: DeniedNode }[] } }>(TRAIL, { caseId });
      expect(
        trail.data!.auditTrail.edges.map((edge) => edge.node),
        participant,
      ).toContainEqual(attempt);
    }
    // Bram's own organisation sees what its people do, as always.
    expect(await deniedEventsSeenBy(await officerOf('woonbronoost'))).toContainEqual(attempt);
    // An organisation neither on the case nor acting sees nothing of it.
    const outsider = await officerOf('kredietbank');
    expect(
      (await deniedEventsSeenBy(outsider)).filter(
        (node) => node.entityId === caseId || node.caseId === caseId,
      ),
    ).toEqual([]);
    const outsiderTrail = await outsider.gql<{ auditTrail: { edges: unknown[] } }>(TRAIL, { caseId });
    expect(outsiderTrail.data!.auditTrail.edges).toEqual([]);
  });

  it('does not let a participant’s privacy officer list the case’s other events through it', async () => {
    // The rule opens refused attempts only: what another organisation on the case does stays its own.
    const [read] = await database.query<{ id: string }>(
      `INSERT INTO audit_event (action, entity_type, entity_id, case_id, actor_org_id, categories)
       VALUES ('READ', 'case', $1, $1, $2, '{CONTACT}') RETURNING id`,
      [caseId, demoId('org:rivierstad')],
    );
    const trail = await (
      await officerOf('delinde')
    ).gql<{ auditTrail: { edges: { node: { id: string } }[] } }>(
      `query ($caseId: ID!) { auditTrail(caseId: $caseId, first: 100) { edges { node { id } } } }`,
      { caseId },
    );
    expect(trail.data!.auditTrail.edges.map((edge) => edge.node.id)).not.toContain(read!.id);
    const own = await (
      await officerOf('rivierstad')
    ).gql<{ auditTrail: { edges: { node: { id: string } }[] } }>(
      `query ($caseId: ID!) { auditTrail(caseId: $caseId, first: 100) { edges { node { id } } } }`,
      { caseId },
    );
    expect(own.data!.auditTrail.edges.map((edge) => edge.node.id)).toContain(read!.id);
  });
});
