import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';

import type { ReactNode } from 'react';

import { MeDocument, useSession } from '../auth/session';
import { todayIso } from '../../lib/dates';
import { ANNA, MEHMET } from '../../test/fixtures';
import { graphQLError, renderWithApp, type Mock } from '../../test/render';
import { CreateCaseDocument, NewCasePage } from './NewCasePage';

const meAs = (data: typeof ANNA): Mock => ({ request: { query: MeDocument }, result: { data } });

/** As in the app (RequireSession): pages render once the session is known. */
function Authenticated({ children }: { children: ReactNode }) {
  return useSession().status === 'authenticated' ? children : null;
}

const input = {
  tenant: {
    initials: 'J.',
    surname: 'Berg',
    street: 'Lindelaan',
    houseNumber: 12,
    postcode: '1234 AB',
    city: 'Rivierstad',
    prefix: 'van der',
    language: 'nl',
  },
  tenancy: { contractNumber: 'HC-10234', monthlyRentCents: 72500 },
  arrears: { amountCents: 123456, aroseOn: '2026-09-01', monthsInArrears: 2 },
  household: { adults: 2, children: 1 },
  crisis: false,
};

function renderForm(mocks: Mock[], me = ANNA) {
  return renderWithApp(
    <Routes>
      <Route
        path="/dossiers/nieuw"
        element={
          <Authenticated>
            <NewCasePage />
          </Authenticated>
        }
      />
      <Route path="/dossiers/:caseId" element={<p>Dossierpagina geopend</p>} />
    </Routes>,
    { mocks: [meAs(me), ...mocks], route: '/dossiers/nieuw' },
  );
}

async function fillIn() {
  // Thirteen fields typed key by key: without a pause between the keys (the default waits a task per
  // key), so filling in the form stays well within the test's time on a busy machine.
  const user = userEvent.setup({ delay: null });
  const type = async (label: string, value: string) => {
    const field = screen.getByLabelText(label);
    await user.clear(field);
    await user.type(field, value);
  };
  await type('Voorletters', 'J.');
  await type('Tussenvoegsel', 'van der');
  await type('Achternaam', 'Berg');
  await type('Straat', 'Lindelaan');
  await type('Huisnummer', '12');
  await type('Postcode', '1234 AB');
  await type('Woonplaats', 'Rivierstad');
  await type('Nummer van het huurcontract', 'HC-10234');
  await type('Huur per maand', '725');
  await type('Bedrag van de achterstand', '1.234,56');
  await type('Ontstaan op', '2026-09-01');
  await type('Maanden achterstand', '2');
  await type('Volwassenen', '2');
  await type('Kinderen onder de 18', '1');
}

// Two tests type the whole form key by key, which takes seconds on a busy machine.
const FILLS_IN_THE_FORM = { timeout: 20_000 };

describe('opening a new dossier', () => {
  it('never asks a corporation for a BSN', async () => {
    renderForm([]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Nieuw dossier' })).toBeVisible();
    expect(screen.queryByLabelText(/BSN/i)).toBeNull();
    expect(
      screen.getByText('Vraag niet naar het BSN. Een woningcorporatie legt het BSN niet vast.'),
    ).toBeVisible();
  });

  it('shows the server’s field errors at their fields and in the summary', FILLS_IN_THE_FORM, async () => {
    const duplicate = 'Er loopt al een dossier voor dit huurcontract: VN-2026-000012.';
    const postcode = 'Vul een geldige postcode in, zoals 1234 AB.';
    renderForm([
      {
        request: { query: CreateCaseDocument, variables: { input } },
        result: graphQLError('BAD_USER_INPUT', 'Het dossier is niet compleet of klopt niet.', {
          fieldErrors: { 'tenancy.contractNumber': duplicate, 'tenant.postcode': postcode },
        }),
      },
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Nieuw dossier' });
    await fillIn();
    await userEvent.click(screen.getByRole('button', { name: 'Dossier openen' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('Er zijn 2 fouten. Verbeter die eerst:')).toBeVisible();
    for (const [label, message] of [
      ['Nummer van het huurcontract', duplicate],
      ['Postcode', postcode],
    ] as const) {
      const field = screen.getByLabelText(label);
      expect(field.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (field.getAttribute('aria-describedby') ?? '').split(' ');
      expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain(message);
      await userEvent.click(within(summary).getByRole('link', { name: message }));
      expect(document.activeElement).toBe(field);
    }
  });

  it('checks the required fields itself before asking the server', async () => {
    renderForm([]);
    await screen.findByRole('heading', { level: 1, name: 'Nieuw dossier' });
    await userEvent.click(screen.getByRole('button', { name: 'Dossier openen' }));
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Vul de achternaam in.' })).toBeVisible();
    // Both money fields are empty: rent and arrears.
    expect(
      within(summary).getAllByRole('link', { name: 'Vul een bedrag in, bijvoorbeeld 1.234,56.' }),
    ).toHaveLength(2);
  });

  it(
    'applies the shared input rules itself: a postcode that cannot exist never reaches the server',
    FILLS_IN_THE_FORM,
    async () => {
      renderForm([]);
      await screen.findByRole('heading', { level: 1, name: 'Nieuw dossier' });
      await fillIn();
      const postcodeField = screen.getByLabelText('Postcode');
      await userEvent.clear(postcodeField);
      await userEvent.type(postcodeField, '0123 AB');
      await userEvent.click(screen.getByRole('button', { name: 'Dossier openen' }));
      const summary = screen.getByRole('alert');
      expect(
        within(summary)
          .getAllByRole('link')
          .map((link) => link.textContent),
      ).toEqual(['Vul een geldige postcode in, zoals 1234 AB.']);
      expect(postcodeField.getAttribute('aria-invalid')).toBe('true');
    },
  );

  it('words the server’s field issues itself, from their codes', FILLS_IN_THE_FORM, async () => {
    renderForm([
      {
        request: { query: CreateCaseDocument, variables: { input } },
        result: graphQLError('BAD_USER_INPUT', 'Niet alles is goed ingevuld.', {
          fieldErrors: { 'tenancy.contractNumber': 'server wording' },
          fieldIssues: [{ field: 'tenancy.contractNumber', code: 'TOO_LONG', params: { max: 50 } }],
        }),
      },
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Nieuw dossier' });
    await fillIn();
    await userEvent.click(screen.getByRole('button', { name: 'Dossier openen' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Hoogstens 50 tekens.']);
  });

  it('opens the new case page once the dossier exists', FILLS_IN_THE_FORM, async () => {
    renderForm([
      {
        request: { query: CreateCaseDocument, variables: { input } },
        result: { data: { createCase: { __typename: 'Case', id: 'case-new', reference: 'VN-2026-000099' } } },
      },
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Nieuw dossier' });
    await fillIn();
    await userEvent.click(screen.getByRole('button', { name: 'Dossier openen' }));
    expect(await screen.findByText('Dossierpagina geopend')).toBeVisible();
  });

  it('is not offered to a municipality', async () => {
    renderForm([], MEHMET);
    expect(
      await screen.findByText('Alleen een medewerker van een woningcorporatie kan een dossier openen.'),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Dossier openen' })).toBeNull();
  });

  it('does not let the arrears arise in the future', async () => {
    renderForm([]);
    await screen.findByRole('heading', { level: 1, name: 'Nieuw dossier' });
    expect(screen.getByLabelText('Ontstaan op').getAttribute('max')).toBe(todayIso());
  });
});
