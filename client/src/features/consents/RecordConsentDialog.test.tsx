import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { renderWithApp, type Mock, type OperationLog } from '../../test/render';
import { ConsentWordingDocument, RecordConsentDialog, RecordConsentDocument } from './RecordConsentDialog';

const CASE_ID = 'c0ffee00-0000-4000-8000-000000000001';
const KREDIETBANK = { id: 'k0000000-0000-4000-8000-000000000001', name: 'Kredietbank Rivierstad' };
const RIVIERSTAD = { id: 'r0000000-0000-4000-8000-000000000001', name: 'Gemeente Rivierstad' };
const SERVER_TEXT =
  'Mogen wij uw gegevens delen met Kredietbank Rivierstad?\n\nKredietbank Rivierstad wil u helpen met uw schulden.';

function wordingMock(onRequest: (input: Record<string, unknown>) => void, text = SERVER_TEXT): Mock {
  return {
    request: {
      query: ConsentWordingDocument,
      variables: (variables: { input: Record<string, unknown> }) => {
        onRequest(variables.input);
        return variables.input.recipientOrgId === KREDIETBANK.id;
      },
    },
    result: {
      data: {
        renderMessage: {
          __typename: 'RenderedMessage',
          locale: 'nl',
          text,
          templateVersion: 'CONSENT_WORDING-nl-0123456789ab',
        },
      },
    },
    maxUsageCount: 10,
  };
}

describe('recording a consent', () => {
  it("shows the server's wording for the choices and records exactly that text with its version", async () => {
    const wordingRequests: Record<string, unknown>[] = [];
    const recorded = vi.fn();
    const recordMock: Mock = {
      request: {
        query: RecordConsentDocument,
        variables: (variables: { input: Record<string, unknown> }) => {
          recorded(variables.input);
          return true;
        },
      },
      result: {
        data: {
          recordConsent: {
            __typename: 'Consent',
            id: 'consent-1',
            state: 'ACTIVE',
            validUntil: '2027-11-27T10:00:00.000Z',
          },
        },
      },
    };
    const onRecorded = vi.fn();
    renderWithApp(
      <RecordConsentDialog
        caseId={CASE_ID}
        recipients={[
          { ...RIVIERSTAD, role: 'MUNICIPALITY' },
          { ...KREDIETBANK, role: 'DEBT_COUNSELLING' },
        ]}
        defaultRecipientId={RIVIERSTAD.id}
        onClose={vi.fn()}
        onRecorded={onRecorded}
      />,
      { mocks: [wordingMock((input) => wordingRequests.push(input)), recordMock] },
    );
    const dialog = screen.getByRole('dialog', { name: /toestemming vastleggen/i });
    // Nothing to show before the choices are made.
    expect(within(dialog).getByText(/dan verschijnt hier de tekst/i)).toBeVisible();

    await userEvent.selectOptions(within(dialog).getByLabelText('Organisatie'), KREDIETBANK.name);
    await userEvent.selectOptions(within(dialog).getByLabelText('Doel'), 'Schuldhulpverlening');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Plan van aanpak' }));
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Schriftelijk' }));

    const wording = within(dialog).getByRole('region', { name: 'Tekst voor de huurder' });
    await waitFor(() => expect(wording.textContent).toContain('Kredietbank Rivierstad wil u helpen'));
    expect(wordingRequests.at(-1)).toMatchObject({
      kind: 'CONSENT_WORDING',
      caseId: CASE_ID,
      recipientOrgId: KREDIETBANK.id,
      purpose: 'DEBT_ASSISTANCE',
      categories: ['ACTION_PLAN'],
      locale: 'nl',
      validUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as unknown,
    });

    await userEvent.click(within(dialog).getByRole('button', { name: 'Toestemming opslaan' }));
    await waitFor(() => expect(onRecorded).toHaveBeenCalled());
    expect(recorded).toHaveBeenCalledWith(
      expect.objectContaining({
        recipientOrgId: KREDIETBANK.id,
        purpose: 'DEBT_ASSISTANCE',
        categories: ['ACTION_PLAN'],
        channel: 'WRITTEN',
        wordingText: SERVER_TEXT,
        wordingVersion: 'CONSENT_WORDING-nl-0123456789ab',
      }),
    );
  });

  it('does not record a wording the shared schema refuses (too short to be a consent text)', async () => {
    const log: OperationLog = [];
    const onRecorded = vi.fn();
    renderWithApp(
      <RecordConsentDialog
        caseId={CASE_ID}
        recipients={[{ ...KREDIETBANK, role: 'DEBT_COUNSELLING' }]}
        defaultRecipientId={KREDIETBANK.id}
        onClose={vi.fn()}
        onRecorded={onRecorded}
      />,
      { mocks: [wordingMock(() => undefined, 'Akkoord?')], log },
    );
    const dialog = screen.getByRole('dialog', { name: /toestemming vastleggen/i });
    await userEvent.selectOptions(within(dialog).getByLabelText('Doel'), 'Schuldhulpverlening');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Plan van aanpak' }));
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Schriftelijk' }));
    const wording = within(dialog).getByRole('region', { name: 'Tekst voor de huurder' });
    await waitFor(() => expect(wording.textContent).toContain('Akkoord?'));

    await userEvent.click(within(dialog).getByRole('button', { name: 'Toestemming opslaan' }));
    // The wording is no field the user types in: the summary names the problem, as text.
    expect(within(screen.getByRole('alert')).getByText('Dit is te kort: minstens 20 tekens.')).toBeVisible();
    expect(log).not.toContain('→ RecordConsent');
    expect(onRecorded).not.toHaveBeenCalled();
  });

  it('only offers the purposes the chosen organisation serves on the case (doelbinding)', () => {
    renderWithApp(
      <RecordConsentDialog
        caseId={CASE_ID}
        recipients={[{ ...KREDIETBANK, role: 'DEBT_COUNSELLING' }]}
        defaultRecipientId={KREDIETBANK.id}
        onClose={vi.fn()}
        onRecorded={vi.fn()}
      />,
    );
    const purposes = within(screen.getByLabelText('Doel'))
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(purposes).not.toContain('Huisuitzetting voorkomen');
    expect(purposes).toContain('Schuldhulpverlening');
  });
});
