import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { AppRoutes } from '../../app/App';
import { MEHMET, PRIYA } from '../../test/fixtures';
import { renderWithApp, type Mock } from '../../test/render';
import { AuditEventsDocument } from '../audit/AuditTrailPage';
import { MeDocument } from '../auth/session';
import { connection, consentNode } from './fixtures';
import { PrivacyCaseAuditTrailDocument, PrivacyCaseConsentsDocument } from './PrivacyCasePage';

const readEvent = {
  __typename: 'AuditEvent',
  id: 'event-1',
  seq: '812',
  occurredAt: '2026-11-20T08:05:00.000Z',
  action: 'READ',
  entityType: 'case',
  caseId: 'case-123',
  caseReference: 'VN-2026-000123',
  tenantId: 'tenant-9',
  categories: ['CONTACT', 'ARREARS'],
  basis: 'WGS_ART_3_SIGNAL',
  listedCaseIds: [],
  sealed: true,
  actor: { __typename: 'UserRef', id: 'user-mehmet', displayName: 'Mehmet Yilmaz' },
  actingOrganization: { __typename: 'OrganizationRef', id: 'org-rivierstad', name: 'Gemeente Rivierstad' },
};

const caseMocks = (consents: unknown[], events: unknown[]): Mock[] => [
  { request: { query: MeDocument }, result: { data: PRIYA } },
  {
    request: { query: PrivacyCaseConsentsDocument, variables: { caseId: 'case-123', first: 25 } },
    result: { data: { consentRegister: connection('ConsentConnection', consents) } },
  },
  {
    request: { query: PrivacyCaseAuditTrailDocument, variables: { caseId: 'case-123', first: 25 } },
    result: { data: { auditTrail: connection('AuditEventConnection', events) } },
  },
];

describe("the privacy officer's page of one case", () => {
  it('shows the case consents and audit trail, never its content, with the access export', async () => {
    renderWithApp(<AppRoutes />, {
      route: '/privacy/dossiers/case-123',
      mocks: caseMocks([consentNode()], [readEvent]),
    });
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Dossier VN-2026-000123: toestemmingen en auditlog',
      }),
    ).toBeVisible();

    const consents = await screen.findByRole('table', { name: 'Toestemmingen bij dossier VN-2026-000123' });
    const consentRow = within(consents).getByRole('row', { name: /Kredietbank Rivierstad/ });
    expect(within(consentRow).getByText('Contactgegevens, Schulden')).toBeVisible();

    const trail = await screen.findByRole('table', {
      name: 'Gebeurtenissen bij dossier VN-2026-000123, nieuwste eerst',
    });
    const eventRow = within(trail).getByRole('row', { name: /Mehmet Yilmaz/ });
    expect(within(eventRow).getByText('20-11-2026 09:05')).toBeVisible();
    expect(within(eventRow).getByText('Bekeken')).toBeVisible();
    expect(within(eventRow).getByText('Wettelijke taak: vroegsignaal (Wgs)')).toBeVisible();

    const accessRequest = screen.getByRole('region', { name: 'Inzageverzoek (AVG artikel 15)' });
    expect(
      within(accessRequest).getByRole('button', {
        name: 'Inzageverzoek exporteren voor dossier VN-2026-000123',
      }),
    ).toBeVisible();
  });

  it('finds the tenant in the audit trail when the case has no consents of my organisation', async () => {
    renderWithApp(<AppRoutes />, { route: '/privacy/dossiers/case-123', mocks: caseMocks([], [readEvent]) });
    expect(
      await screen.findByText('Bij dit dossier zijn geen toestemmingen aan of door Gemeente Rivierstad.'),
    ).toBeVisible();
    expect(
      await screen.findByRole('button', { name: 'Inzageverzoek exporteren voor dossier VN-2026-000123' }),
    ).toBeVisible();
  });

  it('says why no export can be made when nothing of my organisation is on the case', async () => {
    renderWithApp(<AppRoutes />, { route: '/privacy/dossiers/case-123', mocks: caseMocks([], []) });
    expect(
      await screen.findByText('Niemand van Gemeente Rivierstad heeft dit dossier bekeken of gewijzigd.'),
    ).toBeVisible();
    // The consents and the audit trail arrive separately: wait for the consents' answer too.
    expect(await screen.findByText(/Exporteren kan hier niet/)).toBeVisible();
    expect(screen.queryByRole('button', { name: /Inzageverzoek exporteren/ })).toBeNull();
  });

  it('is reached from the audit log: each case reference links to it', async () => {
    renderWithApp(<AppRoutes />, {
      route: '/auditlog',
      mocks: [
        { request: { query: MeDocument }, result: { data: PRIYA } },
        {
          request: { query: AuditEventsDocument, variables: { first: 50, filter: {} } },
          result: { data: { auditEvents: connection('AuditEventConnection', [readEvent]) } },
        },
      ],
    });
    const table = await screen.findByRole('table', { name: 'Gebeurtenissen, nieuwste eerst' });
    expect(within(table).getByRole('link', { name: 'VN-2026-000123' }).getAttribute('href')).toBe(
      '/privacy/dossiers/case-123',
    );
  });

  it('is not for a debt counsellor, who is sent to the case itself', async () => {
    renderWithApp(<AppRoutes />, {
      route: '/privacy/dossiers/case-123',
      mocks: [{ request: { query: MeDocument }, result: { data: MEHMET } }],
    });
    expect(await screen.findByText('Deze pagina is voor de privacyfunctionaris')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Naar het dossier' }).getAttribute('href')).toBe(
      '/dossiers/case-123',
    );
  });
});
