import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

import nl from '../locales/nl';

export const SUPPORTED_LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'nl';
export const LANGUAGE_STORAGE_KEY = 'vangnet.language';

/**
 * The strings of each language (`locales/<language>.ts`). Dutch, the default, is bundled with the app;
 * every other language is a chunk of its own, fetched when it is chosen, so a first load carries one
 * language, not all of them.
 */
const LOADERS: Readonly<Record<Exclude<Language, 'nl'>, () => Promise<{ default: typeof nl }>>> = {
  en: () => import('../locales/en'),
};

export const resources = { nl: { common: nl } } as const;

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

const initialLanguage = readStoredLanguage() ?? DEFAULT_LANGUAGE;

void i18n.use(initReactI18next).init({
  resources,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: SUPPORTED_LANGUAGES,
  ns: ['common'],
  defaultNS: 'common',
  // Dutch is bundled, so initialise synchronously: the first render is already translated.
  initAsync: false,
  // Other languages are added when they are chosen (`loadLanguage`), not all at start.
  partialBundledLanguages: true,
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyDocumentLanguage(DEFAULT_LANGUAGE);

// Registered after the start in Dutch, so that start does not overwrite a remembered other language.
i18n.on('languageChanged', (lng: string) => {
  if (isLanguage(lng)) {
    applyDocumentLanguage(lng);
    storeLanguage(lng);
  }
});

/** Fetches a language's strings, once; Dutch is always there. */
export async function loadLanguage(language: Language): Promise<void> {
  if (language === 'nl' || i18n.hasResourceBundle(language, 'common')) return;
  const { default: strings } = await LOADERS[language]();
  i18n.addResourceBundle(language, 'common', strings);
}

/**
 * Switches the UI language once its strings are there (at once when they already are);
 * `<html lang>` and localStorage follow via the `languageChanged` event.
 */
export async function changeLanguage(language: Language): Promise<void> {
  if (!i18n.hasResourceBundle(language, 'common')) await loadLanguage(language);
  await i18n.changeLanguage(language);
}

/**
 * The language remembered from an earlier visit, ready to render: main.tsx waits for it before the
 * first render, so a returning English reader does not see Dutch first. Dutch is ready at once.
 */
export const initialLanguageReady: Promise<void> =
  initialLanguage === DEFAULT_LANGUAGE
    ? Promise.resolve()
    : changeLanguage(initialLanguage).catch(() => {
        // The English chunk did not arrive: the app stays in Dutch, and the switch can try again.
      });

export function currentLanguage(): Language {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
}

export default i18n;
