import { useTranslation } from 'react-i18next';

import { formatDate } from '../../lib/format';
import { StatusBadge } from '../../ui/StatusBadge';
import { countdown } from './deadlines';

/** "2 werkdagen te laat" (red), "Vandaag" / "Nog 3 werkdagen" (amber), with the due date. */
export function CountdownBadge({
  workingDaysLeft,
  dueOn,
  overdue,
}: {
  workingDaysLeft: number;
  dueOn: string;
  overdue?: boolean;
}) {
  const { t } = useTranslation();
  const value = countdown(workingDaysLeft, overdue);
  const label =
    value.kind === 'overdue'
      ? t('countdown.overdue', { count: value.count })
      : value.kind === 'today'
        ? t('countdown.today')
        : t('countdown.left', { count: value.count });
  return (
    <span className="countdown">
      <StatusBadge tone={value.kind === 'overdue' ? 'danger' : 'warning'}>{label}</StatusBadge>{' '}
      <span className="countdown__date">{t('countdown.dueOn', { date: formatDate(dueOn) })}</span>
    </span>
  );
}
