import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { makeFragmentData } from '../../gql';
import { UpdateActionItemDocument } from '../../gql/graphql';
import type { ActionItem_ItemFragment, ActionPlanPanel_CaseFragment } from '../../gql/graphql';
import { graphQLError, renderWithApp, type Mock, type OperationLog } from '../../test/render';
import { ActionPlanPanel, ActionPlanPanelFragment } from './ActionPlanPanel';

const RIVIERSTAD = {
  __typename: 'OrganizationRef' as const,
  id: 'org-rivierstad',
  name: 'Gemeente Rivierstad',
};
const KREDIETBANK = {
  __typename: 'OrganizationRef' as const,
  id: 'org-kredietbank',
  name: 'Kredietbank Rivierstad',
};

const item: ActionItem_ItemFragment = {
  __typename: 'ActionItem',
  id: 'item-1',
  title: 'Inkomsten en uitgaven op een rij zetten',
  description: 'Samen met de huurder alle vaste lasten opschrijven.',
  status: 'OPEN',
  dueDate: null,
  version: 1,
  updatedAt: '2026-11-26T09:00:00.000Z',
  ownerOrganization: RIVIERSTAD,
  assignee: null,
  createdByOrganization: RIVIERSTAD,
  comments: [],
  history: [],
};

const caseData = {
  __typename: 'Case',
  id: 'case-1',
  participants: [
    { __typename: 'CaseParticipant', role: 'MUNICIPALITY', organization: RIVIERSTAD },
    { __typename: 'CaseParticipant', role: 'DEBT_COUNSELLING', organization: KREDIETBANK },
  ],
  actionPlan: {
    __typename: 'ActionPlan',
    id: 'plan-1',
    version: 1,
    helpRequest: 'Ik wil weer rust in mijn geldzaken.',
    tenantSignedOffOn: null,
    tenantSignOffChannel: null,
    referredOrganizations: [KREDIETBANK],
    history: [],
    goals: [],
    conditions: [],
    items: [item],
  },
} as const;

/** What the server answers a stale save: CONFLICT with the action as someone else saved it. */
const theirs = {
  ...item,
  status: 'IN_PROGRESS',
  version: 2,
  history: [
    {
      field: 'status',
      changedAt: '2026-11-26T10:15:00.000Z',
      changedBy: { id: 'user-mehmet', displayName: 'Mehmet Yilmaz' },
      changedByOrganization: RIVIERSTAD,
    },
  ],
};

const saveMock = (
  expectedVersion: number,
  description: string,
  status: string,
  result: Mock['result'],
): Mock => ({
  request: {
    query: UpdateActionItemDocument,
    variables: {
      input: {
        id: 'item-1',
        expectedVersion,
        patch: { title: item.title, description, status, dueDate: null },
      },
    },
  },
  result,
});

function renderPanel(mocks: Mock[], log?: OperationLog) {
  const data: ActionPlanPanel_CaseFragment = caseData as unknown as ActionPlanPanel_CaseFragment;
  return renderWithApp(
    <ActionPlanPanel
      caseRef={makeFragmentData(data, ActionPlanPanelFragment)}
      actingOrgId={KREDIETBANK.id}
      mayEdit
    />,
    log ? { mocks, log } : { mocks },
  );
}

/** The due date's field, filled in with a day the shared schema refuses (before 1990), and saved. */
async function saveWithDueDate(form: HTMLElement, date: string) {
  const field = within(form).getByLabelText('Uiterlijk');
  await userEvent.clear(field);
  await userEvent.type(field, date);
  await userEvent.click(within(form).getByRole('button', { name: 'Opslaan' }));
  return field;
}

const TOO_EARLY = 'Deze datum ligt te vroeg. Kies een datum vanaf 1990-01-01.';

