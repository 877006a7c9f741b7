import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { makeFragmentData } from '../../gql';
import type { ArrearsPanel_CaseFragment } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { graphQLError, renderWithApp, type Mock, type OperationLog } from '../../test/render';
import { ArrearsPanel, ArrearsPanelFragment } from './ArrearsPanel';
import { RecordCollectionStepDocument } from './CollectionStepForm';
import { RecordArrearsDocument } from './RecordArrearsForm';

/** Shifts today by whole days, as YYYY-MM-DD (pauses are read against the real today). */
function daysFromToday(days: number): string {
  const date = new Date(`${todayIso()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

type Pauses = NonNullable<ArrearsPanel_CaseFragment['arrears']>['pauses'];

function caseWithArrears(pauses: Pauses = []): ArrearsPanel_CaseFragment {
  return {
    __typename: 'Case',
    id: 'case-1',
    arrears: {
      __typename: 'ArrearsSection',
      amountCents: 120000,
      aroseOn: '2026-08-01',
      monthsInArrears: 3,
      version: 2,
      history: [
        {
          __typename: 'ArrearsChange',
          amountCents: 80000,
          aroseOn: '2026-08-01',
          monthsInArrears: 2,
          recordedAt: '2026-10-01T08:00:00.000Z',
        },
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
        { __typename: 'CollectionStep', id: 'step-2', kind: 'DEMAND', stepDate: '2026-10-01', note: null },
      ],
      pauses,
    },
  };
}

function renderArrears(mocks: Mock[], data: ArrearsPanel_CaseFragment = caseWithArrears()) {
  return renderWithApp(<ArrearsPanel caseRef={makeFragmentData(data, ArrearsPanelFragment)} mayManage />, {
    mocks,
  });
}

const recordMock = (expectedVersion: number, amountCents: number, result: Mock['result']): Mock => ({
  request: {
    query: RecordArrearsDocument,
    variables: {
      input: { caseId: 'case-1', expectedVersion, amountCents, aroseOn: '2026-08-01', monthsInArrears: 3 },
    },
  },
  result,
});

const saved = (version: number, amountCents: number) => ({
  data: {
    recordArrears: {
      __typename: 'CaseArrears',
      caseId: 'case-1',
      version,
      amountCents,
      aroseOn: '2026-08-01',
      monthsInArrears: 3,
      history: [
        {
          __typename: 'ArrearsChange',
          amountCents,
          aroseOn: '2026-08-01',
          monthsInArrears: 3,
          recordedAt: '2026-11-27T08:00:00.000Z',
        },
      ],
    },
  },
});

async function enterAmount(amount: string) {
  await userEvent.click(screen.getByRole('button', { name: 'Achterstand bijwerken' }));
  const field = screen.getByLabelText('Bedrag van de achterstand');
  expect((field as HTMLInputElement).value).toBe('1.200,00');
  await userEvent.clear(field);
  await userEvent.type(field, amount);
  await userEvent.click(screen.getByRole('button', { name: 'Achterstand opslaan' }));
}

describe('recording arrears', () => {
  it('keeps the history in view and saves Dutch euros as exact cents against the version read', async () => {
    renderArrears([recordMock(2, 123456, saved(3, 123456))]);
    expect(screen.getByRole('table', { name: 'Verloop van de achterstand' })).toBeVisible();
    await enterAmount('1.234,56');
    expect(await screen.findByText('De achterstand is opgeslagen: € 1.234,56.')).toBeVisible();
    expect(screen.getByRole('table', { name: 'Verloop van de achterstand' })).toBeVisible();
  });

  it('refuses an amount it cannot read exactly, at the field', async () => {
    renderArrears([]);
    await enterAmount('12,345');
    const field = screen.getByLabelText('Bedrag van de achterstand');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(within(screen.getByRole('alert')).getByRole('link').textContent).toBe(
      'Dit is geen bedrag. Schrijf het als 1.234,56: met een komma voor de centen.',
    );
  });

  it('refuses a date before 1990 at the field, as the server would, and sends nothing', async () => {
    const log: OperationLog = [];
    renderWithApp(
      <ArrearsPanel caseRef={makeFragmentData(caseWithArrears(), ArrearsPanelFragment)} mayManage />,
      { log },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Achterstand bijwerken' }));
    const field = screen.getByLabelText('Ontstaan op');
    await userEvent.clear(field);
    await userEvent.type(field, '1985-03-01');
    await userEvent.click(screen.getByRole('button', { name: 'Achterstand opslaan' }));

    const message = 'Deze datum ligt te vroeg. Kies een datum vanaf 1990-01-01.';
    expect(within(screen.getByRole('alert')).getByRole('link', { name: message })).toBeVisible();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (field.getAttribute('aria-describedby') ?? '').split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain(message);
    expect(log).not.toContain('→ RecordArrears');
  });

  it('on a CONFLICT shows the current figures and saves the chosen ones against the current version', async () => {
    renderArrears([
      recordMock(
        2,
        150000,
        graphQLError('CONFLICT', 'Iemand anders heeft de huurachterstand intussen gewijzigd.', {
          currentVersion: 3,
          current: {
            version: 3,
            caseId: 'case-1',
            amountCents: 180000,
            aroseOn: '2026-08-01',
            monthsInArrears: 3,
            updatedAt: '2026-11-26T10:00:00.000Z',
          },
        }),
      ),
      recordMock(3, 180000, saved(4, 180000)),
    ]);
    await enterAmount('1.500,00');

    const dialog = await screen.findByRole('dialog', {
      name: 'Iemand anders heeft de achterstand gewijzigd',
    });
    expect(within(dialog).getByRole('region', { name: 'Jouw versie' }).textContent).toMatch(/€\s1\.500,00/);
    expect(within(dialog).getByRole('region', { name: 'Hun versie' }).textContent).toMatch(/€\s1\.800,00/);
    // Their figures are chosen by default: retrying saves the current figures on the current version.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Samengevoegd opslaan' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('De achterstand is opgeslagen: € 1.800,00.')).toBeVisible();
  });

  it('on a CONFLICT can keep my amount and save it on the current version', async () => {
    renderArrears([
      recordMock(
        2,
        150000,
        graphQLError('CONFLICT', 'Iemand anders heeft de huurachterstand intussen gewijzigd.', {
          currentVersion: 3,
          current: {
            version: 3,
            caseId: 'case-1',
            amountCents: 180000,
            aroseOn: '2026-08-01',
            monthsInArrears: 3,
          },
        }),
      ),
      recordMock(3, 150000, saved(4, 150000)),
    ]);
    await enterAmount('1.500,00');
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Bedrag: jouw versie' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Samengevoegd opslaan' }));
    expect(await screen.findByText('De achterstand is opgeslagen: € 1.500,00.')).toBeVisible();
  });
});

describe('the collection ladder during a collection pause', () => {
  const pause = {
    __typename: 'CollectionPause' as const,
    id: 'pause-1',
    startsOn: daysFromToday(-10),
    endsOn: daysFromToday(30),
    reason: 'De huurder werkt mee aan een betalingsregeling.',
    automatic: false,
  };
  const end = daysFromToday(30).split('-').reverse().join('-');

  it('shows the active pause with its end date and says beforehand which steps it blocks', async () => {
    renderArrears([], caseWithArrears([pause]));
    expect(screen.getByText(`Adempauze tot en met ${end}`)).toBeVisible();
    expect(
      screen.getByText(
        'Niet mogelijk tot dan: Veertiendagenbrief, Deurwaarder, Dagvaarding, Vonnis, Ontruiming gepland, Ontruimd.',
      ),
    ).toBeVisible();

    await userEvent.click(screen.getByRole('button', { name: 'Incassostap vastleggen' }));
    const kind = screen.getByLabelText('Welke stap');
    expect(within(kind).getByRole('option', { name: 'Aanmaning' })).toBeVisible();
    expect(
      within(kind).getByRole('option', { name: 'Deurwaarder (niet tijdens de adempauze)' }),
    ).toBeVisible();
    expect(screen.getByText(new RegExp(`Er loopt een adempauze tot en met ${end}`))).toBeVisible();

    await userEvent.selectOptions(kind, 'BAILIFF');
    await userEvent.click(screen.getByRole('button', { name: 'Stap opslaan' }));
    expect(kind.getAttribute('aria-invalid')).toBe('true');
    expect(
      within(screen.getByRole('alert')).getByText(
        `Deurwaarder kan niet: er loopt een adempauze tot en met ${end}. Tot dan geen incassostappen na de aanmaning.`,
      ),
    ).toBeVisible();
  });

  it('shows the server’s refusal at the step when it still refuses', async () => {
    const refusal = 'Er loopt een adempauze tot 30-12-2026; tot dan geen incassostappen na de aanmaning.';
    renderArrears([
      {
        request: {
          query: RecordCollectionStepDocument,
          variables: { input: { caseId: 'case-1', kind: 'SUMMONS', stepDate: todayIso() } },
        },
        result: graphQLError('BAD_USER_INPUT', refusal, { fieldErrors: { kind: refusal } }),
      },
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Incassostap vastleggen' }));
    await userEvent.selectOptions(screen.getByLabelText('Welke stap'), 'SUMMONS');
    await userEvent.click(screen.getByRole('button', { name: 'Stap opslaan' }));
    const kind = screen.getByLabelText('Welke stap');
    await waitFor(() => expect(kind.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getAllByText(refusal).length).toBeGreaterThan(0);
  });
});
