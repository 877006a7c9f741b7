import { expect, test } from '@playwright/test';
import { loginThroughApi, me } from '../support/graphql.js';
import { appRendered } from '../support/login.js';
import { USERS } from '../support/users.js';

test.describe('de app draait', () => {
  test('de startpagina laadt, in het Nederlands', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.ok()).toBe(true);
    await appRendered(page);
    await expect(page).toHaveTitle(/Vangnet/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('/healthz meldt dat server en database bereikbaar zijn', async ({ request }) => {
    const response = await request.get('/healthz');
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up' });
  });

  test('overschakelen naar het Engels verandert de zichtbare tekst, en terug', async ({ page }) => {
    await page.goto('/');
    await appRendered(page);
    // Let what the page fetches at start (status, session) settle, so only the language changes the text.
    await page.waitForLoadState('networkidle');
    const body = page.locator('body');
    const dutch = await body.innerText();

    await page.getByRole('button', { name: /english/i }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect.poll(() => body.innerText()).not.toBe(dutch);

    await page.getByRole('button', { name: /nederlands/i }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect.poll(() => body.innerText()).toBe(dutch);
  });

  test('anna logt in via GraphQL en is medewerker van Woonstichting De Linde', async ({ page }) => {
    const login = await loginThroughApi(page.request, USERS.anna);
    expect(login.activeMembership).toEqual({
      role: 'CASE_WORKER',
      organization: { name: 'Woonstichting De Linde' },
    });

    // The session cookie sits in the browser context: the next request (and any page) is anna's.
    const cookies = await page.context().cookies();
    expect(cookies.some((cookie) => cookie.httpOnly)).toBe(true);
    const session = await me(page.request);
    expect(session.user.displayName).toBe('Anna de Vries');
    expect(session.activeMembership).toEqual({
      role: 'CASE_WORKER',
      organization: { name: 'Woonstichting De Linde' },
    });
  });
});
