import { CONSENT_PURPOSES, DATA_CATEGORIES, LOCALES, type Locale } from '@vangnet/shared';
import { z } from 'zod';
import en from './templates/en.json' with { type: 'json' };
import nl from './templates/nl.json' with { type: 'json' };

/**
 * The tenant-facing texts of docs/product.md §4 "Simple message", as resource files per locale
 * (`templates/nl.json`, `templates/en.json`). A text holds `{{placeholder}}` fields; a paragraph can be
 * conditional on a datum (`{ "when": "reward", "text": … }` only when there is a reward, `unless` the
 * opposite). Both files must have exactly the same keys: `assertSameShape` checks that when this module
 * loads, so a missing translation stops the server instead of reaching a tenant.
 */

export const MESSAGE_KINDS = Object.freeze([
  'PAYMENT_CONFIRMATION',
  'MILESTONE_ENCOURAGEMENT',
  'PAYMENT_REMINDER',
  'CONSENT_WORDING',
] as const);
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_MILESTONES = Object.freeze(['ON_TIME_STREAK', 'COMPLETED'] as const);
export type MessageMilestone = (typeof MESSAGE_MILESTONES)[number];

export class MessageTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessageTemplateError';
  }
}

const text = z.string().min(1);
const part = z.union([text, z.strictObject({ when: text, text }), z.strictObject({ unless: text, text })]);
export type TemplatePart = z.infer<typeof part>;

const messageTemplate = z.strictObject({
  subject: text,
  body: z.array(part).min(1),
  /** The one thing the tenant has to do — or that there is nothing to do. One message, one action. */
  action: text,
  /** Consent only: the sentence the tenant signs. */
  statement: text.optional(),
  sms: z.array(part).min(1),
});
export type MessageTemplate = z.infer<typeof messageTemplate>;

const record = <K extends string>(keys: readonly K[]) =>
  z.strictObject(Object.fromEntries(keys.map((key) => [key, text])) as Record<K, typeof text>);

const catalog = z.strictObject({
  letter: z.strictObject({
    greeting: text,
    dateLabel: text,
    actionHeading: text,
    contact: z.array(part).min(1),
    closing: text,
    signatureFields: z.array(text).min(1),
  }),
  milestones: record(MESSAGE_MILESTONES),
  purposes: record(CONSENT_PURPOSES),
  categories: record(DATA_CATEGORIES),
  messages: z.strictObject(
    Object.fromEntries(MESSAGE_KINDS.map((kind) => [kind, messageTemplate])) as Record<
      MessageKind,
      typeof messageTemplate
    >,
  ),
});
export type MessageCatalog = z.infer<typeof catalog>;
export type MessageCatalogs = Readonly<Record<Locale, MessageCatalog>>;

/** Where two resource trees differ in shape (keys, list lengths, kinds of value); empty when they agree. */
export function shapeDifferences(a: unknown, b: unknown, path = ''): string[] {
  const kind = (value: unknown) => (Array.isArray(value) ? 'list' : value === null ? 'null' : typeof value);
  if (kind(a) !== kind(b)) return [`${path || '(root)'}: ${kind(a)} ≠ ${kind(b)}`];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: ${a.length} items ≠ ${b.length} items`];
    return a.flatMap((item, index) => shapeDifferences(item, b[index], `${path}[${index}]`));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
    return keys.flatMap((key) => {
      const at = path ? `${path}.${key}` : key;
      if (!(key in left)) return [`${at}: missing in the first`];
      if (!(key in right)) return [`${at}: missing in the second`];
      // A condition names a datum, not words: it must be the same in every language.
      if ((key === 'when' || key === 'unless') && left[key] !== right[key])
        return [`${at}: ${String(left[key])} ≠ ${String(right[key])}`];
      return shapeDifferences(left[key], right[key], at);
    });
  }
  return [];
}

/** Validates resource files: each one complete, and all with the same keys as the Dutch one. */
export function loadCatalogs(raw: Readonly<Record<Locale, unknown>>): MessageCatalogs {
  const parsed = {} as Record<Locale, MessageCatalog>;
  for (const locale of LOCALES) {
    const differences = shapeDifferences(raw.nl, raw[locale]);
    if (differences.length > 0)
      throw new MessageTemplateError(
        `templates/${locale}.json differs from nl.json: ${differences.join('; ')}`,
      );
    const result = catalog.safeParse(raw[locale]);
    if (!result.success)
      throw new MessageTemplateError(
        `templates/${locale}.json is not valid: ${z.prettifyError(result.error)}`,
      );
    parsed[locale] = result.data;
  }
  return Object.freeze(parsed);
}

export const MESSAGE_CATALOGS: MessageCatalogs = loadCatalogs({ nl, en });

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** The placeholders a text uses, in order of appearance. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

/**
 * Fills `{{name}}` fields in one pass (a value that itself contains braces is never read as a field).
 * A field without a value, or a stray `{{` / `}}`, throws: a letter with a hole in it never goes out.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string | undefined>>): string {
  const literal = template.split(PLACEHOLDER).filter((_, index) => index % 2 === 0);
  if (literal.some((segment) => segment.includes('{{') || segment.includes('}}')))
    throw new MessageTemplateError(`Malformed placeholder in "${template}"`);
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new MessageTemplateError(`Placeholder {{${name}}} has no value`);
    return value;
  });
}

/** The texts of the parts that apply to these values (conditions test whether a datum is present). */
export function applicableParts(
  parts: readonly TemplatePart[],
  values: Readonly<Record<string, string | undefined>>,
): string[] {
  return parts.flatMap((item) => {
    if (typeof item === 'string') return [item];
    if ('when' in item) return values[item.when] !== undefined ? [item.text] : [];
    return values[item.unless] === undefined ? [item.text] : [];
  });
}
