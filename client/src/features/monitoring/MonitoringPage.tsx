import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { usePageTitle } from '../../app/usePageTitle';
import { getFragmentData, graphql } from '../../gql';
import { toApiError } from '../../lib/graphql-errors';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { PageHeading, Paragraph } from '../../ui/Heading';
import { QueryError } from '../../ui/QueryState';
import { Skeleton } from '../../ui/Skeleton';
import { useActor } from '../auth';
import { ChartPlaceholder } from './ChartFigure';
import { PartnerFigures, RegionBenchmark } from './CrossOrganisationFigures';
import { END_RESULTS_CHART_HEIGHT, EndResultsChart } from './EndResultsChart';
import { KeyFigures, MonitoringCountsFragment } from './KeyFigures';
import {
  formatMonthLong,
  periodFromSearch,
  periodProblems,
  periodVariables,
  type MonthPeriod,
  type PeriodProblem,
} from './period';
import { SIGNALS_CHART_HEIGHT, SignalsPerMonthChart } from './SignalsPerMonthChart';
import './monitoring.css';

export const MonitoringDocument = graphql(`
  query Monitoring($from: String!, $to: String!) {
    monitoring(from: $from, to: $to) {
      from
      to
      minimumCount
      regionCode
      scope
      organization {
        id
        name
      }
      total {
        ...MonitoringCounts_Figures
      }
      region {
        ...MonitoringCounts_Figures
      }
      byOrganization {
        organization {
          id
          name
        }
        figures {
          ...MonitoringCounts_Figures
        }
      }
      signalsPerMonth {
        month
        partnerType
        signals
      }
    }
  }
`);

function NotForYourRole() {
  const { t } = useTranslation();
  return (
    <Alert type="info" heading={t('monitoring.notForRole.heading')}>
      <p className="utrecht-paragraph">{t('monitoring.notForRole.body')}</p>
    </Alert>
  );
}

/** From and to month; the period is applied on submit, and kept in the address. */
function PeriodForm({ period, onApply }: { period: MonthPeriod; onApply: (period: MonthPeriod) => void }) {
  const { t } = useTranslation();
  const ids = { from: useId(), to: useId() };
  const [draft, setDraft] = useState(period);
  const [problems, setProblems] = useState<{ from?: PeriodProblem; to?: PeriodProblem }>({});
  const [appliedPeriod, setAppliedPeriod] = useState(period);
  // Back/forward changes the period in the address: the fields follow it.
  if (appliedPeriod.from !== period.from || appliedPeriod.to !== period.to) {
    setAppliedPeriod(period);
    setDraft(period);
    setProblems({});
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = periodProblems(draft);
    setProblems(found);
    if (Object.keys(found).length === 0) onApply(draft);
  }

  return (
    <form aria-label={t('monitoring.period.label')} onSubmit={submit} className="filter-form" noValidate>
      <TextField
        id={ids.from}
        type="month"
        label={t('monitoring.period.from')}
        description={t('monitoring.period.hint')}
        value={draft.from}
        error={problems.from ? t(`monitoring.period.problems.${problems.from}`) : undefined}
        onChange={(event) => setDraft({ ...draft, from: event.target.value })}
      />
      <TextField
        id={ids.to}
        type="month"
        label={t('monitoring.period.to')}
        description={t('monitoring.period.hint')}
        value={draft.to}
        error={problems.to ? t(`monitoring.period.problems.${problems.to}`) : undefined}
        onChange={(event) => setDraft({ ...draft, to: event.target.value })}
      />
      <Button type="submit" variant="secondary">
        {t('monitoring.period.apply')}
      </Button>
    </form>
  );
}

function Figures({ period }: { period: MonthPeriod }) {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(MonitoringDocument, {
    variables: periodVariables(period),
    fetchPolicy: 'cache-and-network',
  });
  const figures = data?.monitoring;

  if (!figures) {
    if (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'FORBIDDEN') return <NotForYourRole />;
      if (apiError.code === 'BAD_USER_INPUT') {
        return (
          <Alert type="error" live heading={t('monitoring.period.rejected')}>
            <p className="utrecht-paragraph">{apiError.message}</p>
          </Alert>
        );
      }
      return <QueryError error={error} onRetry={() => void refetch()} />;
    }
    if (!loading) return null;
    return (
      <div className="monitoring-figures">
        <Skeleton height="14rem" label={t('monitoring.loading')} className="key-figures-placeholder" />
        <ChartPlaceholder title={t('monitoring.signalsPerMonth.title')} height={SIGNALS_CHART_HEIGHT} />
        <ChartPlaceholder title={t('monitoring.endResults.title')} height={END_RESULTS_CHART_HEIGHT} />
      </div>
    );
  }

  const total = getFragmentData(MonitoringCountsFragment, figures.total);
  const region = getFragmentData(MonitoringCountsFragment, figures.region);
  const partners = figures.byOrganization.map((partner) => ({
    organization: partner.organization,
    figures: getFragmentData(MonitoringCountsFragment, partner.figures),
  }));
  return (
    <div className="monitoring-figures">
      <p className="utrecht-paragraph" aria-live="polite">
        {t('monitoring.coverage', {
          from: formatMonthLong(figures.from.slice(0, 7)),
          to: formatMonthLong(figures.to.slice(0, 7)),
        })}{' '}
        {t(`monitoring.scope.${figures.scope}`)}
      </p>
      <KeyFigures counts={total} organizationName={figures.organization.name} />
      <SignalsPerMonthChart entries={figures.signalsPerMonth} />
      <EndResultsChart endResults={total.endResults} />
      <PartnerFigures partners={partners} minimumCount={figures.minimumCount} scope={figures.scope} />
      <RegionBenchmark
        own={total}
        region={region}
        organizationName={figures.organization.name}
        regionCode={figures.regionCode}
        minimumCount={figures.minimumCount}
      />
    </div>
  );
}

/** The monitoring dashboard (docs/product.md §6) of the acting organisation, for a team lead or privacy officer. */
export function MonitoringPage() {
  const { t } = useTranslation();
  const { actor, ability } = useActor();
  const [search, setSearch] = useSearchParams();
  usePageTitle(t('monitoring.title'));
  const period = periodFromSearch(search, new Date());
  // The page arrives lazily: a navigation that found no heading yet focused <main>. Finish its job.
  useEffect(() => {
    if (document.activeElement?.id === 'main') document.querySelector<HTMLElement>('#main h1')?.focus();
  }, []);

  return (
    <>
      <PageHeading>{t('monitoring.title')}</PageHeading>
      {ability.can('view', 'Monitoring') ? (
        <>
          <Paragraph className="lead">
            {t('monitoring.intro', { organization: actor.organizationName })}
          </Paragraph>
          <PeriodForm period={period} onApply={(next) => setSearch({ van: next.from, tot: next.to })} />
          <Figures period={period} />
        </>
      ) : (
        <NotForYourRole />
      )}
    </>
  );
}

export default MonitoringPage;
