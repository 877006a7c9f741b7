import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { MonitoringScope } from '../../gql/graphql';
import { EmptyState } from '../../ui/QueryState';
import { Section } from '../../ui/Section';
import { Table } from '../../ui/Table';
import { CountValue, DaysValue, RateValue, SuppressionNote } from './FigureValues';
import type { MonitoringCounts } from './KeyFigures';

const FIGURE_KEYS = [
  'signals',
  'reached',
  'reachRate',
  'helpAccepted',
  'helpAcceptanceRate',
  'averageDays',
  'medianDays',
  'evictionsPrevented',
] as const;
type FigureKey = (typeof FIGURE_KEYS)[number];

/** The figures both tables show, each rendered from one set of counts. */
const RENDER_FIGURE: Readonly<
  Record<FigureKey, (counts: MonitoringCounts, minimumCount: number) => ReactNode>
> = {
  signals: (c, min) => <CountValue value={c.signals} minimumCount={min} />,
  reached: (c, min) => <CountValue value={c.reached} minimumCount={min} />,
  reachRate: (c) => <RateValue rate={c.reachRate} withheld={c.suppressed} />,
  helpAccepted: (c, min) => <CountValue value={c.helpAccepted} minimumCount={min} />,
  helpAcceptanceRate: (c) => <RateValue rate={c.helpAcceptanceRate} withheld={c.suppressed} />,
  averageDays: (c) => <DaysValue days={c.averageDaysToFirstContact} withheld={c.suppressed} />,
  medianDays: (c) => <DaysValue days={c.medianDaysToFirstContact} withheld={c.suppressed} />,
  evictionsPrevented: (c, min) => <CountValue value={c.evictionsPrevented} minimumCount={min} />,
};

/**
 * The same figures per partner organisation (per municipality for a corporation, per corporation
 * otherwise). These cross organisations, so the API withholds small counts: they read "< 5".
 */
export function PartnerFigures({
  partners,
  minimumCount,
  scope,
}: {
  partners: readonly { organization: { id: string; name: string }; figures: MonitoringCounts }[];
  minimumCount: number;
  scope: MonitoringScope;
}) {
  const { t } = useTranslation();
  const anyWithheld = partners.some((partner) => partner.figures.suppressed);
  return (
    <Section title={t('monitoring.partners.title')}>
      <p className="utrecht-paragraph">{t(`monitoring.partners.intro.${scope}`)}</p>
      {partners.length === 0 ? (
        <EmptyState>{t('monitoring.partners.empty')}</EmptyState>
      ) : (
        <>
          <Table caption={t('monitoring.partners.caption')}>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">
                  {t('monitoring.columns.organization')}
                </th>
                {FIGURE_KEYS.map((key) => (
                  <th
                    key={key}
                    scope="col"
                    className="utrecht-table__header-cell utrecht-table__header-cell--numeric"
                  >
                    {t(`monitoring.columns.${key}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {partners.map((partner) => (
                <tr key={partner.organization.id} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">
                    {partner.organization.name}
                  </th>
                  {FIGURE_KEYS.map((key) => (
                    <td key={key} className="utrecht-table__cell utrecht-table__cell--numeric">
                      {RENDER_FIGURE[key](partner.figures, minimumCount)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
          {anyWithheld ? <SuppressionNote minimumCount={minimumCount} /> : null}
        </>
      )}
    </Section>
  );
}

/**
 * The region benchmark beside the own figures. The API withholds a region count when the other
 * organisations' part of it is small, so the own figures cannot be subtracted to find them.
 */
export function RegionBenchmark({
  own,
  region,
  organizationName,
  regionCode,
  minimumCount,
}: {
  own: MonitoringCounts;
  region: MonitoringCounts;
  organizationName: string;
  regionCode: string;
  minimumCount: number;
}) {
  const { t } = useTranslation();
  return (
    <Section title={t('monitoring.region.title')}>
      <p className="utrecht-paragraph">{t('monitoring.region.intro', { code: regionCode })}</p>
      <Table caption={t('monitoring.region.caption', { code: regionCode })}>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            <th scope="col" className="utrecht-table__header-cell">
              {t('monitoring.region.figure')}
            </th>
            <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">
              {organizationName}
            </th>
            <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">
              {t('monitoring.region.regionColumn', { code: regionCode })}
            </th>
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {FIGURE_KEYS.map((key) => (
            <tr key={key} className="utrecht-table__row">
              <th scope="row" className="utrecht-table__header-cell">
                {t(`monitoring.columns.${key}`)}
              </th>
              <td className="utrecht-table__cell utrecht-table__cell--numeric">
                {RENDER_FIGURE[key](own, minimumCount)}
              </td>
              <td className="utrecht-table__cell utrecht-table__cell--numeric">
                {RENDER_FIGURE[key](region, minimumCount)}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {region.suppressed ? <SuppressionNote minimumCount={minimumCount} /> : null}
    </Section>
  );
}
