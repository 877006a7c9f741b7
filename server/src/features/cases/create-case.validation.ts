import {
  LOCALES,
  PREFERRED_CHANNELS,
  type Locale,
  type PreferredChannel,
  isCalendarDate,
  type CalendarDate,
} from '@vangnet/shared';

/**
 * Checks and normalises what a corporation enters about a tenant, a tenancy and arrears — by hand
 * (createCase) or from its ERP (the arrears import). Messages are Dutch at B1 level and name the field.
 */
export type FieldErrors = Record<string, string>;

const POSTCODE = /^[1-9][0-9]{3}[A-Z]{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{5,28}$/;
const MUNICIPALITY_CODE = /^[0-9]{4}$/;
export const MAX_MONTHS_IN_ARREARS = 240;
const EARLIEST_DATE = '1900-01-01';

/** Trimmed, inner whitespace collapsed; empty means absent. */
export function cleanText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const cleaned = value.replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

/** "1234 ab" → "1234AB"; null when it is not a Dutch postcode. */
export function normalisePostcode(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  return POSTCODE.test(compact) ? compact : null;
}

export interface NameAndAddress {
  initials: string;
  prefix: string | null;
  surname: string;
  street: string;
  houseNumber: number;
  houseNumberAddition: string | null;
  postcode: string;
  city: string;
}

export interface NameAndAddressInput {
  initials?: string | null;
  prefix?: string | null;
  surname?: string | null;
  street?: string | null;
  houseNumber?: number | null;
  houseNumberAddition?: string | null;
  postcode?: string | null;
  city?: string | null;
}

/** `key` names a field in the error map (e.g. "tenant.postcode", or a CSV column). */
export function checkNameAndAddress(
  input: NameAndAddressInput,
  errors: FieldErrors,
  key: (field: keyof NameAndAddress) => string,
): NameAndAddress {
  const text = (field: keyof NameAndAddress, max: number, missing: string | null): string | null => {
    const value = cleanText(input[field] as string | null | undefined);
    if (value === null) {
      if (missing) errors[key(field)] = missing;
      return null;
    }
    if (value.length > max) errors[key(field)] = `Hoogstens ${max} tekens.`;
    return value;
  };
  const initials = text('initials', 20, 'Vul de voorletters in.');
  const prefix = text('prefix', 20, null);
  const surname = text('surname', 200, 'Vul de achternaam in.');
  const street = text('street', 200, 'Vul de straat in.');
  const houseNumberAddition = text('houseNumberAddition', 10, null);
  const city = text('city', 100, 'Vul de woonplaats in.');
  const houseNumber = input.houseNumber;
  if (houseNumber === null || houseNumber === undefined || !Number.isInteger(houseNumber) || houseNumber < 1)
    errors[key('houseNumber')] = 'Vul een huisnummer in: een getal vanaf 1.';
  else if (houseNumber > 99_999) errors[key('houseNumber')] = 'Dit huisnummer is te groot.';
  const postcode = normalisePostcode(input.postcode);
  if (!postcode) errors[key('postcode')] = 'Vul een geldige postcode in, zoals 1234 AB.';
  return {
    initials: initials ?? '',
    prefix,
    surname: surname ?? '',
    street: street ?? '',
    houseNumber: houseNumber ?? 0,
    houseNumberAddition,
    postcode: postcode ?? '',
    city: city ?? '',
  };
}

/** A calendar date that has happened: not in the future, not before 1900. */
export function checkPastDate(
  value: string | null | undefined,
  today: CalendarDate,
  errors: FieldErrors,
  key: string,
  options: { required: boolean },
): CalendarDate | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') {
    if (options.required) errors[key] = 'Vul een datum in (jjjj-mm-dd).';
    return null;
  }
  if (!isCalendarDate(trimmed)) {
    errors[key] = 'Vul een geldige datum in (jjjj-mm-dd).';
    return null;
  }
  if (trimmed > today) {
    errors[key] = 'Deze datum ligt in de toekomst.';
    return null;
  }
  if (trimmed < EARLIEST_DATE) {
    errors[key] = 'Deze datum ligt te ver in het verleden.';
    return null;
  }
  return trimmed;
}

export function checkCents(value: number, errors: FieldErrors, key: string, label: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    errors[key] = `${label} moet een bedrag van 0 of meer zijn (in centen).`;
  return value;
}

export function checkMonths(value: number, errors: FieldErrors, key: string): number {
  if (!Number.isInteger(value) || value < 0)
    errors[key] = 'Vul het aantal maanden achterstand in: 0 of meer.';
  else if (value > MAX_MONTHS_IN_ARREARS)
    errors[key] = `Hoogstens ${MAX_MONTHS_IN_ARREARS} maanden achterstand.`;
  return value;
}

export interface ContactExtras {
  birthDate: CalendarDate | null;
  phone: string | null;
  email: string | null;
  preferredChannel: PreferredChannel | null;
  language: Locale;
  municipalityCode: string | null;
}

export function checkContactExtras(
  input: {
    birthDate?: string | null;
    phone?: string | null;
    email?: string | null;
    preferredChannel?: PreferredChannel | null;
    language?: Locale | null;
    municipalityCode?: string | null;
  },
  today: CalendarDate,
  errors: FieldErrors,
  key: (field: keyof ContactExtras) => string,
): ContactExtras {
  const birthDate = checkPastDate(input.birthDate, today, errors, key('birthDate'), { required: false });
  const phone = cleanText(input.phone);
  if (phone !== null && !PHONE.test(phone))
    errors[key('phone')] = 'Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678.';
  const email = cleanText(input.email)?.toLowerCase() ?? null;
  if (email !== null && (email.length > 320 || !EMAIL.test(email)))
    errors[key('email')] = 'Vul een geldig e-mailadres in.';
  const preferredChannel = input.preferredChannel ?? null;
  if (preferredChannel !== null && !PREFERRED_CHANNELS.includes(preferredChannel))
    errors[key('preferredChannel')] = 'Onbekend kanaal.';
  const language = input.language ?? 'nl';
  if (!LOCALES.includes(language)) errors[key('language')] = 'Kies Nederlands of Engels.';
  const municipalityCode = cleanText(input.municipalityCode);
  if (municipalityCode !== null && !MUNICIPALITY_CODE.test(municipalityCode))
    errors[key('municipalityCode')] = 'Een gemeentecode heeft vier cijfers, bijvoorbeeld 0363.';
  return { birthDate, phone, email, preferredChannel, language, municipalityCode };
}
