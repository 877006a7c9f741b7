import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { AppRoutes } from '../../app/App';
import { preloadRoute } from '../../app/preload';
import { CasePageDocument } from '../../gql/graphql';
import { ANNA, ORGS } from '../../test/fixtures';
import { graphQLError, renderWithApp, type Mock, type OperationLog } from '../../test/render';
import { RecordArrearsDocument } from '../arrears/RecordArrearsForm';
import { RecordCollectionStepDocument } from '../arrears/CollectionStepForm';
import { MeDocument } from '../auth/session';

const DELINDE = ORGS.delinde;
const ref = (org: { id: string; name: string }) => ({
  __typename: 'OrganizationRef',
  id: org.id,
  name: org.name,
});

/**
 * A case of Woonstichting De Linde before the signal, as the case page's query answers it for Anna (a
 * case worker of the corporation): arrears and a collection ladder to read, the other sections withheld
 * (the corporation has no consent for them) or empty.
 */
const CASE = {
  __typename: 'Case',
  id: 'case-1',
  reference: 'VN-2026-000001',
  version: 4,
  status: null,
  coarseStatus: 'PRE_SIGNAL',
  crisis: false,
  myParticipantRole: 'REFERRER',
  createdAt: '2026-09-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
  closedAt: null,
  origin: ref(DELINDE),
  participants: [
    {
      __typename: 'CaseParticipant',
      role: 'REFERRER',
      organization: { __typename: 'OrganizationRef', ...DELINDE },
    },
  ],
  assignees: [{ __typename: 'UserRef', id: 'user-anna', displayName: 'Anna de Vries' }],
  access: (
    [
      ['ARREARS', true, 'ORIGIN', null],
      ['CONTACT', true, 'ORIGIN', null],
      ['HOUSEHOLD', false, null, 'NO_CONSENT'],
      ['INCOME_EXPENSES', false, null, 'NO_CONSENT'],
      ['DEBTS', false, null, 'NO_CONSENT'],
      ['ACTION_PLAN', false, null, 'NO_CONSENT'],
      ['CASE_NOTES', true, 'ORIGIN', null],
      ['ARRANGEMENT', true, 'ORIGIN', null],
      ['SPECIAL', false, null, 'LEGAL_RESTRICTION'],
    ] as const
  ).map(([category, allowed, basis, reason]) => ({
    __typename: 'CategoryAccess',
    category,
    allowed,
    basis,
    reason,
    consentId: null,
    ownDataOnly: false,
  })),
  contact: {
    __typename: 'ContactSection',
    initials: 'J.',
    prefix: 'van',
    surname: 'Dijk',
    birthDate: null,
    street: 'Dijkstraat',
    houseNumber: '12',
    houseNumberAddition: null,
    postcode: '1234 AB',
    city: 'Rivierstad',
    phone: null,
    email: null,
    preferredChannel: null,
    language: 'nl',
    bsn: null,
  },
  household: null,
  incomeExpenses: null,
  debts: null,
  actionPlan: null,
  signal: null,
  referrals: [],
  contactAttempts: [],
  intake: null,
  timeline: [],
  notes: [],
  arrangement: null,
  preSignalSteps: [],
  arrears: {
    __typename: 'ArrearsSection',
    amountCents: 120000,
    aroseOn: '2026-08-01',
    monthsInArrears: 3,
    version: 2,
    history: [
      {
        __typename: 'ArrearsChange',
        amountCents: 120000,
        aroseOn: '2026-08-01',
        monthsInArrears: 3,
        recordedAt: '2026-11-01T08:00:00.000Z',
      },
    ],
    collectionSteps: [
      { __typename: 'CollectionStep', id: 'step-1', kind: 'REMINDER', stepDate: '2026-09-01', note: null },
      { __typename: 'CollectionStep', id: 'step-2', kind: 'DEMAND', stepDate: '2026-10-15', note: null },
    ],
    pauses: [],
  },
};

const casePageMock: Mock = {
  request: { query: CasePageDocument, variables: { id: 'case-1' } },
  result: { data: { case: CASE, consents: [], partnerOrganizations: [] } },
};

const meAsAnna: Mock = { request: { query: MeDocument }, result: { data: ANNA } };

/** `Me` answered only after the case page's query was asked: the session check is still under way then. */
const meAsAnnaAfterTheCase = (log: OperationLog): Mock => ({
  ...meAsAnna,
  delay: () => (log.includes('→ CasePage') ? 50 : 500),
});

const requests = (log: OperationLog) => log.filter((entry) => entry.startsWith('→ '));

async function openCase(mocks: Mock[], log: OperationLog) {
  renderWithApp(<AppRoutes />, {
    route: '/dossiers/case-1',
    mocks,
    log,
    beforeRender: (client) => preloadRoute(client, '/dossiers/case-1'),
  });
  expect(await screen.findByRole('heading', { level: 1, name: 'Dossier VN-2026-000001' })).toBeVisible();
}

