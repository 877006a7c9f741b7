import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { makeFragmentData } from '../../gql';
import { renderWithApp, type OperationLog } from '../../test/render';
import { ContactAttemptsPanel, ContactAttemptsPanelFragment } from './ContactAttemptsPanel';

describe('recording a contact attempt', () => {
  it('refuses a note longer than the server keeps, at the field, and sends nothing', async () => {
    const log: OperationLog = [];
    renderWithApp(
      <ContactAttemptsPanel
        caseId="case-1"
        caseRef={makeFragmentData({ __typename: 'Case', contactAttempts: [] }, ContactAttemptsPanelFragment)}
        mayRecord
      />,
      { log },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Contactpoging vastleggen' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Ochtend' }));
    await userEvent.selectOptions(screen.getByLabelText('Manier van contact'), 'Telefoon');
    await userEvent.click(
      within(screen.getByRole('group', { name: 'Heb je de huurder bereikt?' })).getByRole('radio', {
        name: 'Nee',
      }),
    );
    const note = screen.getByLabelText(/^Notitie/);
    await userEvent.click(note);
    // One character more than the 2000 the server keeps: pasted, as a long text usually arrives.
    await userEvent.paste('x'.repeat(2001));
    await userEvent.click(screen.getByRole('button', { name: 'Contactpoging opslaan' }));

    const message = 'Hoogstens 2000 tekens.';
    expect(within(screen.getByRole('alert')).getByRole('link', { name: message })).toBeVisible();
    expect(note.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (note.getAttribute('aria-describedby') ?? '').split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain(message);
    expect(log).not.toContain('→ RecordContactAttempt');
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
