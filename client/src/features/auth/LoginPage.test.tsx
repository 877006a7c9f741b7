import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { graphQLError, renderWithApp, type Mock } from '../../test/render';
import { LoginDocument, LoginForm } from './LoginPage';

const loginMock = (email: string, password: string, result: Mock['result']): Mock => ({
  request: { query: LoginDocument, variables: { email, password } },
  result,
});

describe('login form', () => {
  it('has labelled fields and a named submit button', () => {
    renderWithApp(<LoginForm onLoggedIn={vi.fn()} />);
    const email = screen.getByLabelText('E-mailadres');
    const password = screen.getByLabelText('Wachtwoord');
    expect(email.getAttribute('type')).toBe('email');
    expect(email.getAttribute('autocomplete')).toBe('username');
    expect(password.getAttribute('type')).toBe('password');
    expect(password.getAttribute('autocomplete')).toBe('current-password');
    expect(screen.getByRole('button', { name: 'Inloggen' })).toBeVisible();
  });

  it('lists what is missing in an error summary that links to the fields', async () => {
    renderWithApp(<LoginForm onLoggedIn={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    const summary = screen.getByRole('alert');
    expect(within(summary).getByText('Er zijn 2 fouten. Verbeter die eerst:')).toBeVisible();
    expect(document.activeElement).toBe(summary);
    const emailLink = within(summary).getByRole('link', { name: 'Vul je e-mailadres in.' });
    expect(emailLink.getAttribute('href')).toBe('#login-email');
    await userEvent.click(emailLink);
    expect(document.activeElement).toBe(screen.getByLabelText('E-mailadres'));

    const email = screen.getByLabelText('E-mailadres');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = email.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('Vul je e-mailadres in.');
  });

  it('shows the one generic message for a wrong e-mail or password, and clears the password', async () => {
    const onLoggedIn = vi.fn();
    renderWithApp(<LoginForm onLoggedIn={onLoggedIn} />, {
      mocks: [
        loginMock(
          'anna@delinde.example',
          'fout',
          graphQLError('UNAUTHENTICATED', 'E-mailadres of wachtwoord klopt niet.'),
        ),
      ],
    });
    await userEvent.type(screen.getByLabelText('E-mailadres'), 'anna@delinde.example');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'fout');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    expect((await screen.findByRole('alert')).textContent).toBe('E-mailadres of wachtwoord klopt niet.');
    expect(screen.getByLabelText<HTMLInputElement>('Wachtwoord').value).toBe('');
    expect(onLoggedIn).not.toHaveBeenCalled();
  });

  it('says when there are too many attempts', async () => {
    renderWithApp(<LoginForm onLoggedIn={vi.fn()} />, {
      mocks: [loginMock('anna@delinde.example', 'x', graphQLError('RATE_LIMITED'))],
    });
    await userEvent.type(screen.getByLabelText('E-mailadres'), 'anna@delinde.example');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/te vaak kort na elkaar/);
  });

  it('says how long to wait when sign-in is locked out for a while', async () => {
    renderWithApp(<LoginForm onLoggedIn={vi.fn()} />, {
      mocks: [
        loginMock(
          'anna@delinde.example',
          'x',
          graphQLError('RATE_LIMITED', 'Te veel mislukte pogingen.', { retryAfterSeconds: 130 }),
        ),
      ],
    });
    await userEvent.type(screen.getByLabelText('E-mailadres'), 'anna@delinde.example');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Te veel mislukte pogingen. Probeer het over 3 minuten opnieuw.',
    );
  });

  it('logs in with the trimmed e-mail address', async () => {
    const onLoggedIn = vi.fn();
    renderWithApp(<LoginForm onLoggedIn={onLoggedIn} />, {
      mocks: [
        loginMock('anna@delinde.example', 'vangnet-demo', {
          data: { login: { __typename: 'Me', user: { __typename: 'User', id: 'u1' } } },
        }),
      ],
    });
    await userEvent.type(screen.getByLabelText('E-mailadres'), '  anna@delinde.example ');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'vangnet-demo');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));
    await waitFor(() => expect(onLoggedIn).toHaveBeenCalledOnce());
  });
});
