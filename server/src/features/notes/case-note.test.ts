import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseChange } from '../../core/realtime/case-events.js';
import { CaseFactory, type OpenedCase } from '../../testing/case-factories.js';
import { createRegion, type Member, type Region } from '../../testing/factories.js';
import { graphql } from '../../testing/gql/index.js';
import type { NoteVisibility } from '../../testing/gql/graphql.js';
import { dataOf, refusalOf, startTestApp, type TestApp } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';

/**
 * Case notes (docs/product.md §4): append-only, each for the writing organisation only (OWN_ORG) or shared
 * (SHARED). A shared note reaches another organisation only while the tenant lets it read CASE_NOTES;
 * an OWN_ORG note never leaves its organisation, whatever the consents say.
 */

const ADD_NOTE = graphql(`
  mutation CaseNoteAdd($input: AddCaseNoteInput!) {
    addCaseNote(input: $input) {
      ...CaseNoteFields
    }
  }
  fragment CaseNoteFields on CaseNote {
    id
    caseId
    body
    visibility
    author {
      displayName
    }
    organization {
      name
    }
  }
`);
const NOTES = graphql(`
  query CaseNoteView($id: ID!) {
    case(id: $id) {
      access {
        category
        allowed
        reason
        basis
        ownDataOnly
      }
      notes {
        ...CaseNoteFields
      }
    }
  }
`);
const WITHDRAW_CONSENT = graphql(`
  mutation CaseNoteWithdrawConsent($input: WithdrawConsentInput!) {
    withdrawConsent(input: $input) {
      id
      state
    }
  }
`);
const MUTATION_NAMES = graphql(`
  query CaseNoteMutationNames {
    __schema {
      mutationType {
        fields {
          name
        }
      }
    }
  }
`);

