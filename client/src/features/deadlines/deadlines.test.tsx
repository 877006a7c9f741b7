import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';

import type { MyDeadlinesQuery } from '../../gql/graphql';
import { DeadlineItems } from './DeadlineList';
import { countdown, orderDeadlines } from './deadlines';

type Deadline = MyDeadlinesQuery['myDeadlines'][number];

const deadline = (overrides: Partial<Deadline>): Deadline => ({
  __typename: 'Deadline',
  caseId: 'c',
  caseReference: 'VN-2026-000001',
  kind: 'FIRST_CONTACT',
  dueOn: '2026-12-01',
  state: 'DUE_SOON',
  workingDaysLeft: 3,
  description: 'Neem contact op',
  ...overrides,
});

describe('work list order', () => {
  const list = [
    deadline({ caseId: 'a', caseReference: 'VN-2026-000010', dueOn: '2026-12-03', workingDaysLeft: 5 }),
    deadline({
      caseId: 'b',
      caseReference: 'VN-2026-000011',
      dueOn: '2026-11-20',
      state: 'OVERDUE',
      workingDaysLeft: -4,
    }),
    deadline({ caseId: 'c', caseReference: 'VN-2026-000012', dueOn: '2026-11-30', workingDaysLeft: 2 }),
    deadline({
      caseId: 'd',
      caseReference: 'VN-2026-000013',
      dueOn: '2026-11-25',
      state: 'OVERDUE',
      workingDaysLeft: -1,
    }),
    deadline({ caseId: 'e', caseReference: 'VN-2026-000009', dueOn: '2026-11-30', workingDaysLeft: 2 }),
  ];

  it('puts overdue first (longest overdue on top), then by due date, then by reference', () => {
    expect(orderDeadlines(list).map((item) => item.caseId)).toEqual(['b', 'd', 'e', 'c', 'a']);
  });

  it('leaves the input alone', () => {
    const before = list.map((item) => item.caseId);
    orderDeadlines(list);
    expect(list.map((item) => item.caseId)).toEqual(before);
  });

  it('counts down in working days', () => {
    expect(countdown(-3)).toEqual({ kind: 'overdue', count: 3 });
    expect(countdown(0)).toEqual({ kind: 'today' });
    expect(countdown(4)).toEqual({ kind: 'left', count: 4 });
    // Overdue on the weekend right after the due date: at least one working day late.
    expect(countdown(0, true)).toEqual({ kind: 'overdue', count: 1 });
  });

  it('shows the list in that order, each with its countdown and due date', () => {
    render(
      <MemoryRouter>
        <DeadlineItems deadlines={list} />
      </MemoryRouter>,
    );
    const items = within(screen.getByRole('list', { name: 'Termijnen, te laat eerst' })).getAllByRole(
      'listitem',
    );
    expect(items.map((item) => within(item).getByRole('link').textContent)).toEqual([
      'VN-2026-000011',
      'VN-2026-000013',
      'VN-2026-000009',
      'VN-2026-000012',
      'VN-2026-000010',
    ]);
    expect(items[0]?.textContent).toContain('4 werkdagen te laat');
    expect(items[0]?.textContent).toContain('uiterlijk 20-11-2026');
    expect(items[1]?.textContent).toContain('1 werkdag te laat');
    expect(items[4]?.textContent).toContain('Nog 5 werkdagen');
    expect(
      within(items[0] as HTMLElement)
        .getByRole('link')
        .getAttribute('href'),
    ).toBe('/dossiers/b');
  });
});
