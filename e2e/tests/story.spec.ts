import { expect, test, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { artifactPath } from '../support/artifacts.js';
import { graphqlOk, loginThroughApi } from '../support/graphql.js';
import { logIn } from '../support/login.js';
import { ORG, USERS, type DemoUser } from '../support/users.js';

/**
 * The whole story of issue 6 (docs/product.md §2–§4), lived by three people, each in their own browser context:
 * anna (Woonstichting De Linde) refers a tenant to the municipality; mehmet (Gemeente Rivierstad) accepts,
 * records the tenant's consent for Kredietbank Rivierstad and refers on; sanne (Kredietbank) sees the
 * action plan; mehmet and sanne edit the same action at once and one of them merges in the conflict
 * dialog; the tenant withdraws the consent and sanne's open page loses the data without a reload.
 *
 * The steps share their state and run in order (serial: a failing step skips the ones after it).
 */

/** Today in the Netherlands, YYYY-MM-DD (the server's working calendar). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const daysAgo = (days: number) => {
  const date = new Date(`${today()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
};

interface Person {
  user: DemoUser;
  context: BrowserContext;
  page: Page;
}

async function openBrowserFor(browser: Browser, testInfo: TestInfo, user: DemoUser): Promise<Person> {
  const { baseURL, locale, timezoneId, viewport } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId, viewport });
  return { user, context, page: await context.newPage() };
}

/** Opens the case page directly by its address (client/src/app/routes.ts: `/dossiers/:id`). */
async function openCase(page: Page, storyCase: { id: string; reference: string }): Promise<void> {
  await page.goto(`/dossiers/${encodeURIComponent(storyCase.id)}`);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(storyCase.reference) })).toBeVisible();
}

/** Finds the case in the person's work list by its reference, as they would: search, then the link. */
async function findInWorkList(page: Page, reference: string): Promise<void> {
  await page.goto('/');
  const search = page.getByRole('search');
  await search.getByRole('textbox').or(search.getByRole('searchbox')).fill(reference);
  await search.getByRole('button', { name: /zoek/i }).click();
  // The search results (the deadlines list above may name the case too).
  await page.getByRole('table').getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(reference) })).toBeVisible();
}

const CREATE_CASE = `mutation ($input: CreateCaseInput!) { createCase(input: $input) { id reference } }`;
const PRE_SIGNAL_STEP = `mutation ($input: RecordPreSignalStepInput!) { recordPreSignalStep(input: $input) { kind } }`;
const SEND_SIGNAL = `mutation ($input: SendSignalInput!) { sendSignal(input: $input) { signalDate recipient { name } } }`;
const CASE = `query ($id: ID!) {
  case(id: $id) { reference coarseStatus referrals { status to { name } } }
}`;

