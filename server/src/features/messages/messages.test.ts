import { randomBytes } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { LOCALES, addCalendarDays, type Locale } from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type GraphQLResponse, type TestApp, type TestClient } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { createCaseIn, DEMO_ORG, demoUserId } from '../lifecycle/lifecycle.fixtures.js';
import {
  composeLetter,
  composeSms,
  formatLetterAmount,
  formatLetterDate,
  renderMessage,
  type MessageData,
} from './letter.js';
import { toWinAnsi } from './letter-pdf.js';
import {
  MESSAGE_CATALOGS,
  MESSAGE_KINDS,
  MessageTemplateError,
  fillTemplate,
  loadCatalogs,
  placeholdersOf,
  shapeDifferences,
  type MessageCatalog,
  type MessageKind,
} from './message-templates.js';
import { CONTACT_REFUSAL } from './message.service.js';
import { SMS_GSM7_LIMIT, SMS_UCS2_LIMIT, isGsm7, splitSms, toGsm7 } from './sms.js';
import en from './templates/en.json' with { type: 'json' };
import nl from './templates/nl.json' with { type: 'json' };
import { TEST_NOW, TEST_NOW_SQL, testToday } from '../../testing/test-clock.js';

/** Everything any template could ask for. */
const FULL: MessageData = {
  tenantName: 'Fatima el Amrani',
  address: ['Fatima el Amrani', 'Populierenlaan 12 A', '9999 ZZ  RIVIERSTAD'],
  organizationName: 'Woonstichting De Linde',
  senderName: 'Anna de Vries',
  phone: '0570 123 456',
  date: '2026-11-26',
  amountCents: 123_456,
  paidOn: '2026-11-20',
  dueDate: '2026-12-01',
  milestone: { kind: 'ON_TIME_STREAK', count: 3 },
  rewardCents: 2_500,
  recipientName: 'Gemeente Rivierstad',
  purpose: 'DEBT_ASSISTANCE',
  categories: ['CONTACT', 'ARREARS'],
  validUntil: '2027-11-26',
};

const without = (key: keyof MessageData): MessageData => {
  const copy: Record<string, unknown> = { ...FULL };
  delete copy[key];
  return copy as unknown as MessageData;
};

const plain = (text: string) => text.replace(/\u00a0/g, ' ');

/** The text a PDF shows: its content streams (deflated or not), the strings of every TJ/Tj, in WinAnsi. */
function pdfText(pdf: Buffer): string {
  const WIN_ANSI_80 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
  const decode = (hex: string) =>
    (hex.match(/../g) ?? [])
      .map((pair) => {
        const code = parseInt(pair, 16);
        return code >= 0x80 && code <= 0x9f ? WIN_ANSI_80[code - 0x80]! : String.fromCharCode(code);
      })
      .join('');
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const bytes = Buffer.from(match[1]!, 'latin1');
    let content: string;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1');
    }
    for (const shown of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = shown[1]
        ? [...shown[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => hex[1]!)
        : [shown[2]!];
      lines.push(hexes.map(decode).join(''));
    }
  }
  return lines.join('\n');
}

/** SMS cost in GSM-7 septets (the extension table, € among it, counts double). */
const septets = (text: string) =>
  [...text].reduce((sum, character) => sum + ('^{}\\[~]|€'.includes(character) ? 2 : 1), 0);

