import * as z from 'zod/mini';
import type { CalendarDate } from '../../deadlines/calendar-dates.js';
import { LOCALES, PREFERRED_CHANNELS } from '../../enums.js';
import {
  birthDateRange,
  optionalEmail,
  optionalMunicipalityCode,
  optionalChoice,
  optionalDate,
  optionalText,
  pastCaseDateRange,
  optionalPhone,
  postcode,
  requiredCents,
  requiredDate,
  requiredText,
  requiredWholeNumber,
} from '../fields.js';

/** The longest arrears a dossier records: twenty years of missed rent. */
export const MAX_MONTHS_IN_ARREARS = 240;
/** No social-housing rent comes near ten thousand euro a month. */
export const MAX_MONTHLY_RENT_CENTS = 1_000_000;

/** Name and address of a tenant, as a corporation records them (by hand or from its ERP's export). */
export const tenantNameAndAddressFields = {
  initials: requiredText({ max: 20 }),
  prefix: optionalText({ max: 20 }),
  surname: requiredText({ max: 200 }),
  street: requiredText({ max: 200 }),
  houseNumber: requiredWholeNumber({ min: 1, max: 99_999 }),
  houseNumberAddition: optionalText({ max: 10 }),
  postcode: postcode(),
  city: requiredText({ max: 100 }),
};

/** The rest of a tenant's contact details (CONTACT). Never a BSN: a corporation neither enters nor sees it. */
export function tenantContactFields(today: CalendarDate) {
  return {
    birthDate: optionalDate(birthDateRange(today)),
    phone: optionalPhone(),
    email: optionalEmail(),
    preferredChannel: optionalChoice(PREFERRED_CHANNELS),
    language: optionalChoice(LOCALES),
    municipalityCode: optionalMunicipalityCode(),
  };
}

/** Arrears as recorded: an amount, the day they arose (in the past) and how many months they cover. */
export function arrearsFields(today: CalendarDate) {
  return {
    amountCents: requiredCents(),
    aroseOn: requiredDate(pastCaseDateRange(today)),
    monthsInArrears: requiredWholeNumber({ min: 0, max: MAX_MONTHS_IN_ARREARS }),
  };
}

export const householdFields = {
  adults: requiredWholeNumber({ min: 1, max: 20 }),
  children: requiredWholeNumber({ min: 0, max: 30 }),
};

export const tenancyFields = {
  contractNumber: requiredText({ max: 50 }),
  monthlyRentCents: requiredCents({ max: MAX_MONTHLY_RENT_CENTS }),
};

/** createCase: a corporation opens a dossier for a tenant in arrears. */
export function createCaseInputSchema(today: CalendarDate) {
  return z.object({
    tenant: z.object({ ...tenantNameAndAddressFields, ...tenantContactFields(today) }),
    household: z.nullable(z.optional(z.object(householdFields))),
    tenancy: z.object(tenancyFields),
    arrears: z.object(arrearsFields(today)),
    crisis: z.nullable(z.optional(z.boolean())),
  });
}

export type CreateCaseValues = z.output<ReturnType<typeof createCaseInputSchema>>;

/** updateArrears: the corporation brings the arrears up to date. */
export function arrearsUpdateSchema(today: CalendarDate) {
  return z.object(arrearsFields(today));
}
