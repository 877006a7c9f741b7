import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ROUTES } from '../../app/routes';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatDateTime } from '../../lib/format';
import { Table } from '../../ui/Table';
import { TenantExportButton } from '../privacy';
import { ConsentStateBadge, ValidityPeriod, WordingDetails } from './ConsentList';

/** One consent in the register: the tenant's case, to whom, what for, and who recorded it. */
export const ConsentRegisterRowFragment = graphql(`
  fragment ConsentRegisterTable_Consent on Consent {
    id
    caseId
    caseReference
    tenantId
    state
    purpose
    categories
    channel
    validFrom
    validUntil
    recordedAt
    withdrawnAt
    withdrawalChannel
    wordingText
    wordingVersion
    recipient {
      id
      name
    }
    recordedBy {
      id
      displayName
    }
    recordedByOrganization {
      id
      name
    }
    withdrawnBy {
      id
      displayName
    }
  }
`);

export interface ConsentRegisterTableProps {
  readonly consents: readonly FragmentType<typeof ConsentRegisterRowFragment>[];
  readonly caption: string;
  /**
   * On the privacy page of one case the rows need no link to it, and the access export is offered
   * once for the case rather than per row.
   */
  readonly withinCase?: boolean;
}

/** The register's rows; also the consents section of the privacy officer's page of one case. */
export function ConsentRegisterTable({ consents, caption, withinCase = false }: ConsentRegisterTableProps) {
  const { t } = useTranslation();
  return (
    <Table caption={caption}>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          <th scope="col" className="utrecht-table__header-cell">
            {t('register.columns.case')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('register.columns.recipient')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('register.columns.purposeAndCategories')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('register.columns.validity')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('register.columns.state')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('register.columns.recorded')}
          </th>
          {withinCase ? null : (
            <th scope="col" className="utrecht-table__header-cell">
              {t('privacy.register.actions')}
            </th>
          )}
        </tr>
      </thead>
      <tbody className="utrecht-table__body">
        {consents.map((consentRef) => {
          const consent = getFragmentData(ConsentRegisterRowFragment, consentRef);
          return (
            <tr key={consent.id} className="utrecht-table__row">
              <th scope="row" className="utrecht-table__header-cell">
                {!withinCase ? (
                  <Link
                    to={ROUTES.privacyCase(consent.caseId)}
                    state={{ reference: consent.caseReference }}
                    className="utrecht-link"
                  >
                    {consent.caseReference}
                  </Link>
                ) : (
                  consent.caseReference
                )}
              </th>
              <td className="utrecht-table__cell">{consent.recipient.name}</td>
              <td className="utrecht-table__cell">
                {t(`purposes.${consent.purpose}`)}
                <br />
                <span className="muted">
                  {consent.categories.map((category) => t(`categories.${category}`)).join(', ')}
                </span>
                <WordingDetails text={consent.wordingText} version={consent.wordingVersion} />
              </td>
              <td className="utrecht-table__cell">
                <ValidityPeriod from={consent.validFrom} until={consent.validUntil} />
              </td>
              <td className="utrecht-table__cell">
                <ConsentStateBadge state={consent.state} />
                {consent.withdrawnAt ? (
                  <span className="muted">
                    <br />
                    {t('register.withdrawnAt', {
                      date: formatDateTime(consent.withdrawnAt),
                      person: consent.withdrawnBy?.displayName ?? '—',
                    })}
                    {consent.withdrawalChannel
                      ? `, ${t(`consentChannels.${consent.withdrawalChannel}`)}`
                      : null}
                  </span>
                ) : null}
              </td>
              <td className="utrecht-table__cell">
                {formatDateTime(consent.recordedAt)}
                <br />
                <span className="muted">
                  {consent.recordedBy.displayName} ({consent.recordedByOrganization.name}),{' '}
                  {t(`consentChannels.${consent.channel}`)}
                </span>
              </td>
              {withinCase ? null : (
                <td className="utrecht-table__cell">
                  <TenantExportButton
                    tenantId={consent.tenantId}
                    caseReference={consent.caseReference}
                    variant="subtle"
                  />
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
