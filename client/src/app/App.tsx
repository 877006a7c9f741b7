import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { changeLanguage, isLanguage, SUPPORTED_LANGUAGES, type Language } from './i18n';

type HealthState = 'checking' | 'ok' | 'databaseDown' | 'serviceUnavailable' | 'unreachable';

interface HealthResponse {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
}

function isHealthResponse(value: unknown): value is HealthResponse {
  if (typeof value !== 'object' || value === null) return false;
  const { status, database } = value as Record<string, unknown>;
  return (status === 'ok' || status === 'unavailable') && (database === 'up' || database === 'down');
}

function toHealthState(body: HealthResponse): HealthState {
  if (body.database === 'down') return 'databaseDown';
  return body.status === 'ok' ? 'ok' : 'serviceUnavailable';
}

/** Calls `GET /healthz`. A 503 with a valid body still means the server itself is reachable. */
async function fetchHealth(signal: AbortSignal): Promise<HealthState> {
  try {
    const response = await fetch('/healthz', { headers: { Accept: 'application/json' }, signal });
    const body: unknown = await response.json();
    return isHealthResponse(body) ? toHealthState(body) : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

function useHealth(): HealthState {
  const [health, setHealth] = useState<HealthState>('checking');

  useEffect(() => {
    const controller = new AbortController();
    void fetchHealth(controller.signal).then((state) => {
      if (!controller.signal.aborted) setHealth(state);
    });
    return () => controller.abort();
  }, []);

  return health;
}

function LanguageSwitch() {
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
          onClick={() => changeLanguage(language)}
        >
          {t(`language.options.${language}.short`)}
        </button>
      ))}
    </div>
  );
}

export function App() {
  const { t } = useTranslation();
  const health = useHealth();

  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <LanguageSwitch />
      </header>
      <main className="app-main">
        <p className="app-description">{t('app.description')}</p>
        <section aria-labelledby="status-heading" className="status">
          <h2 id="status-heading">{t('status.heading')}</h2>
          <p role="status" className={`status-line status-${health}`} data-state={health}>
            {t(`status.${health}`)}
          </p>
        </section>
      </main>
    </div>
  );
}
