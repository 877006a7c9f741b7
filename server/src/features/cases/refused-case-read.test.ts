import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseFactory } from '../../testing/case-factories.js';
import { createRegion, createUser, type Member, type Region } from '../../testing/factories.js';
import { graphql } from '../../testing/gql/index.js';
import { dataOf, startTestApp, type TestApp, type TestClient } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import type { Organization } from '../organizations/organization.entity.js';

const READ_CASE = graphql(`
  query RefusedCaseRead($id: ID!) {
    case(id: $id) {
      reference
    }
  }
`);
const TRAIL = graphql(`
  query RefusedCaseTrail($caseId: ID!) {
    auditTrail(caseId: $caseId, first: 100) {
      edges {
        node {
          id
          action
          entityId
          caseId
          actor {
            id
          }
        }
      }
    }
  }
`);
const DENIED = graphql(`
  query RefusedCaseDenied {
    auditEvents(filter: { action: ACCESS_DENIED }, first: 100) {
      edges {
        node {
          action
          entityId
          caseId
          actor {
            id
          }
        }
      }
    }
  }
`);

describe('a refused case(id) on an existing case', () => {
  let database: TestDatabase;
  let app: TestApp;
  let region: Region;
  let factory: CaseFactory;
  /** The case worker of the region's other corporation, which takes no part in the case. */
  let bram: Member;
  /** A case of the corporation signalled to the municipality, in which neither the other corporation nor debt counselling takes part. */
  let caseId: string;
  const officers = new Map<string, TestClient>();

  /** A new privacy officer of one of the region's organisations, signed in. */
  async function officerOf(organization: Organization): Promise<TestClient> {
    const existing = officers.get(organization.id);
    if (existing) return existing;
    const user = await createUser(database.dataSource, {
      memberships: [{ organization, role: 'PRIVACY_OFFICER' }],
    });
    const client = app.client();
    dataOf(await client.login(user.email, user.password));
    officers.set(organization.id, client);
    return client;
  }

  async function deniedEventsSeenBy(officer: TestClient) {
    return dataOf(await officer.gql(DENIED)).auditEvents.edges.map((edge) => edge.node);
  }

  const trailSeenBy = async (officer: TestClient) =>
    dataOf(await officer.gql(TRAIL, { caseId })).auditTrail.edges.map((edge) => edge.node);

  beforeAll(async () => {
    database = await createTestDatabase();
    region = await createRegion(database.dataSource);
    app = await startTestApp(database.dataSource);
    factory = new CaseFactory(app, region);
    bram = region.stranger.caseWorker;
    caseId = (await factory.signalledCase()).id;
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('answers NOT_FOUND, exactly like an unknown id, and records the attempt with the case', async () => {
    const bramClient = await factory.as(bram);
    const refused = await bramClient.gql(READ_CASE, { id: caseId });
    const unknownId = randomUUID();
    const unknown = await bramClient.gql(READ_CASE, { id: unknownId });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(refused).toEqual(unknown);

    const rows = await database.query<{ entity_id: string; case_id: string | null; actor_org_id: string }>(
      `SELECT entity_id, case_id, actor_org_id FROM audit_event
        WHERE action = 'ACCESS_DENIED' AND actor_user_id = $1 AND details ->> 'attempted' = 'readCase'
        ORDER BY seq`,
      [bram.id],
    );
    expect(rows).toEqual([
      { entity_id: caseId, case_id: caseId, actor_org_id: region.stranger.organization.id },
      // An id that names no case stays with the actor's organisation only.
      { entity_id: unknownId, case_id: null, actor_org_id: region.stranger.organization.id },
    ]);
  });

  it('shows the attempt to the privacy officers of the organisations on the case, and to nobody else', async () => {
    const bramClient = await factory.as(bram);
    expect((await bramClient.gql(READ_CASE, { id: caseId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const attempt = { action: 'ACCESS_DENIED', entityId: caseId, caseId, actor: { id: bram.id } };

    for (const participant of [region.municipality.organization, region.corporation.organization]) {
      const officer = await officerOf(participant);
      expect(await deniedEventsSeenBy(officer), participant.name).toContainEqual(attempt);
      expect(
        (await trailSeenBy(officer)).map(({ id: _id, ...node }) => node),
        participant.name,
      ).toContainEqual(attempt);
    }
    // Bram's own organisation sees what its people do, as always.
    expect(await deniedEventsSeenBy(await officerOf(region.stranger.organization))).toContainEqual(attempt);
    // An organisation neither on the case nor acting sees nothing of it.
    const outsider = await officerOf(region.debtCounselling.organization);
    expect(
      (await deniedEventsSeenBy(outsider)).filter(
        (node) => node.entityId === caseId || node.caseId === caseId,
      ),
    ).toEqual([]);
    expect(await trailSeenBy(outsider)).toEqual([]);
  });

  it('does not let a participant’s privacy officer list the case’s other events through it', async () => {
    // The rule opens refused attempts only: what another organisation on the case does stays its own.
    const [read] = await database.query<{ id: string }>(
      `INSERT INTO audit_event (action, entity_type, entity_id, case_id, actor_org_id, categories)
       VALUES ('READ', 'case', $1, $1, $2, '{CONTACT}') RETURNING id`,
      [caseId, region.municipality.organization.id],
    );
    const trail = await trailSeenBy(await officerOf(region.corporation.organization));
    expect(trail.map((node) => node.id)).not.toContain(read!.id);
    const own = await trailSeenBy(await officerOf(region.municipality.organization));
    expect(own.map((node) => node.id)).toContain(read!.id);
  });
});
