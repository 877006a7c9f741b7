import { createHash } from 'node:crypto';
import {
  LOCALES,
  formatEuroCents,
  toCalendarDate,
  type ConsentPurpose,
  type DataCategory,
  type Locale,
} from '@vangnet/shared';
import { letterHtml } from './letter-html.js';
import { letterPdf, type PdfOptions } from './letter-pdf.js';
import {
  MESSAGE_CATALOGS,
  MessageTemplateError,
  applicableParts,
  fillTemplate,
  type MessageCatalogs,
  type MessageKind,
  type MessageMilestone,
} from './message-templates.js';
import { splitSms } from './sms.js';

/** The case data a message is made from, unformatted: the renderer formats it for the locale. */
export interface MessageData {
  readonly tenantName: string;
  /** The address block: name, street and number, postcode and city. */
  readonly address: readonly string[];
  /** The sending organisation and the person who signs. */
  readonly organizationName: string;
  readonly senderName: string;
  readonly phone?: string;
  /** The letter's date, YYYY-MM-DD. */
  readonly date: string;
  readonly amountCents?: number;
  readonly paidOn?: string;
  readonly dueDate?: string;
  readonly milestone?: { readonly kind: MessageMilestone; readonly count?: number };
  readonly rewardCents?: number;
  readonly recipientName?: string;
  readonly purpose?: ConsentPurpose;
  readonly categories?: readonly DataCategory[];
  /** A consent's last day, YYYY-MM-DD. */
  readonly validUntil?: string;
}

/** A letter with every text filled in: what the HTML and PDF writers lay out. */
export interface Letter {
  readonly subject: string;
  readonly organizationName: string;
  readonly senderName: string;
  readonly recipient: readonly string[];
  readonly dateLabel: string;
  readonly date: string;
  readonly isoDate: string;
  readonly greeting: string;
  readonly body: readonly string[];
  readonly actionHeading: string;
  readonly action: string;
  readonly statement: string | null;
  readonly signatureFields: readonly string[];
  readonly contact: readonly string[];
  readonly closing: string;
}

export interface RenderedMessage {
  readonly subject: string;
  /** The letter's own words as plain text: what is shown on screen and kept with a consent. */
  readonly text: string;
  /** Changes whenever the template's words change (a hash of them), so a kept text names its version. */
  readonly templateVersion: string;
  readonly letterHtml: string;
  readonly letterPdf: Buffer;
  readonly sms: string[];
}

const NO_BREAK = '\u00a0';
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Dutch: 26-11-2026; English: 26 November 2026 (never the ambiguous 11/26). */
export function formatLetterDate(date: string, locale: Locale): string {
  const [year, month, day] = toCalendarDate(date).split('-') as [string, string, string];
  if (locale === 'nl') return `${day}-${month}-${year}`;
  return [String(Number(day)), MONTHS_EN[Number(month) - 1]!, year].join(NO_BREAK);
}

/** Dutch: € 1.234,56; English: €1,234.56 — with a no-break space, so the amount stays on one line. */
export function formatLetterAmount(cents: number, locale: Locale): string {
  return formatEuroCents(cents, locale).replace(/\s/g, NO_BREAK);
}

function joinList(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'long',
    type: 'conjunction',
  }).format(items);
}

/**
 * Renders one message in one locale: subject, printable letter (HTML and PDF) and SMS parts. Throws
 * MessageTemplateError when the template is missing in any locale or a placeholder it uses has no value.
 */
export async function renderMessage(
  kind: MessageKind,
  locale: Locale,
  data: MessageData,
  options: { catalogs?: MessageCatalogs; pdf?: PdfOptions } = {},
): Promise<RenderedMessage> {
  const letter = composeLetter(kind, locale, data, options.catalogs ?? MESSAGE_CATALOGS);
  return {
    subject: letter.subject,
    text: plainText(letter),
    templateVersion: templateVersion(kind, locale, options.catalogs ?? MESSAGE_CATALOGS),
    letterHtml: letterHtml(letter, locale),
    letterPdf: await letterPdf(letter, locale, options.pdf),
    sms: composeSms(kind, locale, data, options.catalogs ?? MESSAGE_CATALOGS),
  };
}

