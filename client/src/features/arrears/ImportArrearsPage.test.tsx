import { readFileSync } from 'node:fs';
import path from 'node:path';

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';

import { MeDocument, useSession } from '../auth/session';
import { ANNA } from '../../test/fixtures';
import { graphQLError, renderWithApp, type Mock } from '../../test/render';
import {
  ImportArrearsDocument,
  ImportArrearsPage,
  OPTIONAL_CSV_COLUMNS,
  REQUIRED_CSV_COLUMNS,
} from './ImportArrearsPage';

const meAnna: Mock = { request: { query: MeDocument }, result: { data: ANNA } };

function Authenticated({ children }: { children: ReactNode }) {
  return useSession().status === 'authenticated' ? children : null;
}

const CSV = [
  'contractnummer;voorletters;tussenvoegsel;achternaam;straat;huisnummer;toevoeging;postcode;woonplaats;bedrag;ontstaan_op',
  'HC-1;J.;;Berg;Lindelaan;12;;1234 AB;Rivierstad;1.234,56;01-09-2026',
  'HC-2;M.;;Yilmaz;Dijkstraat;3;;1235 CD;Rivierstad;250,00;01-10-2026',
  'HC-3;P.;;Jansen;Kade;7;;1236 EF;Rivierstad;0;01-10-2026',
  'HC-4;A.;;Smit;Kade;9;;9999;Rivierstad;12,345;01-10-2026',
].join('\n');

const result = {
  __typename: 'ArrearsImportResult',
  importId: 'import-1',
  rowsTotal: 4,
  created: 1,
  updated: 1,
  unchanged: 1,
  errors: 1,
  rows: [
    { line: 2, contractNumber: 'HC-1', caseReference: 'VN-2026-000101', outcome: 'CREATED', message: null },
    { line: 3, contractNumber: 'HC-2', caseReference: 'VN-2026-000012', outcome: 'UPDATED', message: null },
    { line: 4, contractNumber: 'HC-3', caseReference: null, outcome: 'UNCHANGED', message: null },
    {
      line: 5,
      contractNumber: 'HC-4',
      caseReference: null,
      outcome: 'ERROR',
      message:
        'postcode: Vul een geldige postcode in, zoals 1234 AB. bedrag: Geen geldig bedrag; schrijf het als 1234,56 (met een komma).',
    },
  ].map((row) => ({ __typename: 'ArrearsImportRow', ...row })),
};

function renderPage(mocks: Mock[]) {
  return renderWithApp(
    <Authenticated>
      <ImportArrearsPage />
    </Authenticated>,
    { mocks: [meAnna, ...mocks] },
  );
}

describe('importing the arrears list', () => {
  it('names the same columns as the server’s CSV parser', () => {
    // Tests run in the client package (pnpm -r run test, or vitest in client/).
    const parser = readFileSync(
      path.resolve(process.cwd(), '../server/src/features/arrears/arrears-import.csv.ts'),
      'utf8',
    );
    const columns = (name: string) =>
      [...(new RegExp(`${name} = \\[([^\\]]*)\\]`).exec(parser)?.[1] ?? '').matchAll(/'([a-z_]+)'/g)].map(
        (match) => match[1],
      );
    expect(columns('REQUIRED_COLUMNS')).toEqual([...REQUIRED_CSV_COLUMNS]);
    expect(columns('OPTIONAL_COLUMNS')).toEqual([...OPTIONAL_CSV_COLUMNS]);
  });

  it('explains the columns the file needs, by their exact header names', async () => {
    renderPage([]);
    await userEvent.click(await screen.findByText('Welke kolommen heeft het bestand nodig?'));
    for (const column of REQUIRED_CSV_COLUMNS) expect(screen.getAllByText(column).length).toBeGreaterThan(0);
    expect(screen.getByText('maanden_achterstand')).toBeVisible();
  });

  it('shows the counts and the outcome of every row, rejected rows first with their reason', async () => {
    renderPage([
      {
        request: {
          query: ImportArrearsDocument,
          variables: { input: { csv: CSV, fileName: 'geplakte-lijst.csv' } },
        },
        result: { data: { importArrears: result } },
      },
    ]);
    // Pasting (not typing) the list, as a case worker would.
    fireEvent.change(await screen.findByLabelText('Of plak de lijst hier'), { target: { value: CSV } });
    await userEvent.click(screen.getByRole('button', { name: 'Inlezen' }));

    const summary = await screen.findByRole('list', { name: 'Uitkomst van het inlezen' });
    const counts = within(summary)
      .getAllByRole('listitem')
      .map((item) => item.textContent?.replace(/\s+/g, ' ').trim());
    expect(counts).toEqual(['4 regels', '1 Nieuw dossier', '1 Bijgewerkt', '1 Ongewijzigd', '1 Afgewezen']);
    expect(screen.getByText(/1 regel is afgewezen/)).toBeVisible();

    const rejected = screen.getByRole('table', { name: '1 regel' });
    const cells = within(within(rejected).getAllByRole('row')[1]!).getAllByRole('cell');
    expect(cells.map((cell) => cell.textContent)).toEqual([
      '5',
      'HC-4',
      'Afgewezen',
      '—',
      'postcode: Vul een geldige postcode in, zoals 1234 AB. bedrag: Geen geldig bedrag; schrijf het als 1234,56 (met een komma).',
    ]);

    await userEvent.selectOptions(screen.getByLabelText('Toon'), '');
    const all = screen.getByRole('table', { name: '4 regels' });
    const rows = within(all).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[2]?.textContent)).toEqual([
      'Nieuw dossier',
      'Bijgewerkt',
      'Ongewijzigd',
      'Afgewezen',
    ]);
    expect(within(rows[0]!).getByText('VN-2026-000101')).toBeVisible();
  });

  it('shows a problem with the file as a whole at the field', async () => {
    const missing = 'Deze kolommen ontbreken in de kopregel: bedrag, ontstaan_op.';
    renderPage([
      {
        request: {
          query: ImportArrearsDocument,
          variables: {
            input: { csv: 'contractnummer;achternaam\nHC-1;Berg', fileName: 'geplakte-lijst.csv' },
          },
        },
        result: graphQLError('BAD_USER_INPUT', missing, { fieldErrors: { csv: missing } }),
      },
    ]);
    fireEvent.change(await screen.findByLabelText('Of plak de lijst hier'), {
      target: { value: 'contractnummer;achternaam\nHC-1;Berg' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Inlezen' }));
    const field = screen.getByLabelText('Of plak de lijst hier');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(within(screen.getByRole('alert')).getByRole('link', { name: missing })).toBeVisible();
  });

  it('reads a chosen file', async () => {
    renderPage([
      {
        request: {
          query: ImportArrearsDocument,
          variables: { input: { csv: CSV, fileName: 'achterstanden.csv' } },
        },
        result: {
          data: { importArrears: { ...result, errors: 0, rows: result.rows.slice(0, 3), rowsTotal: 3 } },
        },
      },
    ]);
    const file = new File([CSV], 'achterstanden.csv', { type: 'text/csv' });
    await userEvent.upload(await screen.findByLabelText('Bestand (CSV)'), file);
    await userEvent.click(screen.getByRole('button', { name: 'Inlezen' }));
    expect(await screen.findByText('Alle regels zijn ingelezen.')).toBeVisible();
    expect(screen.getByRole('table', { name: '3 regels' })).toBeVisible();
  });
});