describe('message templates', () => {
  it('Dutch and English have exactly the same keys, lists and conditions', () => {
    expect(shapeDifferences(nl, en)).toEqual([]);
    expect(Object.keys(MESSAGE_CATALOGS.nl.messages).sort()).toEqual([...MESSAGE_KINDS].sort());
  });

  it('a translation missing a key is refused when the templates load, naming the key', () => {
    const broken = structuredClone(en) as { messages: Record<string, Record<string, unknown>> };
    delete broken.messages.PAYMENT_REMINDER!.action;
    expect(() => loadCatalogs({ nl, en: broken })).toThrow(/messages\.PAYMENT_REMINDER\.action: missing/);
    const lessBody = structuredClone(en) as { messages: Record<string, { body: unknown[] }> };
    lessBody.messages.PAYMENT_CONFIRMATION!.body.pop();
    expect(() => loadCatalogs({ nl, en: lessBody })).toThrow(/PAYMENT_CONFIRMATION\.body: 2 items ≠ 1 items/);
    const otherCondition = structuredClone(en) as { messages: Record<string, { sms: unknown[] }> };
    otherCondition.messages.PAYMENT_REMINDER!.sms[1] = { when: 'amount', text: 'Call us.' };
    expect(() => loadCatalogs({ nl, en: otherCondition })).toThrow(/sms\[1\]\.when: phone ≠ amount/);
  });

  it('uses the same placeholders in both languages, in every text', () => {
    const texts = (value: unknown, path = ''): [string, string][] =>
      typeof value === 'string'
        ? [[path, value]]
        : Array.isArray(value)
          ? value.flatMap((item, index) => texts(item, `${path}[${index}]`))
          : typeof value === 'object' && value !== null
            ? Object.entries(value).flatMap(([key, item]) => texts(item, path ? `${path}.${key}` : key))
            : [];
    const english = new Map(texts(en));
    for (const [path, dutch] of texts(nl)) {
      expect(placeholdersOf(english.get(path)!).sort(), path).toEqual(placeholdersOf(dutch).sort());
    }
  });

  it('rendering a message whose template is missing in one language throws', async () => {
    const messages: Partial<MessageCatalog['messages']> = { ...MESSAGE_CATALOGS.en.messages };
    delete messages.CONSENT_WORDING;
    const catalogs = {
      nl: MESSAGE_CATALOGS.nl,
      en: { ...MESSAGE_CATALOGS.en, messages: messages as MessageCatalog['messages'] },
    };
    await expect(renderMessage('CONSENT_WORDING', 'nl', FULL, { catalogs })).rejects.toThrow(
      /CONSENT_WORDING is missing for locale en/,
    );
  });

  it('renders every message in both languages with no placeholder left, in letter, PDF and SMS', async () => {
    for (const locale of LOCALES) {
      for (const kind of MESSAGE_KINDS) {
        const rendered = await renderMessage(kind, locale, FULL, { pdf: { compress: false } });
        const label = `${kind} ${locale}`;
        for (const text of [
          rendered.subject,
          rendered.letterHtml,
          pdfText(rendered.letterPdf),
          ...rendered.sms,
        ]) {
          expect(text, label).not.toMatch(/\{\{|\}\}/);
        }
        expect(rendered.letterHtml, label).toContain(`<html lang="${locale}">`);
      }
    }
  });

  it('a datum a message needs but does not have throws instead of leaving a hole', () => {
    expect(() => composeLetter('PAYMENT_CONFIRMATION', 'nl', without('amountCents'))).toThrow(
      /\{\{amount\}\} has no value/,
    );
    expect(() => composeLetter('PAYMENT_REMINDER', 'en', without('dueDate'))).toThrow(/\{\{dueDate\}\}/);
    expect(() => composeSms('CONSENT_WORDING', 'nl', without('recipientName'))).toThrow(
      /\{\{recipientName\}\}/,
    );
    expect(() =>
      composeLetter('MILESTONE_ENCOURAGEMENT', 'nl', { ...FULL, milestone: { kind: 'ON_TIME_STREAK' } }),
    ).toThrow(/\{\{count\}\}/);
    expect(() => composeLetter('MILESTONE_ENCOURAGEMENT', 'nl', without('milestone'))).toThrow(
      MessageTemplateError,
    );
  });

  it('an optional datum only adds or swaps its own sentence', () => {
    const withReward = composeLetter('MILESTONE_ENCOURAGEMENT', 'nl', FULL);
    expect(withReward.body.map(plain)).toContain('Als beloning hoeft u € 25,00 minder te betalen.');
    const noReward = composeLetter('MILESTONE_ENCOURAGEMENT', 'nl', without('rewardCents'));
    expect(noReward.body.join(' ')).not.toContain('beloning');
    expect(composeLetter('PAYMENT_REMINDER', 'nl', FULL).contact.map(plain)).toEqual([
      'Hebt u een vraag? Of lukt iets niet? Bel dan Anna de Vries op 0570 123 456. Wij helpen u graag.',
    ]);
    expect(composeLetter('PAYMENT_REMINDER', 'nl', without('phone')).contact).toEqual([
      'Hebt u een vraag? Of lukt iets niet? Neem dan contact op met Anna de Vries. Wij helpen u graag.',
    ]);
  });

  it('fills in one pass: a value that looks like a placeholder stays text, a broken placeholder throws', () => {
    expect(fillTemplate('Beste {{tenantName}},', { tenantName: '{{amount}}' })).toBe('Beste {{amount}},');
    expect(() => fillTemplate('Beste {{tenantName},', { tenantName: 'X' })).toThrow(/Malformed/);
  });

  it('writes money and dates the Dutch or the English way', () => {
    expect(plain(formatLetterAmount(123_456, 'nl'))).toBe('€ 1.234,56');
    expect(plain(formatLetterAmount(123_456, 'en'))).toBe('€1,234.56');
    expect(formatLetterDate('2026-11-26', 'nl')).toBe('26-11-2026');
    expect(plain(formatLetterDate('2026-11-26', 'en'))).toBe('26 November 2026');
    const letter = composeLetter('PAYMENT_CONFIRMATION', 'nl', FULL);
    expect(plain(letter.body[0]!)).toBe('Op 20-11-2026 hebben wij € 1.234,56 van u ontvangen.');
  });
});

