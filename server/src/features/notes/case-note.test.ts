import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseChange } from '../../core/realtime/case-events.js';
import { startTestApp, type GraphQLResponse, type TestApp, type TestClient } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { DEMO_ORG, demoUserId } from '../lifecycle/lifecycle.fixtures.js';
import { TEST_NOW, TEST_NOW_SQL } from '../../testing/test-clock.js';

/**
 * Case notes (docs/product.md §4): append-only, each for the writing organisation only (OWN_ORG) or shared
 * (SHARED). A shared note reaches another organisation only while the tenant lets it read CASE_NOTES;
 * an OWN_ORG note never leaves its organisation, whatever the consents say.
 */

const MEHMET = 'mehmet@rivierstad.example';
const SANNE = 'sanne@kredietbank.example';
const TOM = 'tom@delinde.example';

const NOTE_FIELDS = 'id caseId body visibility author { displayName } organization { name }';
const ADD_NOTE = `mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { ${NOTE_FIELDS} } }`;
const NOTES = `query ($id: ID!) {
  case(id: $id) { access { category allowed reason basis ownDataOnly } notes { ${NOTE_FIELDS} } }
}`;
const RECORD_CONSENT = `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id state } }`;
const WITHDRAW_CONSENT = `mutation ($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { id state } }`;

interface Note {
  id: string;
  caseId: string;
  body: string;
  visibility: 'OWN_ORG' | 'SHARED';
  author: { displayName: string };
  organization: { name: string };
}

interface NotesView {
  access: {
    category: string;
    allowed: boolean;
    reason: string | null;
    basis: string | null;
    ownDataOnly: boolean;
  }[];
  notes: Note[] | null;
}

