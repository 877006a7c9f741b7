import type { Locale } from '@vangnet/shared';
import type { Letter } from './letter.js';

/**
 * The letter as a printable HTML document. The texts are plain text (templates and case data alike),
 * so every one of them is escaped here; the only markup is this file's own.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

const STYLE = `
@page { size: A4; margin: 25mm 20mm; }
* { box-sizing: border-box; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 12pt; line-height: 1.5; color: #000; background: #fff; margin: 0; }
main { max-width: 42em; margin: 2em auto; padding: 0 1em; }
.sender { text-align: right; margin: 0 0 2em; }
.sender strong { display: block; font-size: 13pt; }
.recipient { margin: 0 0 2em; }
.recipient p { margin: 0; white-space: pre-wrap; }
.date { margin: 0 0 1.5em; }
h1 { font-size: 14pt; margin: 0 0 1em; }
h2 { font-size: 12pt; margin: 0 0 0.25em; }
p { margin: 0 0 0.75em; }
.action { border: 2px solid #000; border-radius: 4px; padding: 0.75em 1em; margin: 1.25em 0; }
.action p { margin: 0; }
.statement { margin: 1.5em 0; }
.statement dl { display: grid; grid-template-columns: max-content 1fr; gap: 1.25em 1em; margin: 1em 0 0; }
.statement dt { font-weight: bold; }
.statement dd { margin: 0; border-bottom: 1px solid #000; min-height: 1.5em; }
.closing { margin-top: 1.5em; }
@media print {
  main { max-width: none; margin: 0; padding: 0; }
  .action, .statement { break-inside: avoid; }
}
`;

const paragraph = (text: string, className?: string) =>
  `<p${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</p>`;

export function letterHtml(letter: Letter, locale: Locale): string {
  const statement = letter.statement
    ? `
    <section class="statement">
      ${paragraph(letter.statement)}
      <dl>
        ${letter.signatureFields.map((field) => `<dt>${escapeHtml(field)}</dt><dd></dd>`).join('\n        ')}
      </dl>
    </section>`
    : '';
  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(letter.subject)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
  <article>
    <header>
      <p class="sender"><strong>${escapeHtml(letter.organizationName)}</strong>${escapeHtml(letter.senderName)}</p>
      <div class="recipient">
        ${letter.recipient.map((line) => paragraph(line)).join('\n        ')}
      </div>
      <p class="date">${escapeHtml(letter.dateLabel)}: <time datetime="${escapeHtml(letter.isoDate)}">${escapeHtml(letter.date)}</time></p>
    </header>
    <h1>${escapeHtml(letter.subject)}</h1>
    ${paragraph(letter.greeting)}
    ${letter.body.map((text) => paragraph(text)).join('\n    ')}
    <section class="action" aria-labelledby="action-heading">
      <h2 id="action-heading">${escapeHtml(letter.actionHeading)}</h2>
      ${paragraph(letter.action)}
    </section>${statement}
    ${letter.contact.map((text) => paragraph(text)).join('\n    ')}
    <footer class="closing">
      ${paragraph(letter.closing)}
      <p>${escapeHtml(letter.senderName)}<br>${escapeHtml(letter.organizationName)}</p>
    </footer>
  </article>
</main>
</body>
</html>
`;
}
