import {
  BASIS_ORIGIN,
  LEGAL_BASIS_SIGNAL,
  formatEuroCents,
  isUuid,
  type AuditAction,
  type CaseStatus,
  type CoarseCaseStatus,
  type CollectionStepKind,
  type ConsentChannel,
  type ConsentPurpose,
  type DataCategory,
  type Locale,
  type ParticipantRole,
  type PreferredChannel,
  type ReferralStatus,
} from '@vangnet/shared';
import type { AccessBasis, AccessReason, CategoryAccessType } from '../cases/index.js';
import type { ConsentState } from '../consents/index.js';
import type { ExportedCase, ExportedConsent, TenantExport } from './tenant-export.js';

/* ------------------------------------------------------------------------------------------------ */
/* Escaping: every interpolated value is escaped unless it is already SafeHtml built by `markup`.     */
/* ------------------------------------------------------------------------------------------------ */

/** A fragment of HTML whose every value was escaped when it was built. */
export class SafeHtml {
  constructor(readonly value: string) {}
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML content and in quoted attribute values. */
export function escapeHtml(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

function isList(value: HtmlValue): value is readonly HtmlValue[] {
  return Array.isArray(value);
}

function renderValue(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (isList(value)) return value.map(renderValue).join('');
  return escapeHtml(value);
}

/**
 * A tagged template: the literal parts are trusted markup, every `${value}` is escaped (lists item by
 * item). Deliberately not named `html`: Prettier would reformat the templates as HTML and so change the
 * document's text.
 */
export function markup(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += renderValue(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/* ------------------------------------------------------------------------------------------------ */
/* Dutch wording                                                                                     */
/* ------------------------------------------------------------------------------------------------ */

const CATEGORY: Readonly<Record<DataCategory, string>> = {
  CONTACT: 'Contactgegevens',
  ARREARS: 'Huurachterstand',
  HOUSEHOLD: 'Huishouden',
  INCOME_EXPENSES: 'Inkomsten en uitgaven',
  DEBTS: 'Schulden',
  CASE_NOTES: 'Aantekeningen',
  ACTION_PLAN: 'Plan van aanpak',
  ARRANGEMENT: 'Afspraken en regelingen',
  SPECIAL: 'Bijzondere gegevens (zoals over uw gezondheid)',
};

/*
 * The lifecycle vocabulary is still growing; a state without a Dutch label yet is shown as its code
 * rather than breaking the export.
 */
const STATUS: Readonly<Partial<Record<CaseStatus | 'PRE_SIGNAL', string>>> = {
  PRE_SIGNAL: 'Voorbereiding (nog geen signaal verstuurd)',
  SIGNALLED: 'Signaal ontvangen',
  REFERRED: 'Doorverwezen',
  IN_CONTACT: 'In contact met u',
  INTAKE: 'Intake',
  ADMITTED: 'Toegelaten tot schuldhulp',
  NOT_ADMITTED: 'Niet toegelaten tot schuldhulp',
  STABILISATION: 'Stabilisatie',
  SOLUTION: 'Oplossing',
  AFTERCARE: 'Nazorg',
  CLOSED: 'Afgesloten',
};

const COARSE_STATUS: Readonly<Partial<Record<CoarseCaseStatus | 'PRE_SIGNAL', string>>> = {
  PRE_SIGNAL: 'Voorbereiding (nog geen signaal verstuurd)',
  SIGNAL_SENT: 'Signaal verstuurd',
  HELP_ACCEPTED: 'Hulp geaccepteerd',
  IN_PROGRESS: 'Hulp loopt',
  CLOSED: 'Afgesloten',
};

const ROLE: Readonly<Record<ParticipantRole, string>> = {
  REFERRER: 'woningcorporatie, verwijzer',
  MUNICIPALITY: 'gemeente',
  DEBT_COUNSELLING: 'schuldhulpverlening',
};

const REASON: Readonly<Record<AccessReason, string>> = {
  NO_CONSENT: 'u hebt hiervoor geen toestemming gegeven',
  NOT_PARTICIPANT: 'de organisatie werkt niet aan dit dossier',
  NOT_ASSIGNED: 'het dossier is niet aan deze medewerker gegeven',
  LEGAL_RESTRICTION: 'de wet staat het niet toe',
  CONSENT_WITHDRAWN: 'u hebt uw toestemming ingetrokken',
  CONSENT_EXPIRED: 'uw toestemming is verlopen',
};

const ACCESS_BASIS: Readonly<Record<AccessBasis, string>> = {
  CONSENT: 'met uw toestemming',
  LEGAL_BASIS: 'wettelijke taak (vroegsignalering van schulden)',
  ORIGIN: 'alleen de gegevens die de organisatie zelf heeft vastgelegd',
};

const ACTION: Readonly<Record<AuditAction, string>> = {
  READ: 'Bekeken',
  CREATE: 'Vastgelegd',
  UPDATE: 'Gewijzigd',
  DELETE: 'Verwijderd',
  EXPORT: 'Overzicht gemaakt',
  LOGIN: 'Ingelogd',
  ACCESS_DENIED: 'Toegang geweigerd',
  SIGN_IN_BLOCKED: 'Inloggen tijdelijk geblokkeerd',
};

const ENTITY: Readonly<Record<string, string>> = {
  case: 'Dossier',
  'case-list': 'Lijst van dossiers',
  consent: 'Toestemming',
  tenant: 'Uw gegevens',
};

const PURPOSE: Readonly<Record<ConsentPurpose, string>> = {
  DEBT_ASSISTANCE: 'Hulp bij schulden',
  EVICTION_PREVENTION: 'Voorkomen dat u uw huis uit moet',
  ARRANGEMENT_COORDINATION: 'Afstemmen van betalingsregelingen',
};

const CONSENT_CHANNEL: Readonly<Record<ConsentChannel, string>> = {
  WRITTEN: 'Op papier',
  DIGITAL: 'Digitaal',
  VERBAL_CONFIRMED_IN_WRITING: 'Mondeling, daarna op papier bevestigd',
};

const CONSENT_STATE: Readonly<Record<ConsentState, string>> = {
  ACTIVE: 'Geldig',
  NOT_YET_VALID: 'Nog niet geldig',
  EXPIRED: 'Verlopen',
  WITHDRAWN: 'Ingetrokken',
};

const REFERRAL_STATUS: Readonly<Record<ReferralStatus, string>> = {
  PENDING: 'Wacht op antwoord',
  ACCEPTED: 'Geaccepteerd',
  DECLINED: 'Afgewezen',
  WITHDRAWN: 'Ingetrokken',
  EXPIRED: 'Verlopen',
};

const COLLECTION_STEP: Readonly<Record<CollectionStepKind, string>> = {
  REMINDER: 'Herinnering',
  DEMAND: 'Aanmaning',
  FOURTEEN_DAY_LETTER: 'Veertiendagenbrief',
  BAILIFF: 'Deurwaarder',
  SUMMONS: 'Dagvaarding',
  JUDGMENT: 'Vonnis',
  EVICTION_SCHEDULED: 'Ontruiming gepland',
  EVICTED: 'Ontruimd',
};

const PREFERRED_CHANNEL: Readonly<Record<PreferredChannel, string>> = {
  PHONE: 'Telefoon',
  EMAIL: 'E-mail',
  LETTER: 'Brief',
  SMS_WHATSAPP: 'Sms of WhatsApp',
  HOME_VISIT: 'Huisbezoek',
};

const LANGUAGE: Readonly<Record<Locale, string>> = { nl: 'Nederlands', en: 'Engels' };

/** The basis recorded in the audit trail, in words; several are joined with '+'. */
function auditBasis(basis: string | null): string {
  if (basis === null) return '';
  return [...new Set(basis.split('+').map(oneBasis))].join(', ');
}

function oneBasis(basis: string): string {
  if (basis === BASIS_ORIGIN) return 'Eigen gegevens van de organisatie';
  if (basis === LEGAL_BASIS_SIGNAL) return 'Wettelijke taak (vroegsignalering)';
  if (basis === 'AVG_ART_15') return 'Uw recht op inzage';
  if (isUuid(basis)) return 'Uw toestemming';
  return basis;
}

const momentFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});
const dateFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });
const dayFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' });

