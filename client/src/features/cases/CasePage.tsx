import { useQuery } from '@apollo/client/react';
import type { OrganizationKind } from '@vangnet/shared';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';

import { ROUTES } from '../../app/routes';
import { usePageTitle } from '../../app/usePageTitle';
import { isLanguage } from '../../app/i18n';
import { getFragmentData } from '../../gql';
import type { DataCategory } from '../../gql/graphql';
import { canOnCase, type Actor } from '../../lib/ability';
import { hasErrorCode } from '../../lib/graphql-errors';
import { Button, TextLink } from '../../ui/Button';
import { PageHeading, Paragraph } from '../../ui/Heading';
import { QueryError } from '../../ui/QueryState';
import { Section } from '../../ui/Section';
import { Skeleton } from '../../ui/Skeleton';
import { ActionPlanPanel } from '../action-plans';
import { ArrearsPanel } from '../arrears';
import { useActor } from '../auth';
import { ConsentsPanel, RecordConsentDialog, type ConsentsPanelProps } from '../consents';
import { DebtsPanel, IncomeExpensesPanel } from '../finances';
import { LifecyclePanel, TimelinePanel } from '../lifecycle';
import { CaseNoteWriter, CaseNotesPanel } from '../notes';
import { ReferDialog, ReferralsPanel, type ReferralTarget } from '../referrals';
import { ContactAttemptsPanel, PreSignalPanel, SignalPanel } from '../signals';
import { ContactPanel, HouseholdPanel } from '../tenants';
import { accessFor } from './access';
import { ArrangementSection } from './ArrangementSection';
import { AssignmentPanel } from './AssignmentPanel';
import { CaseSummary } from './CaseSummary';
import { CategorySection } from './CategorySection';
import { CasePageCaseFragment, CasePageDocument, takePreloaded, type CasePageCase } from './casePageQuery';
import { consentRecipients } from './partners';
import { useLiveCase } from './useLiveCase';
import type { VangnetAbility } from '@vangnet/shared';

/** The sections of the case page; each role composes its own order from the same query. */
export type CaseSectionKey =
  | 'preSignal'
  | 'signal'
  | 'referrals'
  | 'contactAttempts'
  | 'lifecycle'
  | 'contact'
  | 'arrears'
  | 'household'
  | 'incomeExpenses'
  | 'debts'
  | 'actionPlan'
  | 'notes'
  | 'arrangement'
  | 'consents'
  | 'timeline';

/**
 * Per organisation kind, what comes first (docs/product.md §6): the corporation its arrears and the road to the
 * signal, the municipality the signal and referrals with their clocks and the intake, debt counselling
 * the financial picture. Sections the API withholds show why instead of their content.
 */
export const CASE_SECTIONS_BY_KIND: Readonly<Record<OrganizationKind, readonly CaseSectionKey[]>> = {
  HOUSING_CORPORATION: [
    'arrears',
    'preSignal',
    'signal',
    'referrals',
    'arrangement',
    'actionPlan',
    'notes',
    'contact',
    'household',
    'incomeExpenses',
    'debts',
    'consents',
    'timeline',
  ],
  MUNICIPALITY: [
    'referrals',
    'signal',
    'contactAttempts',
    'lifecycle',
    'actionPlan',
    'notes',
    'contact',
    'arrears',
    'arrangement',
    'debts',
    'incomeExpenses',
    'household',
    'consents',
    'timeline',
  ],
  DEBT_COUNSELLING: [
    'referrals',
    'actionPlan',
    'notes',
    'arrangement',
    'incomeExpenses',
    'debts',
    'lifecycle',
    'contact',
    'household',
    'arrears',
    'consents',
    'timeline',
  ],
};

interface SectionContext {
  readonly caseData: CasePageCase;
  readonly consents: ConsentsPanelProps['consents'];
  readonly actor: Actor;
  readonly ability: VangnetAbility;
  readonly recordConsent: ((category?: DataCategory) => void) | undefined;
  /** Opens the referral dialog; undefined when I may not refer or know no partner to refer to. */
  readonly refer: (() => void) | undefined;
}

