import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { App } from './App';
import i18n, { LANGUAGE_STORAGE_KEY } from './i18n';

function stubHealth(body: unknown, status = 200) {
  const fetchMock = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) =>
    Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
    ),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('App', () => {
  beforeEach(async () => {
    localStorage.clear();
    await act(() => i18n.changeLanguage('nl'));
  });

  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows the Dutch page and health status, then switches to English', async () => {
    const fetchMock = stubHealth({ status: 'ok', database: 'up' });

    render(<App />);

    expect(screen.getByRole('heading', { level: 1, name: 'Vangnet' })).toBeDefined();
    expect(
      screen.getByText('Samen werken aan casussen om schulden en huisuitzettingen te voorkomen.'),
    ).toBeDefined();
    expect(screen.getByRole('banner')).toBeDefined();
    expect(screen.getByRole('main')).toBeDefined();
    expect(await screen.findByText('Server bereikbaar / database bereikbaar')).toBeDefined();
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/healthz');
    expect(init?.signal).toBeInstanceOf(AbortSignal);
    expect(document.documentElement.lang).toBe('nl');

    const group = screen.getByRole('group', { name: 'Taal' });
    const nlButton = screen.getByRole('button', { name: 'NL – Nederlands' });
    const enButton = screen.getByRole('button', { name: 'EN – English' });
    expect(group.contains(enButton)).toBe(true);
    expect(nlButton.getAttribute('aria-pressed')).toBe('true');
    expect(enButton.getAttribute('aria-pressed')).toBe('false');

    await act(async () => {
      fireEvent.click(enButton);
      await Promise.resolve();
    });

    expect(
      screen.getByText('Working together on cases to prevent debt spirals and evictions.'),
    ).toBeDefined();
    expect(screen.getByRole('status').textContent).toBe('Server reachable / database reachable');
    expect(screen.getByRole('group', { name: 'Language' })).toBeDefined();
    expect(enButton.getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
  });

  it('reports an unreachable database in Dutch', async () => {
    stubHealth({ status: 'unavailable', database: 'down' }, 503);

    render(<App />);

    expect(await screen.findByText('Server bereikbaar / database niet bereikbaar')).toBeDefined();
  });

  it('reports an unreachable server when the request fails', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );

    render(<App />);

    expect(await screen.findByText('Server niet bereikbaar')).toBeDefined();
  });
});
