import { expect, type Locator, type Page } from '@playwright/test';
import { loginThroughApi, me } from './graphql.js';
import { DEMO_PASSWORD, type DemoUser } from './users.js';

/** How long the rendered app gets to show a login form before we conclude it has none (yet). */
const LOGIN_FORM_GRACE_MS = 5_000;

export interface LoginForm {
  email: Locator;
  password: Locator;
  submit: Locator;
}

/** The login form by its accessible names, Dutch or English. */
export function loginForm(page: Page): LoginForm {
  return {
    email: page.getByLabel(/e-?mail/i),
    password: page.getByLabel(/^(wachtwoord|password)\b/i),
    submit: page.getByRole('button', { name: /^(inloggen|log in|aanmelden|sign in)$/i }),
  };
}

/** Waits until the React app has rendered something into #root. */
export async function appRendered(page: Page): Promise<void> {
  await expect(page.locator('#root > *').first()).toBeVisible();
}

/**
 * Opens `/` logged out and reports whether the app shows a login form there. The client is still being
 * built: while it has no login page, tests that need one log in through GraphQL instead.
 */
export async function findLoginPage(page: Page): Promise<LoginForm | null> {
  await page.goto('/');
  await appRendered(page);
  const form = loginForm(page);
  try {
    await form.email.first().waitFor({ state: 'visible', timeout: LOGIN_FORM_GRACE_MS });
    return form;
  } catch {
    return null;
  }
}

/** Logs in by typing into the login form, as a person would, and waits until the app shows who is in. */
export async function loginThroughUi(page: Page, form: LoginForm, user: DemoUser): Promise<void> {
  await form.email.fill(user.email);
  await form.password.fill(DEMO_PASSWORD);
  await form.submit.click();
  await expect(form.submit).toBeHidden();
  await expect(page.getByText(user.displayName).or(page.getByText(user.organization)).first()).toBeVisible();
}

/**
 * Logs `user` in on this page's browser context: through the login page when the app has one, otherwise
 * through GraphQL (the session cookie then lands in the same context). Either way the session is checked.
 */
export async function logIn(page: Page, user: DemoUser): Promise<'ui' | 'api'> {
  const form = await findLoginPage(page);
  if (form) await loginThroughUi(page, form, user);
  else await loginThroughApi(page.request, user);
  const session = await me(page.request);
  expect(session.user.displayName).toBe(user.displayName);
  expect(session.activeMembership).toEqual({ role: user.role, organization: { name: user.organization } });
  return form ? 'ui' : 'api';
}
