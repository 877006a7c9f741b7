import { BadUserInputError } from '../../core/errors.js';
import {
  EARLIEST_CASE_DATE,
  fieldIssueMessage,
  isCalendarDate,
  MAX_MONTHS_IN_ARREARS,
  parseEuros,
  tenantNameAndAddressFields,
  validateInput,
  type CalendarDate,
  type EuroParseProblem,
} from '@vangnet/shared';
import * as z from 'zod/mini';

type FieldErrors = Record<string, string>;
type NameAndAddress = z.output<typeof nameAndAddressSchema>;
/** The same rules for a tenant's name and address as a dossier opened by hand. */
const nameAndAddressSchema = z.object(tenantNameAndAddressFields);

/** Trimmed, inner whitespace collapsed; empty means absent. */
export function cleanText(value: string | null | undefined): string | null {
  const cleaned = value?.replace(/\s+/g, ' ').trim() ?? '';
  return cleaned === '' ? null : cleaned;
}

/**
 * Reading an arrears list as a Dutch corporation's ERP exports it: `;`-separated, a header row, UTF-8
 * with or without a byte-order mark, fields optionally quoted with `"` (a quote inside a quoted field is
 * written twice), amounts with a decimal comma (`1234,56`, `€ 1.234,56`), dates as `dd-mm-jjjj` or
 * `jjjj-mm-dd`. Pure: no database, so every rule here is tested on its own.
 */