const moment = (value: Date | null): string => (value ? momentFormat.format(value) : '');
const date = (value: Date | null): string => (value ? dateFormat.format(value) : '');
/** A calendar date stored as YYYY-MM-DD. */
const day = (value: string | null): string =>
  value && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? dayFormat.format(new Date(`${value}T00:00:00Z`))
    : (value ?? '');
const euro = (cents: number | null): string => (cents === null ? '' : formatEuroCents(cents));
const yesNo = (value: boolean): string => (value ? 'Ja' : 'Nee');

/* ------------------------------------------------------------------------------------------------ */
/* Building blocks                                                                                   */
/* ------------------------------------------------------------------------------------------------ */

/** A two-column table of labelled values; rows without a value are left out. */
function facts(caption: string, rows: readonly (readonly [string, HtmlValue])[]): SafeHtml {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  const body = shown.map(
    ([label, value]) => markup`<tr><th scope="row">${label}</th><td>${value}</td></tr>
`,
  );
  return markup`<table>
<caption>${caption}</caption>
<tbody>
${body}</tbody>
</table>
`;
}

/** A table with a header row; an empty table becomes a sentence. */
function table(
  caption: string,
  headers: readonly string[],
  rows: readonly (readonly HtmlValue[])[],
  empty: string,
): SafeHtml {
  if (rows.length === 0) return paragraph(empty);
  const head = headers.map((header) => markup`<th scope="col">${header}</th>`);
  const body = rows.map(
    (row) => markup`<tr>${row.map((cell) => markup`<td>${cell}</td>`)}</tr>
`,
  );
  return markup`<table>
<caption>${caption}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}</tbody>
</table>
`;
}

