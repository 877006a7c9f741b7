import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { AppRoutes } from '../../app/App';
import { MeDocument } from '../auth/session';
import { ANNA, meFixture } from '../../test/fixtures';
import { graphQLError, renderWithApp, type Mock } from '../../test/render';
import { MonitoringDocument } from './MonitoringPage';

const LOTTE = meFixture(
  { id: 'user-lotte', displayName: 'Lotte Bakker', email: 'lotte@rivierstad.example' },
  [{ id: 'm-lotte', org: 'rivierstad', role: 'TEAM_LEAD' }],
);

const me = (data: typeof ANNA): Mock => ({ request: { query: MeDocument }, result: { data } });

const PERIOD_ROUTE = '/dashboard?van=2026-09&tot=2026-11';
const PERIOD_VARIABLES = { from: '2026-09-01', to: '2026-11-01' };

type Counts = {
  signals: number | null;
  reached: number | null;
  reachRate: number | null;
  helpAccepted: number | null;
  helpAcceptanceRate: number | null;
  withFirstContactAttempt: number | null;
  averageDaysToFirstContact: number | null;
  medianDaysToFirstContact: number | null;
  arrangementsKept: number | null;
  evictionsPrevented: number | null;
  suppressed: boolean;
  endResults: { endResult: string | null; count: number | null; suppressed: boolean }[];
};

const counts = (values: Counts) => ({
  __typename: 'MonitoringCounts',
  ...values,
  endResults: values.endResults.map((entry) => ({ __typename: 'MonitoringEndResultCount', ...entry })),
});

const ownFigures = counts({
  signals: 45,
  reached: 35,
  reachRate: 0.7778,
  helpAccepted: 19,
  helpAcceptanceRate: 0.4222,
  withFirstContactAttempt: 35,
  averageDaysToFirstContact: 3.46,
  medianDaysToFirstContact: 3,
  arrangementsKept: null,
  evictionsPrevented: 19,
  suppressed: false,
  endResults: [
    { endResult: 'FOLLOW_UP_FINANCIAL', count: 14, suppressed: false },
    { endResult: 'ADVICE_QUICK_FIX', count: 4, suppressed: false },
    { endResult: null, count: 27, suppressed: false },
  ],
});

/** A partner with few signals: the API withholds its small counts (null), never answering 0. */
const smallPartner = counts({
  signals: 7,
  reached: 5,
  reachRate: 0.7143,
  helpAccepted: null,
  helpAcceptanceRate: null,
  withFirstContactAttempt: 5,
  averageDaysToFirstContact: 3,
  medianDaysToFirstContact: 3,
  arrangementsKept: null,
  evictionsPrevented: null,
  suppressed: true,
  endResults: [{ endResult: null, count: null, suppressed: true }],
});

const bigPartner = counts({
  signals: 38,
  reached: 30,
  reachRate: 0.7895,
  helpAccepted: 16,
  helpAcceptanceRate: 0.4211,
  withFirstContactAttempt: 30,
  averageDaysToFirstContact: 3,
  medianDaysToFirstContact: 3,
  arrangementsKept: null,
  evictionsPrevented: 16,
  suppressed: false,
  endResults: [],
});

const regionFigures = counts({
  signals: null,
  reached: null,
  reachRate: null,
  helpAccepted: null,
  helpAcceptanceRate: null,
  withFirstContactAttempt: null,
  averageDaysToFirstContact: null,
  medianDaysToFirstContact: null,
  arrangementsKept: null,
  evictionsPrevented: null,
  suppressed: true,
  endResults: [],
});