describe('case notes: own organisation or shared, and who reads them', () => {
  let database: TestDatabase;
  let app: TestApp;
  let region: Region;
  let factory: CaseFactory;
  const events: CaseChange[] = [];
  /** The municipality's debt counsellor, the Kredietbank's debt counsellor, the corporation's team lead. */
  let mehmet: Member;
  let sanne: Member;
  let tom: Member;
  /** A case where the tenant lets both the municipality and the Kredietbank read CASE_NOTES, the corporation not. */
  let consentedCase: OpenedCase;
  /** A case where the municipality may read CASE_NOTES and the Kredietbank, on the case, may not. */
  let unconsentedCase: OpenedCase;

  const view = async (member: Member, caseId: string) =>
    dataOf(await (await factory.as(member)).gql(NOTES, { id: caseId })).case;
  const notesOf = async (member: Member, caseId: string) => (await view(member, caseId)).notes;
  const bodies = (notes: readonly { body: string }[] | null | undefined) =>
    notes?.map((note) => note.body) ?? null;
  const addNote = async (member: Member, caseId: string, body: string, visibility: NoteVisibility) =>
    await (await factory.as(member)).gql(ADD_NOTE, { input: { caseId, body, visibility } });
  const noteBy = async (member: Member, caseId: string, body: string, visibility: NoteVisibility) =>
    dataOf(await addNote(member, caseId, body, visibility)).addCaseNote;

  beforeAll(async () => {
    database = await createTestDatabase();
    region = await createRegion(database.dataSource);
    app = await startTestApp(database.dataSource);
    factory = new CaseFactory(app, region);
    mehmet = region.municipality.counsellor;
    sanne = region.debtCounselling.counsellor;
    tom = region.corporation.teamLead;

    consentedCase = await factory.caseAtDebtCounselling();
    for (const recipient of [region.municipality.organization, region.debtCounselling.organization]) {
      await factory.consent(
        consentedCase.id,
        { recipient, purpose: 'DEBT_ASSISTANCE', categories: ['CASE_NOTES'] },
        mehmet,
      );
    }
    unconsentedCase = await factory.caseAtDebtCounselling();
    await factory.consent(
      unconsentedCase.id,
      { recipient: region.municipality.organization, purpose: 'DEBT_ASSISTANCE', categories: ['CASE_NOTES'] },
      mehmet,
    );
    // Listening starts once the cases are laid out: the tests count the events their own notes cause.
    app.services.caseEvents.subscribe((change) => events.push(change));
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('an OWN_ORG note of Gemeente Rivierstad never reaches Kredietbank, even with CASE_NOTES consent; a SHARED one does', async () => {
    const before = events.length;
    const internal = await noteBy(
      mehmet,
      consentedCase.id,
      'Intern: huurder is moeilijk bereikbaar.',
      'OWN_ORG',
    );
    const shared = await noteBy(
      mehmet,
      consentedCase.id,
      'Huurder heeft alle post meegenomen naar het gesprek.',
      'SHARED',
    );
    expect(internal).toMatchObject({
      visibility: 'OWN_ORG',
      author: { displayName: expect.any(String) as unknown },
      organization: { name: region.municipality.organization.name },
    });
    // Only the shared note is announced: partners do not learn that an internal note was written.
    expect(events.slice(before)).toEqual([
      expect.objectContaining({ caseId: consentedCase.id, changed: ['CASE_NOTES'] }),
    ]);

    // The author's organisation reads both, newest first.
    expect(bodies(await notesOf(mehmet, consentedCase.id))).toEqual([shared.body, internal.body]);
    // Kredietbank, with CASE_NOTES consent, reads the shared note only.
    const sanneView = await view(sanne, consentedCase.id);
    expect(sanneView.access.find((entry) => entry.category === 'CASE_NOTES')).toMatchObject({
      allowed: true,
      basis: 'CONSENT',
    });
    expect(bodies(sanneView.notes)).toEqual([shared.body]);

    // The other way round as well.
    const sanneInternal = await noteBy(
      sanne,
      consentedCase.id,
      'Intern: budgetbeheer nog niet aangevraagd.',
      'OWN_ORG',
    );
    const sanneShared = await noteBy(
      sanne,
      consentedCase.id,
      'Budgetplan besproken met de huurder.',
      'SHARED',
    );
    expect(bodies(await notesOf(mehmet, consentedCase.id))).toEqual([
      sanneShared.body,
      shared.body,
      internal.body,
    ]);
    expect(bodies(await notesOf(sanne, consentedCase.id))).toEqual([
      sanneShared.body,
      sanneInternal.body,
      shared.body,
    ]);

    // Hidden, not missing: the notes are there.
    const [stored] = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM case_note WHERE case_id = $1 AND visibility = 'OWN_ORG'`,
      [consentedCase.id],
    );
    expect(stored!.count).toBe(2);
  });

  it('a SHARED note reaches Kredietbank only while the tenant consents to CASE_NOTES', async () => {
    const shared = await noteBy(mehmet, unconsentedCase.id, 'Afspraak met de huurder op dinsdag.', 'SHARED');
    const internal = await noteBy(
      mehmet,
      unconsentedCase.id,
      'Intern: dossier besproken in het teamoverleg.',
      'OWN_ORG',
    );

    const before = await view(sanne, unconsentedCase.id);
    expect(before.access.find((entry) => entry.category === 'CASE_NOTES')).toMatchObject({ allowed: false });
    expect(before.notes).toBeNull();
    // Without the section, no shared note of her own either (FORBIDDEN: she does see the case).
    const refused = refusalOf(await addNote(sanne, unconsentedCase.id, 'Mag ik meelezen?', 'SHARED'));
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('geen toestemming');

    // The tenant consents (recorded by the municipality) — from the next request on, Kredietbank reads it.
    const consent = await factory.consent(
      unconsentedCase.id,
      {
        recipient: region.debtCounselling.organization,
        purpose: 'DEBT_ASSISTANCE',
        categories: ['CASE_NOTES'],
      },
      mehmet,
    );
    expect(bodies(await notesOf(sanne, unconsentedCase.id))).toEqual([shared.body]);
    expect(bodies(await notesOf(mehmet, unconsentedCase.id))).toEqual([internal.body, shared.body]);

    // Withdrawn: gone again at once.
    const { withdrawConsent } = dataOf(
      await (
        await factory.as(mehmet)
      ).gql(WITHDRAW_CONSENT, { input: { consentId: consent.id, channel: 'WRITTEN' } }),
    );
    expect(withdrawConsent).toEqual({ id: consent.id, state: 'WITHDRAWN' });
    expect(await notesOf(sanne, unconsentedCase.id)).toBeNull();
  });

  it('the author organisation always sees its own notes, also without any consent', async () => {
    // De Linde has no CASE_NOTES consent on this case: no section …
    const before = await view(tom, consentedCase.id);
    expect(before.access.find((entry) => entry.category === 'CASE_NOTES')).toMatchObject({ allowed: false });
    expect(before.notes).toBeNull();
    // … but a note for its own organisation needs only the case, and it reads its own back, and only that.
    const own = await noteBy(tom, consentedCase.id, 'Intern: huurder belde over de afspraak.', 'OWN_ORG');
    const after = await view(tom, consentedCase.id);
    expect(after.access.find((entry) => entry.category === 'CASE_NOTES')).toMatchObject({
      allowed: true,
      basis: 'ORIGIN',
      ownDataOnly: true,
    });
    expect(bodies(after.notes)).toEqual([own.body]);
    // Nobody else ever reads it, whatever their consent.
    expect(bodies(await notesOf(mehmet, consentedCase.id))).not.toContain(own.body);
    expect(bodies(await notesOf(sanne, consentedCase.id))).not.toContain(own.body);
  });

  it('notes are validated and append-only; a case I may not see answers NOT_FOUND; every note is audited', async () => {
    const empty = refusalOf(await addNote(mehmet, consentedCase.id, '  ', 'SHARED'));
    expect(empty.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { body: 'Vul dit in.' },
      fieldIssues: [{ field: 'body', code: 'REQUIRED', params: {} }],
    });
    const long = refusalOf(await addNote(mehmet, consentedCase.id, 'x'.repeat(4001), 'OWN_ORG'));
    expect(long.extensions?.fieldErrors).toEqual({ body: 'Hoogstens 4000 tekens.' });
    expect(long.extensions?.fieldIssues).toEqual([
      { field: 'body', code: 'TOO_LONG', params: { max: 4000 } },
    ]);

    // A case the Kredietbank takes no part in: signalled to the municipality, never referred on.
    const elsewhere = await factory.signalledCase();
    const hidden = refusalOf(await addNote(sanne, elsewhere.id, 'Hallo', 'OWN_ORG'));
    const unknown = refusalOf(
      await addNote(sanne, '00000000-0000-4000-8000-000000000000', 'Hallo', 'OWN_ORG'),
    );
    expect(hidden).toEqual(unknown);
    expect(hidden).toMatchObject({ message: 'Dossier niet gevonden.', extensions: { code: 'NOT_FOUND' } });

    const note = await noteBy(sanne, consentedCase.id, 'Huurder heeft de eerste aflossing gedaan.', 'SHARED');
    const audit = await database.query<{ action: string; categories: string; actor_org_id: string }>(
      `SELECT action, categories::text, actor_org_id FROM audit_event WHERE entity_id = $1`,
      [note.id],
    );
    expect(audit).toEqual([
      { action: 'CREATE', categories: '{CASE_NOTES}', actor_org_id: region.debtCounselling.organization.id },
    ]);

    // Append-only: the API has no way to change or remove a note.
    const schema = dataOf(await (await factory.as(sanne)).gql(MUTATION_NAMES));
    expect(
      schema.__schema.mutationType?.fields?.map((field) => field.name).filter((name) => /note/i.test(name)),
    ).toEqual(['addCaseNote']);
  });
});
