import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { addCalendarDays, MAX_ARRANGEMENT_START_DAYS_BACK } from '@vangnet/shared';
import { describe, expect, it } from 'vitest';

import { makeFragmentData } from '../../gql';
import type { ArrangementPanel_CaseFragment, ArrangementView_ArrangementFragment } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { formatDate } from '../../lib/format';
import { renderWithApp, type Mock, type OperationLog } from '../../test/render';
import { ArrangementPanel, ArrangementPanelFragment, DecideRewardDocument } from './ArrangementPanel';
import { ArrangementViewFragment } from './arrangement.fragment';
import { RecordPaymentDocument } from './RecordPaymentDialog';

function daysFromToday(days: number): string {
  const date = new Date(`${todayIso()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

type Instalment = ArrangementView_ArrangementFragment['instalments'][number];

const instalment = (
  sequence: number,
  dueOn: string,
  status: Instalment['status'],
  paidOn: string | null,
) => ({
  __typename: 'Instalment' as const,
  id: `inst-${sequence}`,
  sequence,
  dueOn,
  amountCents: sequence === 4 ? 39177 : 39174,
  status,
  paidOn,
  paidCents: paidOn ? (sequence === 4 ? 39177 : 39174) : null,
  version: paidOn ? 2 : 1,
});

/** Three paid on time, the fourth (and last) still to pay: a streak of 3 and its milestone. */
const arrangement: ArrangementView_ArrangementFragment = {
  __typename: 'PaymentArrangement',
  id: 'arr-1',
  caseId: 'case-1',
  status: 'ACTIVE',
  totalCents: 156699,
  instalmentCount: 4,
  instalmentCents: 39174,
  startDate: daysFromToday(-100),
  dueDay: 1,
  missedCount: 0,
  missedTolerance: 2,
  paidCents: 117522,
  remainingCents: 39177,
  streak: 3,
  version: 4,
  updatedAt: '2026-11-01T09:00:00.000Z',
  instalments: [
    instalment(1, daysFromToday(-90), 'PAID_ON_TIME', daysFromToday(-91)),
    instalment(2, daysFromToday(-60), 'PAID_ON_TIME', daysFromToday(-61)),
    instalment(3, daysFromToday(-30), 'PAID_ON_TIME', daysFromToday(-30)),
    instalment(4, daysFromToday(5), 'DUE', null),
  ],
  milestones: [
    {
      __typename: 'ArrangementMilestone',
      id: 'ms-1',
      kind: 'ON_TIME_STREAK',
      reachedAtSequence: 3,
      reachedOn: daysFromToday(-30),
      rewardCents: 4000,
      rewardDescription: 'Incassokosten kwijtschelden',
      rewardStatus: 'PROPOSED',
      decidedAt: null,
      version: 1,
    },
  ],
};

function caseData(view: ArrangementView_ArrangementFragment | null): ArrangementPanel_CaseFragment {
  return {
    __typename: 'Case',
    id: 'case-1',
    arrears: { __typename: 'ArrearsSection', amountCents: 156699 },
    arrangement: view
      ? { __typename: 'PaymentArrangement', id: view.id, ...makeFragmentData(view, ArrangementViewFragment) }
      : null,
  };
}

function renderPanel(
  mayManage: boolean,
  mocks: Mock[] = [],
  view: ArrangementView_ArrangementFragment | null = arrangement,
  log?: OperationLog,
) {
  return renderWithApp(
    <ArrangementPanel
      caseRef={makeFragmentData(caseData(view), ArrangementPanelFragment)}
      mayManage={mayManage}
    />,
    log ? { mocks, log } : { mocks },
  );
}

/** A field the shared schema refused: the message at the field (aria-invalid, aria-describedby) and in the summary. */
function expectRefusedAt(field: HTMLElement, message: string) {
  expect(within(screen.getByRole('alert')).getByRole('link', { name: message })).toBeVisible();
  expect(field.getAttribute('aria-invalid')).toBe('true');
  const describedBy = (field.getAttribute('aria-describedby') ?? '').split(' ');
  expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain(message);
}

describe('the payment arrangement', () => {
  it('shows the streak prominently, the instalments with their status, and the proposed reward', () => {
    renderPanel(false);
    const streak = screen.getByRole('group', { name: 'Op tijd betaald op rij' });
    expect(within(streak).getByText('3 termijnen op rij op tijd betaald')).toBeVisible();
    expect(
      within(streak).getByText('Nog 3 termijnen op tijd, dan is de volgende mijlpaal bereikt.'),
    ).toBeVisible();
    expect(screen.getByText('Loopt')).toBeVisible();

    const table = screen.getByRole('table', { name: 'Termijnen' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(5);
    expect(within(rows[1]!).getByText('Op tijd betaald')).toBeVisible();
    expect(within(rows[4]!).getByText('Nog te betalen')).toBeVisible();
    expect(within(rows[4]!).getByText(formatDate(daysFromToday(5)))).toBeVisible();

    const milestone = screen.getByRole('heading', {
      name: 'Op tijd betaald op rij, tot en met termijn 3',
    });
    expect(milestone).toBeVisible();
    expect(screen.getByText(/Beloning: Incassokosten kwijtschelden \(€\s40,00\)/)).toBeVisible();
    expect(screen.getByText('voorgesteld')).toBeVisible();
  });

  it('is read-only for a partner: no payments, no reward decisions', () => {
    renderPanel(false);
    expect(screen.queryByRole('button', { name: /Betaling vastleggen/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Beloning toekennen/ })).toBeNull();
    expect(
      screen.getByText('De woningcorporatie legt de betalingen vast. Jij kunt meekijken.'),
    ).toBeVisible();
  });

  it('lets the corporation record a payment for an open instalment', async () => {
    const paidOn = todayIso();
    const after: ArrangementView_ArrangementFragment = {
      ...arrangement,
      status: 'COMPLETED',
      paidCents: 156699,
      remainingCents: 0,
      streak: 4,
      instalments: arrangement.instalments.map((item) =>
        item.sequence === 4
          ? { ...item, status: 'PAID_ON_TIME', paidOn, paidCents: 39177, version: 2 }
          : item,
      ),
    };
    renderPanel(true, [
      {
        request: {
          query: RecordPaymentDocument,
          variables: { input: { instalmentId: 'inst-4', paidOn, paidCents: 39177 } },
        },
        result: { data: { recordPayment: after } },
      },
    ]);
    // Only the open instalment can be paid.
    const payButtons = screen.getAllByRole('button', { name: /^Betaling vastleggen/ });
    expect(payButtons).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Betaling vastleggen voor termijn 4' }));

    const dialog = screen.getByRole('dialog', { name: 'Betaling vastleggen voor termijn 4' });
    expect(within(dialog).getByLabelText<HTMLInputElement>('Betaald op').value).toBe(paidOn);
    expect(within(dialog).getByLabelText<HTMLInputElement>('Ontvangen bedrag').value).toBe('391,77');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Betaling opslaan' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText(`Termijn 4 is op tijd betaald op ${formatDate(paidOn)}.`)).toBeVisible();
  });

  it('refuses a payment smaller than the instalment before asking the server', async () => {
    renderPanel(true);
    await userEvent.click(screen.getByRole('button', { name: 'Betaling vastleggen voor termijn 4' }));
    const dialog = screen.getByRole('dialog');
    const amount = within(dialog).getByLabelText('Ontvangen bedrag');
    await userEvent.clear(amount);
    await userEvent.type(amount, '100');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Betaling opslaan' }));
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(
      within(dialog).getAllByText(/Dit is minder dan de termijn van €\s391,77\./).length,
    ).toBeGreaterThan(0);
  });

  it('refuses a payment dated before 1990 at the field, as the server would, and sends nothing', async () => {
    const log: OperationLog = [];
    renderPanel(true, [], arrangement, log);
    await userEvent.click(screen.getByRole('button', { name: 'Betaling vastleggen voor termijn 4' }));
    const dialog = screen.getByRole('dialog');
    const paidOn = within(dialog).getByLabelText('Betaald op');
    await userEvent.clear(paidOn);
    await userEvent.type(paidOn, '1985-03-01');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Betaling opslaan' }));
    expectRefusedAt(paidOn, 'Deze datum ligt te vroeg. Kies een datum vanaf 1990-01-01.');
    expect(log).not.toContain('→ RecordPayment');
  });

  it('lets the corporation grant a proposed reward', async () => {
    renderPanel(true, [
      {
        request: {
          query: DecideRewardDocument,
          variables: { input: { milestoneId: 'ms-1', confirm: true } },
        },
        result: {
          data: {
            decideReward: {
              ...arrangement,
              milestones: arrangement.milestones.map((milestone) => ({
                ...milestone,
                rewardStatus: 'CONFIRMED',
                decidedAt: '2026-11-27T09:00:00.000Z',
              })),
            },
          },
        },
      },
    ]);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Beloning toekennen: Op tijd betaald op rij, tot en met termijn 3',
      }),
    );
    expect(
      await screen.findByText('De beloning is toegekend: Op tijd betaald op rij, tot en met termijn 3.'),
    ).toBeVisible();
  });

  it('offers the corporation to make an arrangement, with a preview of the instalments', async () => {
    renderPanel(true, [], null);
    expect(screen.getByText('Er is (nog) geen betalingsregeling.')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Betalingsregeling maken' }));
    expect(screen.getByLabelText<HTMLInputElement>('Totaal te betalen').value).toBe('1.566,99');
    await userEvent.type(screen.getByLabelText('Aantal termijnen'), '4');
    expect(
      screen.getByText(
        /4 termijnen van €\s391,74 per maand\. De laatste termijn is €\s391,77: daarin zit de afronding/,
      ),
    ).toBeVisible();
  });

  it('refuses an arrangement starting too long ago at the field, as the server would, and sends nothing', async () => {
    const log: OperationLog = [];
    renderPanel(true, [], null, log);
    await userEvent.click(screen.getByRole('button', { name: 'Betalingsregeling maken' }));
    await userEvent.type(screen.getByLabelText('Aantal termijnen'), '4');
    const startDate = screen.getByLabelText('Ingangsdatum');
    await userEvent.clear(startDate);
    await userEvent.type(startDate, '2020-01-01');
    await userEvent.click(screen.getByRole('button', { name: 'Regeling opslaan' }));
    const earliest = addCalendarDays(todayIso(), -MAX_ARRANGEMENT_START_DAYS_BACK);
    expectRefusedAt(startDate, `Deze datum ligt te vroeg. Kies een datum vanaf ${earliest}.`);
    expect(log).not.toContain('→ CreateArrangement');
  });
});
