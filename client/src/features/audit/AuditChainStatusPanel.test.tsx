import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { graphQLError, renderWithApp } from '../../test/render';
import { AuditChainStatusDocument, AuditChainStatusPanel } from './AuditChainStatusPanel';

function statusMock(status: Record<string, unknown>) {
  return [
    {
      request: { query: AuditChainStatusDocument },
      result: { data: { auditChainStatus: { __typename: 'AuditChainStatus', ...status } } },
    },
  ];
}

describe('the audit log check on the audit log page', () => {
  it('says up to which line the log is in order and when that was checked, and what still waits', async () => {
    renderWithApp(<AuditChainStatusPanel />, {
      mocks: statusMock({
        state: 'INTACT',
        verifiedThroughSeq: '8067',
        checkedAt: '2026-11-20T13:05:00.000Z',
        firstBrokenSeq: null,
        waitingToBeSealed: 3,
      }),
    });
    expect(
      await screen.findByText(
        'Controle van het logboek: in orde tot en met regel 8067, gecontroleerd om 14:05 op 20-11-2026.',
      ),
    ).toBeTruthy();
    expect(
      screen.getByText(
        '3 nieuwe regels wachten nog op verzegeling. Dat gebeurt meestal binnen een paar seconden.',
      ),
    ).toBeTruthy();
  });

  it('explains a broken log in words: from which line, up to which line it is still in order, and what to do', async () => {
    renderWithApp(<AuditChainStatusPanel />, {
      mocks: statusMock({
        state: 'BROKEN',
        verifiedThroughSeq: '99',
        checkedAt: '2026-07-01T10:00:00.000Z',
        firstBrokenSeq: '100',
        waitingToBeSealed: 0,
      }),
    });
    expect(await screen.findByText('Controle van het logboek: er klopt iets niet')).toBeTruthy();
    expect(
      screen.getByText(
        'Vanaf regel 100 klopt het logboek niet meer met wat er is vastgelegd. Iemand heeft daar een regel veranderd, weggehaald of toegevoegd.',
      ),
    ).toBeTruthy();
    expect(
      screen.getByText(
        'Tot en met regel 99 is het logboek wel in orde (gecontroleerd om 12:00 op 01-07-2026).',
      ),
    ).toBeTruthy();
    expect(screen.getByText(/^Meld dit meteen aan de technisch beheerder/)).toBeTruthy();
    expect(screen.queryByText(/wacht(en)? nog op verzegeling/)).toBeNull();
  });

  it('says so when no server has checked the log yet', async () => {
    renderWithApp(<AuditChainStatusPanel />, {
      mocks: statusMock({
        state: 'NOT_CHECKED_YET',
        verifiedThroughSeq: null,
        checkedAt: null,
        firstBrokenSeq: null,
        waitingToBeSealed: 1,
      }),
    });
    expect(
      await screen.findByText(
        'Het logboek is nog niet gecontroleerd. Dat gebeurt vanzelf zodra de eerste regels zijn verzegeld.',
      ),
    ).toBeTruthy();
    expect(
      screen.getByText(
        '1 nieuwe regel wacht nog op verzegeling. Dat gebeurt meestal binnen een paar seconden.',
      ),
    ).toBeTruthy();
  });

  it('shows a failed check as an error with a way to try again', async () => {
    renderWithApp(<AuditChainStatusPanel />, {
      mocks: [{ request: { query: AuditChainStatusDocument }, result: graphQLError('FORBIDDEN') }],
    });
    expect(await screen.findByRole('button', { name: 'Probeer het opnieuw' })).toBeTruthy();
  });
});