function expectRefusedAt(field: HTMLElement, message: string) {
  expect(within(screen.getByRole('alert')).getByRole('link', { name: message })).toBeVisible();
  expect(field.getAttribute('aria-invalid')).toBe('true');
  const describedBy = (field.getAttribute('aria-describedby') ?? '').split(' ');
  expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain(message);
}

describe('action plan co-editing', () => {
  it('shows the plan and its actions, each with a named edit button', () => {
    renderPanel([]);
    expect(screen.getByText('Ik wil weer rust in mijn geldzaken.')).toBeVisible();
    const action = screen.getByRole('listitem');
    expect(
      within(action).getByRole('heading', { name: 'Inkomsten en uitgaven op een rij zetten' }),
    ).toBeVisible();
    expect(within(action).getByText('Open')).toBeVisible();
    expect(within(action).getByRole('button', { name: /^Bewerken/ })).toBeVisible();
  });

  it('refuses a new action due before 1990 at the field, as the server would, and sends nothing', async () => {
    const log: OperationLog = [];
    renderPanel([], log);
    await userEvent.click(screen.getByRole('button', { name: 'Actie toevoegen' }));
    const form = screen.getByRole('heading', { name: 'Nieuwe actie' }).closest('form');
    if (!form) throw new Error('the new action has no form');
    await userEvent.type(within(form).getByLabelText('Titel'), 'Budgetcursus volgen');
    const field = await saveWithDueDate(form, '1985-03-01');
    expectRefusedAt(field, TOO_EARLY);
    expect(log).not.toContain('→ AddActionItem');
  });

  it('refuses an edited action due before 1990 at the field, as the server would, and sends nothing', async () => {
    const log: OperationLog = [];
    renderPanel([], log);
    await userEvent.click(within(screen.getByRole('listitem')).getByRole('button', { name: /^Bewerken/ }));
    const form = screen.getByLabelText('Titel').closest('form');
    if (!form) throw new Error('the action editor has no form');
    const field = await saveWithDueDate(form, '1985-03-01');
    expectRefusedAt(field, TOO_EARLY);
    expect(log).not.toContain('→ UpdateActionItem');
  });

  it('never loses an update: a stale save opens the conflict dialog, and the merge is saved on their version', async () => {
    const mine = 'Vaste lasten en inkomsten; loonstroken meenemen.';
    renderPanel([
      saveMock(
        1,
        mine,
        'OPEN',
        graphQLError('CONFLICT', 'Iemand anders heeft deze actie intussen gewijzigd.', {
          currentVersion: 2,
          current: theirs,
        }),
      ),
      saveMock(2, mine, 'IN_PROGRESS', {
        data: { updateActionItem: { ...item, description: mine, status: 'IN_PROGRESS', version: 3 } },
      }),
    ]);
    const action = screen.getByRole('listitem');
    await userEvent.click(within(action).getByRole('button', { name: /^Bewerken/ }));
    const description = within(action).getByLabelText('Beschrijving');
    await userEvent.clear(description);
    await userEvent.type(description, mine);
    await userEvent.click(within(action).getByRole('button', { name: 'Opslaan' }));

    const dialog = await screen.findByRole('dialog', { name: 'Iemand anders heeft deze actie gewijzigd' });
    expect(
      within(dialog).getByText(/heeft Mehmet Yilmaz, Gemeente Rivierstad een nieuwere versie opgeslagen/),
    ).toBeVisible();
    expect(within(dialog).getByRole('region', { name: 'Jouw versie' }).textContent).toContain(
      'loonstroken meenemen',
    );
    expect(within(dialog).getByRole('region', { name: 'Hun versie' }).textContent).toContain('Bezig');

    await userEvent.click(within(dialog).getByRole('radio', { name: 'Beschrijving: jouw versie' }));
    // Status: their version is already chosen.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Samengevoegd opslaan' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(
      await screen.findByText('De actie ‘Inkomsten en uitgaven op een rij zetten’ is opgeslagen.'),
    ).toBeVisible();
  });
});
