import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { ConflictDialog, mergeConflict, type ConflictField } from './ConflictDialog';

const fields: ConflictField[] = [
  { key: 'title', label: 'Titel', mine: 'Budget opstellen', theirs: 'Budgetplan maken' },
  {
    key: 'description',
    label: 'Beschrijving',
    mine: 'Samen met Sanne de vaste lasten op een rij zetten.',
    theirs: 'Vaste lasten en inkomsten op een rij zetten.',
    multiline: true,
  },
  { key: 'status', label: 'Status', mine: 'Open', theirs: 'Bezig', editable: false },
  { key: 'dueDate', label: 'Uiterlijk', mine: '15-12-2026', theirs: '15-12-2026', editable: false },
];

function renderDialog(props: Partial<Parameters<typeof ConflictDialog>[0]> = {}) {
  const onResolve = vi.fn();
  const onCancel = vi.fn();
  render(
    <ConflictDialog
      fields={fields}
      title="Iemand anders heeft deze actie gewijzigd"
      onResolve={onResolve}
      onCancel={onCancel}
      {...props}
    />,
  );
  return {
    onResolve,
    onCancel,
    dialog: screen.getByRole('dialog', { name: 'Iemand anders heeft deze actie gewijzigd' }),
  };
}

describe('conflict dialog', () => {
  it('shows "jouw versie" and "hun versie" side by side, every field in both', () => {
    const { dialog } = renderDialog({
      theirAuthor: 'Mehmet Yilmaz, Gemeente Rivierstad',
      theirSavedAt: '26-11-2026 10:15',
    });
    expect(
      within(dialog).getByText(
        /heeft Mehmet Yilmaz, Gemeente Rivierstad een nieuwere versie opgeslagen \(26-11-2026 10:15\)/,
      ),
    ).toBeVisible();
    expect(
      within(dialog).getByText(
        '3 velden verschillen. Kies per veld welke versie je houdt, of voeg ze zelf samen.',
      ),
    ).toBeVisible();

    const mine = within(dialog).getByRole('region', { name: 'Jouw versie' });
    const theirs = within(dialog).getByRole('region', { name: 'Hun versie' });
    expect(mine.textContent).toContain('Samen met Sanne de vaste lasten op een rij zetten.');
    expect(mine.textContent).toContain('Open');
    expect(theirs.textContent).toContain('Vaste lasten en inkomsten op een rij zetten.');
    expect(theirs.textContent).toContain('Bezig');

    expect(within(mine).getByRole('radio', { name: 'Status: jouw versie' })).toBeVisible();
    expect(within(theirs).getByRole('radio', { name: 'Status: hun versie' })).toBeVisible();
    // The same in both versions: nothing to choose.
    expect(within(dialog).queryByRole('radio', { name: /Uiterlijk/ })).toBeNull();
    expect(within(mine).getByText(/in beide versies gelijk/)).toBeVisible();
  });

  it('starts from their (current) version and saves my choice per field', async () => {
    const { dialog, onResolve } = renderDialog();
    expect(within(dialog).getByRole<HTMLInputElement>('radio', { name: 'Status: hun versie' }).checked).toBe(
      true,
    );
    // A status is chosen, never typed.
    expect(within(dialog).queryByRole('radio', { name: 'Status: zelf samenvoegen' })).toBeNull();

    await userEvent.click(within(dialog).getByRole('radio', { name: 'Beschrijving: jouw versie' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Samengevoegd opslaan' }));

    expect(onResolve).toHaveBeenCalledWith({
      title: 'Budgetplan maken',
      description: 'Samen met Sanne de vaste lasten op een rij zetten.',
      status: 'Bezig',
      dueDate: '15-12-2026',
    });
  });

  it('lets me merge free text by hand, starting from my text', async () => {
    const { dialog, onResolve } = renderDialog();
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Beschrijving: zelf samenvoegen' }));
    const merged = within(dialog).getByLabelText<HTMLTextAreaElement>(
      'Samengevoegde tekst voor Beschrijving',
    );
    expect(merged.value).toBe('Samen met Sanne de vaste lasten op een rij zetten.');
    await userEvent.clear(merged);
    await userEvent.type(merged, 'Samen met Sanne vaste lasten en inkomsten op een rij zetten.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Samengevoegd opslaan' }));

    expect(onResolve.mock.calls[0]?.[0]).toMatchObject({
      description: 'Samen met Sanne vaste lasten en inkomsten op een rij zetten.',
    });
  });

  it('takes all of mine at once', async () => {
    const { dialog, onResolve } = renderDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Overal jouw versie' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Samengevoegd opslaan' }));
    expect(onResolve).toHaveBeenCalledWith({
      title: 'Budget opstellen',
      description: 'Samen met Sanne de vaste lasten op een rij zetten.',
      status: 'Open',
      dueDate: '15-12-2026',
    });
  });

  it('is keyboard-operable: focus starts inside, Escape goes back to my changes', async () => {
    const { dialog, onCancel } = renderDialog();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await userEvent.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('merges without the dialog too (pure function)', () => {
    expect(mergeConflict(fields, { title: 'mine', description: 'custom' }, { description: 'X' })).toEqual({
      title: 'Budget opstellen',
      description: 'X',
      status: 'Bezig',
      dueDate: '15-12-2026',
    });
  });
});
