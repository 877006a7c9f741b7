import { useTranslation } from 'react-i18next';

import { formatNumber, formatPercent } from '../../lib/format';

/**
 * How one figure reads on screen. Across organisations the API withholds every count below the
 * minimum count (it answers null, never 0) and every rate or average built on one; such a cell says
 * "< 5" with a footnote mark pointing at the explanation under the table, so it is never read as zero.
 */

export const FOOTNOTE_MARK = '*';

function Withheld({ children }: { children: string }) {
  return (
    <span className="suppressed-value">
      <span>{children}</span>
      <span aria-hidden="true" className="suppressed-value__mark">
        {FOOTNOTE_MARK}
      </span>
    </span>
  );
}

/** A count; null means withheld because it is below the minimum count. */
export function CountValue({ value, minimumCount }: { value: number | null; minimumCount: number }) {
  const { t } = useTranslation();
  if (value !== null) return <>{formatNumber(value)}</>;
  return <Withheld>{t('monitoring.suppressedCount', { minimum: minimumCount })}</Withheld>;
}

/** A rate (0–1); null either because it is withheld, or because there is nothing to divide by. */
export function RateValue({ rate, withheld }: { rate: number | null; withheld: boolean }) {
  const { t } = useTranslation();
  if (rate !== null) return <>{formatPercent(rate)}</>;
  return withheld ? <Withheld>{t('monitoring.withheld')}</Withheld> : <>{t('monitoring.notApplicable')}</>;
}

/** Days, to one decimal (`3,5`). */
export function formatDays(days: number): string {
  return formatNumber(Math.round(days * 10) / 10);
}

export function DaysValue({ days, withheld }: { days: number | null; withheld: boolean }) {
  const { t } = useTranslation();
  if (days !== null) return <>{t('monitoring.days', { count: days, formatted: formatDays(days) })}</>;
  return withheld ? <Withheld>{t('monitoring.withheld')}</Withheld> : <>{t('monitoring.notApplicable')}</>;
}

/** The explanation the footnote marks point at. */
export function SuppressionNote({ minimumCount, id }: { minimumCount: number; id?: string }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="utrecht-paragraph utrecht-paragraph--small suppression-note">
      <span aria-hidden="true">{FOOTNOTE_MARK} </span>
      {t('monitoring.suppressionNote', { minimum: minimumCount })}
    </p>
  );
}