const monitoringMock: Mock = {
  request: { query: MonitoringDocument, variables: PERIOD_VARIABLES },
  result: {
    data: {
      monitoring: {
        __typename: 'MonitoringFigures',
        from: '2026-09-01',
        to: '2026-11-30',
        minimumCount: 5,
        regionCode: '9999',
        scope: 'SIGNALS_RECEIVED',
        organization: { __typename: 'OrganizationRef', id: 'org-rivierstad', name: 'Gemeente Rivierstad' },
        total: ownFigures,
        region: regionFigures,
        byOrganization: [
          {
            __typename: 'MonitoringOrganizationFigures',
            organization: { __typename: 'OrganizationRef', id: 'org-woonbron', name: 'Woonbron Oost' },
            figures: smallPartner,
          },
          {
            __typename: 'MonitoringOrganizationFigures',
            organization: {
              __typename: 'OrganizationRef',
              id: 'org-delinde',
              name: 'Woonstichting De Linde',
            },
            figures: bigPartner,
          },
        ],
        signalsPerMonth: [
          { __typename: 'MonitoringMonth', month: '2026-09', partnerType: 'HUUR', signals: 12 },
          { __typename: 'MonitoringMonth', month: '2026-10', partnerType: 'HUUR', signals: 0 },
          { __typename: 'MonitoringMonth', month: '2026-11', partnerType: 'HUUR', signals: 33 },
        ],
      },
    },
  },
};

/** The cells of a table row, as text. */
function rowTexts(table: HTMLElement, name: RegExp): string[] {
  const row = within(table).getByRole('row', { name });
  return within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent ?? '');
}

/** jsdom has no layout: the observer reports a phone-sized chart area, as a browser would. */
class PhoneSizedObserver implements ResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    const entry: ResizeObserverEntry = {
      target,
      contentRect: new DOMRectReadOnly(0, 0, 360, 300),
      borderBoxSize: [],
      contentBoxSize: [],
      devicePixelContentBoxSize: [],
    };
    this.callback([entry], this);
  }
  unobserve() {}
  disconnect() {}
}