describe('plain Dutch (B1)', () => {
  const sentences = (text: string) =>
    text
      .split(/(?<=[.!?])\s+/)
      .map((sentence) => sentence.trim())
      .filter(Boolean);
  const words = (sentence: string) => sentence.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));

  it('every sentence of every Dutch letter has at most 20 words', () => {
    for (const kind of MESSAGE_KINDS) {
      const letter = composeLetter(kind, 'nl', FULL);
      const texts = [
        letter.subject,
        letter.greeting,
        ...letter.body,
        letter.action,
        letter.statement ?? '',
        ...letter.contact,
      ];
      for (const sentence of texts.flatMap(sentences)) {
        expect(words(plain(sentence)).length, `${kind}: "${sentence}"`).toBeLessThanOrEqual(20);
      }
    }
  });

  it('the reminder asks for exactly one thing, in one sentence; the others say there is nothing to do or what to sign', () => {
    const reminder = composeLetter('PAYMENT_REMINDER', 'nl', FULL);
    expect(sentences(reminder.action)).toHaveLength(1);
    expect(plain(reminder.action)).toBe('Betaal € 1.234,56 uiterlijk op 01-12-2026.');
    expect(composeLetter('PAYMENT_CONFIRMATION', 'nl', FULL).action).toBe('U hoeft niets te doen.');
    expect(composeLetter('MILESTONE_ENCOURAGEMENT', 'nl', FULL).action).toBe('U hoeft niets te doen.');
    expect(composeLetter('CONSENT_WORDING', 'nl', FULL).statement).toBe(
      'Ja, ik vind het goed dat Woonstichting De Linde deze gegevens deelt met Gemeente Rivierstad.',
    );
  });
});

