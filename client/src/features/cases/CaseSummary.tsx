import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatDateTime } from '../../lib/format';
import { DataList } from '../../ui/DataList';
import { StatusBadge } from '../../ui/StatusBadge';
import { CaseStatusBadge } from './CaseStatus';

export const CaseSummaryFragment = graphql(`
  fragment CaseSummary_case on Case {
    reference
    status
    coarseStatus
    crisis
    createdAt
    updatedAt
    closedAt
    myParticipantRole
    origin {
      id
      name
    }
    participants {
      role
      organization {
        id
        name
        kind
      }
    }
    assignees {
      id
      displayName
    }
  }
`);

/** Always visible to every participant: reference, status (coarse for a corporation), who takes part. */
export function CaseSummary({ caseRef }: { caseRef: FragmentType<typeof CaseSummaryFragment> }) {
  const { t } = useTranslation();
  const data = getFragmentData(CaseSummaryFragment, caseRef);
  return (
    <DataList
      className="case-summary"
      items={[
        {
          key: 'status',
          label: t('case.status'),
          value: (
            <>
              <CaseStatusBadge status={data.status} coarseStatus={data.coarseStatus} />{' '}
              {data.crisis ? <StatusBadge tone="danger">{t('case.crisis')}</StatusBadge> : null}
            </>
          ),
        },
        { key: 'origin', label: t('case.origin'), value: data.origin.name },
        { key: 'myRole', label: t('case.myRole'), value: t(`participantRoles.${data.myParticipantRole}`) },
        {
          key: 'participants',
          label: t('case.participants'),
          value: (
            <ul className="plain-list">
              {data.participants.map((participant) => (
                <li key={`${participant.organization.id}:${participant.role}`}>
                  {participant.organization.name} ({t(`participantRoles.${participant.role}`)})
                </li>
              ))}
            </ul>
          ),
        },
        {
          key: 'assignees',
          label: t('case.assignees'),
          value:
            data.assignees.length > 0
              ? data.assignees.map((user) => user.displayName).join(', ')
              : t('worklist.cases.unassigned'),
        },
        { key: 'updated', label: t('case.updatedAt'), value: formatDateTime(data.updatedAt) },
        ...(data.closedAt
          ? [{ key: 'closed', label: t('case.closedAt'), value: formatDateTime(data.closedAt) }]
          : []),
      ]}
    />
  );
}
