import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { CaseQueueDocument, PAGE_SIZE } from '../features/worklist/CaseQueue';
import { MyDeadlinesDocument } from '../features/deadlines/DeadlineList';
import { LoginDocument } from '../features/auth/LoginPage';
import { MeDocument } from '../features/auth/session';
import { ADMIN, ANNA, ORGS, PRIYA } from '../test/fixtures';
import { graphQLError, renderWithApp, type Mock } from '../test/render';
import { ConsentRegisterDocument } from '../features/consents/ConsentRegisterPage';
import { AppRoutes } from './App';
import i18n from './i18n';

const meAnonymous: Mock = { request: { query: MeDocument }, result: graphQLError('UNAUTHENTICATED') };
const meAs = (data: typeof ANNA): Mock => ({ request: { query: MeDocument }, result: { data } });

const emptyConnection = {
  __typename: 'CaseConnection',
  totalCount: 0,
  totalCountCapped: false,
  pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
  edges: [],
};

const annaWorkList: Mock[] = [
  {
    request: { query: MyDeadlinesDocument },
    result: {
      data: {
        myDeadlines: [
          {
            __typename: 'Deadline',
            caseId: 'case-1',
            caseReference: 'VN-2026-000001',
            kind: 'PAUSE_END',
            dueOn: '2026-12-04',
            state: 'DUE_SOON',
            workingDaysLeft: 6,
            description: 'De adempauze loopt af',
          },
        ],
      },
    },
  },
  {
    request: { query: CaseQueueDocument, variables: { first: PAGE_SIZE, filter: { assignedToMe: true } } },
    result: {
      data: {
        cases: {
          ...emptyConnection,
          totalCount: 1,
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c1' },
          edges: [
            {
              __typename: 'CaseEdge',
              cursor: 'c1',
              node: {
                __typename: 'Case',
                id: 'case-1',
                reference: 'VN-2026-000001',
                status: null,
                coarseStatus: 'SIGNAL_SENT',
                crisis: true,
                updatedAt: '2026-11-20T09:30:00.000Z',
                origin: { __typename: 'OrganizationRef', id: ORGS.delinde.id, name: ORGS.delinde.name },
                assignees: [{ __typename: 'UserRef', id: 'user-anna', displayName: 'Anna de Vries' }],
                contact: { __typename: 'ContactSection', initials: 'J.', prefix: 'van', surname: 'Dijk' },
              },
            },
          ],
        },
      },
    },
  },
];

describe('App', () => {
  it('sends an anonymous visitor to the login page, and back to where they were going after logging in', async () => {
    renderWithApp(<AppRoutes />, {
      route: '/werklijst',
      mocks: [
        meAnonymous,
        {
          request: {
            query: LoginDocument,
            variables: { email: 'anna@delinde.example', password: 'vangnet-demo' },
          },
          result: { data: { login: { __typename: 'Me', user: { __typename: 'User', id: 'user-anna' } } } },
        },
        meAs(ANNA),
        ...annaWorkList,
      ],
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
    expect(screen.getByRole('banner')).toBeVisible();
    expect(screen.getByRole('main')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Direct naar de inhoud' }).getAttribute('href')).toBe('#main');

    await userEvent.type(screen.getByLabelText('E-mailadres'), 'anna@delinde.example');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'vangnet-demo');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Werklijst' })).toBeVisible();
    expect(screen.getByText('Woonstichting De Linde · Casemanager')).toBeVisible();
    expect(screen.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();

    const deadlines = screen.getByRole('region', { name: 'Mijn termijnen' });
    expect(await within(deadlines).findByText('Adempauze loopt af')).toBeVisible();
    expect(within(deadlines).getByText('Nog 6 werkdagen')).toBeVisible();

    const table = await screen.findByRole('table', { name: 'Mijn dossiers' });
    const row = within(table).getByRole('row', { name: /VN-2026-000001/ });
    expect(within(row).getByText('J. van Dijk')).toBeVisible();
    // A corporation only knows the coarse status.
    expect(within(row).getByText('Signaal verstuurd')).toBeVisible();
    expect(within(row).getByRole('link', { name: 'VN-2026-000001' }).getAttribute('href')).toBe(
      '/dossiers/case-1',
    );
  });

  it('lands a privacy officer on the consent register, with no work list in the menu', async () => {
    renderWithApp(<AppRoutes />, {
      route: '/',
      mocks: [
        meAs(PRIYA),
        {
          request: { query: ConsentRegisterDocument, variables: { first: 25, filter: {} } },
          result: { data: { consentRegister: { ...emptyConnection, __typename: 'ConsentConnection' } } },
        },
      ],
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Toestemmingenregister' })).toBeVisible();
    const nav = screen.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(within(nav).queryByRole('link', { name: 'Werklijst' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Auditlog' })).toBeVisible();
    expect(await screen.findByText('Er zijn geen toestemmingen die bij dit filter passen.')).toBeVisible();
  });

  it('tells an organisation admin that the role works on no cases, instead of empty lists', async () => {
    renderWithApp(<AppRoutes />, { route: '/', mocks: [meAs(ADMIN)] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Werklijst' })).toBeVisible();
    expect(
      await screen.findByText(
        'Je werkt nu als beheerder voor Gemeente Rivierstad. In die rol werk je niet in dossiers, dus je ziet hier geen termijnen of dossiers.',
      ),
    ).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Mijn termijnen' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Een andere organisatie of rol kiezen' })).toBeVisible();
  });

  it('switches to English and remembers it', async () => {
    renderWithApp(<AppRoutes />, { route: '/inloggen', mocks: [meAnonymous] });
    await screen.findByRole('heading', { level: 1, name: 'Inloggen' });
    const group = screen.getByRole('group', { name: 'Taal' });
    await userEvent.click(within(group).getByRole('button', { name: 'EN – English' }));
    // The English strings are a chunk of their own, fetched when English is chosen.
    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    expect(screen.getByLabelText('E-mail address')).toBeVisible();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('vangnet.language')).toBe('en');
    await act(() => i18n.changeLanguage('nl'));
  });

  it('shows a page that does not exist as such', async () => {
    renderWithApp(<AppRoutes />, { route: '/bestaat-niet', mocks: [meAs(ANNA)] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible();
  });
});
