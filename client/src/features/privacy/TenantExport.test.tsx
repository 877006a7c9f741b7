import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { AppRoutes } from '../../app/App';
import { PRIYA } from '../../test/fixtures';
import { graphQLError, renderWithApp, type Mock } from '../../test/render';
import { MeDocument } from '../auth/session';
import { ConsentRegisterDocument } from '../consents/ConsentRegisterPage';
import { connection, consentNode } from './fixtures';
import { ExportTenantDataDocument } from './TenantExport';

const EXPORT_JSON = '{\n  "tenantId": "tenant-9",\n  "cases": []\n}';
const EXPORT_HTML = '<!doctype html><html lang="nl"><title>Inzage</title></html>';

const registerMocks: Mock[] = [
  { request: { query: MeDocument }, result: { data: PRIYA } },
  {
    request: { query: ConsentRegisterDocument, variables: { first: 25, filter: {} } },
    result: { data: { consentRegister: connection('ConsentConnection', [consentNode()]) } },
  },
];

const exportMock = (result: Mock['result']): Mock => ({
  request: { query: ExportTenantDataDocument, variables: { tenantId: 'tenant-9' } },
  result,
});

const exported = {
  data: {
    exportTenantData: {
      __typename: 'TenantDataExport',
      // 23:30 UTC is already the next day in Amsterdam: the file name follows the Dutch date.
      generatedAt: '2026-11-26T23:30:00.000Z',
      json: EXPORT_JSON,
      html: EXPORT_HTML,
      organization: { __typename: 'OrganizationRef', id: 'org-rivierstad', name: 'Gemeente Rivierstad' },
    },
  },
};

/** What the page turned into object URLs, in order: the files a user gets. */
const created: Blob[] = [];
const createObjectURL = vi.fn((blob: Blob) => {
  created.push(blob);
  return `blob:export-${created.length}`;
});
const revokeObjectURL = vi.fn();

beforeEach(() => {
  created.length = 0;
  createObjectURL.mockClear();
  revokeObjectURL.mockClear();
  // jsdom has no object URLs; the browser's would point at the blobs recorded here.
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = revokeObjectURL;
});

async function openExportDialog() {
  const table = await screen.findByRole('table', { name: 'Toestemmingen' });
  const row = within(table).getByRole('row', { name: /VN-2026-000123/ });
  await userEvent.click(
    within(row).getByRole('button', { name: 'Inzageverzoek exporteren voor dossier VN-2026-000123' }),
  );
  return screen.getByRole('dialog', { name: 'Inzageverzoek exporteren (VN-2026-000123)' });
}

describe('right of access export (AVG art. 15)', () => {
  it('explains the export is audited, and only after confirming offers the JSON and the readable document', async () => {
    renderWithApp(<AppRoutes />, {
      route: '/toestemmingen',
      mocks: [...registerMocks, exportMock(exported)],
    });
    const dialog = await openExportDialog();
    expect(within(dialog).getByText('Deze export wordt vastgelegd')).toBeVisible();
    expect(within(dialog).getByText(/Vangnet zet deze export in de auditlog, op jouw naam/)).toBeVisible();
    expect(within(dialog).queryByRole('link')).toBeNull();
    expect(createObjectURL).not.toHaveBeenCalled();

    await userEvent.click(within(dialog).getByRole('button', { name: 'Ja, exporteren' }));

    expect(await within(dialog).findByText('De export is klaar')).toBeVisible();
    expect(within(dialog).getByText('Gemaakt op 27-11-2026 00:30. Download beide bestanden.')).toBeVisible();
    const json = within(dialog).getByRole('link', { name: /Download de gegevens \(JSON\)/ });
    const html = within(dialog).getByRole('link', { name: /Download het leesbare document \(HTML\)/ });
    expect(json.getAttribute('download')).toBe('inzageverzoek-VN-2026-000123-2026-11-27.json');
    expect(html.getAttribute('download')).toBe('inzageverzoek-VN-2026-000123-2026-11-27.html');
    expect(json.getAttribute('href')).toBe('blob:export-1');
    expect(html.getAttribute('href')).toBe('blob:export-2');
    expect(document.activeElement).toBe(json);

    const [jsonBlob, htmlBlob] = created;
    expect(jsonBlob?.type).toBe('application/json;charset=utf-8');
    expect(await jsonBlob?.text()).toBe(EXPORT_JSON);
    expect(htmlBlob?.type).toBe('text/html;charset=utf-8');
    expect(await htmlBlob?.text()).toBe(EXPORT_HTML);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Sluiten' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:export-1');
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:export-2');
  });

  it('says so when the export fails, offers no files, and can be tried again', async () => {
    renderWithApp(<AppRoutes />, {
      route: '/toestemmingen',
      mocks: [...registerMocks, exportMock(graphQLError('NOT_FOUND')), exportMock(exported)],
    });
    const dialog = await openExportDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ja, exporteren' }));

    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByText('De export is niet gelukt')).toBeVisible();
    expect(
      within(alert).getByText(
        'Deze huurder is niet gevonden, of jouw organisatie werkt niet mee aan een dossier van deze huurder.',
      ),
    ).toBeVisible();
    expect(within(dialog).queryByRole('link')).toBeNull();
    expect(createObjectURL).not.toHaveBeenCalled();

    await userEvent.click(within(dialog).getByRole('button', { name: 'Opnieuw proberen' }));
    expect(await within(dialog).findByRole('link', { name: /Download de gegevens \(JSON\)/ })).toBeVisible();
  });

  it('does nothing when the privacy officer cancels', async () => {
    renderWithApp(<AppRoutes />, { route: '/toestemmingen', mocks: registerMocks });
    const dialog = await openExportDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Annuleren' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(createObjectURL).not.toHaveBeenCalled();
  });
});