function paragraph(text: HtmlValue): SafeHtml {
  return markup`<p>${text}</p>
`;
}

function accessOf(entry: ExportedCase, category: DataCategory): CategoryAccessType | undefined {
  return entry.access.find((access) => access.category === category);
}

/** The heading of a section, and why it is empty when it is. */
function section(
  entry: ExportedCase,
  category: DataCategory,
  organization: string,
  body: (() => SafeHtml) | null,
): SafeHtml {
  const access = accessOf(entry, category);
  let content: SafeHtml;
  if (!access?.allowed) {
    const reason = access?.reason ? REASON[access.reason] : 'er is geen grond voor';
    content = paragraph(`${organization} mag deze gegevens niet zien: ${reason}.`);
  } else if (body === null) {
    content = paragraph('Hierover is niets vastgelegd.');
  } else {
    content = body();
  }
  return markup`<section>
<h3>${CATEGORY[category]}</h3>
${content}</section>
`;
}

function renderCase(entry: ExportedCase, organization: string): SafeHtml {
  const { contact, arrears, household, incomeExpenses, debts, special } = entry.sections;
  const overview = facts('Over dit dossier', [
    ['Dossiernummer', entry.reference],
    [
      'Stand van zaken',
      entry.status
        ? (STATUS[entry.status] ?? entry.status)
        : `${COARSE_STATUS[entry.coarseStatus] ?? entry.coarseStatus} (meer ziet de woningcorporatie niet)`,
    ],
    ['Spoed (crisis)', yesNo(entry.crisis)],
    ['Gemeld door', entry.origin],
    [
      'Organisaties',
      entry.participants
        .map((participant) => `${participant.organization} (${ROLE[participant.role]})`)
        .join(', '),
    ],
    ['Begonnen op', date(entry.createdAt)],
    ['Afgesloten op', date(entry.closedAt)],
  ]);

  const accessTable = table(
    'Per soort gegevens',
    ['Soort gegevens', 'Mag zien?', 'Waarom'],
    entry.access.map((access) => [
      CATEGORY[access.category],
      yesNo(access.allowed),
      access.allowed
        ? access.basis
          ? ACCESS_BASIS[access.basis]
          : ''
        : access.reason
          ? REASON[access.reason]
          : '',
    ]),
    'Geen gegevens.',
  );

  const contactBody = contact
    ? () =>
        facts('Contactgegevens', [
          ['Naam', [contact.initials, contact.prefix, contact.surname].filter(Boolean).join(' ')],
          ['Geboortedatum', day(contact.birthDate)],
          [
            'Adres',
            `${contact.street} ${contact.houseNumber}${contact.houseNumberAddition ? ` ${contact.houseNumberAddition}` : ''}, ${contact.postcode} ${contact.city}`,
          ],
          ['Telefoon', contact.phone],
          ['E-mail', contact.email],
          [
            'Liefst contact via',
            contact.preferredChannel ? PREFERRED_CHANNEL[contact.preferredChannel] : null,
          ],
          ['Taal', LANGUAGE[contact.language]],
          ['Burgerservicenummer (BSN)', contact.bsn],
        ])
    : null;

  const arrearsBody = arrears
    ? () =>
        markup`${facts('Huurachterstand nu', [
          ['Bedrag', euro(arrears.amountCents)],
          ['Ontstaan op', day(arrears.aroseOn)],
          ['Aantal maanden', arrears.monthsInArrears],
        ])}${table(
          'Eerdere bedragen',
          ['Vastgelegd op', 'Bedrag', 'Maanden'],
          arrears.history.map((change) => [
            moment(change.recordedAt),
            euro(change.amountCents),
            change.monthsInArrears,
          ]),
          'Geen eerdere bedragen.',
        )}${table(
          'Stappen om de huur te innen',
          ['Datum', 'Stap', 'Notitie'],
          arrears.collectionSteps.map((step) => [day(step.stepDate), COLLECTION_STEP[step.kind], step.note]),
          'Geen stappen om de huur te innen.',
        )}${table(
          'Pauzes in het innen (adempauze)',
          ['Van', 'Tot en met', 'Reden'],
          arrears.pauses.map((pause) => [day(pause.startsOn), day(pause.endsOn), pause.reason]),
          'Geen pauzes in het innen.',
        )}`
    : null;

  const householdBody = household
    ? () =>
        facts('Huishouden', [
          ['Volwassenen', household.adults],
          ['Kinderen', household.children],
        ])
    : null;

  const incomeExpensesBody =
    incomeExpenses && incomeExpenses.lines.length > 0
      ? () =>
          markup`${table(
            'Inkomsten en uitgaven per maand',
            ['Soort', 'Omschrijving', 'Per maand'],
            incomeExpenses.lines.map((line) => [
              line.kind === 'INCOME' ? 'Inkomen' : 'Uitgave',
              line.description,
              euro(line.monthlyAmountCents),
            ]),
            'Geen inkomsten of uitgaven.',
          )}${facts('Totaal per maand', [
            ['Inkomsten', euro(incomeExpenses.monthlyIncomeCents)],
            ['Uitgaven', euro(incomeExpenses.monthlyExpensesCents)],
          ])}`
      : null;

  const debtsBody =
    debts && debts.debts.length > 0
      ? () =>
          markup`${table(
            'Schulden',
            ['Aan wie', 'Bedrag', 'Wordt geïnd door'],
            debts.debts.map((debt) => [debt.creditor, euro(debt.amountCents), debt.collectedBy]),
            'Geen schulden.',
          )}${paragraph(`Totaal: ${euro(debts.totalCents)}`)}`
      : null;

  const specialBody = special?.vulnerabilityNotes ? () => paragraph(special.vulnerabilityNotes) : null;

  const sections = [
    section(entry, 'CONTACT', organization, contactBody),
    section(entry, 'ARREARS', organization, arrearsBody),
    section(entry, 'HOUSEHOLD', organization, householdBody),
    section(entry, 'INCOME_EXPENSES', organization, incomeExpensesBody),
    section(entry, 'DEBTS', organization, debtsBody),
    section(entry, 'SPECIAL', organization, specialBody),
    // No data is recorded in these categories yet; their access descriptors still say who may see them.
    ...(['CASE_NOTES', 'ACTION_PLAN', 'ARRANGEMENT'] as const).map((category) =>
      section(entry, category, organization, null),
    ),
  ];

  const referrals = table(
    'Doorverwijzingen',
    ['Van', 'Naar', 'Stand', 'Bericht', 'Antwoord nodig vóór', 'Beantwoord op', 'Reden van afwijzing'],
    entry.referrals.map((referral) => [
      referral.from.name,
      referral.to.name,
      REFERRAL_STATUS[referral.status],
      referral.message,
      day(referral.respondBy),
      moment(referral.respondedAt),
      referral.declineReason,
    ]),
    `${organization} heeft in dit dossier niemand doorverwezen en geen doorverwijzing gekregen.`,
  );

  return markup`<section>
<h2>Dossier ${entry.reference}</h2>
${overview}<h3>Welke gegevens ${organization} mag zien</h3>
${accessTable}${sections}<section>
<h3>Doorverwijzingen</h3>
${referrals}</section>
</section>
`;
}