describe('the case page on a cold load', () => {
  it('asks for the case at once, while the session is still being checked, and shows it when the session is there', async () => {
    const log: OperationLog = [];
    await openCase([meAsAnnaAfterTheCase(log), casePageMock], log);

    expect(log.indexOf('→ CasePage')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('→ CasePage')).toBeLessThan(log.indexOf('← Me'));
    expect(within(screen.getByRole('list', { name: 'Incassoladder' })).getAllByRole('listitem')).toHaveLength(
      2,
    );
  });

  it('takes three operations: the session, the case page (consents and partners included) and the live updates', async () => {
    const log: OperationLog = [];
    await openCase([meAsAnna, casePageMock], log);
    expect(await screen.findByRole('region', { name: 'Toestemmingen van de huurder' })).toBeVisible();
    // Whatever else the page would still ask for has been asked for by now.
    await new Promise((resolve) => setTimeout(resolve, 100));

    // CaseChanged is the live-update subscription (over the WebSocket in the browser, not an HTTP request).
    expect(requests(log).sort()).toEqual(['→ CaseChanged', '→ CasePage', '→ Me']);
  });

  it('without a session sends the visitor to the login page and shows nothing of the case', async () => {
    const log: OperationLog = [];
    renderWithApp(<AppRoutes />, {
      route: '/dossiers/case-1',
      mocks: [
        { request: { query: MeDocument }, result: graphQLError('UNAUTHENTICATED') },
        {
          request: { query: CasePageDocument, variables: { id: 'case-1' } },
          result: graphQLError('UNAUTHENTICATED'),
        },
      ],
      log,
      beforeRender: (client) => preloadRoute(client, '/dossiers/case-1'),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
    expect(screen.queryByText(/VN-2026-000001/)).toBeNull();
    // The refused case query does not set off a second session check: `Me` already answers for it.
    expect(requests(log).filter((entry) => entry === '→ Me')).toHaveLength(1);
  });
});

describe('saving on the case page', () => {
  it('shows new arrears from the save’s answer, without reading the case page again', async () => {
    const log: OperationLog = [];
    await openCase(
      [
        meAsAnna,
        casePageMock,
        {
          request: {
            query: RecordArrearsDocument,
            variables: {
              input: {
                caseId: 'case-1',
                expectedVersion: 2,
                amountCents: 150000,
                aroseOn: '2026-08-01',
                monthsInArrears: 4,
              },
            },
          },
          result: {
            data: {
              recordArrears: {
                __typename: 'CaseArrears',
                caseId: 'case-1',
                version: 3,
                amountCents: 150000,
                aroseOn: '2026-08-01',
                monthsInArrears: 4,
                history: [
                  ...CASE.arrears.history,
                  {
                    __typename: 'ArrearsChange',
                    amountCents: 150000,
                    aroseOn: '2026-08-01',
                    monthsInArrears: 4,
                    recordedAt: '2026-12-01T08:00:00.000Z',
                  },
                ],
              },
            },
          },
        },
      ],
      log,
    );
    const arrears = screen.getByRole('region', { name: 'Huurachterstand' });
    expect(arrears.textContent).toMatch(/€\s1\.200,00/);

    await userEvent.click(within(arrears).getByRole('button', { name: 'Achterstand bijwerken' }));
    const amount = within(arrears).getByLabelText('Bedrag van de achterstand');
    await userEvent.clear(amount);
    await userEvent.type(amount, '1.500,00');
    const months = within(arrears).getByLabelText('Maanden achterstand');
    await userEvent.clear(months);
    await userEvent.type(months, '4');
    await userEvent.click(within(arrears).getByRole('button', { name: 'Achterstand opslaan' }));

    expect(await screen.findByText('De achterstand is opgeslagen: € 1.500,00.')).toBeVisible();
    await waitFor(() => expect(arrears.textContent).toMatch(/€\s1\.500,00/));
    const history = within(arrears).getByRole('table', { name: 'Verloop van de achterstand' });
    expect(within(history).getAllByRole('row')).toHaveLength(3);
    expect(requests(log).filter((entry) => entry === '→ CasePage')).toHaveLength(1);
  });

  it('puts a new collection step into the ladder where its date belongs, without reading the case page again', async () => {
    const log: OperationLog = [];
    await openCase(
      [
        meAsAnna,
        casePageMock,
        {
          request: {
            query: RecordCollectionStepDocument,
            variables: { input: { caseId: 'case-1', kind: 'DEMAND', stepDate: '2026-10-01' } },
          },
          result: {
            data: {
              recordCollectionStep: {
                __typename: 'CollectionStep',
                id: 'step-3',
                kind: 'DEMAND',
                stepDate: '2026-10-01',
                note: null,
              },
            },
          },
        },
      ],
      log,
    );
    const arrears = screen.getByRole('region', { name: 'Huurachterstand' });
    await userEvent.click(within(arrears).getByRole('button', { name: 'Incassostap vastleggen' }));
    await userEvent.selectOptions(within(arrears).getByLabelText('Welke stap'), 'DEMAND');
    const date = within(arrears).getByLabelText('Datum');
    await userEvent.clear(date);
    await userEvent.type(date, '2026-10-01');
    await userEvent.click(within(arrears).getByRole('button', { name: 'Stap opslaan' }));

    const ladder = within(arrears).getByRole('list', { name: 'Incassoladder' });
    await waitFor(() => expect(within(ladder).getAllByRole('listitem')).toHaveLength(3));
    expect(
      within(ladder)
        .getAllByRole('listitem')
        .map((step) => step.textContent),
    ).toEqual([
      expect.stringContaining('01-09-2026'),
      expect.stringContaining('01-10-2026'),
      expect.stringContaining('15-10-2026'),
    ]);
    expect(requests(log).filter((entry) => entry === '→ CasePage')).toHaveLength(1);
  });
});