function CaseSection({ section, context }: { section: CaseSectionKey; context: SectionContext }): ReactNode {
  const { t } = useTranslation();
  const { caseData, consents, actor, ability, recordConsent, refer } = context;
  const categoryProps = (category: DataCategory) => ({
    category,
    access: accessFor(caseData.access, category),
    organizationName: actor.organizationName,
    onRecordConsent: recordConsent,
  });
  switch (section) {
    case 'preSignal':
      return caseData.coarseStatus === 'PRE_SIGNAL' &&
        canOnCase(ability, 'manageArrears', caseData, actor.organizationId) ? (
        <Section title={t('preSignal.title')}>
          <PreSignalPanel caseRef={caseData} />
        </Section>
      ) : null;
    case 'signal':
      return caseData.signal || caseData.coarseStatus !== 'PRE_SIGNAL' ? (
        <Section title={t('signal.title')}>
          <SignalPanel
            caseId={caseData.id}
            caseRef={caseData}
            mayRecordEndResult={
              actor.orgKind === 'MUNICIPALITY' &&
              canOnCase(ability, 'workSignal', caseData, actor.organizationId)
            }
          />
        </Section>
      ) : null;
    case 'referrals':
      return (
        <Section
          title={t('referrals.title')}
          actions={
            refer ? (
              <Button variant="secondary" onClick={refer}>
                {t('refer.open')}
              </Button>
            ) : undefined
          }
        >
          <ReferralsPanel caseRef={caseData} actor={actor} ability={ability} />
        </Section>
      );
    case 'contactAttempts':
      return (
        <Section title={t('contactAttempts.title')}>
          <ContactAttemptsPanel
            caseId={caseData.id}
            caseRef={caseData}
            mayRecord={canOnCase(ability, 'workSignal', caseData, actor.organizationId)}
          />
        </Section>
      );
    case 'lifecycle':
      return (
        <Section title={t('lifecycle.title')}>
          <LifecyclePanel
            caseRef={caseData}
            actor={actor}
            mayTransition={canOnCase(ability, 'transition', caseData, actor.organizationId)}
            mayWorkSignal={canOnCase(ability, 'workSignal', caseData, actor.organizationId)}
          />
        </Section>
      );
    case 'contact':
      return (
        <CategorySection {...categoryProps('CONTACT')}>
          <ContactPanel caseRef={caseData} />
        </CategorySection>
      );
    case 'arrears':
      return (
        <CategorySection {...categoryProps('ARREARS')}>
          <ArrearsPanel
            caseRef={caseData}
            mayManage={
              caseData.coarseStatus !== 'CLOSED' &&
              canOnCase(ability, 'manageArrears', caseData, actor.organizationId)
            }
          />
        </CategorySection>
      );
    case 'arrangement':
      return (
        <ArrangementSection
          {...categoryProps('ARRANGEMENT')}
          caseRef={caseData}
          mayManage={
            caseData.coarseStatus !== 'CLOSED' &&
            canOnCase(ability, 'manageArrears', caseData, actor.organizationId)
          }
        />
      );
    case 'household':
      return (
        <CategorySection {...categoryProps('HOUSEHOLD')}>
          <HouseholdPanel caseRef={caseData} />
        </CategorySection>
      );
    case 'incomeExpenses':
      return (
        <CategorySection {...categoryProps('INCOME_EXPENSES')}>
          <IncomeExpensesPanel caseRef={caseData} />
        </CategorySection>
      );
    case 'debts':
      return (
        <CategorySection {...categoryProps('DEBTS')}>
          <DebtsPanel caseRef={caseData} />
        </CategorySection>
      );
    case 'actionPlan':
      return (
        <CategorySection {...categoryProps('ACTION_PLAN')}>
          <ActionPlanPanel
            caseRef={caseData}
            actingOrgId={actor.organizationId}
            mayEdit={caseData.coarseStatus !== 'CLOSED'}
          />
        </CategorySection>
      );
    case 'notes':
      return (
        <CategorySection
          {...categoryProps('CASE_NOTES')}
          whenWithheld={
            caseData.coarseStatus !== 'CLOSED' ? (
              <CaseNoteWriter
                caseId={caseData.id}
                organizationName={actor.organizationName}
                ownOrganisationOnly
              />
            ) : null
          }
        >
          <CaseNotesPanel
            caseRef={caseData}
            organizationName={actor.organizationName}
            mayWrite={caseData.coarseStatus !== 'CLOSED'}
          />
        </CategorySection>
      );
    case 'consents':
      return (
        <Section title={t('consents.title')}>
          <ConsentsPanel
            consents={consents}
            mayManage={recordConsent !== undefined}
            onRecord={recordConsent ? () => recordConsent() : undefined}
          />
        </Section>
      );
    case 'timeline':
      return (
        <Section title={t('timeline.title')}>
          <TimelinePanel caseRef={caseData} />
        </Section>
      );
  }
}

function CasePageSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="case-page">
      <div aria-hidden="true" className="skeleton__heading" />
      <Skeleton lines={5} label={t('case.loading')} />
      <Skeleton height="12rem" label="" className="skeleton--section" />
      <Skeleton height="12rem" label="" className="skeleton--section" />
    </div>
  );
}

function CaseNotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('case.notFoundTitle')}</PageHeading>
      <Paragraph>{t('case.notFound')}</Paragraph>
      <Paragraph>
        <TextLink to={ROUTES.workList}>{t('case.backToWorkList')}</TextLink>
      </Paragraph>
    </>
  );
}

const NO_PARTNERS: readonly ReferralTarget[] = [];

/** One case, composed for the acting organisation from the same `case` query. */
export function CasePage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const { actor, ability } = useActor();
  // Opened from elsewhere in the app, the page shows what the cache holds and reads the case anew; on a
  // cold load the app already asked for it (preloadCasePage) and the answer is fresh.
  const [preloadedId] = useState(() => (takePreloaded(caseId) ? caseId : null));
  const { data, loading, error, refetch } = useQuery(CasePageDocument, {
    variables: { id: caseId },
    fetchPolicy: caseId === preloadedId ? 'cache-first' : 'cache-and-network',
  });
  const [consentFor, setConsentFor] = useState<{ category?: DataCategory } | null>(null);
  const [referring, setReferring] = useState(false);
  const [status, setStatus] = useState('');
  const partners = data?.partnerOrganizations ?? NO_PARTNERS;
  const caseData = data ? getFragmentData(CasePageCaseFragment, data.case) : undefined;
  useLiveCase(caseData?.id ?? '');
  usePageTitle(caseData ? t('case.title', { reference: caseData.reference }) : t('case.loadingTitle'));

  if (!caseData) {
    if (loading) return <CasePageSkeleton />;
    if (hasErrorCode(error, 'NOT_FOUND')) return <CaseNotFound />;
    return (
      <>
        <PageHeading>{t('case.loadingTitle')}</PageHeading>
        <QueryError error={error} onRetry={() => void refetch()} />
      </>
    );
  }

  const mayManageConsents = canOnCase(ability, 'manageConsents', caseData, actor.organizationId);
  const recordConsent = mayManageConsents
    ? (category?: DataCategory) => {
        setStatus('');
        setConsentFor(category ? { category } : {});
      }
    : undefined;
  const recipients = consentRecipients(caseData, partners, {
    id: actor.organizationId,
    name: actor.organizationName,
    kind: actor.orgKind,
  });
  const mayRefer = canOnCase(ability, 'refer', caseData, actor.organizationId) && partners.length > 0;
  const refer = mayRefer
    ? () => {
        setStatus('');
        setReferring(true);
      }
    : undefined;
  const tenantLanguage = caseData.contact?.language;

  return (
    <div className="case-page">
      <PageHeading>{t('case.title', { reference: caseData.reference })}</PageHeading>
      <p role="status" className="utrecht-paragraph status-line">
        {status}
      </p>
      <Section title={t('case.summaryTitle')}>
        <CaseSummary caseRef={caseData} />
      </Section>
      {canOnCase(ability, 'assign', caseData, actor.organizationId) ? (
        <Section title={t('assignment.title')}>
          <AssignmentPanel caseId={caseData.id} assignees={caseData.assignees} />
        </Section>
      ) : null}
      {CASE_SECTIONS_BY_KIND[actor.orgKind].map((section) => (
        <CaseSection
          key={section}
          section={section}
          context={{ caseData, consents: data?.consents ?? [], actor, ability, recordConsent, refer }}
        />
      ))}
      {referring ? (
        <ReferDialog
          caseId={caseData.id}
          targets={partners}
          onClose={() => setReferring(false)}
          onReferred={(message) => {
            setReferring(false);
            setStatus(message);
          }}
        />
      ) : null}
      {consentFor ? (
        <RecordConsentDialog
          caseId={caseData.id}
          recipients={recipients}
          defaultRecipientId={actor.organizationId}
          defaultCategory={consentFor.category}
          tenantLanguage={isLanguage(tenantLanguage) ? tenantLanguage : undefined}
          onClose={() => setConsentFor(null)}
          onRecorded={(message) => {
            setConsentFor(null);
            setStatus(message);
          }}
        />
      ) : null}
    </div>
  );
}
