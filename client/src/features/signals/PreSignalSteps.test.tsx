import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { makeFragmentData } from '../../gql';
import type { PreSignalPanel_CaseFragment } from '../../gql/graphql';
import { renderWithApp } from '../../test/render';
import { PreSignalPanel, PreSignalPanelFragment } from './PreSignalPanel';

type Step = PreSignalPanel_CaseFragment['preSignalSteps'][number];

const anna = { __typename: 'UserRef' as const, id: 'user-anna', displayName: 'Anna de Vries' };

const step = (id: string, kind: Step['kind'], performedOn: string, extra: Partial<Step> = {}): Step => ({
  __typename: 'PreSignalStep',
  id,
  kind,
  performedOn,
  offeredContactTransfer: null,
  note: null,
  recordedAt: `${performedOn}T09:30:00.000Z`,
  performedBy: anna,
  ...extra,
});

function renderSteps(steps: Step[]) {
  const data: PreSignalPanel_CaseFragment = {
    __typename: 'Case',
    id: 'case-1',
    crisis: false,
    preSignalSteps: steps,
  };
  return renderWithApp(<PreSignalPanel caseRef={makeFragmentData(data, PreSignalPanelFragment)} />);
}

describe('the pre-signal steps', () => {
  it('lists the recorded steps with date, who and note, and says what the gate still misses', () => {
    renderSteps([
      step('s1', 'WRITTEN_REMINDER', '2026-10-01', { offeredContactTransfer: false }),
      step('s2', 'PERSONAL_CONTACT_ATTEMPT', '2026-10-08', { note: 'Huisbezoek, niemand thuis.' }),
    ]);
    expect(screen.getByText('Voor het signaal ontbreken nog 2 stappen:')).toBeVisible();
    expect(screen.getByText('Schriftelijke herinnering, Verwijzing naar schuldhulp')).toBeVisible();
    expect(
      screen.getByText(
        'De vastgelegde herinnering bood niet aan om de gegevens door te geven. Die telt daarom niet.',
      ),
    ).toBeVisible();
    const gate = screen.getByRole('list', { name: 'Stappen voor het vroegsignaal' });
    expect(within(gate).getByText('Gedaan op 08-10-2026 door Anna de Vries')).toBeVisible();
    expect(within(gate).getAllByText('Nog niet vastgelegd')).toHaveLength(2);

    const table = screen.getByRole('table', { name: 'Vastgelegde stappen' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('01-10-2026');
    expect(rows[0]?.textContent).toContain('zonder aanbod om gegevens door te geven');
    expect(rows[1]?.textContent).toContain('Huisbezoek, niemand thuis.');
    expect(rows[1]?.textContent).toContain('Anna de Vries');
  });

  it('says the signal may go once all three steps are recorded', () => {
    renderSteps([
      step('s1', 'WRITTEN_REMINDER', '2026-10-01', { offeredContactTransfer: true }),
      step('s2', 'PERSONAL_CONTACT_ATTEMPT', '2026-10-08'),
      step('s3', 'DEBT_HELP_POINTER', '2026-10-08'),
    ]);
    expect(
      screen.getByText('Alle stappen zijn gezet. Je kunt het signaal naar de gemeente sturen.'),
    ).toBeVisible();
  });

  it('shows an objection prominently: no signal may be sent', () => {
    renderSteps([step('s1', 'TENANT_OBJECTION', '2026-10-02', { performedBy: null })]);
    expect(screen.getByText('De huurder heeft bezwaar gemaakt')).toBeVisible();
    expect(
      screen.getByText(
        'Vastgelegd op 02-10-2026 door iemand van een andere organisatie. Je mag geen signaal naar de gemeente sturen.',
      ),
    ).toBeVisible();
  });
});
