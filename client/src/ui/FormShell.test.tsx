import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useId, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';

import { summaryOf } from '../lib/form';
import { TextField } from './Field';
import { FormShell } from './FormShell';

/** A form as the features build one: it checks its field itself and says what is wrong. */
function NameForm({
  busy = false,
  message = null,
  onSave,
  onCancel,
}: {
  busy?: boolean;
  message?: string | null;
  onSave: (name: string) => void;
  onCancel?: () => void;
}) {
  const ids = { name: useId() };
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <FormShell
      aria-label="Naam"
      className="form"
      header={<h3>Naam vastleggen</h3>}
      errors={summaryOf(errors, ids)}
      message={message}
      submitLabel="Opslaan"
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        const found: Record<string, string> = name.trim() ? {} : { name: 'Vul een naam in.' };
        setErrors(found);
        if (!found.name) onSave(name.trim());
      }}
    >
      <TextField
        id={ids.name}
        label="Naam"
        value={name}
        error={errors.name}
        onChange={(e) => setName(e.target.value)}
      />
    </FormShell>
  );
}

describe('FormShell', () => {
  it('after a failed submit shows the error summary with the focus on it, linking to the field', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn();
    render(<NameForm onSave={onSave} />);
    const form = screen.getByRole('form', { name: 'Naam' });
    expect(form.hasAttribute('novalidate')).toBe(true);
    expect(screen.queryByRole('alert')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Opslaan' }));

    const summary = screen.getByRole('alert', { name: 'Er is 1 fout. Verbeter die eerst:' });
    expect(document.activeElement).toBe(summary);
    expect(onSave).not.toHaveBeenCalled();
    // The heading the form brings stands above the summary.
    expect(
      screen.getByRole('heading', { name: 'Naam vastleggen' }).compareDocumentPosition(summary) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();

    await user.click(within(summary).getByRole('link', { name: 'Vul een naam in.' }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Naam' }));

    await user.type(screen.getByRole('textbox', { name: 'Naam' }), 'Anna');
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(onSave).toHaveBeenCalledWith('Anna');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a message about the whole form as an error alert', () => {
    render(<NameForm onSave={vi.fn()} message="Je mag dit niet doen." />);
    expect(screen.getByRole('alert').textContent).toBe('Je mag dit niet doen.');
  });

  it('keeps the submit button busy while saving, so a second click does not submit again', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn();
    render(<NameForm onSave={onSave} busy />);
    await user.type(screen.getByRole('textbox', { name: 'Naam' }), 'Anna');
    const submit = screen.getByRole('button', { name: 'Opslaan' });
    expect(submit.getAttribute('aria-busy')).toBe('true');

    await user.click(submit);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('offers "Annuleren" only when the form can be cancelled', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    const { unmount } = render(<NameForm onSave={vi.fn()} onCancel={onCancel} />);
    await user.click(screen.getByRole('button', { name: 'Annuleren' }));
    expect(onCancel).toHaveBeenCalledOnce();
    unmount();

    render(<NameForm onSave={vi.fn()} />);
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual(['Opslaan']);
  });

  it('puts extra actions in the same button row', () => {
    render(
      <FormShell
        errors={[]}
        submitLabel="Opslaan"
        busy={false}
        onSubmit={vi.fn()}
        extraActions={<a href="/">Terug</a>}
      >
        <p>Velden</p>
      </FormShell>,
    );
    const row = screen.getByRole('button', { name: 'Opslaan' }).parentElement;
    expect(row?.className).toBe('button-row');
    expect(screen.getByRole('link', { name: 'Terug' }).parentElement).toBe(row);
  });
});