describe('SMS', () => {
  it('fits one message when it can, counting € double', () => {
    for (const locale of LOCALES) {
      for (const kind of MESSAGE_KINDS) {
        const sms = composeSms(kind, locale, FULL);
        expect(sms, `${kind} ${locale}`).toHaveLength(1);
        expect(septets(sms[0]!)).toBeLessThanOrEqual(SMS_GSM7_LIMIT);
        expect(isGsm7(sms[0]!)).toBe(true);
      }
    }
    expect(composeSms('PAYMENT_CONFIRMATION', 'nl', FULL)).toEqual([
      'Woonstichting De Linde: Wij hebben uw betaling van € 1.234,56 ontvangen op 20-11-2026. Dank u wel! U hoeft niets te doen.',
    ]);
  });

  it('splits a longer text into numbered parts of at most 160, between words only', () => {
    const long = composeSms('CONSENT_WORDING', 'nl', {
      ...FULL,
      organizationName:
        'Stichting Woningcorporatie De Linde en Omstreken voor Wonen, Welzijn en Leefbaarheid',
      recipientName: 'Kredietbank Rivierstad, afdeling Schuldhulpverlening en Budgetbeheer',
    });
    expect(long.length).toBeGreaterThan(1);
    long.forEach((part, index) => {
      expect(part.startsWith(`(${index + 1}/${long.length}) `)).toBe(true);
      expect(septets(part)).toBeLessThanOrEqual(SMS_GSM7_LIMIT);
    });
    const rejoined = long.map((part) => part.replace(/^\(\d+\/\d+\) /, '')).join(' ');
    const whole = toGsm7(
      'Stichting Woningcorporatie De Linde en Omstreken voor Wonen, Welzijn en Leefbaarheid: Kredietbank Rivierstad, ' +
        'afdeling Schuldhulpverlening en Budgetbeheer wil u helpen met uw schulden. Daarvoor vragen wij uw toestemming. Lees onze brief hierover.',
    );
    expect(rejoined).toBe(whole);
  });

  it('numbers many parts correctly and never cuts a word', () => {
    const text = Array.from({ length: 120 }, (_, index) => `woord${index}`).join(' ');
    const parts = splitSms(text);
    expect(parts.length).toBeGreaterThanOrEqual(7);
    parts.forEach((part, index) => {
      expect(part).toMatch(new RegExp(`^\\(${index + 1}/${parts.length}\\) `));
      expect(part.length).toBeLessThanOrEqual(SMS_GSM7_LIMIT);
    });
    expect(parts.flatMap((part) => part.replace(/^\(\d+\/\d+\) /, '').split(' '))).toEqual(text.split(' '));
  });

  it('keeps an amount in one piece and writes accents GSM-7 lacks without them', () => {
    expect(toGsm7('Zoë Çelik – “vóór” 1 mei')).toBe('Zoe Çelik - "voor" 1 mei');
    const text = `${'x'.repeat(150)} € 1.234,56`.replace('€ ', '€\u00a0');
    const parts = splitSms(text);
    expect(parts[1]).toBe('(2/2) € 1.234,56');
  });

  it('falls back to 70 characters per part when a character has no GSM-7 form', () => {
    const parts = splitSms(`王小明: ${'Wij hebben uw betaling ontvangen. Dank u wel! '.repeat(3)}`);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(SMS_UCS2_LIMIT);
  });
});

