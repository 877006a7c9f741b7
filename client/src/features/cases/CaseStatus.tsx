import { useTranslation } from 'react-i18next';

import type { CaseStatus, CoarseCaseStatus } from '../../gql/graphql';
import { StatusBadge, type BadgeTone } from '../../ui/StatusBadge';

const COARSE_TONE: Record<CoarseCaseStatus, BadgeTone> = {
  PRE_SIGNAL: 'neutral',
  SIGNAL_SENT: 'active',
  IN_PROGRESS: 'active',
  HELP_ACCEPTED: 'safe',
  CLOSED: 'inactive',
};

/**
 * The status as my organisation may know it: the full lifecycle state, or for a housing corporation
 * only the coarse one (the API gives `status: null` then).
 */
export function CaseStatusBadge({
  status,
  coarseStatus,
}: {
  status: CaseStatus | null | undefined;
  coarseStatus: CoarseCaseStatus;
}) {
  const { t } = useTranslation();
  return (
    <StatusBadge tone={COARSE_TONE[coarseStatus]}>
      {status ? t(`caseStatus.${status}`) : t(`coarseStatus.${coarseStatus}`)}
    </StatusBadge>
  );
}
