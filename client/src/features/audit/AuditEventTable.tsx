import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ROUTES } from '../../app/routes';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatDateTime, formatNumber } from '../../lib/format';
import { StatusBadge } from '../../ui/StatusBadge';
import { Table } from '../../ui/Table';
import { BasisLabel } from './BasisLabel';

/** One audit event as the privacy officer sees it: who, what, which case and categories, never content. */
export const AuditEventRowFragment = graphql(`
  fragment AuditEventTable_Event on AuditEvent {
    id
    seq
    occurredAt
    action
    entityType
    caseId
    caseReference
    categories
    basis
    listedCaseIds
    sealed
    actor {
      id
      displayName
    }
    actingOrganization {
      id
      name
    }
  }
`);

export interface AuditEventTableProps {
  readonly events: readonly FragmentType<typeof AuditEventRowFragment>[];
  readonly caption: string;
  /** On the audit log each case links to its privacy page; on that page itself it need not. */
  readonly linkCases?: boolean;
}

export function AuditEventTable({ events, caption, linkCases = true }: AuditEventTableProps) {
  const { t } = useTranslation();
  return (
    <Table caption={caption}>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          <th scope="col" className="utrecht-table__header-cell">
            {t('audit.columns.when')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('audit.columns.who')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('audit.columns.what')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('audit.columns.case')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('audit.columns.categories')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('audit.columns.basis')}
          </th>
        </tr>
      </thead>
      <tbody className="utrecht-table__body">
        {events.map((eventRef) => {
          const event = getFragmentData(AuditEventRowFragment, eventRef);
          return (
            <tr key={event.id} className="utrecht-table__row">
              <td className="utrecht-table__cell">
                <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
                <br />
                <span className="muted">
                  #{event.seq} {event.sealed ? t('audit.sealed') : t('audit.unsealed')}
                </span>
              </td>
              <td className="utrecht-table__cell">
                {event.actor?.displayName ?? t('audit.system')}
                {event.actingOrganization ? (
                  <span className="muted">
                    <br />
                    {event.actingOrganization.name}
                  </span>
                ) : null}
              </td>
              <td className="utrecht-table__cell">
                <StatusBadge
                  tone={
                    event.action === 'ACCESS_DENIED' || event.action === 'SIGN_IN_BLOCKED'
                      ? 'danger'
                      : 'neutral'
                  }
                >
                  {t(`auditActions.${event.action}`)}
                </StatusBadge>{' '}
                <span className="muted">{event.entityType}</span>
              </td>
              <td className="utrecht-table__cell">
                {event.caseReference && event.caseId && linkCases ? (
                  <Link
                    to={ROUTES.privacyCase(event.caseId)}
                    state={{ reference: event.caseReference }}
                    className="utrecht-link"
                  >
                    {event.caseReference}
                  </Link>
                ) : (
                  (event.caseReference ??
                  (event.listedCaseIds.length > 0
                    ? t('audit.listedCases', {
                        count: event.listedCaseIds.length,
                        formatted: formatNumber(event.listedCaseIds.length),
                      })
                    : '—'))
                )}
              </td>
              <td className="utrecht-table__cell">
                {event.categories.length > 0
                  ? event.categories.map((category) => t(`categories.${category}`)).join(', ')
                  : '—'}
              </td>
              <td className="utrecht-table__cell">
                <BasisLabel basis={event.basis} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
