import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';

import { ROUTES } from '../../app/routes';
import { usePageTitle } from '../../app/usePageTitle';
import { graphql } from '../../gql';
import { Alert } from '../../ui/Alert';
import { TextLink } from '../../ui/Button';
import { PageHeading, Paragraph } from '../../ui/Heading';
import { PagedList } from '../../ui/PagedList';
import { Section } from '../../ui/Section';
import { Skeleton } from '../../ui/Skeleton';
import { AuditEventTable } from '../audit';
import { useActor } from '../auth';
import { ConsentRegisterTable } from '../consents';
import { TenantExportButton } from './TenantExport';
import './privacy.css';

const PAGE_SIZE = 25;

/** The register, narrowed to one case: consents given to or recorded by my organisation. */
export const PrivacyCaseConsentsDocument = graphql(`
  query PrivacyCaseConsents($caseId: ID!, $first: Int!, $after: String) {
    consentRegister(first: $first, after: $after, filter: { caseId: $caseId }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          caseReference
          tenantId
          ...ConsentRegisterTable_Consent
        }
      }
    }
  }
`);

/** Who of my organisation touched the case: ids, categories and bases, never its content. */
export const PrivacyCaseAuditTrailDocument = graphql(`
  query PrivacyCaseAuditTrail($caseId: ID!, $first: Int!, $after: String) {
    auditTrail(caseId: $caseId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          caseId
          caseReference
          tenantId
          ...AuditEventTable_Event
        }
      }
    }
  }
`);

/** The reference the register or audit log passed along, so the heading needs no extra read. */
function referenceFromState(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || !('reference' in state)) return null;
  return typeof state.reference === 'string' ? state.reference : null;
}

/**
 * The privacy officer's page of one case (docs/product.md §5): its consents and its audit trail, and the
 * tenant's right of access. Nothing here reads case content: the officer is never a case reader, so
 * only the register and the audit trail are asked, both limited to this case.
 */
export function PrivacyCasePage() {
  const { t } = useTranslation();
  const { actor } = useActor();
  const { caseId = '' } = useParams();
  const location = useLocation();
  const isPrivacyOfficer = actor.role === 'PRIVACY_OFFICER';

  const consents = useQuery(PrivacyCaseConsentsDocument, {
    variables: { caseId, first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    skip: !isPrivacyOfficer,
  });
  const trail = useQuery(PrivacyCaseAuditTrailDocument, {
    variables: { caseId, first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    skip: !isPrivacyOfficer,
  });

  const consentConnection = consents.data?.consentRegister;
  const trailConnection = trail.data?.auditTrail;
  const ownEvents = trailConnection?.edges.filter((edge) => edge.node.caseId === caseId) ?? [];
  const reference =
    referenceFromState(location.state) ??
    consentConnection?.edges[0]?.node.caseReference ??
    ownEvents.find((edge) => edge.node.caseReference)?.node.caseReference ??
    null;
  // Every consent and every event of the case's own is about the case's tenant.
  const tenantId =
    consentConnection?.edges[0]?.node.tenantId ??
    ownEvents.find((edge) => edge.node.tenantId)?.node.tenantId ??
    null;
  const title = reference ? t('privacy.case.title', { reference }) : t('privacy.case.titleUnknown');
  usePageTitle(title);

  if (!isPrivacyOfficer) {
    return (
      <>
        <PageHeading className="long-words-heading">{title}</PageHeading>
        <Alert type="info" heading={t('privacy.case.notForRole.heading')}>
          <p className="utrecht-paragraph">{t('privacy.case.notForRole.body')}</p>
          <TextLink to={ROUTES.case(caseId)}>{t('privacy.case.notForRole.toCase')}</TextLink>
        </Alert>
      </>
    );
  }

  const stillLoading = (consents.loading && !consentConnection) || (trail.loading && !trailConnection);

  return (
    <>
      <PageHeading className="long-words-heading">{title}</PageHeading>
      <Paragraph className="lead">
        {t('privacy.case.intro', { organization: actor.organizationName })}
      </Paragraph>
      <nav aria-label={t('privacy.case.backLabel')} className="button-row">
        <TextLink to={ROUTES.consentRegister}>{t('privacy.case.toRegister')}</TextLink>
        <TextLink to={ROUTES.auditTrail}>{t('privacy.case.toAuditTrail')}</TextLink>
      </nav>

      <Section title={t('privacy.case.accessRequest.title')}>
        <Paragraph>
          {t('privacy.case.accessRequest.body', { organization: actor.organizationName })}
        </Paragraph>
        {tenantId ? (
          <TenantExportButton tenantId={tenantId} caseReference={reference ?? caseId} variant="primary" />
        ) : stillLoading ? (
          <Skeleton lines={1} label={t('privacy.case.loading')} />
        ) : (
          <Paragraph className="muted">{t('privacy.case.accessRequest.noTenant')}</Paragraph>
        )}
      </Section>

      <Section title={t('privacy.case.consents.title')}>
        <PagedList
          connection={consentConnection}
          count={(shown, count) => t('register.count', { shown, count })}
          empty={t('privacy.case.consents.empty', { organization: actor.organizationName })}
          loading={{ label: t('register.loading'), height: '8rem' }}
          error={consents.error}
          onRetry={() => void consents.refetch()}
          onLoadMore={() =>
            consents.fetchMore({ variables: { after: consentConnection?.pageInfo.endCursor } })
          }
        >
          {(nodes) => (
            <ConsentRegisterTable
              consents={nodes}
              caption={t('privacy.case.consents.caption', { reference: reference ?? '' })}
              withinCase
            />
          )}
        </PagedList>
      </Section>

      <Section title={t('privacy.case.trail.title')}>
        <Paragraph>{t('privacy.case.trail.intro', { organization: actor.organizationName })}</Paragraph>
        <PagedList
          connection={trailConnection}
          count={(shown, count) => t('audit.count', { shown, count })}
          empty={t('privacy.case.trail.empty', { organization: actor.organizationName })}
          loading={{ label: t('audit.loading'), height: '16rem' }}
          error={trail.error}
          onRetry={() => void trail.refetch()}
          onLoadMore={() => trail.fetchMore({ variables: { after: trailConnection?.pageInfo.endCursor } })}
        >
          {(events) => (
            <AuditEventTable
              events={events}
              caption={t('privacy.case.trail.caption', { reference: reference ?? '' })}
              linkCases={false}
            />
          )}
        </PagedList>
      </Section>
    </>
  );
}

export default PrivacyCasePage;