/** Subject, body, action and statement, one paragraph each. */
export function plainText(letter: Letter): string {
  return [
    letter.subject,
    ...letter.body,
    letter.action,
    ...(letter.statement ? [letter.statement] : []),
  ].join('\n\n');
}

/** `CONSENT_WORDING-nl-<12 hex>`: the hash covers every catalog text the message can use in that locale. */
export function templateVersion(
  kind: MessageKind,
  locale: Locale,
  catalogs: MessageCatalogs = MESSAGE_CATALOGS,
): string {
  const { catalog, template } = templatesFor(kind, locale, catalogs);
  const words = JSON.stringify([
    template,
    catalog.letter,
    catalog.purposes,
    catalog.categories,
    catalog.milestones,
  ]);
  return `${kind}-${locale}-${createHash('sha256').update(words).digest('hex').slice(0, 12)}`;
}

function templatesFor(kind: MessageKind, locale: Locale, catalogs: MessageCatalogs) {
  for (const other of LOCALES) {
    if (!catalogs[other]?.messages?.[kind])
      throw new MessageTemplateError(`Template ${kind} is missing for locale ${other}`);
  }
  const catalog = catalogs[locale];
  return { catalog, template: catalog.messages[kind] };
}

function valuesFor(
  kind: MessageKind,
  locale: Locale,
  data: MessageData,
  catalogs: MessageCatalogs,
): Record<string, string | undefined> {
  const { catalog } = templatesFor(kind, locale, catalogs);
  const milestone = data.milestone
    ? fillTemplate(catalog.milestones[data.milestone.kind], {
        count: data.milestone.count === undefined ? undefined : String(data.milestone.count),
      })
    : undefined;
  return {
    tenantName: data.tenantName,
    organizationName: data.organizationName,
    senderName: data.senderName,
    phone: data.phone,
    date: formatLetterDate(data.date, locale),
    amount: data.amountCents === undefined ? undefined : formatLetterAmount(data.amountCents, locale),
    paidOn: data.paidOn === undefined ? undefined : formatLetterDate(data.paidOn, locale),
    dueDate: data.dueDate === undefined ? undefined : formatLetterDate(data.dueDate, locale),
    milestone,
    reward:
      data.rewardCents === undefined || data.rewardCents <= 0
        ? undefined
        : formatLetterAmount(data.rewardCents, locale),
    recipientName: data.recipientName,
    validUntil: data.validUntil === undefined ? undefined : formatLetterDate(data.validUntil, locale),
    purpose: data.purpose === undefined ? undefined : catalog.purposes[data.purpose],
    categories:
      data.categories === undefined || data.categories.length === 0
        ? undefined
        : joinList(
            data.categories.map((category) => catalog.categories[category]),
            locale,
          ),
  };
}

export function composeLetter(
  kind: MessageKind,
  locale: Locale,
  data: MessageData,
  catalogs: MessageCatalogs = MESSAGE_CATALOGS,
): Letter {
  const { catalog, template } = templatesFor(kind, locale, catalogs);
  const values = valuesFor(kind, locale, data, catalogs);
  const fill = (text: string) => fillTemplate(text, values);
  return {
    subject: fill(template.subject),
    organizationName: data.organizationName,
    senderName: data.senderName,
    recipient: data.address,
    dateLabel: catalog.letter.dateLabel,
    date: formatLetterDate(data.date, locale),
    isoDate: toCalendarDate(data.date),
    greeting: fill(catalog.letter.greeting),
    body: applicableParts(template.body, values).map(fill),
    actionHeading: catalog.letter.actionHeading,
    action: fill(template.action),
    statement: template.statement ? fill(template.statement) : null,
    signatureFields: catalog.letter.signatureFields,
    contact: applicableParts(catalog.letter.contact, values).map(fill),
    closing: catalog.letter.closing,
  };
}

export function composeSms(
  kind: MessageKind,
  locale: Locale,
  data: MessageData,
  catalogs: MessageCatalogs = MESSAGE_CATALOGS,
): string[] {
  const { template } = templatesFor(kind, locale, catalogs);
  const values = valuesFor(kind, locale, data, catalogs);
  return splitSms(
    applicableParts(template.sms, values)
      .map((text) => fillTemplate(text, values))
      .join(' '),
  );
}