function renderConsent(consent: ExportedConsent): SafeHtml {
  const about = facts('Over deze toestemming', [
    ['Dossier', consent.caseReference],
    ['Voor', consent.recipient],
    ['Vastgelegd door', consent.recordedBy],
    ['Doel', PURPOSE[consent.purpose]],
    ['Gegevens', consent.categories.map((category) => CATEGORY[category]).join(', ')],
    ['Geldig vanaf', date(consent.validFrom)],
    ['Geldig tot', date(consent.validUntil)],
    ['Stand', CONSENT_STATE[consent.state]],
    ['Hoe gegeven', CONSENT_CHANNEL[consent.channel]],
    ['Vastgelegd op', moment(consent.recordedAt)],
    ['Ingetrokken op', moment(consent.withdrawnAt)],
  ]);
  return markup`<section>
<h3>Toestemming voor ${consent.recipient} (${CONSENT_STATE[consent.state]})</h3>
${about}<p>De tekst die u zag (versie ${consent.wordingVersion}):</p>
<blockquote><p>${consent.wordingText}</p></blockquote>
</section>
`;
}

/** The readable Dutch document of a right-of-access export (B1 language, plain semantic HTML). */
export function renderTenantExportHtml(content: TenantExport): string {
  const organization = content.organization.name;
  const consents =
    content.consents.length === 0
      ? paragraph(
          `Er zijn geen toestemmingen die u aan ${organization} hebt gegeven of die ${organization} heeft vastgelegd.`,
        )
      : content.consents.map(renderConsent);
  const accessLog = table(
    'Wie, wat en wanneer',
    ['Wanneer', 'Wie', 'Wat', 'Waarover', 'Dossier', 'Soort gegevens', 'Op grond van'],
    content.accessLog.map((access) => [
      moment(access.occurredAt),
      access.actor ?? 'Onbekend',
      ACTION[access.action],
      ENTITY[access.entityType] ?? access.entityType,
      access.caseReferences.join(', '),
      access.categories.map((category) => CATEGORY[category]).join(', '),
      auditBasis(access.basis),
    ]),
    'Er is nog niets vastgelegd over wie uw gegevens heeft bekeken.',
  );
  return markup`<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Uw gegevens bij ${organization}</title>
<style>
body { font-family: sans-serif; line-height: 1.5; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #999; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: bold; }
</style>
</head>
<body>
<header>
<h1>Uw gegevens bij ${organization}</h1>
<p>Dit overzicht is gemaakt op ${moment(content.generatedAt)}.</p>
</header>
<main>
<section>
<h2>Wat is dit?</h2>
<p>U hebt gevraagd welke gegevens ${organization} over u heeft. Dat mag u altijd vragen. Dit heet het recht op inzage. Het staat in artikel 15 van de Algemene verordening gegevensbescherming (AVG).</p>
<p>${organization} werkt met andere organisaties samen in Vangnet. Vangnet helpt mensen met een huurachterstand of schulden. In dit overzicht staat alles wat ${organization} in Vangnet over u heeft of kan zien. U ziet ook welke medewerkers van ${organization} uw gegevens hebben bekeken of veranderd, en wanneer.</p>
<p>Elke organisatie is zelf verantwoordelijk voor uw gegevens. Wilt u weten wat een andere organisatie over u heeft? Vraag het dan aan die organisatie.</p>
<p>Klopt er iets niet? Dan mag u vragen om het te verbeteren of te verwijderen. Neem daarvoor contact op met ${organization}.</p>
</section>
${content.cases.map((entry) => renderCase(entry, organization))}<section>
<h2>Toestemmingen</h2>
${consents}</section>
<section>
<h2>Wie heeft uw gegevens bekeken?</h2>
<p>Hieronder staat wanneer medewerkers van ${organization} uw gegevens hebben bekeken, vastgelegd of veranderd.</p>
${accessLog}</section>
</main>
</body>
</html>
`.value;
}
