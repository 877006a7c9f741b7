import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { TEST_NOW } from '../testing/test-clock.js';
import { seedDemoWorld } from '../features/demo/seed-demo.js';

/**
 * No text with NUL (which PostgreSQL cannot store), another control character or half a character gets
 * past the GraphQL layer, whichever field it is in: it is bad input, named per field, and nothing is
 * written — never an internal error halfway through a write.
 */
describe('text with control characters in any request', () => {
  let database: TestDatabase;
  let app: TestApp;
  let mehmet: TestClient;
  let caseId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoWorld(database.system, { bsnKey: Buffer.alloc(32, 7), today: TEST_NOW });
    app = await startTestApp(database.dataSource, { bsnKey: Buffer.alloc(32, 7) });
    mehmet = app.client();
    await mehmet.login('mehmet@rivierstad.example');
    const [row] = await database.query<{ id: string }>(
      `SELECT c.id FROM case_file c JOIN case_participant p ON p.case_id = c.id
         JOIN organization o ON o.id = p.organization_id
        WHERE o.name = 'Gemeente Rivierstad' AND c.status <> 'CLOSED'
          AND NOT EXISTS (SELECT 1 FROM case_assignee a WHERE a.case_id = c.id AND a.organization_id = o.id)
        ORDER BY c.reference LIMIT 1`,
    );
    caseId = row!.id;
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  const notesCount = async () =>
    (await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM case_note`))[0]!.count;

  it('refuses NUL in a variable as BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const before = await notesCount();
    const result = await mehmet.gql(
      `mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }`,
      { input: { caseId, body: 'Gebeld\u0000, niet bereikt', visibility: 'OWN_ORG' } },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldIssues: [{ field: 'body', code: 'CONTROL_CHARACTERS', params: {} }],
      fieldErrors: { body: 'Hier staat een teken in dat niet is toegestaan. Typ de tekst opnieuw.' },
    });
    expect(await notesCount()).toBe(before);
  });

  it('refuses a control character written into the document itself', async () => {
    const before = await notesCount();
    const result = await mehmet.gql(
      `mutation { addCaseNote(input: { caseId: "${caseId}", body: "bel \\u001b terug", visibility: OWN_ORG }) { id } }`,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldIssues: [{ field: 'body', code: 'CONTROL_CHARACTERS', params: {} }],
    });
    expect(await notesCount()).toBe(before);
  });

  it('keeps tabs and line breaks, which people do type', async () => {
    const result = await mehmet.gql<{ addCaseNote: { id: string } }>(
      `mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }`,
      { input: { caseId, body: 'Eerste regel\r\n\tTweede regel', visibility: 'OWN_ORG' } },
    );
    expect(result.errors).toBeUndefined();
    const [note] = await database.query<{ body: string }>(`SELECT body FROM case_note WHERE id = $1`, [
      result.data!.addCaseNote.id,
    ]);
    expect(note!.body).toContain('Tweede regel');
  });
});
