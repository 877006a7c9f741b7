import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { FIELD_ISSUE_MESSAGES } from '@vangnet/shared';

import enCommon from '../locales/en/common.json';
import nlCommon from '../locales/nl/common.json';
import enActionPlans from '../locales/en/action-plans.json';
import nlActionPlans from '../locales/nl/action-plans.json';
import enArrangements from '../locales/en/arrangements.json';
import nlArrangements from '../locales/nl/arrangements.json';
import enArrears from '../locales/en/arrears.json';
import nlArrears from '../locales/nl/arrears.json';
import enCases from '../locales/en/cases.json';
import nlCases from '../locales/nl/cases.json';
import enDeadlines from '../locales/en/deadlines.json';
import nlDeadlines from '../locales/nl/deadlines.json';
import enFinances from '../locales/en/finances.json';
import nlFinances from '../locales/nl/finances.json';
import enLifecycle from '../locales/en/lifecycle.json';
import nlLifecycle from '../locales/nl/lifecycle.json';
import enMonitoring from '../locales/en/monitoring.json';
import nlMonitoring from '../locales/nl/monitoring.json';
import enNotes from '../locales/en/notes.json';
import nlNotes from '../locales/nl/notes.json';
import enPrivacy from '../locales/en/privacy.json';
import nlPrivacy from '../locales/nl/privacy.json';
import enAuditChain from '../locales/en/audit-chain.json';
import nlAuditChain from '../locales/nl/audit-chain.json';
import enReferrals from '../locales/en/referrals.json';
import nlReferrals from '../locales/nl/referrals.json';
import enSignals from '../locales/en/signals.json';
import nlSignals from '../locales/nl/signals.json';
import enTenants from '../locales/en/tenants.json';
import nlTenants from '../locales/nl/tenants.json';

export const SUPPORTED_LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'nl';
export const LANGUAGE_STORAGE_KEY = 'vangnet.language';

/**
 * One `common` namespace per language, assembled from one file per feature so features add their
 * strings without editing a shared file: `locales/<language>/<feature>.json`, named like the folder in
 * `features/`; `common.json` holds the app shell's strings and those of `ui/` and `lib/`. Each file owns
 * its own top-level keys (the locale test fails when two files define the same one).
 */
export const LOCALE_FILES = {
  nl: {
    common: nlCommon,
    actionPlans: nlActionPlans,
    arrangements: nlArrangements,
    arrears: nlArrears,
    cases: nlCases,
    deadlines: nlDeadlines,
    finances: nlFinances,
    lifecycle: nlLifecycle,
    monitoring: nlMonitoring,
    notes: nlNotes,
    privacy: nlPrivacy,
    validation: { fieldIssues: FIELD_ISSUE_MESSAGES.nl },
    auditChain: nlAuditChain,
    referrals: nlReferrals,
    signals: nlSignals,
    tenants: nlTenants,
  },
  en: {
    common: enCommon,
    actionPlans: enActionPlans,
    arrangements: enArrangements,
    arrears: enArrears,
    cases: enCases,
    deadlines: enDeadlines,
    finances: enFinances,
    lifecycle: enLifecycle,
    monitoring: enMonitoring,
    notes: enNotes,
    privacy: enPrivacy,
    validation: { fieldIssues: FIELD_ISSUE_MESSAGES.en },
    auditChain: enAuditChain,
    referrals: enReferrals,
    signals: enSignals,
    tenants: enTenants,
  },
} as const;

export const resources = {
  nl: {
    common: {
      ...nlCommon,
      ...nlActionPlans,
      ...nlArrangements,
      ...nlArrears,
      ...nlCases,
      ...nlDeadlines,
      ...nlFinances,
      ...nlLifecycle,
      ...nlMonitoring,
      ...nlNotes,
      ...nlPrivacy,
      // What is wrong with a field, worded once for server and client alike (@vangnet/shared).
      fieldIssues: FIELD_ISSUE_MESSAGES.nl,
      ...nlAuditChain,
      ...nlReferrals,
      ...nlSignals,
      ...nlTenants,
    },
  },
  en: {
    common: {
      ...enCommon,
      ...enActionPlans,
      ...enArrangements,
      ...enArrears,
      ...enCases,
      ...enDeadlines,
      ...enFinances,
      ...enLifecycle,
      ...enMonitoring,
      ...enNotes,
      ...enPrivacy,
      fieldIssues: FIELD_ISSUE_MESSAGES.en,
      ...enAuditChain,
      ...enReferrals,
      ...enSignals,
      ...enTenants,
    },
  },
} as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: (typeof resources)['nl'];
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** Reads the persisted language; storage can be unavailable (privacy mode, sandboxed iframes). */
function readStoredLanguage(): Language | undefined {
  try {
    const stored = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

function storeLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Persisting is best effort: the switch still works for this page view.
  }
}

function applyDocumentLanguage(language: Language): void {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language;
  }
}

i18n.on('languageChanged', (lng: string) => {
  if (isLanguage(lng)) {
    applyDocumentLanguage(lng);
    storeLanguage(lng);
  }
});

const initialLanguage = readStoredLanguage() ?? DEFAULT_LANGUAGE;

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: SUPPORTED_LANGUAGES,
  ns: ['common'],
  defaultNS: 'common',
  // Resources are bundled, so initialise synchronously: the first render is already translated.
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyDocumentLanguage(initialLanguage);

/** Switches the UI language; `<html lang>` and localStorage follow via the `languageChanged` event. */
export function changeLanguage(language: Language): void {
  void i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
}

export default i18n;
