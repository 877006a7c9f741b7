import { useQuery } from '@apollo/client/react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { graphql } from '../../gql';
import {
  AddActionItemCommentDocument,
  AddActionPlanGoalDocument,
  UpdateActionPlanDocument,
} from '../../gql/graphql';
import { graphQLError, renderWithApp, type Mock } from '../../test/render';
import { ActionPlanPanel } from './ActionPlanPanel';

/** The plan as the case page reads it: through the Apollo cache, so writes show the way they do there. */
const PlanTestCaseDocument = graphql(`
  query ActionPlanTestCase($id: ID!) {
    case(id: $id) {
      id
      ...ActionPlanPanel_case
    }
  }
`);

const RIVIERSTAD = { __typename: 'OrganizationRef', id: 'org-rivierstad', name: 'Gemeente Rivierstad' };
const KREDIETBANK = { __typename: 'OrganizationRef', id: 'org-kredietbank', name: 'Kredietbank Rivierstad' };
const MEHMET = { __typename: 'UserRef', id: 'user-mehmet', displayName: 'Mehmet Yilmaz' };
const SANNE = { __typename: 'UserRef', id: 'user-sanne', displayName: 'Sanne Mulder' };

const HELP_REQUEST = 'Ik wil weer rust in mijn geldzaken.';
const ACTION_TITLE = 'Inkomsten en uitgaven op een rij zetten';

const comment = (id: string, body: string, author: typeof MEHMET, organization: typeof RIVIERSTAD) => ({
  __typename: 'ActionItemComment',
  id,
  body,
  createdAt: '2026-11-26T09:30:00.000Z',
  author,
  organization,
});

function planCase({ dueDate = null as string | null } = {}) {
  return {
    __typename: 'Case',
    id: 'case-1',
    participants: [
      { __typename: 'CaseParticipant', role: 'MUNICIPALITY', organization: RIVIERSTAD },
      { __typename: 'CaseParticipant', role: 'DEBT_COUNSELLING', organization: KREDIETBANK },
    ],
    actionPlan: {
      __typename: 'ActionPlan',
      id: 'plan-1',
      version: 2,
      helpRequest: HELP_REQUEST,
      tenantSignedOffOn: null,
      tenantSignOffChannel: null,
      referredOrganizations: [KREDIETBANK],
      history: [],
      goals: [],
      conditions: [
        {
          __typename: 'ActionPlanCondition',
          id: 'condition-1',
          text: 'Geen nieuwe schulden maken.',
          createdAt: '2026-11-20T10:00:00.000Z',
          createdByOrganization: RIVIERSTAD,
        },
      ],
      items: [
        {
          __typename: 'ActionItem',
          id: 'item-1',
          title: ACTION_TITLE,
          description: 'Samen met de huurder alle vaste lasten opschrijven.',
          status: 'OPEN',
          dueDate,
          version: 1,
          updatedAt: '2026-11-26T09:00:00.000Z',
          ownerOrganization: KREDIETBANK,
          assignee: SANNE,
          createdByOrganization: RIVIERSTAD,
          comments: [comment('comment-1', 'Loonstroken liggen klaar.', MEHMET, RIVIERSTAD)],
          history: [],
        },
      ],
    },
  };
}

const caseMock = (data = planCase()): Mock => ({
  request: { query: PlanTestCaseDocument, variables: { id: 'case-1' } },
  result: { data: { case: data } },
});

function PlanFromCache() {
  const { data } = useQuery(PlanTestCaseDocument, { variables: { id: 'case-1' } });
  return data?.case ? (
    <ActionPlanPanel caseRef={data.case} actingOrgId={KREDIETBANK.id} mayEdit />
  ) : (
    <p>laden</p>
  );
}

async function renderPlan(mocks: Mock[], data = planCase()) {
  renderWithApp(<PlanFromCache />, { mocks: [caseMock(data), ...mocks] });
  await screen.findByRole('heading', { name: 'Hulpvraag en akkoord' });
}

