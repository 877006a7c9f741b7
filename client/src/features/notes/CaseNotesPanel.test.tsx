import { useQuery } from '@apollo/client/react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { graphql, makeFragmentData } from '../../gql';
import { AddCaseNoteDocument } from '../../gql/graphql';
import { graphQLError, renderWithApp, type Mock, type OperationLog } from '../../test/render';
import { CategorySection } from '../cases/CategorySection';
import { CaseNoteWriter, CaseNotesPanel, CaseNotesPanelFragment } from './CaseNotesPanel';

/** The notes as the case page reads them: through the Apollo cache, so a new note shows as it does there. */
const NotesTestCaseDocument = graphql(`
  query CaseNotesTestCase($id: ID!) {
    case(id: $id) {
      id
      ...CaseNotesPanel_case
    }
  }
`);

const RIVIERSTAD = { __typename: 'OrganizationRef', id: 'org-rivierstad', name: 'Gemeente Rivierstad' };
const KREDIETBANK = { __typename: 'OrganizationRef', id: 'org-kredietbank', name: 'Kredietbank Rivierstad' };
const MEHMET = { __typename: 'UserRef', id: 'user-mehmet', displayName: 'Mehmet Yilmaz' };
const SANNE = { __typename: 'UserRef', id: 'user-sanne', displayName: 'Sanne Mulder' };

const note = (
  id: string,
  body: string,
  visibility: 'OWN_ORG' | 'SHARED',
  createdAt: string,
  author = MEHMET,
  organization = RIVIERSTAD,
) => ({ __typename: 'CaseNote', id, caseId: 'case-1', body, visibility, createdAt, author, organization });

const EARLIER_NOTES = [
  note('note-2', 'Huurder belt terug na het gesprek met de werkgever.', 'SHARED', '2026-11-25T14:00:00.000Z'),
  note('note-1', 'Intern: huurder was erg gespannen.', 'OWN_ORG', '2026-11-24T09:00:00.000Z'),
];

const caseMock: Mock = {
  request: { query: NotesTestCaseDocument, variables: { id: 'case-1' } },
  result: { data: { case: { __typename: 'Case', id: 'case-1', notes: EARLIER_NOTES } } },
};

function NotesFromCache() {
  const { data } = useQuery(NotesTestCaseDocument, { variables: { id: 'case-1' } });
  return data?.case ? (
    <CaseNotesPanel caseRef={data.case} organizationName="Kredietbank Rivierstad" mayWrite />
  ) : (
    <p>laden</p>
  );
}

async function renderNotes(mocks: Mock[]) {
  renderWithApp(<NotesFromCache />, { mocks: [caseMock, ...mocks] });
  return screen.findByRole('list');
}

const addNoteMock = (body: string, visibility: 'OWN_ORG' | 'SHARED', result: Mock['result']): Mock => ({
  request: { query: AddCaseNoteDocument, variables: { input: { caseId: 'case-1', body, visibility } } },
  result,
});

async function writeNote(body: string, visibility: 'Alleen mijn eigen organisatie' | 'Gedeeld') {
  await userEvent.click(screen.getByRole('button', { name: 'Notitie toevoegen' }));
  await userEvent.type(screen.getByLabelText('Notitie'), body);
  const choices = screen.getByRole('group', { name: 'Wie mag deze notitie lezen?' });
  await userEvent.click(within(choices).getByRole('radio', { name: new RegExp(`^${visibility}`) }));
  await userEvent.click(screen.getByRole('button', { name: 'Notitie opslaan' }));
}