describe('the printable letter', () => {
  it('escapes every value in the HTML', async () => {
    const rendered = await renderMessage('PAYMENT_CONFIRMATION', 'nl', {
      ...FULL,
      tenantName: '<script>alert("x")</script>',
      address: ['<script>alert("x")</script>', 'Straat 1', '9999 ZZ  RIVIERSTAD'],
      organizationName: 'De Linde & Co <b>',
    });
    expect(rendered.letterHtml).not.toContain('<script>');
    expect(rendered.letterHtml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(rendered.letterHtml).toContain('De Linde &amp; Co &lt;b&gt;');
    expect(rendered.letterHtml).toMatch(/^<!DOCTYPE html>\n<html lang="nl">/);
    expect(rendered.letterHtml).toContain('@page { size: A4;');
  });

  it('is a PDF with the tenant’s name, the amount and the one action in it', async () => {
    for (const compress of [false, true]) {
      const { letterPdf } = await renderMessage('PAYMENT_REMINDER', 'nl', FULL, { pdf: { compress } });
      expect(letterPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = plain(pdfText(letterPdf));
      expect(text).toContain('Fatima el Amrani');
      expect(text).toContain('Betaal € 1.234,56 uiterlijk op 01-12-2026.');
      expect(text).toContain('Woonstichting De Linde');
    }
  });

  it('writes what the PDF fonts cannot show without accents, never as garbage', () => {
    expect(toWinAnsi('Şahin Yıldız – € 5')).toBe('Sahin Yildiz – € 5');
    expect(toWinAnsi('王')).toBe('?');
  });
});

const RENDER = `query ($input: RenderMessageInput!) {
  renderMessage(input: $input) { kind locale subject text templateVersion letterHtml letterPdfBase64 sms }
}`;

interface Rendered {
  renderMessage: {
    kind: MessageKind;
    locale: Locale;
    subject: string;
    text: string;
    templateVersion: string;
    letterHtml: string;
    letterPdfBase64: string;
    sms: string[];
  };
}

describe('renderMessage through the API', () => {
  let database: TestDatabase;
  let app: TestApp;
  const clients = new Map<string, TestClient>();

  async function as(email: string): Promise<TestClient> {
    let client = clients.get(email);
    if (!client) {
      client = app.client();
      expect((await client.login(email)).errors).toBeUndefined();
      clients.set(email, client);
    }
    return client;
  }

  const render = async (email: string, input: Record<string, unknown>): Promise<GraphQLResponse<Rendered>> =>
    (await as(email)).gql<Rendered>(RENDER, { input });

  const audit = (caseId: string, action: string) =>
    database.query<{ categories: string; basis: string | null; actor_user_id: string }>(
      `SELECT categories::text, basis, actor_user_id FROM audit_event WHERE case_id = $1 AND action = $2 ORDER BY seq`,
      [caseId, action],
    );

  async function withArrangement(caseId: string) {
    const today = testToday();
    const [arrangement] = await database.query<{ id: string }>(
      `INSERT INTO payment_arrangement (case_id, total_cents, instalment_count, instalment_cents, start_date, due_day, origin_org_id, created_by_id)
       VALUES ($1, 60000, 6, 10000, $2, 1, $3, $4) RETURNING id`,
      [caseId, addCalendarDays(today, -100), DEMO_ORG.delinde, demoUserId('anna@delinde.example')],
    );
    const rows: [number, string, string | null, number | null][] = [
      [1, 'PAID_ON_TIME', addCalendarDays(today, -95), 10_000],
      [2, 'PAID_ON_TIME', addCalendarDays(today, -65), 10_000],
      [3, 'PAID_ON_TIME', addCalendarDays(today, -34), 9_950],
      [4, 'DUE', null, null],
      [5, 'DUE', null, null],
      [6, 'DUE', null, null],
    ];
    for (const [sequence, status, paidOn, paidCents] of rows) {
      await database.query(
        `INSERT INTO instalment (arrangement_id, case_id, sequence, due_on, amount_cents, status, paid_on, paid_cents, origin_org_id)
         VALUES ($1, $2, $3, $4, 10000, $5, $6, $7, $8)`,
        [
          arrangement!.id,
          caseId,
          sequence,
          addCalendarDays(today, 30 * sequence - 95),
          status,
          paidOn,
          paidCents,
          DEMO_ORG.delinde,
        ],
      );
    }
    await database.query(
      `INSERT INTO arrangement_milestone (arrangement_id, case_id, kind, reached_at_sequence, reached_on, reward_description, reward_cents,
                                         reward_status, decided_by_id, decided_at, origin_org_id)
       VALUES ($1, $2, 'ON_TIME_STREAK', 3, $3, 'Incassokosten kwijtschelden', 4000, 'CONFIRMED', $4, ${TEST_NOW_SQL}, $5)`,
      [
        arrangement!.id,
        caseId,
        addCalendarDays(today, -34),
        demoUserId('tom@delinde.example'),
        DEMO_ORG.delinde,
      ],
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const bsnKey = randomBytes(32);
    await seedDemoWorld(database.system, { bsnKey, today: TEST_NOW });
    app = await startTestApp(database.dataSource, { bsnKey });
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('the corporation writes a reminder in the tenant’s language from the amount it gives; the read is audited', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'SIGNALLED' });
    const dueDate = addCalendarDays(testToday(), 7);
    const result = await render('anna@delinde.example', {
      caseId: created.id,
      kind: 'PAYMENT_REMINDER',
      amountCents: 12_550,
      dueDate,
      senderPhone: '0570 123 456',
    });
    expect(result.errors).toBeUndefined();
    const message = result.data!.renderMessage;
    const due = formatLetterDate(dueDate, 'nl');
    expect(message).toMatchObject({ kind: 'PAYMENT_REMINDER', locale: 'nl' });
    expect(plain(message.subject)).toBe(`Herinnering: betaal € 125,50 uiterlijk op ${due}`);
    expect(message.letterHtml).toContain('T. Testhuurder');
    expect(message.letterHtml).toContain('Proefstraat 1');
    expect(message.letterHtml).toContain('9999 ZZ  RIVIERSTAD');
    expect(message.letterHtml).toContain('Anna');
    expect(message.sms).toEqual([
      `Woonstichting De Linde: Vriendelijke herinnering. Betaal € 125,50 uiterlijk op ${due}. Lukt dat niet? Bel ons op 0570 123 456.`,
    ]);
    const pdf = Buffer.from(message.letterPdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(plain(pdfText(pdf))).toContain('T. Testhuurder');
    expect(await audit(created.id, 'READ')).toEqual([
      { categories: '{CONTACT}', basis: 'ORIGIN', actor_user_id: demoUserId('anna@delinde.example') },
    ]);
  });

  it('an organisation that may not see the contact details gets no letter, and the attempt is on record', async () => {
    const created = await createCaseIn(database.dataSource, {
      status: 'REFERRED',
      with: ['rivierstad', 'kredietbank'],
    });
    const result = await render('sanne@kredietbank.example', {
      caseId: created.id,
      kind: 'PAYMENT_REMINDER',
      amountCents: 10_000,
      dueDate: addCalendarDays(testToday(), 3),
    });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ message: CONTACT_REFUSAL, extensions: { code: 'FORBIDDEN' } });
    expect(await audit(created.id, 'READ')).toEqual([]);
    expect(await audit(created.id, 'ACCESS_DENIED')).toEqual([
      { categories: '{CONTACT}', basis: null, actor_user_id: demoUserId('sanne@kredietbank.example') },
    ]);
  });

  it('a case the user may not see answers exactly like one that does not exist', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'SIGNALLED' });
    const input = { kind: 'PAYMENT_CONFIRMATION', amountCents: 100, paidOn: testToday() };
    const hidden = await render('bram@woonbronoost.example', { ...input, caseId: created.id });
    const missing = await render('bram@woonbronoost.example', {
      ...input,
      caseId: '00000000-0000-4000-8000-000000000000',
    });
    expect(hidden.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(hidden.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
  });

  it('takes the payment, the next instalment and the milestone from the arrangement when the input leaves them out', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'ADMITTED' });
    await withArrangement(created.id);
    const today = testToday();

    const confirmation = await render('anna@delinde.example', {
      caseId: created.id,
      kind: 'PAYMENT_CONFIRMATION',
    });
    expect(confirmation.errors).toBeUndefined();
    expect(plain(confirmation.data!.renderMessage.sms[0]!)).toContain(
      `betaling van € 99,50 ontvangen op ${formatLetterDate(addCalendarDays(today, -34), 'nl')}`,
    );

    const reminder = await render('anna@delinde.example', {
      caseId: created.id,
      kind: 'PAYMENT_REMINDER',
      locale: 'en',
    });
    expect(reminder.errors).toBeUndefined();
    expect(plain(reminder.data!.renderMessage.subject)).toBe(
      `Reminder: please pay €100.00 by ${plain(formatLetterDate(addCalendarDays(today, 25), 'en'))}`,
    );

    const milestone = await render('anna@delinde.example', {
      caseId: created.id,
      kind: 'MILESTONE_ENCOURAGEMENT',
    });
    expect(milestone.errors).toBeUndefined();
    const html = plain(milestone.data!.renderMessage.letterHtml);
    expect(html).toContain('U hebt 3 keer op rij op tijd betaald. Dat is heel goed!');
    expect(html).toContain('Als beloning hoeft u € 40,00 minder te betalen.');

    // One read event per request, both categories on the corporation's own data.
    expect(await audit(created.id, 'READ')).toEqual(
      Array.from({ length: 3 }, () => ({
        categories: '{ARRANGEMENT,CONTACT}',
        basis: 'ORIGIN',
        actor_user_id: demoUserId('anna@delinde.example'),
      })),
    );
  });

  it('without the arrangement’s category the user is asked to fill in the payment data', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'ADMITTED' });
    await withArrangement(created.id);
    const refused = await render('mehmet@rivierstad.example', {
      caseId: created.id,
      kind: 'PAYMENT_CONFIRMATION',
    });
    expect(refused.errors?.[0]).toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        fieldErrors: { amountCents: 'Vul dit zelf in.', paidOn: 'Vul dit zelf in.' },
      },
    });
    const given = await render('mehmet@rivierstad.example', {
      caseId: created.id,
      kind: 'PAYMENT_CONFIRMATION',
      amountCents: 5_000,
      paidOn: testToday(),
    });
    expect(given.errors).toBeUndefined();
    expect(given.data!.renderMessage.letterHtml).toContain('Gemeente Rivierstad');
  });

  it('writes the consent wording for an organisation on the case, and refuses a purpose it does not serve', async () => {
    const created = await createCaseIn(database.dataSource, {
      status: 'REFERRED',
      with: ['rivierstad', 'kredietbank'],
    });
    const wording = await render('anna@delinde.example', {
      caseId: created.id,
      kind: 'CONSENT_WORDING',
      locale: 'en',
      recipientOrgId: DEMO_ORG.kredietbank,
      purpose: 'ARRANGEMENT_COORDINATION',
      categories: ['CONTACT', 'ARREARS', 'ARRANGEMENT'],
    });
    expect(wording.errors).toBeUndefined();
    const message = wording.data!.renderMessage;
    expect(message.subject).toBe('May we share your details with Kredietbank Rivierstad?');
    expect(message.letterHtml).toContain(
      'For this, they need these details from you: your name, address and phone number, your rent arrears and your payment plan.',
    );
    expect(message.letterHtml).toContain('<html lang="en">');
    // The words on screen and kept with the consent are the letter's own, with their template version.
    expect(message.text).toContain('May we share your details with Kredietbank Rivierstad?');
    expect(message.text).toContain(
      'your name, address and phone number, your rent arrears and your payment plan',
    );
    expect(message.text).toMatch(/Your consent is valid up to and including \d{1,2}\s\w+\s\d{4}\./);
    expect(message.templateVersion).toMatch(/^CONSENT_WORDING-en-[0-9a-f]{12}$/);
    // A last valid day some months after the tests' moment, written the Dutch way by hand.
    const validUntil = addCalendarDays(testToday(), 120);
    const [year, month, day] = validUntil.split('-');
    const dutch = await render('anna@delinde.example', {
      caseId: created.id,
      kind: 'CONSENT_WORDING',
      locale: 'nl',
      recipientOrgId: DEMO_ORG.kredietbank,
      purpose: 'ARRANGEMENT_COORDINATION',
      categories: ['ARRANGEMENT'],
      validUntil,
    });
    expect(dutch.data!.renderMessage.text).toContain(
      `Uw toestemming geldt tot en met ${day}-${month}-${year}.`,
    );
    expect(dutch.data!.renderMessage.templateVersion).toMatch(/^CONSENT_WORDING-nl-[0-9a-f]{12}$/);

    const wrongPurpose = await render('anna@delinde.example', {
      caseId: created.id,
      kind: 'CONSENT_WORDING',
      recipientOrgId: DEMO_ORG.kredietbank,
      purpose: 'EVICTION_PREVENTION',
      categories: ['CONTACT'],
    });
    expect(wrongPurpose.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { purpose: expect.any(String) as unknown },
    });

    const incomplete = await render('anna@delinde.example', { caseId: created.id, kind: 'CONSENT_WORDING' });
    expect(Object.keys(incomplete.errors?.[0]?.extensions?.fieldErrors as object).sort()).toEqual([
      'categories',
      'purpose',
      'recipientOrgId',
    ]);
  });

  it('refuses bad input with a Dutch message per field', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'SIGNALLED' });
    const result = await render('anna@delinde.example', {
      caseId: created.id,
      kind: 'PAYMENT_REMINDER',
      amountCents: -5,
      dueDate: addCalendarDays(testToday(), -1),
      senderPhone: 'bel maar',
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: {
        amountCents: 'Het bedrag kan niet negatief zijn.',
        dueDate: `Deze datum ligt te vroeg. Kies een datum vanaf ${testToday()}.`,
        senderPhone: 'Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678.',
      },
      fieldIssues: [
        { field: 'amountCents', code: 'AMOUNT_TOO_SMALL', params: { min: 1 } },
        { field: 'dueDate', code: 'DATE_TOO_EARLY', params: { min: testToday() } },
        { field: 'senderPhone', code: 'INVALID_PHONE', params: {} },
      ],
    });
  });
});
