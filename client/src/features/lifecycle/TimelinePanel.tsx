import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatDateTime } from '../../lib/format';
import { EmptyState } from '../../ui/QueryState';

export const TimelinePanelFragment = graphql(`
  fragment TimelinePanel_case on Case {
    timeline {
      id
      occurredAt
      fromStatus
      toStatus
      fromCoarseStatus
      toCoarseStatus
      via
      note
      by {
        id
        displayName
      }
      organization {
        id
        name
      }
    }
  }
`);

/** The moves of the case, newest last; a corporation sees only the coarse moves. */
export function TimelinePanel({ caseRef }: { caseRef: FragmentType<typeof TimelinePanelFragment> }) {
  const { t } = useTranslation();
  const { timeline } = getFragmentData(TimelinePanelFragment, caseRef);
  if (timeline.length === 0) return <EmptyState>{t('timeline.empty')}</EmptyState>;
  return (
    <ol className="timeline">
      {timeline.map((entry) => {
        const from = entry.fromStatus
          ? t(`caseStatus.${entry.fromStatus}`)
          : t(`coarseStatus.${entry.fromCoarseStatus}`);
        const to = entry.toStatus
          ? t(`caseStatus.${entry.toStatus}`)
          : t(`coarseStatus.${entry.toCoarseStatus}`);
        return (
          <li key={entry.id} className="timeline__entry">
            <span className="timeline__when">{formatDateTime(entry.occurredAt)}</span>{' '}
            <span className="timeline__what">{t('timeline.move', { from, to })}</span>
            <span className="timeline__who muted">
              {' — '}
              {entry.by
                ? t('timeline.byPerson', {
                    person: entry.by.displayName,
                    organization: entry.organization?.name ?? '',
                  })
                : entry.organization
                  ? entry.organization.name
                  : t('timeline.system')}
            </span>
            {entry.note ? <p className="utrecht-paragraph timeline__note">{entry.note}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
