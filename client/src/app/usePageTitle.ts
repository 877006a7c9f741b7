import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** `Werklijst – Vangnet`: every page names itself in the browser tab and history. */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const appTitle = t('app.title');
  useEffect(() => {
    document.title = title ? `${title} – ${appTitle}` : appTitle;
  }, [title, appTitle]);
}