beforeEach(() => {
  vi.stubGlobal('ResizeObserver', PhoneSizedObserver);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('monitoring dashboard', () => {
  it('tells a case worker it is not for their role, without a menu link or asking the API', async () => {
    renderWithApp(<AppRoutes />, { route: PERIOD_ROUTE, mocks: [me(ANNA)] });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Monitoring vroegsignalering' }),
    ).toBeVisible();
    expect(screen.getByText('Dit dashboard is niet voor jouw rol')).toBeVisible();
    const nav = screen.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(within(nav).queryByRole('link', { name: 'Dashboard' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Periode kiezen' })).toBeNull();
  });

  it('shows a team lead the own key figures in Dutch format, with a menu link', async () => {
    renderWithApp(<AppRoutes />, { route: PERIOD_ROUTE, mocks: [me(LOTTE), monitoringMock] });
    const tiles = await screen.findByRole('region', { name: 'Kerncijfers van Gemeente Rivierstad' });
    const tile = (label: string) => within(tiles).getByText(label).parentElement?.textContent ?? '';
    expect(tile('Signalen')).toContain('45');
    expect(tile('Huurder bereikt')).toContain('78%');
    expect(tile('Huurder bereikt')).toContain('35 van 45 signalen');
    expect(tile('Hulp aangenomen')).toContain('42%');
    expect(tile('Gemiddeld tot eerste contactpoging')).toContain('3,5 dagen');
    expect(tile('Mediaan tot eerste contactpoging')).toContain('3 dagen');
    expect(tile('Regelingen nagekomen')).toContain('Nog niet beschikbaar');
    expect(tile('Huisuitzettingen voorkomen')).toContain('19');
    expect(
      screen.getByText('Cijfers van september 2026 tot en met november 2026.', { exact: false }),
    ).toBeVisible();
    const nav = screen.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(within(nav).getByRole('link', { name: 'Dashboard' }).getAttribute('href')).toBe('/dashboard');
  });

  it('shows suppressed counts of other organisations as "< 5" with an explanation, never as 0', async () => {
    renderWithApp(<AppRoutes />, { route: PERIOD_ROUTE, mocks: [me(LOTTE), monitoringMock] });
    const partners = await screen.findByRole('table', { name: 'Cijfers per partnerorganisatie' });
    // Signals, reached, reach rate, help accepted, acceptance rate, average, median, evictions prevented.
    expect(rowTexts(partners, /Woonbron Oost/)).toEqual([
      '7',
      '5',
      '71%',
      '< 5*',
      'niet getoond*',
      '3 dagen',
      '3 dagen',
      '< 5*',
    ]);
    expect(rowTexts(partners, /Woonstichting De Linde/)).toEqual([
      '38',
      '30',
      '79%',
      '16',
      '42%',
      '3 dagen',
      '3 dagen',
      '16',
    ]);
    const partnerSection = screen.getByRole('region', { name: 'Per partnerorganisatie' });
    expect(
      within(partnerSection).getByText(
        /bij cijfers over andere organisaties tonen we aantallen onder de 5 niet/,
      ),
    ).toBeVisible();

    const benchmark = screen.getByRole('table', { name: 'Eigen cijfers naast die van regio 9999' });
    expect(rowTexts(benchmark, /^Signalen/)).toEqual(['45', '< 5*']);
    expect(rowTexts(benchmark, /^Uitzettingen voorkomen/)).toEqual(['19', '< 5*']);
    for (const cell of within(benchmark).getAllByRole('cell')) expect(cell.textContent).not.toBe('0');
    expect(
      within(screen.getByRole('region', { name: 'Vergelijking met de regio' })).getByText(
        /Het echte aantal is dus niet 0/,
      ),
    ).toBeVisible();
  });

  it('offers each chart as a data table with the API figures', async () => {
    renderWithApp(<AppRoutes />, { route: PERIOD_ROUTE, mocks: [me(LOTTE), monitoringMock] });
    await screen.findByText('45 signalen in deze periode, per maand en soort signaal.');
    const signals = screen.getByRole('region', { name: 'Signalen per maand' });
    const toggle = within(signals).getByRole('button', { name: 'Toon de cijfers als tabel' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const monthTable = within(signals).getByRole('table', { name: 'Signalen per maand en soort signaal' });
    expect(within(monthTable).getByRole('columnheader', { name: 'Huur (woningcorporatie)' })).toBeVisible();
    expect(rowTexts(monthTable, /september 2026/)).toEqual(['12']);
    expect(rowTexts(monthTable, /oktober 2026/)).toEqual(['0']);
    expect(rowTexts(monthTable, /november 2026/)).toEqual(['33']);

    const endResults = screen.getByRole('region', { name: 'Hoe de signalen afliepen' });
    await userEvent.click(within(endResults).getByRole('button', { name: 'Toon de cijfers als tabel' }));
    const resultTable = within(endResults).getByRole('table', { name: 'Signalen per eindresultaat' });
    const rows = within(resultTable).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      'Vervolghulp financieel1431%',
      'Advies of snelle oplossing49%',
      'Nog geen eindresultaat2760%',
    ]);
  });

  it('checks the period before asking, and asks again for a new one', async () => {
    const october: Mock = {
      ...monitoringMock,
      request: { query: MonitoringDocument, variables: { from: '2026-10-01', to: '2026-10-01' } },
    };
    renderWithApp(<AppRoutes />, { route: PERIOD_ROUTE, mocks: [me(LOTTE), monitoringMock, october] });
    await screen.findByRole('region', { name: 'Kerncijfers van Gemeente Rivierstad' });
    const first = screen.getByLabelText('Eerste maand');
    const last = screen.getByLabelText('Laatste maand');
    await userEvent.clear(last);
    await userEvent.type(last, '2026-08');
    await userEvent.click(screen.getByRole('button', { name: 'Cijfers tonen' }));
    expect(screen.getByText('De laatste maand ligt voor de eerste maand.')).toBeVisible();
    expect(last.getAttribute('aria-invalid')).toBe('true');

    await userEvent.clear(first);
    await userEvent.type(first, '2026-10');
    await userEvent.clear(last);
    await userEvent.type(last, '2026-10');
    await userEvent.click(screen.getByRole('button', { name: 'Cijfers tonen' }));
    expect(await screen.findByRole('region', { name: 'Kerncijfers van Gemeente Rivierstad' })).toBeVisible();
    expect(screen.queryByText('De laatste maand ligt voor de eerste maand.')).toBeNull();
  });

  it('says "not for your role" when the API refuses the figures', async () => {
    renderWithApp(<AppRoutes />, {
      route: PERIOD_ROUTE,
      mocks: [
        me(LOTTE),
        {
          request: { query: MonitoringDocument, variables: PERIOD_VARIABLES },
          result: graphQLError('FORBIDDEN'),
        },
      ],
    });
    expect(await screen.findByText('Dit dashboard is niet voor jouw rol')).toBeVisible();
  });
});