describe('case notes', () => {
  it('lists the notes newest first, each with its writer, organisation, time and who may read it', async () => {
    const list = await renderNotes([]);
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Mehmet Yilmaz, Gemeente Rivierstad – 25-11-2026 15:00GedeeldHuurder belt terug na het gesprek met de werkgever.',
      'Mehmet Yilmaz, Gemeente Rivierstad – 24-11-2026 10:00Alleen eigen organisatieIntern: huurder was erg gespannen.',
    ]);
    expect(
      screen.getByText(/Een gedeelde notitie lezen alleen de partners aan wie de huurder toestemming gaf/),
    ).toBeVisible();
  });

  it('a new note is for the own organisation unless shared; the chosen visibility is sent and the note goes on top', async () => {
    const body = 'Afspraak bij de huurder thuis op dinsdag.';
    await renderNotes([
      addNoteMock(body, 'SHARED', {
        data: { addCaseNote: note('note-3', body, 'SHARED', '2026-11-26T08:00:00.000Z', SANNE, KREDIETBANK) },
      }),
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Notitie toevoegen' }));
    expect(
      screen.getByRole<HTMLInputElement>('radio', {
        name: /^Alleen mijn eigen organisatie \(Kredietbank Rivierstad\)/,
      }).checked,
    ).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Annuleren' }));

    await writeNote(body, 'Gedeeld');

    expect(
      await screen.findByText('Je notitie is opgeslagen en gedeeld met de partners die toestemming hebben.'),
    ).toBeVisible();
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]?.textContent).toBe(
      `Sanne Mulder, Kredietbank Rivierstad – 26-11-2026 09:00Gedeeld${body}`,
    );
  });

  it('says plainly why a shared note was refused, and keeps the text', async () => {
    const body = 'Huurder wil een budgetcursus volgen.';
    await renderNotes([
      addNoteMock(body, 'SHARED', graphQLError('FORBIDDEN', 'Je organisatie heeft geen toestemming.')),
    ]);
    await writeNote(body, 'Gedeeld');

    expect(
      await screen.findByText(
        'De huurder heeft Kredietbank Rivierstad geen toestemming gegeven voor gedeelde notities. Sla de notitie op voor alleen je eigen organisatie, of vraag de huurder om toestemming.',
      ),
    ).toBeVisible();
    expect(screen.getByLabelText<HTMLTextAreaElement>('Notitie').value).toBe(body);
  });

  it('refuses a note the server would refuse, at the field, without sending it', async () => {
    const log: OperationLog = [];
    renderWithApp(<NotesFromCache />, { mocks: [caseMock], log });
    await screen.findByRole('list');
    await userEvent.click(screen.getByRole('button', { name: 'Notitie toevoegen' }));
    const field = screen.getByLabelText('Notitie');
    // A control character, as text copied from a PDF or another program can carry.
    await userEvent.click(field);
    await userEvent.paste('Huurder belt terug\u0007 morgen.');
    await userEvent.click(screen.getByRole('button', { name: 'Notitie opslaan' }));

    const message = 'Hier staat een teken in dat niet is toegestaan. Typ de tekst opnieuw.';
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: message })).toBeVisible();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (field.getAttribute('aria-describedby') ?? '').split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain(message);
    expect(log).not.toContain('→ AddCaseNote');
  });

  it('withheld notes are absent, and the section says why', () => {
    renderWithApp(
      <CategorySection
        category="CASE_NOTES"
        access={{ category: 'CASE_NOTES', allowed: false, reason: 'CONSENT_WITHDRAWN' }}
        organizationName="Kredietbank Rivierstad"
      >
        <CaseNotesPanel
          caseRef={makeFragmentData(
            { __typename: 'Case', id: 'case-1', notes: null },
            CaseNotesPanelFragment,
          )}
          organizationName="Kredietbank Rivierstad"
          mayWrite
        />
      </CategorySection>,
    );
    const section = screen.getByRole('region', { name: 'Notities' });
    expect(section.textContent).toContain(
      'De huurder heeft de toestemming om dit met Kredietbank Rivierstad te delen ingetrokken.',
    );
    expect(within(section).queryByRole('button', { name: 'Notitie toevoegen' })).toBeNull();
    expect(within(section).queryByRole('list')).toBeNull();
  });

  it('with the notes withheld, a note for the own organisation can still be written, and only that', async () => {
    let sent: unknown = null;
    renderWithApp(
      <CategorySection
        category="CASE_NOTES"
        access={{ category: 'CASE_NOTES', allowed: false, reason: 'NO_CONSENT' }}
        organizationName="Kredietbank Rivierstad"
        whenWithheld={
          <CaseNoteWriter caseId="case-1" organizationName="Kredietbank Rivierstad" ownOrganisationOnly />
        }
      >
        <p>nooit getoond</p>
      </CategorySection>,
      {
        mocks: [
          {
            request: {
              query: AddCaseNoteDocument,
              variables: (variables: { input: unknown }) => {
                sent = variables.input;
                return true;
              },
            },
            result: {
              data: {
                addCaseNote: note(
                  'note-3',
                  'Eigen aantekening.',
                  'OWN_ORG',
                  '2026-11-26T10:00:00.000Z',
                  SANNE,
                  KREDIETBANK,
                ),
              },
            },
          },
        ],
      },
    );
    const section = screen.getByRole('region', { name: 'Notities' });
    expect(section.textContent).not.toContain('nooit getoond');
    await userEvent.click(within(section).getByRole('button', { name: 'Notitie toevoegen' }));
    // No choice to share: the notes are not this organisation's to read, let alone to add to.
    expect(within(section).queryByRole('group', { name: 'Wie mag deze notitie lezen?' })).toBeNull();
    expect(section.textContent).toContain('die ziet alleen Kredietbank Rivierstad, nooit een partner');
    await userEvent.type(within(section).getByLabelText('Notitie'), 'Eigen aantekening.');
    await userEvent.click(within(section).getByRole('button', { name: 'Notitie opslaan' }));
    expect(
      await within(section).findByText(
        'Je notitie is opgeslagen. Alleen je eigen organisatie kan hem lezen.',
      ),
    ).toBeVisible();
    expect(sent).toEqual({ caseId: 'case-1', body: 'Eigen aantekening.', visibility: 'OWN_ORG' });
  });
});