export const REQUIRED_COLUMNS = [
  'contractnummer',
  'voorletters',
  'tussenvoegsel',
  'achternaam',
  'straat',
  'huisnummer',
  'toevoeging',
  'postcode',
  'woonplaats',
  'bedrag',
  'ontstaan_op',
] as const;
/** Optional: when present they are used, otherwise rent is unknown (0) and months follow from ontstaan_op. */
export const OPTIONAL_COLUMNS = ['maandhuur', 'maanden_achterstand'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

export const MAX_IMPORT_ROWS = 50_000;

export interface CsvRecord {
  /** The line of the file on which the record starts (1 = the first line). */
  readonly line: number;
  readonly fields: string[];
}

/** Splits `text` into records and fields. Throws BAD_USER_INPUT for a quote that is never closed. */
export function splitCsv(text: string, separator = ';'): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quotedField = false;
  let line = 1;
  let recordLine = 1;
  const endField = () => {
    fields.push(quotedField ? field : field.trim());
    field = '';
    quotedField = false;
  };
  const endRecord = () => {
    endField();
    // Blank lines, and lines of nothing but separators, are not records.
    if (fields.some((value) => value !== '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (inQuotes) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 1;
        } else inQuotes = false;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
      continue;
    }
    if (char === '"' && field.trim() === '' && !quotedField) {
      inQuotes = true;
      quotedField = true;
      field = '';
    } else if (char === separator) {
      endField();
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (inQuotes) {
    throw new BadUserInputError(`Regel ${recordLine}: een aanhalingsteken (") wordt niet gesloten.`, {
      csv: `Regel ${recordLine}: een aanhalingsteken (") wordt niet gesloten.`,
    });
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

const EURO_PROBLEM_TEXT: Readonly<Record<EuroParseProblem, string>> = {
  empty: 'Vul het bedrag in, bijvoorbeeld 1234,56.',
  negative: 'Een negatief bedrag is een tegoed, geen achterstand.',
  invalid: 'Geen geldig bedrag; schrijf het als 1234,56 (met een komma).',
  tooLarge: 'Dit bedrag is te groot.',
};

/** A Dutch amount in euros → cents (the shared `parseEuros`), or what is wrong with it in Dutch. */
export function parseEuroAmount(raw: string): { cents: number } | { error: string } {
  const parsed = parseEuros(raw);
  return parsed.ok ? { cents: parsed.cents } : { error: EURO_PROBLEM_TEXT[parsed.problem] };
}

/** `dd-mm-jjjj` (also `d-m-jjjj`) or `jjjj-mm-dd` → `jjjj-mm-dd`; null when it is no real date. */
export function parseDutchDate(raw: string): CalendarDate | null {
  const value = raw.trim();
  const dutch = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(value);
  const iso = dutch ? `${dutch[3]}-${dutch[2]!.padStart(2, '0')}-${dutch[1]!.padStart(2, '0')}` : value;
  return isCalendarDate(iso) ? iso : null;
}

export interface ImportValues extends NameAndAddress {
  readonly contractNumber: string;
  readonly amountCents: number;
  readonly aroseOn: CalendarDate;
  /** From the column maanden_achterstand when present. */
  readonly monthsInArrears: number | null;
  /** From the column maandhuur when present. */
  readonly monthlyRentCents: number | null;
}

export interface ParsedImportRow {
  readonly line: number;
  readonly contractNumber: string | null;
  readonly values: ImportValues | null;
  /** Why the row cannot be imported (Dutch, names the columns). */
  readonly error: string | null;
}

const ADDRESS_COLUMN: Record<keyof NameAndAddress, Column> = {
  initials: 'voorletters',
  prefix: 'tussenvoegsel',
  surname: 'achternaam',
  street: 'straat',
  houseNumber: 'huisnummer',
  houseNumberAddition: 'toevoeging',
  postcode: 'postcode',
  city: 'woonplaats',
};

function headerName(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, '_');
}

/**
 * Reads the whole file into rows, each either valid or with the reason it is not. Problems with the
 * file as a whole (empty, wrong separator, missing columns, too many rows) are BAD_USER_INPUT.
 * A contract number that occurs more than once makes every one of its rows an error: which line is
 * right is not for us to guess.
 */
export function parseArrearsCsv(csv: string, today: CalendarDate): ParsedImportRow[] {
  const text = csv.startsWith('\uFEFF') ? csv.slice(1) : csv;
  const records = splitCsv(text);
  const header = records[0];
  if (!header) throw new BadUserInputError('Het bestand is leeg.', { csv: 'Het bestand is leeg.' });
  const names = header.fields.map(headerName);
  const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    const hint =
      names.length === 1 && /[,\t]/.test(header.fields[0] ?? '')
        ? ' Gebruik een puntkomma (;) als scheidingsteken.'
        : '';
    const message = `Deze kolommen ontbreken in de kopregel: ${missing.join(', ')}.${hint}`;
    throw new BadUserInputError(message, { csv: message });
  }
  const duplicateColumn = names.find((name, index) => name !== '' && names.indexOf(name) !== index);
  if (duplicateColumn) {
    const message = `De kolom ${duplicateColumn} staat twee keer in de kopregel.`;
    throw new BadUserInputError(message, { csv: message });
  }
  const data = records.slice(1);
  if (data.length === 0) {
    throw new BadUserInputError('Het bestand heeft geen regels onder de kopregel.', {
      csv: 'Het bestand heeft geen regels onder de kopregel.',
    });
  }
  if (data.length > MAX_IMPORT_ROWS) {
    const message = `Een bestand mag hoogstens ${MAX_IMPORT_ROWS.toLocaleString('nl-NL')} regels hebben; splits het bestand.`;
    throw new BadUserInputError(message, { csv: message });
  }
  const indexOf = new Map<string, number>(names.map((name, index) => [name, index]));

  const rows = data.map((record) => parseRow(record, indexOf, names.length, today));
  const linesByContract = new Map<string, number[]>();
  for (const row of rows) {
    if (!row.contractNumber) continue;
    linesByContract.set(row.contractNumber, [...(linesByContract.get(row.contractNumber) ?? []), row.line]);
  }
  return rows.map((row) => {
    const lines = row.contractNumber ? linesByContract.get(row.contractNumber) : undefined;
    if (!lines || lines.length < 2) return row;
    const duplicate = `Dit huurcontract staat meer dan eens in het bestand (regels ${lines.join(', ')}).`;
    return { ...row, values: null, error: row.error ? `${duplicate} ${row.error}` : duplicate };
  });
}

function parseRow(
  record: CsvRecord,
  indexOf: ReadonlyMap<string, number>,
  columnCount: number,
  today: CalendarDate,
): ParsedImportRow {
  const value = (column: Column): string => {
    const index = indexOf.get(column);
    return index === undefined ? '' : (record.fields[index] ?? '');
  };
  const contractNumber = cleanText(value('contractnummer'));
  const surplus = record.fields.slice(columnCount);
  if (record.fields.length < columnCount || surplus.some((field) => field !== '')) {
    return {
      line: record.line,
      contractNumber,
      values: null,
      error: `Deze regel heeft ${record.fields.length} kolommen; de kopregel heeft er ${columnCount}.`,
    };
  }

  const errors: FieldErrors = {};
  if (!contractNumber) errors.contractnummer = 'Vul het huurcontractnummer in.';
  else if (contractNumber.length > 50) errors.contractnummer = 'Hoogstens 50 tekens.';
  const houseNumberText = value('huisnummer').trim();
  const houseNumber = /^\d{1,9}$/.test(houseNumberText) ? Number(houseNumberText) : null;
  const checked = validateInput(nameAndAddressSchema, {
    initials: value('voorletters'),
    prefix: value('tussenvoegsel'),
    surname: value('achternaam'),
    street: value('straat'),
    houseNumber,
    houseNumberAddition: value('toevoeging'),
    postcode: value('postcode'),
    city: value('woonplaats'),
  });
  if (!checked.success)
    for (const issue of checked.issues)
      errors[ADDRESS_COLUMN[issue.field as keyof NameAndAddress]] ??= fieldIssueMessage(issue, 'nl');
  const address = checked.success ? checked.value : null;
  if (houseNumber === null && /^\d+\s*\S+$/.test(houseNumberText))
    errors.huisnummer = 'Alleen het nummer; zet de toevoeging in de kolom toevoeging.';

  const amount = parseEuroAmount(value('bedrag'));
  if ('error' in amount) errors.bedrag = amount.error;
  const aroseOn = parseDutchDate(value('ontstaan_op'));
  if (!aroseOn) errors.ontstaan_op = 'Geen geldige datum; schrijf die als dd-mm-jjjj.';
  else if (aroseOn > today) errors.ontstaan_op = 'Deze datum ligt in de toekomst.';
  else if (aroseOn < EARLIEST_CASE_DATE) errors.ontstaan_op = 'Deze datum ligt te ver in het verleden.';

  let monthlyRentCents: number | null = null;
  if (value('maandhuur').trim() !== '') {
    const rent = parseEuroAmount(value('maandhuur'));
    if ('error' in rent) errors.maandhuur = rent.error;
    else monthlyRentCents = rent.cents;
  }
  let monthsInArrears: number | null = null;
  const monthsText = value('maanden_achterstand').trim();
  if (monthsText !== '') {
    if (!/^\d{1,3}$/.test(monthsText) || Number(monthsText) > MAX_MONTHS_IN_ARREARS)
      errors.maanden_achterstand = `Een aantal maanden van 0 tot en met ${MAX_MONTHS_IN_ARREARS}.`;
    else monthsInArrears = Number(monthsText);
  }

  const problems = Object.entries(errors);
  if (problems.length > 0 || !contractNumber || !aroseOn || 'error' in amount || !address) {
    return {
      line: record.line,
      contractNumber,
      values: null,
      error: problems.map(([column, message]) => `${column}: ${message}`).join(' '),
    };
  }
  return {
    line: record.line,
    contractNumber,
    error: null,
    values: {
      ...address,
      contractNumber,
      amountCents: amount.cents,
      aroseOn,
      monthsInArrears,
      monthlyRentCents,
    },
  };
}