test.describe.serial('het verhaal: één huurder, drie partners, elk in een eigen browser', () => {
  let anna: Person;
  let mehmet: Person;
  let sanne: Person;
  /** The tenant's dossier the story is about: opened and signalled by anna (through GraphQL) before step 1. */
  let storyCase: { id: string; reference: string };

  test.beforeAll(async ({ browser }, testInfo) => {
    [anna, mehmet, sanne] = await Promise.all([
      openBrowserFor(browser, testInfo, USERS.anna),
      openBrowserFor(browser, testInfo, USERS.mehmet),
      openBrowserFor(browser, testInfo, USERS.sanne),
    ]);
  });

  test.afterAll(async () => {
    await Promise.all([anna, mehmet, sanne].map((person) => person?.context.close()));
  });

  test('0. anna, mehmet en sanne loggen elk in hun eigen browser in', async () => {
    // At the same time, each in their own browser.
    await Promise.all([anna, mehmet, sanne].map((person) => logIn(person.page, person.user)));
    // Three separate sessions: nobody shares a cookie jar.
    const sessions = await Promise.all(
      [anna, mehmet, sanne].map(async ({ context }) =>
        (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join(';'),
      ),
    );
    expect(new Set(sessions).size).toBe(3);
  });

  test('1a. voorbereiding: anna heeft een huurder met achterstand gesignaleerd (via GraphQL)', async () => {
    // The signal itself is not part of this story; the dossier is laid out the way the API does it.
    const request = anna.context.request;
    const { createCase } = await graphqlOk<{ createCase: { id: string; reference: string } }>(
      request,
      CREATE_CASE,
      {
        input: {
          tenant: {
            initials: 'J.',
            surname: 'Verhoeven',
            street: 'Lindelaan',
            houseNumber: 71,
            postcode: '9999 LD',
            city: 'Rivierstad',
            phone: '06 12344321',
            preferredChannel: 'PHONE',
          },
          tenancy: { contractNumber: `DL-E2E-${Date.now()}`, monthlyRentCents: 72_500 },
          arrears: { amountCents: 145_000, aroseOn: daysAgo(62), monthsInArrears: 2 },
        },
      },
    );
    storyCase = createCase;
    const step = (kind: string, extra: Record<string, unknown> = {}) =>
      graphqlOk(request, PRE_SIGNAL_STEP, {
        input: { caseId: storyCase.id, kind, performedOn: daysAgo(10), ...extra },
      });
    await step('WRITTEN_REMINDER', { offeredContactTransfer: true });
    await step('PERSONAL_CONTACT_ATTEMPT', { note: 'Gebeld; uitgelegd hoe de achterstand op te lossen is.' });
    await step('DEBT_HELP_POINTER');
    const { sendSignal } = await graphqlOk<{
      sendSignal: { signalDate: string; recipient: { name: string } };
    }>(request, SEND_SIGNAL, { input: { caseId: storyCase.id } });
    expect(sendSignal).toEqual({ signalDate: today(), recipient: { name: ORG.rivierstad } });
    expect(storyCase.reference).toMatch(/^VN-\d{4}-\d{6}$/);
  });

  test('1. anna verwijst de huurder door naar Gemeente Rivierstad', async () => {
    const { page } = anna;
    await openCase(page, storyCase);
    await page.getByRole('button', { name: 'Doorverwijzen' }).click();
    const dialog = page.getByRole('dialog', { name: /doorverwijzen/i });
    await dialog.getByLabel('Naar organisatie').selectOption({ label: ORG.rivierstad });
    await dialog
      .getByLabel('Bericht')
      .fill('Huurder heeft twee maanden huurachterstand en wil graag hulp. Wilt u contact opnemen?');
    await dialog.getByRole('button', { name: 'Verwijzing versturen' }).click();
    await expect(dialog).toBeHidden();

    // The closed loop: anna sees her referral, pending, on the case page.
    const referrals = page.getByRole('region', { name: 'Verwijzingen' });
    await expect(referrals).toContainText(ORG.rivierstad);
    await expect(referrals).toContainText(/in afwachting/i);
    const seen = await graphqlOk<{ case: { referrals: { status: string; to: { name: string } }[] } }>(
      anna.context.request,
      CASE,
      { id: storyCase.id },
    );
    expect(seen.case.referrals).toContainEqual({ status: 'PENDING', to: { name: ORG.rivierstad } });
    await page.screenshot({ path: artifactPath('casus-corporatie-anna.png'), fullPage: true });
  });

  test('2. mehmet accepteert de verwijzing en legt de toestemming van de huurder vast', async () => {
    const { page } = mehmet;
    await page.goto('/');
    // The referral is in his deadlines work list, with the respond-by countdown.
    await expect(
      page
        .getByRole('region', { name: /mijn termijnen/i })
        .getByRole('listitem')
        .filter({ hasText: storyCase.reference })
        .filter({ hasText: `Reageer op de verwijzing van ${ORG.delinde}` }),
    ).toContainText(/nog 5 werkdagen/i);
    await findInWorkList(page, storyCase.reference);
    await page.getByRole('button', { name: 'Verwijzing accepteren' }).click();
    await expect(page.getByRole('region', { name: 'Verwijzingen' })).toContainText(/geaccepteerd/i);

    // The tenant agrees (in writing) that the municipality and Kredietbank Rivierstad may work with the
    // action plan and the finances: one consent per organisation, each with the wording the tenant read.
    for (const organization of [ORG.rivierstad, ORG.kredietbank]) {
      await page.getByRole('button', { name: 'Toestemming vastleggen', exact: true }).click();
      const consent = page.getByRole('dialog', { name: /toestemming/i });
      await consent.getByLabel('Organisatie').selectOption({ label: organization });
      await consent.getByLabel('Doel').selectOption({ label: 'Schuldhulpverlening' });
      for (const category of ['Plan van aanpak', 'Inkomsten en uitgaven', 'Schulden'])
        await consent.getByRole('checkbox', { name: category }).check();
      await consent.getByRole('radio', { name: 'Schriftelijk' }).check();
      // The B1 wording the tenant saw is shown, and kept with the consent.
      await expect(consent.getByRole('region', { name: /tekst voor de huurder/i })).toContainText(
        `Mogen wij uw gegevens delen met ${organization}?`,
      );
      await consent.getByRole('button', { name: 'Toestemming opslaan' }).click();
      await expect(consent).toBeHidden();
      await expect(page.getByRole('region', { name: 'Toestemmingen' })).toContainText(organization);
    }

    // He starts the action plan with one action, and refers the tenant on to Kredietbank Rivierstad.
    const plan = page.getByRole('region', { name: 'Plan van aanpak' });
    await plan.getByRole('button', { name: 'Actie toevoegen' }).click();
    await plan.getByLabel('Titel').fill('Inkomsten en uitgaven op een rij zetten');
    await plan.getByLabel('Beschrijving').fill('Samen met de huurder alle vaste lasten opschrijven.');
    await plan.getByRole('button', { name: 'Opslaan' }).click();
    await expect(plan).toContainText('Inkomsten en uitgaven op een rij zetten');

    await page.getByRole('button', { name: 'Doorverwijzen' }).click();
    const referral = page.getByRole('dialog', { name: /doorverwijzen/i });
    await referral.getByLabel('Naar organisatie').selectOption({ label: ORG.kredietbank });
    await referral
      .getByLabel('Bericht')
      .fill('Graag een schuldhulptraject; de huurder heeft toestemming gegeven.');
    await referral.getByRole('button', { name: 'Verwijzing versturen' }).click();
    await expect(page.getByRole('region', { name: 'Verwijzingen' })).toContainText(ORG.kredietbank);
    await page.screenshot({ path: artifactPath('casus-gemeente-mehmet.png'), fullPage: true });
  });

  test('3. sanne accepteert en ziet het plan van aanpak', async () => {
    const { page } = sanne;
    await openCase(page, storyCase);
    await page.getByRole('button', { name: 'Verwijzing accepteren' }).click();
    const plan = page.getByRole('region', { name: 'Plan van aanpak' });
    await expect(plan).toContainText('Inkomsten en uitgaven op een rij zetten');
    // What the tenant did not consent to share with Kredietbank is absent, and the page says why.
    await expect(page.getByRole('region', { name: 'Huurachterstand' })).toContainText(
      `De huurder heeft geen toestemming gegeven om dit met ${ORG.kredietbank} te delen`,
    );
    await page.screenshot({ path: artifactPath('casus-schuldhulp-sanne.png'), fullPage: true });
  });

  test('4. mehmet en sanne bewerken dezelfde actie; sanne ziet het conflict en voegt samen', async () => {
    const action = (page: Page) =>
      page
        .getByRole('region', { name: 'Plan van aanpak' })
        .getByRole('listitem')
        .filter({ hasText: 'Inkomsten en uitgaven op een rij zetten' });
    // Both open the same action for editing, so both edit the same version.
    await openCase(mehmet.page, storyCase);
    await action(mehmet.page).getByRole('button', { name: 'Bewerken' }).click();
    await action(sanne.page).getByRole('button', { name: 'Bewerken' }).click();

    await action(mehmet.page).getByLabel('Status').selectOption({ label: 'Bezig' });
    await action(mehmet.page).getByRole('button', { name: 'Opslaan' }).click();
    await expect(action(mehmet.page)).toContainText('Bezig');

    await action(sanne.page)
      .getByLabel('Beschrijving')
      .fill('Vaste lasten en inkomsten; loonstroken meenemen.');
    await action(sanne.page).getByRole('button', { name: 'Opslaan' }).click();

    // Her save is refused (stale version): the conflict dialog shows hers and his side by side.
    const conflict = sanne.page.getByRole('dialog', { name: /iemand anders heeft deze actie gewijzigd/i });
    await expect(conflict.getByRole('region', { name: 'Jouw versie' })).toContainText('loonstroken meenemen');
    await expect(conflict.getByRole('region', { name: 'Hun versie' })).toContainText('Bezig');
    await sanne.page.screenshot({ path: artifactPath('conflict-schuldhulp-sanne.png'), fullPage: true });
    // She keeps his status and her description.
    await conflict.getByRole('radio', { name: /status: hun versie/i }).check();
    await conflict.getByRole('radio', { name: /beschrijving: jouw versie/i }).check();
    await conflict.getByRole('button', { name: 'Samengevoegd opslaan' }).click();
    await expect(conflict).toBeHidden();

    // Nothing was lost, and mehmet sees the merge live, without reloading.
    for (const page of [sanne.page, mehmet.page]) {
      await expect(action(page)).toContainText('Bezig');
      await expect(action(page)).toContainText('loonstroken meenemen');
    }
  });

  test('5. de huurder trekt de toestemming in; de open pagina van sanne verliest de gegevens', async () => {
    const consents = mehmet.page.getByRole('region', { name: 'Toestemmingen' });
    await consents
      .getByRole('listitem')
      .filter({ hasText: ORG.kredietbank })
      .getByRole('button', { name: 'Intrekken' })
      .click();
    const withdraw = mehmet.page.getByRole('dialog', { name: /toestemming intrekken/i });
    await withdraw.getByRole('radio', { name: 'Schriftelijk' }).check();
    await withdraw.getByRole('button', { name: 'Intrekken' }).click();
    await expect(consents.getByRole('listitem').filter({ hasText: ORG.kredietbank })).toContainText(
      'Ingetrokken',
    );

    // Sanne's page is still open: without a reload the plan disappears and the page says why.
    const plan = sanne.page.getByRole('region', { name: 'Plan van aanpak' });
    await expect(plan).not.toContainText('Inkomsten en uitgaven op een rij zetten');
    await expect(plan).toContainText(
      `De huurder heeft de toestemming om dit met ${ORG.kredietbank} te delen ingetrokken.`,
    );
    await sanne.page.screenshot({
      path: artifactPath('casus-schuldhulp-sanne-ingetrokken.png'),
      fullPage: true,
    });
  });
});

test.describe('elke rol ziet een casuspagina die bij de rol past', () => {
  test('de teamleider en de privacyfunctionaris (screenshots)', async ({ browser }, testInfo) => {
    // The team lead sees the case with its assignment; the privacy officer sees the consent register and
    // audit trail of a case, and no case content.
    for (const [key, what] of [
      ['lotte', 'teamleider-gemeente'],
      ['privacy', 'privacy-gemeente'],
    ] as const) {
      const person = await openBrowserFor(browser, testInfo, USERS[key]);
      await loginThroughApi(person.context.request, person.user);
      await person.page.goto('/');
      await person.page
        .getByRole('link', { name: /^VN-\d{4}-\d{6}/ })
        .first()
        .click();
      await person.page.screenshot({ path: artifactPath(`casus-${what}-${key}.png`), fullPage: true });
      if (key === 'privacy')
        await expect(person.page.getByRole('region', { name: 'Plan van aanpak' })).toHaveCount(0);
      await person.context.close();
    }
  });
});
