/**
 * SMS text: GSM-7 aware length and splitting.
 *
 * One SMS holds 160 characters of the GSM 03.38 alphabet (7 bits each; `€`, `[`, `{` and a few more
 * come from the extension table and count double), or only 70 when any other character forces UCS-2.
 * Texts are first brought into GSM-7 where that loses nothing a reader needs (typographic quotes and
 * dashes, accents GSM-7 lacks such as ë or ó), so a Dutch name does not cost half the message. A longer
 * text is split into parts numbered "(1/2) ", "(2/2) " — each part a complete SMS within the limit,
 * split between words only (a single word longer than a whole part, which real texts do not have, is
 * the one exception).
 */

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€\f';
const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

/** Glue: a no-break space keeps "€ 12,50" or "1 May 2026" in one part; it is sent as a plain space. */
const NO_BREAK = '\u00a0';

export const SMS_GSM7_LIMIT = 160;
export const SMS_UCS2_LIMIT = 70;

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u202f': NO_BREAK,
  '\u2007': NO_BREAK,
  ı: 'i',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
};

const isGsmChar = (character: string) => BASIC.has(character) || EXTENSION.has(character);

/** Brings a text into GSM-7 where that keeps it readable; characters without a GSM-7 form stay. */
export function toGsm7(text: string): string {
  return [...text.replace(/[\t\r\n]+/g, ' ')]
    .map((character) => {
      if (character === NO_BREAK || isGsmChar(character)) return character;
      const replaced = REPLACEMENTS[character];
      if (replaced !== undefined) return replaced;
      const stripped = character.normalize('NFD').replace(/\p{M}/gu, '');
      return stripped.length > 0 && [...stripped].every(isGsmChar) ? stripped : character;
    })
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
}

export function isGsm7(text: string): boolean {
  return [...text].every((character) => character === NO_BREAK || isGsmChar(character));
}

/** What a text costs in one SMS: septets in GSM-7, UTF-16 code units in UCS-2. */
function costIn(gsm: boolean): (text: string) => number {
  if (!gsm) return (text) => text.length;
  return (text) => [...text].reduce((sum, character) => sum + (EXTENSION.has(character) ? 2 : 1), 0);
}

/** The SMS (one or more numbered parts) for a text; each part fits one message. */
export function splitSms(input: string): string[] {
  const text = toGsm7(input);
  const gsm = isGsm7(text);
  const limit = gsm ? SMS_GSM7_LIMIT : SMS_UCS2_LIMIT;
  const cost = costIn(gsm);
  const send = (part: string) => part.replaceAll(NO_BREAK, ' ');
  if (cost(text) <= limit) return [send(text)];

  const words = text.split(' ').filter(Boolean);
  // The prefix "(i/n) " grows with n, and n depends on the prefix: start at 2 and grow until the
  // number of parts is the number the prefixes announce (more parts never need shorter prefixes).
  let total = 2;
  for (;;) {
    const parts = pack(words, total, limit, cost);
    if (parts.length <= total)
      return parts.map((part, index) => send(`(${index + 1}/${parts.length}) ${part}`));
    total = parts.length;
  }
}

function pack(
  words: readonly string[],
  total: number,
  limit: number,
  cost: (text: string) => number,
): string[] {
  const parts: string[] = [];
  const room = () => limit - cost(`(${parts.length + 1}/${total}) `);
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (cost(candidate) <= room()) {
      current = candidate;
      continue;
    }
    if (current) parts.push(current);
    current = '';
    let rest = word;
    // Only a word longer than a whole part is cut, at the last character that fits.
    while (cost(rest) > room()) {
      const characters = [...rest];
      let cut = characters.length;
      while (cut > 1 && cost(characters.slice(0, cut).join('')) > room()) cut -= 1;
      parts.push(characters.slice(0, cut).join(''));
      rest = characters.slice(cut).join('');
    }
    current = rest;
  }
  if (current) parts.push(current);
  return parts;
}