describe('the action plan, co-edited', () => {
  it('shows the help request, the referred organisations, the conditions and who carries out each action', async () => {
    await renderPlan([]);
    expect(screen.getByText(HELP_REQUEST)).toBeVisible();
    expect(screen.getByText('De huurder heeft nog geen akkoord gegeven.')).toBeVisible();
    expect(screen.getByText('Verwezen naar').closest('div')?.textContent).toContain('Kredietbank Rivierstad');
    expect(screen.getByText('Geen nieuwe schulden maken.')).toBeVisible();
    const action = screen.getByRole('heading', { name: ACTION_TITLE }).closest('li') as HTMLElement;
    expect(within(action).getByText('Wie voert het uit').closest('div')?.textContent).toContain(
      'Kredietbank Rivierstad',
    );
    expect(within(action).getByText('Uitvoerder').closest('div')?.textContent).toContain('Sanne Mulder');
    expect(within(action).queryByText('Te laat')).toBeNull();
  });

  it('marks an action past its due date that is still open as overdue', async () => {
    await renderPlan([], planCase({ dueDate: '2026-01-15' }));
    const action = screen.getByRole('heading', { name: ACTION_TITLE }).closest('li');
    expect(action).not.toBeNull();
    expect(within(action as HTMLElement).getByText('Te laat')).toBeVisible();
    expect(within(action as HTMLElement).getByText('15-01-2026 (datum is voorbij)')).toBeVisible();
  });

  it('a stale save of the help request opens both versions side by side, and the merge is saved on theirs', async () => {
    const mine = 'Ik wil weer rust in mijn geldzaken en mijn huis houden.';
    const theirs = {
      __typename: 'ActionPlan',
      id: 'plan-1',
      caseId: 'case-1',
      version: 3,
      helpRequest: 'Ik wil rust in mijn geldzaken.',
      tenantSignedOffOn: '2026-11-20',
      tenantSignOffChannel: 'WRITTEN',
      history: [
        {
          field: 'tenantSignedOffOn',
          changedAt: '2026-11-26T10:15:00.000Z',
          changedBy: MEHMET,
          changedByOrganization: RIVIERSTAD,
        },
      ],
    };
    const save = (expectedVersion: number, patch: Record<string, unknown>, result: Mock['result']): Mock => ({
      request: {
        query: UpdateActionPlanDocument,
        variables: { input: { caseId: 'case-1', expectedVersion, patch } },
      },
      result,
    });
    await renderPlan([
      save(
        2,
        { helpRequest: mine, tenantSignedOffOn: null, tenantSignOffChannel: null },
        graphQLError('CONFLICT', 'Iemand anders heeft het plan van aanpak intussen gewijzigd.', {
          currentVersion: 3,
          current: theirs,
        }),
      ),
      save(
        3,
        { helpRequest: mine, tenantSignedOffOn: '2026-11-20', tenantSignOffChannel: 'WRITTEN' },
        {
          data: {
            updateActionPlan: {
              ...theirs,
              version: 4,
              helpRequest: mine,
              referredOrganizations: [KREDIETBANK],
              history: [],
            },
          },
        },
      ),
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Hulpvraag of akkoord wijzigen' }));
    const helpRequest = screen.getByLabelText('Hulpvraag');
    await userEvent.clear(helpRequest);
    await userEvent.type(helpRequest, mine);
    await userEvent.click(screen.getByRole('button', { name: 'Hulpvraag en akkoord opslaan' }));

    const dialog = await screen.findByRole('dialog', {
      name: 'Iemand anders heeft het plan van aanpak gewijzigd',
    });
    expect(
      within(dialog).getByText(/heeft Mehmet Yilmaz, Gemeente Rivierstad een nieuwere versie/),
    ).toBeVisible();
    const mineColumn = within(dialog).getByRole('region', { name: 'Jouw versie' });
    const theirColumn = within(dialog).getByRole('region', { name: 'Hun versie' });
    expect(mineColumn.textContent).toContain('mijn huis houden');
    expect(theirColumn.textContent).toContain('Ik wil rust in mijn geldzaken.');
    expect(theirColumn.textContent).toContain('20-11-2026');
    expect(theirColumn.textContent).toContain('Schriftelijk');

    // My help request, their sign-off (chosen by default).
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Hulpvraag: jouw versie' }));
    expect(
      within(dialog).getByRole<HTMLInputElement>('radio', { name: 'Datum van akkoord: hun versie' }).checked,
    ).toBe(true);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Samengevoegd opslaan' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('De hulpvraag en het akkoord zijn opgeslagen.')).toBeVisible();
    expect(screen.getByText(mine)).toBeVisible();
    expect(screen.getByText('20-11-2026 (Schriftelijk)')).toBeVisible();
  });

  // Types a goal key by key, which takes seconds on a busy machine.
  it('a SMART goal can be added, and appears in the plan', { timeout: 15_000 }, async () => {
    const what = 'De huurachterstand is afgelost.';
    const measure = 'Elke maand is de huur op tijd betaald.';
    await renderPlan([
      {
        request: {
          query: AddActionPlanGoalDocument,
          variables: { input: { caseId: 'case-1', what, measure, targetDate: '2027-06-30' } },
        },
        result: {
          data: {
            addActionPlanGoal: {
              __typename: 'ActionPlanGoal',
              id: 'goal-1',
              what,
              measure,
              targetDate: '2027-06-30',
              version: 1,
              createdByOrganization: KREDIETBANK,
              history: [],
            },
          },
        },
      },
    ]);
    expect(screen.getByText('Er staan nog geen doelen in het plan.')).toBeVisible();

    await userEvent.click(screen.getByRole('button', { name: 'Doel toevoegen' }));
    // The form takes the focus where it opens, and gives it back to its button when it closes.
    expect(document.activeElement).toBe(screen.getByLabelText('Wat wil de huurder bereiken?'));
    await userEvent.click(screen.getByRole('button', { name: 'Doel opslaan' }));
    expect(
      await screen.findByText('Beschrijf wat de huurder wil bereiken.', { selector: 'a' }),
    ).toBeVisible();

    await userEvent.type(screen.getByLabelText('Wat wil de huurder bereiken?'), what);
    await userEvent.type(screen.getByLabelText('Hoe zie je dat het doel bereikt is?'), measure);
    await userEvent.type(screen.getByLabelText('Streefdatum'), '2027-06-30');
    await userEvent.click(screen.getByRole('button', { name: 'Doel opslaan' }));

    expect(await screen.findByText(`Het doel ‘${what}’ is toegevoegd.`)).toBeVisible();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Doel toevoegen' }));
    const goal = screen.getByRole('heading', { name: what }).closest('li');
    expect(goal).not.toBeNull();
    expect(within(goal as HTMLElement).getByText(measure)).toBeVisible();
    expect(within(goal as HTMLElement).getByText('30-06-2027')).toBeVisible();
    expect(screen.queryByText('Er staan nog geen doelen in het plan.')).toBeNull();
  });

  it('a comment is appended under the earlier ones, with who wrote it for which organisation', async () => {
    const body = 'Huurder neemt de loonstroken donderdag mee.';
    await renderPlan([
      {
        request: {
          query: AddActionItemCommentDocument,
          variables: { input: { actionItemId: 'item-1', body } },
        },
        result: {
          data: {
            addActionItemComment: {
              ...comment('comment-2', body, SANNE, KREDIETBANK),
              actionItemId: 'item-1',
              createdAt: '2026-11-26T11:05:00.000Z',
            },
          },
        },
      },
    ]);
    const action = screen.getByRole('heading', { name: ACTION_TITLE }).closest('li') as HTMLElement;
    await userEvent.click(within(action).getByRole('button', { name: /^Reageren/ }));
    await userEvent.type(within(action).getByLabelText(/^Jouw reactie/), body);
    await userEvent.click(within(action).getByRole('button', { name: 'Reactie plaatsen' }));

    expect(await screen.findByText(`Je reactie op ‘${ACTION_TITLE}’ is geplaatst.`)).toBeVisible();
    const comments = within(within(action).getByRole('list', { name: /^Reacties/ })).getAllByRole('listitem');
    expect(comments.map((item) => item.textContent)).toEqual([
      'Mehmet Yilmaz, Gemeente Rivierstad – 26-11-2026 10:30Loonstroken liggen klaar.',
      `Sanne Mulder, Kredietbank Rivierstad – 26-11-2026 12:05${body}`,
    ]);
  });
});
