import { useTranslation } from 'react-i18next';

import { changeLanguage, isLanguage, SUPPORTED_LANGUAGES, type Language } from './i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const active: Language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'nl';

  return (
    <div role="group" aria-label={t('language.label')} className="language-switch">
      {SUPPORTED_LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-label={t(`language.options.${language}.label`)}
          aria-pressed={language === active}
          onClick={() => void changeLanguage(language)}
        >
          {t(`language.options.${language}.short`)}
        </button>
      ))}
    </div>
  );
}
