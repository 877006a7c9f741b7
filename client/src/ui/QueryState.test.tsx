import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import i18n, { changeLanguage } from '../app/i18n';
import { QueryError } from './QueryState';

const unavailable = new CombinedGraphQLErrors({
  errors: [
    {
      message: 'Vangnet is even niet bereikbaar. Probeer het zo opnieuw.',
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, retryAfterSeconds: 5 },
    },
  ],
});

describe('a read that failed', () => {
  afterEach(async () => {
    await act(() => i18n.changeLanguage('nl'));
  });

  it('says Vangnet is briefly unreachable, not that something broke, and offers to try again', async () => {
    const retry = vi.fn();
    render(<QueryError error={unavailable} onRetry={retry} />);

    expect(screen.getByRole('alert').textContent).toContain(
      'Vangnet is even niet bereikbaar. Probeer het zo opnieuw.',
    );
    expect(screen.queryByText(/Er ging iets mis/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Opnieuw proberen' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('reads an HTTP 503 (or a proxy 502/504 while the server restarts) the same way, in English too', async () => {
    await act(() => changeLanguage('en'));
    const response = new Response('<html>Service Unavailable</html>', {
      status: 503,
      headers: { 'retry-after': '5' },
    });
    render(
      <QueryError
        error={new ServerError('Response not successful', { response, bodyText: '' })}
        onRetry={() => undefined}
      />,
    );

    expect(screen.getByRole('alert').textContent).toContain(
      'Vangnet cannot be reached for a moment. Please try again shortly.',
    );
    expect(screen.getByRole('button', { name: 'Try again' })).toBeDefined();
  });

  it('keeps the generic message for an unexpected error', () => {
    const bug = new CombinedGraphQLErrors({
      errors: [{ message: 'Er ging iets mis', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    render(<QueryError error={bug} onRetry={() => undefined} />);
    expect(screen.getByRole('alert').textContent).toContain('Er ging iets mis bij Vangnet.');
    expect(screen.getByRole('button', { name: 'Probeer het opnieuw' })).toBeDefined();
  });
});
