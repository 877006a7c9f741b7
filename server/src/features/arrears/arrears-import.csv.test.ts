import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { parseArrearsCsv, parseDutchDate, parseEuroAmount, splitCsv } from './arrears-import.csv.js';

const HEADER =
  'contractnummer;voorletters;tussenvoegsel;achternaam;straat;huisnummer;toevoeging;postcode;woonplaats;bedrag;ontstaan_op';
const TODAY = '2026-11-27';

function fileLevelError(run: () => unknown): { message: string; fieldErrors: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'BAD_USER_INPUT')
      return { message: error.message, fieldErrors: error.extensions.fieldErrors };
    throw error;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('reading a CSV as an ERP writes it', () => {
  it('splits on semicolons, keeps quoted separators, doubled quotes and line breaks, and remembers lines', () => {
    const text = 'a;b;c\r\n"x;1";"zei ""hoi""";"twee\nregels"\r\n\r\nlaatste;;\n';
    expect(splitCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x;1', 'zei "hoi"', 'twee\nregels'] },
      { line: 5, fields: ['laatste', '', ''] },
    ]);
  });

  it('skips blank lines and lines of nothing but separators', () => {
    expect(splitCsv('a;b\n;;\n\nc;d')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 4, fields: ['c', 'd'] },
    ]);
  });

  it('refuses a quote that is never closed, naming its line', () => {
    expect(fileLevelError(() => splitCsv('a;b\n"open;c\n')).message).toBe(
      'Regel 2: een aanhalingsteken (") wordt niet gesloten.',
    );
  });
});

describe('Dutch amounts and dates', () => {
  it.each([
    ['1234,56', 123_456],
    ['1.234,56', 123_456],
    ['€ 1.234,56', 123_456],
    ['€1.234,5', 123_450],
    ['1234', 123_400],
    ['1.234', 123_400],
    ['0,00', 0],
    [' 12.345.678,90 ', 1_234_567_890],
  ])('reads %s as %i cents', (raw, cents) => {
    expect(parseEuroAmount(raw)).toEqual({ cents });
  });

  it.each([
    ['12.34', 'Geen geldig bedrag; schrijf het als 1234,56 (met een komma).'],
    ['1,234', 'Geen geldig bedrag; schrijf het als 1234,56 (met een komma).'],
    ['-50,00', 'Een negatief bedrag is een tegoed, geen achterstand.'],
    ['', 'Vul het bedrag in, bijvoorbeeld 1234,56.'],
    ['veel', 'Geen geldig bedrag; schrijf het als 1234,56 (met een komma).'],
    ['99999999,00', 'Dit bedrag is te groot.'],
  ])('refuses %j', (raw, error) => {
    expect(parseEuroAmount(raw)).toEqual({ error });
  });

  it('reads dd-mm-jjjj and ISO dates, and refuses dates that do not exist', () => {
    expect(parseDutchDate('05-03-2026')).toBe('2026-03-05');
    expect(parseDutchDate('5-3-2026')).toBe('2026-03-05');
    expect(parseDutchDate('2026-03-05')).toBe('2026-03-05');
    expect(parseDutchDate('31-02-2026')).toBeNull();
    expect(parseDutchDate('03/05/2026')).toBeNull();
  });
});

describe('an arrears list', () => {
  it('accepts a byte-order mark, header names in any case, and optional rent and months columns', () => {
    const csv =
      `\uFEFF${HEADER.toUpperCase()};maandhuur;maanden_achterstand\n` +
      'DL-1;J.;van der;Berg;Lindelaan;12;a;9999 ab;Rivierstad;"€ 1.234,56";01-09-2026;725,00;3\n';
    expect(parseArrearsCsv(csv, TODAY)).toEqual([
      {
        line: 2,
        contractNumber: 'DL-1',
        error: null,
        values: {
          contractNumber: 'DL-1',
          initials: 'J.',
          prefix: 'van der',
          surname: 'Berg',
          street: 'Lindelaan',
          houseNumber: 12,
          houseNumberAddition: 'a',
          postcode: '9999AB',
          city: 'Rivierstad',
          amountCents: 123_456,
          aroseOn: '2026-09-01',
          monthlyRentCents: 72_500,
          monthsInArrears: 3,
        },
      },
    ]);
  });

  it('gives every wrong row its reasons, naming the columns', () => {
    const csv = [
      HEADER,
      'DL-2;;;Jansen;Dijkweg;12a;;123;Rivierstad;12.50;31-02-2026',
      'DL-3;A.;;Smit;Dijkweg;4;;9999AB;Rivierstad;100,00',
      'DL-4;A.;;Smit;Dijkweg;4;;9999AB;Rivierstad;100,00;01-01-2027',
    ].join('\n');
    const rows = parseArrearsCsv(csv, TODAY);
    expect(rows.map((row) => [row.line, row.values, row.error])).toEqual([
      [
        2,
        null,
        'voorletters: Vul dit in. huisnummer: Alleen het nummer; zet de toevoeging in de kolom toevoeging. ' +
          'postcode: Vul een geldige postcode in, zoals 1234 AB. bedrag: Geen geldig bedrag; schrijf het als 1234,56 (met een komma). ' +
          'ontstaan_op: Geen geldige datum; schrijf die als dd-mm-jjjj.',
      ],
      [3, null, 'Deze regel heeft 10 kolommen; de kopregel heeft er 11.'],
      [4, null, 'ontstaan_op: Deze datum ligt in de toekomst.'],
    ]);
  });

  it('refuses every row of a contract that occurs twice: which one is right is not ours to guess', () => {
    const row = (contract: string, amount: string) =>
      `${contract};A.;;Smit;Dijkweg;4;;9999AB;Rivierstad;${amount};01-10-2026`;
    const rows = parseArrearsCsv(
      [HEADER, row('DL-5', '10,00'), row('DL-6', '5,00'), row('DL-5', '20,00')].join('\n'),
      TODAY,
    );
    expect(rows.map((parsed) => [parsed.contractNumber, parsed.error])).toEqual([
      ['DL-5', 'Dit huurcontract staat meer dan eens in het bestand (regels 2, 4).'],
      ['DL-6', null],
      ['DL-5', 'Dit huurcontract staat meer dan eens in het bestand (regels 2, 4).'],
    ]);
  });

  it('refuses a file without the columns, hinting at the separator', () => {
    expect(fileLevelError(() => parseArrearsCsv(HEADER.replaceAll(';', ',') + '\n1,2', TODAY)).message).toBe(
      `Deze kolommen ontbreken in de kopregel: ${HEADER.replaceAll(';', ', ')}. Gebruik een puntkomma (;) als scheidingsteken.`,
    );
    expect(
      fileLevelError(() => parseArrearsCsv('contractnummer;bedrag\nDL-1;1,00', TODAY)).fieldErrors,
    ).toEqual({
      csv: 'Deze kolommen ontbreken in de kopregel: voorletters, tussenvoegsel, achternaam, straat, huisnummer, toevoeging, postcode, woonplaats, ontstaan_op.',
    });
    expect(fileLevelError(() => parseArrearsCsv('', TODAY)).message).toBe('Het bestand is leeg.');
    expect(fileLevelError(() => parseArrearsCsv(`${HEADER}\n\n`, TODAY)).message).toBe(
      'Het bestand heeft geen regels onder de kopregel.',
    );
  });
});
