import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { graphQLError, renderWithApp, type Mock } from '../../test/render';
import { AssignableUsersDocument, AssignCaseDocument, AssignmentPanel } from './AssignmentPanel';

const CASE_ID = 'c0ffee00-0000-4000-8000-000000000002';
const ANNA = {
  __typename: 'UserRef' as const,
  id: 'a0000000-0000-4000-8000-000000000001',
  displayName: 'Anna de Vries',
};
const TOM = {
  __typename: 'UserRef' as const,
  id: 'b0000000-0000-4000-8000-000000000001',
  displayName: 'Tom Bakker',
};

const colleagues: Mock = {
  request: { query: AssignableUsersDocument },
  result: { data: { assignableUsers: [ANNA, TOM] } },
};
const assign = (assigneeId: string | null, result: Mock['result']): Mock => ({
  request: { query: AssignCaseDocument, variables: { input: { caseId: CASE_ID, assigneeId } } },
  result,
});

describe('assigning a case (team lead)', () => {
  it('says the case is in the queue, and assigns the chosen colleague', async () => {
    renderWithApp(<AssignmentPanel caseId={CASE_ID} assignees={[]} />, {
      mocks: [
        colleagues,
        assign(ANNA.id, { data: { assignCase: { __typename: 'Case', id: CASE_ID, assignees: [ANNA] } } }),
      ],
    });
    expect(await screen.findByText(/staat in de wachtrij van de organisatie/)).toBeVisible();
    await userEvent.selectOptions(screen.getByLabelText('Collega'), 'Anna de Vries');
    await userEvent.click(screen.getByRole('button', { name: 'Toewijzen' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Toegewezen aan Anna de Vries.'));
  });

  it('puts an assigned case back in the queue', async () => {
    renderWithApp(<AssignmentPanel caseId={CASE_ID} assignees={[TOM]} />, {
      mocks: [
        colleagues,
        assign(null, { data: { assignCase: { __typename: 'Case', id: CASE_ID, assignees: [] } } }),
      ],
    });
    expect(await screen.findByText('Dit dossier is toegewezen aan Tom Bakker.')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Terug naar de wachtrij' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Het dossier staat weer in de wachtrij.'),
    );
  });

  it("shows the server's reason next to the field when the colleague cannot get the case", async () => {
    renderWithApp(<AssignmentPanel caseId={CASE_ID} assignees={[]} />, {
      mocks: [
        colleagues,
        assign(
          TOM.id,
          graphQLError('BAD_USER_INPUT', 'Deze persoon kan dit dossier niet krijgen.', {
            fieldErrors: { assigneeId: 'Kies een collega van je eigen organisatie die dossiers behandelt.' },
          }),
        ),
      ],
    });
    await userEvent.selectOptions(await screen.findByLabelText('Collega'), 'Tom Bakker');
    await userEvent.click(screen.getByRole('button', { name: 'Toewijzen' }));
    expect(
      await screen.findByText('Kies een collega van je eigen organisatie die dossiers behandelt.'),
    ).toBeVisible();
    expect(screen.getByLabelText('Collega').getAttribute('aria-invalid')).toBe('true');
  });
});
