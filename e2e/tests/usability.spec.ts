import { expect, test, type Page } from '@playwright/test';
import { sharedDemoCase } from '../support/demo-case.js';
import { loginThroughApi } from '../support/graphql.js';
import { openLoginPage } from '../support/login.js';
import { DEMO_PASSWORD, USERS, type UserKey } from '../support/users.js';

/** Presses Tab until the element is focused (at most `limit` times), as a keyboard user moves on. */
async function tabTo(page: Page, name: RegExp, limit = 40): Promise<void> {
  for (let press = 0; press < limit; press += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return '';
      const labelled = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;
      return (labelled ?? element.getAttribute('aria-label') ?? element.textContent ?? '').trim();
    });
    if (name.test(focused)) return;
  }
  throw new Error(`${name} was not reached with the Tab key`);
}

/** The focused element shows where it is: an outline or a box shadow. */
async function expectVisibleFocus(page: Page): Promise<void> {
  const style = await page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const computed = getComputedStyle(element);
    return { outline: computed.outlineStyle, width: computed.outlineWidth, shadow: computed.boxShadow };
  });
  expect(
    (style.outline !== 'none' && style.width !== '0px') || style.shadow !== 'none',
    `no visible focus: ${JSON.stringify(style)}`,
  ).toBe(true);
}

test.describe('met alleen het toetsenbord', () => {
  test('inloggen, een dossier openen en een sectie bereiken', async ({ page }) => {
    await openLoginPage(page);
    await tabTo(page, /e-mailadres/i);
    await expectVisibleFocus(page);
    await page.keyboard.type(USERS.mehmet.email);
    await tabTo(page, /wachtwoord/i);
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Werklijst' })).toBeVisible();

    // The first dossier in his list, reached and opened with Tab and Enter.
    const firstCase = page
      .getByRole('table')
      .getByRole('link', { name: /^VN-\d{4}-\d{6}$/ })
      .first();
    const reference = (await firstCase.textContent())?.trim() ?? '';
    await tabTo(page, new RegExp(`^${reference}$`), 80);
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(reference) })).toBeVisible();
  });
});

test.describe('op een smal scherm (360 px)', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  const people: UserKey[] = ['anna', 'mehmet', 'sanne', 'lotte'];
  for (const user of people) {
    test(`de casuspagina van ${user} past zonder horizontaal scrollen`, async ({
      page,
      browser,
    }, testInfo) => {
      const shared = await sharedDemoCase(browser, testInfo);
      await loginThroughApi(page.request, USERS[user]);
      await page.goto(`/dossiers/${shared.id}`);
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(shared.reference) })).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    });
  }

  test('de werklijst en het dashboard passen ook', async ({ page }) => {
    await loginThroughApi(page.request, USERS.lotte);
    for (const path of ['/werklijst', '/dashboard']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
  });
});
