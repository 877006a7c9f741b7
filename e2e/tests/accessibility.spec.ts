import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { artifactPath } from '../support/artifacts.js';
import { sharedDemoCase } from '../support/demo-case.js';
import { loginThroughApi } from '../support/graphql.js';
import { appRendered, openLoginPage } from '../support/login.js';
import { USERS, type UserKey } from '../support/users.js';

/**
 * WCAG 2.1 AA (the legal norm for Dutch public bodies, docs/product.md §6): an axe-core scan of every main page,
 * with zero serious or critical violations. Each scanned page is also saved as a screenshot in
 * e2e/artifacts/ so a person can look at it.
 */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectAccessible(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await appRendered(page);
  await page.waitForLoadState('networkidle');
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  await page.screenshot({ path: artifactPath(`a11y-${name}.png`), fullPage: true });
  await testInfo.attach(`axe-${name}.json`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact}: ${violation.id} — ${violation.help} (${violation.nodes.length}×: ` +
        `${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')})`,
    );
  expect(blocking, `serious or critical WCAG violations on ${name}`).toEqual([]);
}

test.describe('toegankelijkheid (WCAG 2.1 AA)', () => {
  test('de inlogpagina', async ({ page }, testInfo) => {
    await openLoginPage(page);
    await expectAccessible(page, testInfo, 'inloggen');
  });

  test('de startpagina in het Engels', async ({ page }, testInfo) => {
    await page.goto('/');
    await appRendered(page);
    await page.getByRole('button', { name: /english/i }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectAccessible(page, testInfo, 'start-en');
  });

  // The page every user lands on after logging in (their work list, once the client has it).
  const landings: { user: UserKey; what: string }[] = [
    { user: 'anna', what: 'corporatie' },
    { user: 'tom', what: 'teamleider-corporatie' },
    { user: 'mehmet', what: 'gemeente' },
    { user: 'sanne', what: 'schuldhulp' },
    { user: 'privacy', what: 'privacy' },
  ];
  for (const { user, what } of landings) {
    test(`de startpagina van ${user} (${what})`, async ({ page }, testInfo) => {
      await loginThroughApi(page.request, USERS[user]);
      await page.goto('/');
      await expectAccessible(page, testInfo, `start-${what}-${user}`);
    });
  }

  // The case page composed for each role, from the same dossier.
  const casePages: { user: UserKey; what: string }[] = [
    { user: 'anna', what: 'corporatie' },
    { user: 'tom', what: 'teamleider-corporatie' },
    { user: 'mehmet', what: 'gemeente' },
    { user: 'lotte', what: 'teamleider-gemeente' },
    { user: 'sanne', what: 'schuldhulp' },
  ];
  for (const { user, what } of casePages) {
    test(`de casuspagina van ${user} (${what})`, async ({ page, browser }, testInfo) => {
      const shared = await sharedDemoCase(browser, testInfo);
      await loginThroughApi(page.request, USERS[user]);
      await page.goto(`/dossiers/${shared.id}`);
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(shared.reference) })).toBeVisible();
      await expectAccessible(page, testInfo, `casus-${what}-${user}`);
    });
  }

  test('de casuspagina in het Engels (mehmet)', async ({ page, browser }, testInfo) => {
    const shared = await sharedDemoCase(browser, testInfo);
    await loginThroughApi(page.request, USERS.mehmet);
    await page.goto(`/dossiers/${shared.id}`);
    await page.getByRole('button', { name: /english/i }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(shared.reference) })).toBeVisible();
    await expectAccessible(page, testInfo, 'casus-gemeente-mehmet-en');
  });

  test('het toestemmingsregister en de auditlog van de privacyfunctionaris', async ({ page }, testInfo) => {
    await loginThroughApi(page.request, USERS.privacy);
    await page.goto('/');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /toestemmingen/i })
      .click();
    await expectAccessible(page, testInfo, 'toestemmingsregister-privacy');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /auditlog/i })
      .click();
    await expectAccessible(page, testInfo, 'auditlog-privacy');
  });

  for (const user of ['lotte', 'tom'] as const) {
    test(`het monitoringdashboard (${user})`, async ({ page }, testInfo) => {
      await loginThroughApi(page.request, USERS[user]);
      await page.goto('/');
      await page
        .getByRole('navigation')
        .getByRole('link', { name: /dashboard/i })
        .click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectAccessible(page, testInfo, `dashboard-${user}`);
    });
  }

  test('een nieuw dossier en het inlezen van achterstanden (anna)', async ({ page }, testInfo) => {
    await loginThroughApi(page.request, USERS.anna);
    await page.goto('/');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /nieuw dossier/i })
      .click();
    await expectAccessible(page, testInfo, 'nieuw-dossier-anna');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /achterstanden inlezen/i })
      .click();
    await expectAccessible(page, testInfo, 'achterstanden-inlezen-anna');
  });
});