function ok<T>(result: GraphQLResponse<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

function refusal<T>(result: GraphQLResponse<T>) {
  expect(result.data ?? null).toBeNull();
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!;
}

/** The demo world's cases where an organisation's user sees the case and (optionally) may read a category by consent. */
function sees(org: string, user: string): string {
  return `EXISTS (SELECT 1 FROM case_participant p WHERE p.case_id = c.id AND p.organization_id = '${org}')
    AND NOT EXISTS (SELECT 1 FROM case_assignee a WHERE a.case_id = c.id AND a.organization_id = '${org}' AND a.user_id <> '${user}')`;
}
function consents(org: string, category: string): string {
  // A consent counts for a purpose the organisation's role on the case serves (doelbinding).
  return `EXISTS (SELECT 1 FROM consent k JOIN case_participant cp ON cp.case_id = c.id AND cp.organization_id = k.recipient_org_id
    WHERE k.tenant_id = c.tenant_id AND k.recipient_org_id = '${org}' AND '${category}' = ANY(k.categories)
    AND (cp.role::text, k.purpose::text) IN (('REFERRER', 'EVICTION_PREVENTION'), ('REFERRER', 'ARRANGEMENT_COORDINATION'),
      ('MUNICIPALITY', 'DEBT_ASSISTANCE'), ('MUNICIPALITY', 'EVICTION_PREVENTION'),
      ('DEBT_COUNSELLING', 'DEBT_ASSISTANCE'), ('DEBT_COUNSELLING', 'ARRANGEMENT_COORDINATION'))
    AND k.withdrawn_at IS NULL AND k.valid_from <= ${TEST_NOW_SQL} AND k.valid_until > ${TEST_NOW_SQL})`;
}
const MEHMET_READS_NOTES = `${sees(DEMO_ORG.rivierstad, demoUserId(MEHMET))} AND ${consents(DEMO_ORG.rivierstad, 'CASE_NOTES')}`;
const SANNE_SEES = sees(DEMO_ORG.kredietbank, demoUserId(SANNE));

describe('case notes: own organisation or shared, and who reads them', () => {
  let database: TestDatabase;
  let app: TestApp;
  const clients = new Map<string, TestClient>();
  const events: CaseChange[] = [];
  /** A De Linde case where the tenant lets both the municipality and Kredietbank read CASE_NOTES. */
  let consentedCase: string;
  /** A case where the municipality may read CASE_NOTES and Kredietbank, on the case, may not. */
  let unconsentedCase: string;

  async function as(email: string): Promise<TestClient> {
    let client = clients.get(email);
    if (!client) {
      client = app.client();
      expect((await client.login(email)).errors).toBeUndefined();
      clients.set(email, client);
    }
    return client;
  }
  const gql = async <T>(email: string, query: string, variables: Record<string, unknown> = {}) =>
    (await as(email)).gql<T>(query, variables);
  const view = async (email: string, caseId: string) =>
    ok(await gql<{ case: NotesView }>(email, NOTES, { id: caseId })).case;
  const notesOf = async (email: string, caseId: string) => (await view(email, caseId)).notes;
  const bodies = (notes: Note[] | null) => notes?.map((note) => note.body) ?? null;
  const addNote = async (email: string, caseId: string, body: string, visibility: Note['visibility']) =>
    ok(await gql<{ addCaseNote: Note }>(email, ADD_NOTE, { input: { caseId, body, visibility } }))
      .addCaseNote;

  async function findCase(where: string): Promise<string> {
    const [found] = await database.query<{ id: string }>(
      `SELECT c.id FROM case_file c WHERE c.status <> 'CLOSED' AND ${where} ORDER BY c.reference LIMIT 1`,
    );
    expect(found, 'the demo world holds such a case').toBeDefined();
    return found!.id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const bsnKey = randomBytes(32);
    await seedDemoWorld(database.dataSource, { bsnKey, today: TEST_NOW });
    app = await startTestApp(database.dataSource, { bsnKey });
    app.services.caseEvents.subscribe((change) => events.push(change));
    consentedCase = await findCase(
      `c.origin_org_id = '${DEMO_ORG.delinde}' AND ${MEHMET_READS_NOTES} AND ${SANNE_SEES}
       AND ${consents(DEMO_ORG.kredietbank, 'CASE_NOTES')} AND NOT ${consents(DEMO_ORG.delinde, 'CASE_NOTES')}`,
    );
    unconsentedCase = await findCase(
      `${MEHMET_READS_NOTES} AND ${SANNE_SEES} AND NOT ${consents(DEMO_ORG.kredietbank, 'CASE_NOTES')}
       AND NOT EXISTS (SELECT 1 FROM case_note n WHERE n.case_id = c.id AND n.origin_org_id = '${DEMO_ORG.kredietbank}')`,
    );
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('an OWN_ORG note of Gemeente Rivierstad never reaches Kredietbank, even with CASE_NOTES consent; a SHARED one does', async () => {
    const before = events.length;
    const internal = await addNote(
      MEHMET,
      consentedCase,
      'Intern: huurder is moeilijk bereikbaar.',
      'OWN_ORG',
    );
    const shared = await addNote(
      MEHMET,
      consentedCase,
      'Huurder heeft alle post meegenomen naar het gesprek.',
      'SHARED',
    );
    expect(internal).toMatchObject({
      visibility: 'OWN_ORG',
      author: { displayName: expect.any(String) as unknown },
      organization: { name: 'Gemeente Rivierstad' },
    });
    // Only the shared note is announced: partners do not learn that an internal note was written.
    expect(events.slice(before)).toEqual([
      expect.objectContaining({ caseId: consentedCase, changed: ['CASE_NOTES'] }),
    ]);

    // The author's organisation reads both, newest first.
    expect(bodies(await notesOf(MEHMET, consentedCase))).toEqual([shared.body, internal.body]);
    // Kredietbank, with CASE_NOTES consent, reads the shared note only.
    const sanne = await view(SANNE, consentedCase);
    expect(sanne.access.find((entry) => entry.category === 'CASE_NOTES')).toMatchObject({
      allowed: true,
      basis: 'CONSENT',
    });
    expect(bodies(sanne.notes)).toEqual([shared.body]);

    // The other way round as well.
    const sanneInternal = await addNote(
      SANNE,
      consentedCase,
      'Intern: budgetbeheer nog niet aangevraagd.',
      'OWN_ORG',
    );
    const sanneShared = await addNote(SANNE, consentedCase, 'Budgetplan besproken met de huurder.', 'SHARED');
    expect(bodies(await notesOf(MEHMET, consentedCase))).toEqual([
      sanneShared.body,
      shared.body,
      internal.body,
    ]);
    expect(bodies(await notesOf(SANNE, consentedCase))).toEqual([
      sanneShared.body,
      sanneInternal.body,
      shared.body,
    ]);

    // Hidden, not missing: the notes are there.
    const [stored] = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM case_note WHERE case_id = $1 AND visibility = 'OWN_ORG'`,
      [consentedCase],
    );
    expect(stored!.count).toBe(2);
  });

  it('a SHARED note reaches Kredietbank only while the tenant consents to CASE_NOTES', async () => {
    const shared = await addNote(MEHMET, unconsentedCase, 'Afspraak met de huurder op dinsdag.', 'SHARED');
    const internal = await addNote(
      MEHMET,
      unconsentedCase,
      'Intern: dossier besproken in het teamoverleg.',
      'OWN_ORG',
    );

    const before = await view(SANNE, unconsentedCase);
    expect(before.access.find((entry) => entry.category === 'CASE_NOTES')).toMatchObject({ allowed: false });
    expect(before.notes).toBeNull();
    // Without the section, no shared note of her own either (FORBIDDEN: she does see the case).
    const refused = refusal(
      await gql(SANNE, ADD_NOTE, {
        input: { caseId: unconsentedCase, body: 'Mag ik meelezen?', visibility: 'SHARED' },
      }),
    );
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('geen toestemming');

    // The tenant consents (recorded by the municipality) — from the next request on, Kredietbank reads it.
    const { recordConsent } = ok(
      await gql<{ recordConsent: { id: string; state: string } }>(MEHMET, RECORD_CONSENT, {
        input: {
          caseId: unconsentedCase,
          recipientOrgId: DEMO_ORG.kredietbank,
          purpose: 'DEBT_ASSISTANCE',
          categories: ['CASE_NOTES'],
          channel: 'WRITTEN',
          wordingVersion: 'toestemming-b1-2026.1',
          wordingText:
            'Ik geef toestemming dat de kredietbank de gedeelde notities over mijn dossier mag lezen.',
        },
      }),
    );
    expect(recordConsent.state).toBe('ACTIVE');
    expect(bodies(await notesOf(SANNE, unconsentedCase))).toEqual([shared.body]);
    expect(bodies(await notesOf(MEHMET, unconsentedCase))).toEqual([internal.body, shared.body]);

    // Withdrawn: gone again at once.
    ok(await gql(MEHMET, WITHDRAW_CONSENT, { input: { consentId: recordConsent.id, channel: 'WRITTEN' } }));
    expect(await notesOf(SANNE, unconsentedCase)).toBeNull();
  });

  it('the author organisation always sees its own notes, also without any consent', async () => {
    // De Linde has no CASE_NOTES consent on this case: no section …
    const before = await view(TOM, consentedCase);
    expect(before.access.find((entry) => entry.category === 'CASE_NOTES')).toMatchObject({ allowed: false });
    expect(before.notes).toBeNull();
    // … but a note for its own organisation needs only the case, and it reads its own back, and only that.
    const own = await addNote(TOM, consentedCase, 'Intern: huurder belde over de afspraak.', 'OWN_ORG');
    const after = await view(TOM, consentedCase);
    expect(after.access.find((entry) => entry.category === 'CASE_NOTES')).toMatchObject({
      allowed: true,
      basis: 'ORIGIN',
      ownDataOnly: true,
    });
    expect(bodies(after.notes)).toEqual([own.body]);
    // Nobody else ever reads it, whatever their consent.
    expect(bodies(await notesOf(MEHMET, consentedCase))).not.toContain(own.body);
    expect(bodies(await notesOf(SANNE, consentedCase))).not.toContain(own.body);
  });

  it('notes are validated and append-only; a case I may not see answers NOT_FOUND; every note is audited', async () => {
    const empty = refusal(
      await gql(MEHMET, ADD_NOTE, { input: { caseId: consentedCase, body: '  ', visibility: 'SHARED' } }),
    );
    expect(empty.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { body: 'Vul dit in.' },
      fieldIssues: [{ field: 'body', code: 'REQUIRED', params: {} }],
    });
    const long = refusal(
      await gql(MEHMET, ADD_NOTE, {
        input: { caseId: consentedCase, body: 'x'.repeat(4001), visibility: 'OWN_ORG' },
      }),
    );
    expect(long.extensions?.fieldErrors).toEqual({ body: 'Hoogstens 4000 tekens.' });
    expect(long.extensions?.fieldIssues).toEqual([
      { field: 'body', code: 'TOO_LONG', params: { max: 4000 } },
    ]);

    const elsewhere = await findCase(
      `NOT EXISTS (SELECT 1 FROM case_participant p WHERE p.case_id = c.id AND p.organization_id = '${DEMO_ORG.kredietbank}')`,
    );
    const hidden = refusal(
      await gql(SANNE, ADD_NOTE, { input: { caseId: elsewhere, body: 'Hallo', visibility: 'OWN_ORG' } }),
    );
    const unknown = refusal(
      await gql(SANNE, ADD_NOTE, {
        input: { caseId: '00000000-0000-4000-8000-000000000000', body: 'Hallo', visibility: 'OWN_ORG' },
      }),
    );
    expect(hidden).toEqual(unknown);
    expect(hidden).toMatchObject({ message: 'Dossier niet gevonden.', extensions: { code: 'NOT_FOUND' } });

    const note = await addNote(SANNE, consentedCase, 'Huurder heeft de eerste aflossing gedaan.', 'SHARED');
    const audit = await database.query<{ action: string; categories: string; actor_org_id: string }>(
      `SELECT action, categories::text, actor_org_id FROM audit_event WHERE entity_id = $1`,
      [note.id],
    );
    expect(audit).toEqual([
      { action: 'CREATE', categories: '{CASE_NOTES}', actor_org_id: DEMO_ORG.kredietbank },
    ]);

    // Append-only: the API has no way to change or remove a note.
    const schema = ok(
      await gql<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
        SANNE,
        '{ __schema { mutationType { fields { name } } } }',
      ),
    );
    expect(
      schema.__schema.mutationType.fields.map((field) => field.name).filter((name) => /note/i.test(name)),
    ).toEqual(['addCaseNote']);
  });
});
