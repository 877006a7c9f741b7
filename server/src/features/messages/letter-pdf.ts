import PDFDocument from 'pdfkit';
import type { Locale } from '@vangnet/shared';
import type { Letter } from './letter.js';

/**
 * The letter as an A4 PDF, with the standard Helvetica that ships inside pdfkit (nothing is fetched or
 * embedded). The standard fonts know the Western European characters (WinAnsi): € and é, ë, ç, ß…;
 * anything else is written without its accent (ş → s) or as "?". The HTML letter has every character.
 */

const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const SPECIAL: Readonly<Record<string, string>> = {
  ı: 'i',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  '\u202f': '\u00a0',
};

const winAnsi = (character: string) => {
  const code = character.codePointAt(0)!;
  return (
    (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.includes(character)
  );
};

/** The text as the standard PDF fonts can show it. */
export function toWinAnsi(text: string): string {
  return [...text]
    .map((character) => {
      if (character === '\n' || winAnsi(character)) return character;
      const special = SPECIAL[character];
      if (special !== undefined) return special;
      const stripped = character.normalize('NFD').replace(/\p{M}/gu, '');
      return stripped.length > 0 && [...stripped].every(winAnsi) ? stripped : '?';
    })
    .join('');
}

const MM = 72 / 25.4;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

export interface PdfOptions {
  /** Deflate the page content (default). Off only to read the text back in tests. */
  readonly compress?: boolean;
}

export function letterPdf(letter: Letter, locale: Locale, options: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 20 * MM, left: 25 * MM, right: 20 * MM },
    compress: options.compress ?? true,
    lang: locale === 'nl' ? 'nl-NL' : 'en-GB',
    displayTitle: true,
    info: {
      Title: toWinAnsi(letter.subject),
      Author: toWinAnsi(letter.organizationName),
      Creator: 'Vangnet',
    },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const write = (value: string, font = FONT, size = 11, gap = 0.6) => {
    doc.font(font).fontSize(size).text(toWinAnsi(value), left, undefined, { width, lineGap: 2 });
    doc.moveDown(gap);
  };

  // Sender, top right.
  doc.font(BOLD).fontSize(13).text(toWinAnsi(letter.organizationName), left, doc.page.margins.top, {
    width,
    align: 'right',
  });
  doc.font(FONT).fontSize(10).text(toWinAnsi(letter.senderName), { width, align: 'right' });

  // Recipient, where a window envelope shows it.
  doc
    .font(FONT)
    .fontSize(11)
    .text(toWinAnsi(letter.recipient.join('\n')), left, 50 * MM, { width: 85 * MM });

  doc.text(toWinAnsi(`${letter.dateLabel}: ${letter.date}`), left, 80 * MM, { width });
  doc.moveDown(1.5);
  write(letter.subject, BOLD, 13, 1);
  write(letter.greeting);
  for (const text of letter.body) write(text);

  // The one action, in a box.
  doc.moveDown(0.4);
  const boxTop = doc.y;
  const pad = 4 * MM;
  const inner = width - 2 * pad;
  const heading = toWinAnsi(letter.actionHeading);
  const action = toWinAnsi(letter.action);
  const height =
    doc.font(BOLD).fontSize(11).heightOfString(heading, { width: inner }) +
    4 +
    doc.font(FONT).fontSize(11).heightOfString(action, { width: inner, lineGap: 2 }) +
    2 * pad;
  if (boxTop + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y;
  doc.lineWidth(1.5).roundedRect(left, top, width, height, 3).stroke();
  doc
    .font(BOLD)
    .fontSize(11)
    .text(heading, left + pad, top + pad, { width: inner });
  doc.moveDown(0.2);
  doc
    .font(FONT)
    .fontSize(11)
    .text(action, left + pad, undefined, { width: inner, lineGap: 2 });
  doc.y = top + height;
  doc.moveDown(1);

  if (letter.statement) {
    write(letter.statement, BOLD);
    for (const field of letter.signatureFields) {
      doc
        .font(FONT)
        .fontSize(11)
        .text(toWinAnsi(`${field}:`), left, undefined, { width });
      const y = doc.y + 5 * MM;
      doc
        .lineWidth(0.75)
        .moveTo(left, y)
        .lineTo(left + 110 * MM, y)
        .stroke();
      doc.y = y + 2 * MM;
    }
    doc.moveDown(1);
  }

  for (const text of letter.contact) write(text);
  doc.moveDown(0.4);
  // The closing and the signature stay together.
  if (doc.y + 4 * doc.currentLineHeight(true) + 20 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  write(letter.closing, FONT, 11, 1.5);
  write(letter.senderName, FONT, 11, 0);
  write(letter.organizationName);

  doc.end();
  return done;
}
