import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { AppRoutes } from '../../app/App';
import { ANNA } from '../../test/fixtures';
import { graphQLError, renderWithApp, type Mock } from '../../test/render';
import { ChangePasswordDocument } from './AccountPage';
import { MeDocument } from './session';

const meAsAnna: Mock = { request: { query: MeDocument }, result: { data: ANNA } };

const changeMock = (currentPassword: string, newPassword: string, result: Mock['result']): Mock => ({
  request: { query: ChangePasswordDocument, variables: { currentPassword, newPassword } },
  result,
});

async function fillIn(current: string, next: string, repeat = next) {
  if (current) await userEvent.type(await screen.findByLabelText('Huidig wachtwoord'), current);
  if (next)
    await userEvent.type(
      screen.getByLabelText(/^Nieuw wachtwoord/, { selector: '#account-new-password' }),
      next,
    );
  if (repeat) await userEvent.type(screen.getByLabelText('Nieuw wachtwoord nog een keer'), repeat);
  await userEvent.click(screen.getByRole('button', { name: 'Wachtwoord wijzigen' }));
}

describe('my account', () => {
  it('is reachable from the user menu', async () => {
    renderWithApp(<AppRoutes />, { route: '/account', mocks: [meAsAnna] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn account' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'Mijn account' }).getAttribute('href')).toBe('/account');
    expect(screen.getByText('Je bent ingelogd als anna@delinde.example.')).toBeDefined();
  });

  it('checks the new password before sending it: long enough, and typed the same twice', async () => {
    renderWithApp(<AppRoutes />, { route: '/account', mocks: [meAsAnna] });
    await fillIn('oud wachtwoord', 'te kort', 'anders');
    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('link', { name: 'Kies een wachtwoord van minstens 12 tekens.' }),
    ).toBeDefined();
    expect(
      within(summary).getByRole('link', { name: 'De twee nieuwe wachtwoorden zijn niet hetzelfde.' }),
    ).toBeDefined();
  });

  it('shows the server’s answer on the field when the current password is wrong', async () => {
    renderWithApp(<AppRoutes />, {
      route: '/account',
      mocks: [
        meAsAnna,
        changeMock(
          'niet mijn wachtwoord',
          'een lang nieuw wachtwoord',
          graphQLError('BAD_USER_INPUT', 'Je wachtwoord is niet gewijzigd.', {
            fieldErrors: { currentPassword: 'Je huidige wachtwoord klopt niet.' },
          }),
        ),
      ],
    });
    await fillIn('niet mijn wachtwoord', 'een lang nieuw wachtwoord');
    const current = screen.getByLabelText<HTMLInputElement>('Huidig wachtwoord');
    expect(
      await within(await screen.findByRole('alert')).findByText('Je huidige wachtwoord klopt niet.'),
    ).toBeDefined();
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(current.value).toBe('');
  });

  it('confirms a changed password', async () => {
    renderWithApp(<AppRoutes />, {
      route: '/account',
      mocks: [
        meAsAnna,
        changeMock('mijn oude wachtwoord', 'een lang nieuw wachtwoord', { data: { changePassword: true } }),
      ],
    });
    await fillIn('mijn oude wachtwoord', 'een lang nieuw wachtwoord');
    expect(
      await screen.findByText('Je wachtwoord is gewijzigd. Op je andere apparaten ben je uitgelogd.'),
    ).toBeDefined();
  });
});
