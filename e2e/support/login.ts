import { expect, type Locator, type Page } from '@playwright/test';
import { me } from './graphql.js';
import { DEMO_PASSWORD, type DemoUser } from './users.js';

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

/** Opens `/` logged out: the app sends an anonymous visitor to its login page. */
export async function openLoginPage(page: Page): Promise<LoginForm> {
  await page.goto('/');
  await appRendered(page);
  const form = loginForm(page);
  await expect(form.email).toBeVisible();
  return form;
}

/** Logs in by typing into the login form, as a person would, and waits until the app shows who is in. */
export async function loginThroughUi(page: Page, form: LoginForm, user: DemoUser): Promise<void> {
  await form.email.fill(user.email);
  await form.password.fill(DEMO_PASSWORD);
  await form.submit.click();
  await expect(form.submit).toBeHidden();
  await expect(page.getByText(user.displayName).or(page.getByText(user.organization)).first()).toBeVisible();
}

/** Logs `user` in through the login page, as a person would, and checks the session it got. */
export async function logIn(page: Page, user: DemoUser): Promise<void> {
  await loginThroughUi(page, await openLoginPage(page), user);
  const session = await me(page.request);
  expect(session.user.displayName).toBe(user.displayName);
  expect(session.activeMembership).toEqual({ role: user.role, organization: { name: user.organization } });
}
